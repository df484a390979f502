package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/cmd/authenticode"
)

// stateFiles are the example's state files.
func stateFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../../examples/state/*.json")
	if err != nil || len(files) != 3 {
		t.Fatalf("examples/state: %v %v", files, err)
	}
	return files
}

// TestAdoptCommands: export, import, plan --state and batches --state, with
// their exit codes.
func TestAdoptCommands(t *testing.T) {
	dir := t.TempDir()
	changed := filepath.Join(dir, "changed.yaml")
	example := readFile(t, "../../examples/contoso-complete.yaml")
	os.WriteFile(changed, []byte(strings.Replace(string(example), "mailTipsAccessLevel: All", "mailTipsAccessLevel: Limited", 1)), 0o644)
	states := stateFiles(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // a substring of standard output
	}{
		{name: "export", args: []string{"export", "-o", filepath.Join(dir, "export"), "--tenant", "contoso.onmicrosoft.com"}, code: ExitOK, stdout: "export-online.ps1"},
		{name: "export with a control character", args: []string{"export", "-o", filepath.Join(dir, "x"), "--organization", "a\nb"}, code: ExitUsage},
		{name: "import to a file", args: append(append([]string{"import"}, states...), "-o", filepath.Join(dir, "one", "hybrid.yaml")), code: ExitOK, stdout: "hybrid.yaml"},
		{name: "import to a directory", args: append(append([]string{"import"}, states...), "-o", filepath.Join(dir, "config")), code: ExitOK, stdout: "permissions-0001.yaml"},
		{name: "import an unknown kind", args: append(append([]string{"import"}, states...), "-o", filepath.Join(dir, "y"), "--exclude", "nope"), code: ExitUsage},
		{name: "validate the import", args: []string{"validate", filepath.Join(dir, "config")}, code: ExitOK},
		{name: "plan --state on the import", args: append(append([]string{"plan", "--state"}, states...), filepath.Join(dir, "config")), code: planNoChanges, stdout: "Plan: no changes"},
		{name: "plan --state on the example", args: append(append([]string{"plan", "--state"}, states...), "../../examples/contoso-complete.yaml"), code: planNoChanges},
		{name: "plan --state on a change", args: append(append([]string{"plan", "--state"}, states...), changed), code: planChanges, stdout: "MailTipsAccessLevel: 'All' -> 'Limited'"},
		{name: "plan --state json", args: append(append([]string{"plan", "--state", "--format", "json"}, states...), changed), code: planChanges, stdout: `"name": "MailTipsAccessLevel"`},
		{name: "plan --state without FILE", args: []string{"plan", "--state", states[0]}, code: planError},
		{name: "plan --state on a bad state", args: []string{"plan", "--state", changed, changed}, code: planError},
		{name: "batches --state csv", args: append(append([]string{"batches", "--state"}, states...), "--format", "csv"), code: ExitOK, stdout: "1,onprem1@contoso.com\n1,onprem2@contoso.com\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := hybridc(t, nil, tt.args...)
			if r.code != tt.code || !strings.Contains(r.stdout, tt.stdout) {
				t.Errorf("exit %d (want %d), stdout:\n%s\nstderr:\n%s", r.code, tt.code, r.stdout, r.stderr)
			}
		})
	}
}

// TestExportSigned: export signs both scripts like compile.
func TestExportSigned(t *testing.T) {
	dir := t.TempDir()
	r := hybridc(t, envWith(testPassword(t)), "export", "-o", dir, "--sign-pfx", filepath.Join(pki, "rsa.pfx"))
	if r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, n := range []string{"export-onprem.ps1", "export-online.ps1"} {
		if _, signed := authenticode.Strip(readFile(t, filepath.Join(dir, n))); !signed {
			t.Errorf("%s is not signed", n)
		}
	}
}
