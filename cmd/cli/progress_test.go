package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestProgress: progress shows on standard error only when it is a
// terminal and --quiet is not given, and its line is cleared before the
// run ends. The tests pretend to be a terminal and show progress at once,
// so that no clock is involved.
func TestProgress(t *testing.T) {
	out := t.TempDir()
	tests := []struct {
		name     string
		args     []string
		terminal bool
		want     []string // progress lines, in order; nil: no progress at all
	}{
		{name: "validate on a terminal", args: []string{"validate", exampleYAML}, terminal: true,
			want: []string{"reading " + exampleYAML, "validating " + exampleYAML}},
		{name: "validate of two files", args: []string{"validate", exampleYAML, exampleYAML}, terminal: true,
			want: []string{"validating " + exampleYAML + " (1 of 2)", "validating " + exampleYAML + " (2 of 2)"}},
		{name: "compile on a terminal", args: []string{"compile", exampleYAML, "-o", out}, terminal: true,
			want: []string{"reading " + exampleYAML, "compiling " + exampleYAML, "writing " + out}},
		{name: "batches on a terminal", args: []string{"batches", "../../examples/permissions.yaml"}, terminal: true,
			want: []string{"validating ../../examples/permissions.yaml"}},
		{name: "not a terminal", args: []string{"validate", exampleYAML}, terminal: false},
		{name: "validate --quiet", args: []string{"validate", "--quiet", exampleYAML}, terminal: true},
		{name: "compile --quiet", args: []string{"compile", "--quiet", exampleYAML, "-o", out}, terminal: true},
		{name: "batches --quiet", args: []string{"batches", "--quiet", "../../examples/permissions.yaml"}, terminal: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: noEnv,
				terminal: func(w io.Writer) bool { return tc.terminal && w == io.Writer(&stderr) }}
			if code := e.run(tc.args); code != ExitOK {
				t.Fatalf("exit %d\n%s", code, stderr.String())
			}
			got := stderr.String()
			if tc.want == nil {
				if strings.Contains(got, "\r") {
					t.Errorf("progress shown:\n%q", got)
				}
				return
			}
			rest := got
			for _, w := range tc.want {
				line := "\rhybridc: " + w + "... 0s\x1b[K"
				i := strings.Index(rest, line)
				if i < 0 {
					t.Fatalf("stderr lacks %q in order:\n%q", line, got)
				}
				rest = rest[i+len(line):]
			}
			if !strings.HasSuffix(got, "\r\x1b[K") && !strings.Contains(got, "\r\x1b[K") {
				t.Errorf("the progress line is not cleared:\n%q", got)
			}
			if strings.Contains(stdout.String(), "\r") {
				t.Errorf("progress on stdout:\n%q", stdout.String())
			}
		})
	}
}

// TestIsTerminal: a regular file and a pipe are not terminals.
func TestIsTerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	tests := []struct {
		name string
		w    io.Writer
		want bool
	}{
		{name: "a regular file", w: f, want: false},
		{name: "a pipe", w: w, want: false},
		{name: "a buffer", w: &bytes.Buffer{}, want: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := isTerminal(tc.w); got != tc.want {
				t.Errorf("isTerminal = %v, want %v", got, tc.want)
			}
		})
	}
}
