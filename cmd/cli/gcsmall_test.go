package cli

import (
	"runtime/debug"
	"strings"
	"testing"
)

// TestCollectorForInputSize holds the collector's target to the input's
// size: the examples (a file, and the same split into a directory) are
// small and get smallInputGCPercent; a file past smallInput gets Go's
// default back; a GOGC in the environment is left as it is.
func TestCollectorForInputSize(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	e := &env{stdin: strings.NewReader(""), getenv: noEnv}
	large := writeFile(t, t.TempDir(), "large.yaml", "version: 1\n"+strings.Repeat("# a comment line of the large file\n", smallInput/30))
	for _, c := range []struct {
		path string
		want int
	}{{exampleYAML, smallInputGCPercent}, {splitExample(t), smallInputGCPercent}, {large, 100}} {
		in, err := readInput(e, c.path)
		if err != nil {
			t.Fatal(err)
		}
		debug.SetGCPercent(-1)
		collectorFor(in)
		if got := debug.SetGCPercent(100); got != c.want {
			t.Errorf("%s (%d bytes): GOGC %d, want %d", c.path, in.size(), got, c.want)
		}
	}
	t.Setenv("GOGC", "50")
	in, err := readInput(e, exampleYAML)
	if err != nil {
		t.Fatal(err)
	}
	debug.SetGCPercent(50)
	collectorFor(in)
	if got := debug.SetGCPercent(100); got != 50 {
		t.Errorf("with GOGC=50 in the environment: GOGC %d, want 50 left as it is", got)
	}
}
