package golden_test

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/cmd/cli"
)

// importOutputs runs "hybridc import STATE.json... -o hybrid.yaml ARGS" for
// each case of import/: its state files are its *.json, in name order, and
// args.txt (if any) holds ARGS, one a line. A case stores the YAML import
// writes (none when it refuses the states) and, in diagnostics.txt,
// everything it says on standard error. The states are named relative to
// golden/, so that messages do not depend on where the test runs.
func importOutputs(t *testing.T) []*output {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join("import", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no import cases found: %v", err)
	}
	var outs []*output
	for _, dir := range dirs {
		states, err := filepath.Glob(filepath.Join(dir, "*.json"))
		if err != nil || len(states) == 0 {
			t.Fatalf("%s: no state files (*.json)", dir)
		}
		slices.Sort(states)
		var args []string
		if _, err := os.Stat(filepath.Join(dir, "args.txt")); err == nil {
			args = readArgs(t, filepath.Join(dir, "args.txt"))
		}
		var got map[string][]byte
		for run := 0; run < 2; run++ {
			out := t.TempDir()
			var stdout, stderr bytes.Buffer
			argv := append(append(append([]string{"import"}, states...), "-o", filepath.Join(out, "hybrid.yaml")), args...)
			code := cli.Run(argv, strings.NewReader(""), &stdout, &stderr)
			if code != cli.ExitOK && code != cli.ExitFindings {
				t.Fatalf("%s: hybridc import: exit %d\n%s", dir, code, stderr.String())
			}
			files := readDir(t, out)
			if stderr.Len() > 0 {
				files[diagnosticsFile] = stderr.Bytes()
			}
			if (code == cli.ExitOK) != (files["hybrid.yaml"] != nil) {
				t.Fatalf("%s: hybridc import: exit %d, but files %v", dir, code, slices.Sorted(maps.Keys(files)))
			}
			if run == 1 && !sameFiles(got, files) {
				t.Fatalf("%s: two runs of hybridc import gave different output", dir)
			}
			got = files
		}
		outs = append(outs, &output{
			dir: filepath.ToSlash(dir),
			got: got,
			isInput: func(name string) bool {
				return name == "args.txt" || filepath.Ext(name) == ".json"
			},
			check: func(*testing.T, string, []byte) {},
		})
	}
	return outs
}
