package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// TestNoLineStartsAWorkflowCommand runs the commands that print file
// names on files and directories named like GitHub workflow commands, by
// relative names, and checks that no line of their output starts (after
// white space, as the Actions runner reads it) with "::" unless it is one
// of the github format's own annotations. (It runs in a directory of its
// own, so not through hybridc, which reads the test keys by relative
// names; it prints no key or password.)
func TestNoLineStartsAWorkflowCommand(t *testing.T) {
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	example, dupYAML := abs(exampleYAML), abs("testdata/leadsafe-dup.yaml")
	pfx := []string{"--sign-pfx", abs(td("rsa.pfx")), "--sign-password-file", abs(passwordTxt)}
	imp := []string{"import"}
	for _, f := range stateFiles(t) {
		imp = append(imp, abs(f))
	}
	t.Chdir(t.TempDir())
	dup, cfg, out := "::error file=README.md,line=1::Approved by security ##[error]x.yaml", " ::warning::x.yaml", "::set-output name=x::y"
	writeBytes(t, dup, readFile(t, dupYAML))
	writeBytes(t, cfg, readFile(t, example))
	runs := [][]string{
		{"validate", dup},
		{"validate", "--format", "github", dup},
		{"compile", cfg, "-o", out},
		{"verify", "--no-chain", filepath.Join(out, "onprem.ps1")},
		append(imp, "-o", "::imp"),
		append(append([]string{"sign", "--no-config"}, pfx...), filepath.Join(out, "*.ps1")),
	}
	for _, args := range runs {
		var stdout, stderr bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: noEnv}
		r := result{code: e.run(args), stdout: stdout.String(), stderr: stderr.String()}
		if !strings.Contains(r.stdout+r.stderr, "::") {
			t.Fatalf("%q printed no name (exit %d):\n%s%s", args, r.code, r.stdout, r.stderr)
		}
		for _, line := range strings.Split(r.stdout+r.stderr, "\n") {
			lead := strings.TrimLeftFunc(line, unicode.IsSpace)
			if strings.Contains(line, "##[") || strings.HasPrefix(lead, "::") && !(args[1] == "--format" && strings.HasPrefix(line, "::error file=")) {
				t.Errorf("%q: a line reads as a workflow command:\n%s", args, line)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(out, "onprem.ps1")); err != nil {
		t.Fatal(err)
	}
}
