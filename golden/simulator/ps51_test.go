package simulator

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
)

// ps51Checker refuses syntax Windows PowerShell 5.1 lacks.
const ps51Checker = "Test-HybridcPs51Syntax.ps1"

// TestPs51SyntaxGeneratedScripts checks every script hybridc generates, for
// every example, every valid golden case and the export command, plus the
// checker itself, in one pwsh run.
func TestPs51SyntaxGeneratedScripts(t *testing.T) {
	pwsh := pwshPath(t)
	dir := t.TempDir()
	var paths []string
	add := func(label string, files compiler.Files) {
		for _, name := range files.Names() {
			if filepath.Ext(name) != ".ps1" {
				continue
			}
			rel := filepath.Join(label, name)
			if err := os.MkdirAll(filepath.Join(dir, label), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, rel), files[name], 0o644); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, rel)
		}
	}
	compiled := 0
	for _, c := range configs(t) {
		compiled++
		add(c.Label, c.Files)
	}
	for label, opt := range map[string]compiler.ExportOptions{
		"export":       {ToolVersion: "0.0.0-test"},
		"export_named": {ToolVersion: "0.0.0-test", Organization: "Contoso", Tenant: "contoso.onmicrosoft.com"},
	} {
		files, err := compiler.RenderExport(opt)
		if err != nil {
			t.Fatalf("%s: %v", label, err)
		}
		add(label, files)
	}
	checker, err := filepath.Abs(ps51Checker)
	if err != nil {
		t.Fatal(err)
	}
	paths = append(paths, checker)

	findings, code := runPs51Check(t, pwsh, dir, paths)
	for _, f := range findings {
		t.Errorf("Windows PowerShell 5.1 lacks: %s", f)
	}
	if code != 0 && len(findings) == 0 {
		t.Errorf("%s exited %d without a finding", ps51Checker, code)
	}
	t.Logf("checked %d scripts from %d valid inputs and the export command", len(paths), compiled)
}

func writeScript(t *testing.T, dir, name, text string) {
	t.Helper()
	text = strings.ReplaceAll(text, "^", "`")
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// findingLine is one line of the checker's output: file, line, column,
// message.
var findingLine = regexp.MustCompile(`^(.+?):(\d+):(\d+): (.+)$`)

// runPs51Check runs the checker in dir over paths (relative to dir, so
// findings name them so) and returns its findings and exit code; any other
// output or exit code fails the test.
func runPs51Check(t *testing.T, pwsh, dir string, paths []string) ([]string, int) {
	t.Helper()
	checker, err := filepath.Abs(ps51Checker)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(pwsh, append([]string{"-NoProfile", "-NonInteractive", "-File", checker, "-Path"}, paths...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "POWERSHELL_TELEMETRY_OPTOUT=1", "POWERSHELL_UPDATECHECK=Off", "NO_COLOR=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("running pwsh: %v", err)
	}
	if code > 1 || stderr.Len() > 0 {
		t.Fatalf("%s exited %d:\n%s%s", ps51Checker, code, stdout.String(), stderr.String())
	}
	var findings []string
	for _, line := range strings.Split(strings.ReplaceAll(stdout.String(), "\r\n", "\n"), "\n") {
		if line == "" {
			continue
		}
		if !findingLine.MatchString(line) {
			t.Fatalf("%s printed a line that is not a finding: %q", ps51Checker, line)
		}
		findings = append(findings, line)
	}
	return findings, code
}
