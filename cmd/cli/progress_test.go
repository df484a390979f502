package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
	"github.com/hybridc/hybridc/compiler/scalegen"
)

// TestProgress: progress shows on standard error only when it is a
// terminal and --quiet is not given, with counts where a stage has them,
// and its line is cleared before the run ends. The tests pretend to be a
// terminal and show progress at once, so that no clock is involved.
func TestProgress(t *testing.T) {
	out := t.TempDir()
	states := stateFiles(t)
	complete := "../../examples/contoso-complete.yaml"
	big := writeBytes(t, filepath.Join(t.TempDir(), "big.yaml"), scalegen.YAML(scalegen.Config(300, 2500, 1)))
	signed := compileTo(t, rsaPFX()...)
	conf := filepath.Join(t.TempDir(), "conf")
	changed := writeFile(t, t.TempDir(), "changed.yaml", strings.Replace(string(readFile(t, exampleYAML)), "mailTipsAccessLevel: All", "mailTipsAccessLevel: Limited", 1))
	tests := []struct {
		name     string
		args     []string
		terminal bool
		code     int
		want     []string // whole progress lines, in order; nil: no progress at all
		contains []string // parts of progress lines, in any order (work done at the same time)
	}{
		{name: "validate on a terminal", args: []string{"validate", exampleYAML}, terminal: true,
			want: []string{"reading " + exampleYAML, "validating " + exampleYAML, "validating " + exampleYAML + ": checking 20 of 20 rules"}},
		{name: "validate of two files", args: []string{"validate", exampleYAML, exampleYAML}, terminal: true,
			want: []string{"validating " + exampleYAML + " (1 of 2)", "validating " + exampleYAML + " (2 of 2): decoding", "validating " + exampleYAML + " (2 of 2): checking 20 of 20 rules"}},
		{name: "validate counts list items", args: []string{"validate", big}, terminal: true,
			want: []string{"validating " + big + ": validating 0 of 2,800 list items", "validating " + big + ": validating 1,400 of 2,800 list items",
				"validating " + big + ": validating 2,800 of 2,800 list items", "validating " + big + ": checking 20 of 20 rules"}},
		{name: "compile on a terminal", args: []string{"compile", exampleYAML, "-o", out}, terminal: true,
			want: []string{"reading " + exampleYAML, "compiling " + exampleYAML, "compiling " + exampleYAML + ": rendering 2 of 2 scripts",
				"compiling " + exampleYAML + ": writing the runbook", "writing " + out}},
		{name: "compile and sign", args: append([]string{"compile", exampleYAML, "-o", t.TempDir()}, rsaPFX()...), terminal: true,
			want: []string{"signing online.ps1 (1 of 2)", "signing onprem.ps1 (2 of 2)"}},
		{name: "batches on a terminal", args: []string{"batches", "../../examples/permissions.yaml"}, terminal: true,
			want: []string{"validating ../../examples/permissions.yaml", "validating ../../examples/permissions.yaml: checking 1 of 20 rules"}},
		{name: "batches --state", args: append([]string{"batches", "--state"}, states...), terminal: true,
			want: []string{"reading state " + states[0] + " (1 of 3)", "reading state " + states[2] + " (3 of 3)", "reading the permissions", "computing the batches"}},
		{name: "plan", args: []string{"plan", exampleYAML, changed}, terminal: true, code: planChanges,
			want: []string{"reading " + exampleYAML, "reading " + changed, "analyzing " + exampleYAML + " (1 of 2)", "analyzing " + exampleYAML + " (1 of 2): checking 20 of 20 rules",
				"analyzing " + changed + " (2 of 2): ordering 2 of 2 scripts", "comparing"}},
		{name: "plan --state", args: append(append([]string{"plan", "--state"}, states...), complete), terminal: true,
			contains: []string{"reading state " + states[0] + " (1 of 3)", "reading state " + states[2] + " (3 of 3)", "analyzing " + complete + ": checking 20 of 20 rules",
				"hybridc: comparing with the states... 0s"}},
		{name: "import", args: append(append([]string{"import"}, states...), "-o", conf), terminal: true,
			want: []string{"reading state " + states[1] + " (2 of 3)", "importing 3 states", "validating the configuration",
				"validating the configuration: checking 20 of 20 rules", "writing " + conf}},
		{name: "verify --config", args: []string{"verify", "--no-chain", "--config", exampleYAML, filepath.Join(signed, "online.ps1"), filepath.Join(signed, "onprem.ps1")}, terminal: true,
			want: []string{"compiling " + exampleYAML + ": checking 20 of 20 rules", "checking " + filepath.Join(signed, "online.ps1") + " (1 of 2)", "checking " + filepath.Join(signed, "onprem.ps1") + " (2 of 2)"}},
		{name: "sign --config", args: append([]string{"sign", "--config", exampleYAML, filepath.Join(signed, "online.ps1")}, rsaPFX()...), terminal: true,
			want: []string{"compiling " + exampleYAML + ": rendering 1 of 2 scripts", "signing " + filepath.Join(signed, "online.ps1")}},
		{name: "not a terminal", args: []string{"validate", exampleYAML}, terminal: false},
		{name: "plan not on a terminal", args: []string{"plan", exampleYAML, changed}, code: planChanges, terminal: false},
		{name: "validate --quiet", args: []string{"validate", "--quiet", exampleYAML}, terminal: true},
		{name: "compile --quiet", args: []string{"compile", "--quiet", exampleYAML, "-o", out}, terminal: true},
		{name: "batches --quiet", args: []string{"batches", "--quiet", "../../examples/permissions.yaml"}, terminal: true},
		{name: "batches --state --quiet", args: append([]string{"batches", "--quiet", "--state"}, states...), terminal: true},
		{name: "plan --quiet", args: []string{"plan", "--quiet", exampleYAML, changed}, code: planChanges, terminal: true},
		{name: "plan --state --quiet", args: append(append([]string{"plan", "--state", "--quiet"}, states...), complete), terminal: true},
		{name: "import --quiet", args: append(append([]string{"import", "--quiet"}, states...), "-o", filepath.Join(t.TempDir(), "conf")), terminal: true},
		{name: "verify --quiet", args: []string{"verify", "--quiet", "--no-chain", "--config", exampleYAML, filepath.Join(signed, "online.ps1")}, terminal: true},
		{name: "sign --quiet", args: append([]string{"sign", "--quiet", "--config", exampleYAML, filepath.Join(signed, "online.ps1")}, rsaPFX()...), terminal: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: noEnv,
				terminal: func(w io.Writer) bool { return tc.terminal && w == io.Writer(&stderr) }}
			if code := e.run(tc.args); code != tc.code {
				t.Fatalf("exit %d, want %d\n%s", code, tc.code, stderr.String())
			}
			got := stderr.String()
			if tc.want == nil && tc.contains == nil {
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
			for _, w := range tc.contains {
				if !strings.Contains(got, w) {
					t.Errorf("stderr lacks %q:\n%q", w, got)
				}
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

// TestProgressCleared: every line a command writes to standard error
// after its progress starts begins on a cleared line: progress never runs
// into a message, a diagnostic or the end of the run.
func TestProgressCleared(t *testing.T) {
	bad := writeFile(t, t.TempDir(), "bad.yaml", "version: 1\nexchangeOnline:\n  tenant: contoso.com\n  primarySmtpDomains: [contoso.com]\n")
	states := stateFiles(t)
	for _, args := range [][]string{
		{"validate", bad},
		{"plan", exampleYAML, bad},
		{"import", states[0], filepath.Join(t.TempDir(), "missing.json"), "-o", filepath.Join(t.TempDir(), "x.yaml")},
		{"batches", "--state", filepath.Join(t.TempDir(), "missing.json")},
		{"plan", "--state", states[0], bad},
		{"verify", "--no-chain", "--config", bad, "x.ps1"},
	} {
		t.Run(strings.Join(args[:2], " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: noEnv,
				terminal: func(w io.Writer) bool { return w == io.Writer(&stderr) }}
			if code := e.run(args); code == ExitOK {
				t.Fatalf("exit 0\n%s", stderr.String())
			}
			got := stderr.String()
			if !strings.Contains(got, "\rhybridc: ") {
				t.Fatalf("no progress:\n%q", got)
			}
			// Each progress line is drawn with "\r" and ends in "\x1b[K";
			// text after it must come after a clear ("\r\x1b[K").
			for _, seg := range strings.Split(got, "\r")[1:] {
				if strings.HasPrefix(seg, "hybridc: ") && !strings.HasSuffix(seg, "\x1b[K") {
					t.Errorf("text runs into the progress line: %q", seg)
				}
			}
			if !strings.HasSuffix(strings.SplitAfter(got, "\x1b[K")[len(strings.SplitAfter(got, "\x1b[K"))-2], "\r\x1b[K") {
				t.Errorf("the last progress line is not cleared:\n%q", got)
			}
		})
	}
}

// TestStepText: how the progress line shows the compiler's steps.
func TestStepText(t *testing.T) {
	for _, tc := range []struct {
		step compiler.Step
		want string
	}{
		{compiler.Step{Stage: "decoding"}, "decoding"},
		{compiler.Step{Stage: "validating", Done: 12000, Total: 220000, Unit: "list items"}, "validating 12,000 of 220,000 list items"},
		{compiler.Step{Stage: "loading", Done: 3_170_000, Total: 21_254_930, Unit: "bytes"}, "loading 3.1 of 21.2 MB"},
		{compiler.Step{Stage: "loading", Done: 21_254_930, Total: 21_254_930, Unit: "bytes"}, "loading 21.2 of 21.2 MB"},
		{compiler.Step{Stage: "loading", Done: 2_048, Total: 9_500, Unit: "bytes"}, "loading 3 of 10 kB"},
	} {
		if got := stepText(tc.step); got != tc.want {
			t.Errorf("stepText(%+v) = %q, want %q", tc.step, got, tc.want)
		}
	}
}

// TestThousands: counts are written with a comma every three digits.
func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 12345: "12,345", 220000: "220,000", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
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
