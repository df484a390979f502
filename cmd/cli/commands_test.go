package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run drives the CLI in-process like a user at a shell.
func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

const example = "../../examples/contoso-hybrid.yaml"

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.yaml", "version: 1\nexchangeOnline:\n  tenant: contoso.com\n  primarySmtpDomains: [contoso.com]\n")
	tests := []struct {
		name       string
		args       []string
		stdin      string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{name: "no arguments", args: nil, wantCode: ExitUsage, wantStderr: "Usage:"},
		{name: "unknown command", args: []string{"frobnicate"}, wantCode: ExitUsage, wantStderr: `unknown command "frobnicate"`},
		{name: "help", args: []string{"--help"}, wantCode: ExitOK, wantStdout: "hybridc compile hybrid.yaml -o out"},
		{name: "help for a command", args: []string{"help", "compile"}, wantCode: ExitOK, wantStdout: "Usage: hybridc compile FILE -o DIR"},
		{name: "command --help", args: []string{"validate", "--help"}, wantCode: ExitOK, wantStdout: "Examples:"},
		{name: "version", args: []string{"version"}, wantCode: ExitOK, wantStdout: "hybridc "},
		{name: "validate clean", args: []string{"validate", example}, wantCode: ExitOK},
		{name: "validate findings", args: []string{"validate", bad}, wantCode: ExitFindings, wantStdout: "bad.yaml:3:11: error HC0205: tenant:"},
		{name: "validate missing file", args: []string{"validate", filepath.Join(dir, "nope.yaml")}, wantCode: ExitUsage, wantStderr: "no such file"},
		{name: "validate without file", args: []string{"validate"}, wantCode: ExitUsage, wantStderr: "no file given"},
		{name: "validate stdin", args: []string{"validate", "-"}, stdin: "version: 2\n", wantCode: ExitFindings, wantStdout: "<stdin>:1:10: error HC0204"},
		{name: "validate unknown flag", args: []string{"validate", "--nope", example}, wantCode: ExitUsage, wantStderr: "flag provided but not defined"},
		{name: "compile without -o", args: []string{"compile", example}, wantCode: ExitUsage, wantStderr: "need exactly one FILE and -o DIR"},
		{name: "compile two files", args: []string{"compile", example, example, "-o", dir}, wantCode: ExitUsage},
		{name: "compile findings", args: []string{"compile", bad, "-o", filepath.Join(dir, "out-bad")}, wantCode: ExitFindings, wantStderr: "nothing was written"},
		{name: "schema", args: []string{"schema"}, wantCode: ExitOK, wantStdout: `"$id": "https://hybridc.dev/schema/hybrid.schema.json"`},
		{name: "schema takes no argument", args: []string{"schema", "x"}, wantCode: ExitUsage},
		{name: "schema --part", args: []string{"schema", "--part"}, wantCode: ExitOK, wantStdout: `"$id": "https://hybridc.dev/schema/hybrid.part.schema.json"`},
		{name: "schema --part --state", args: []string{"schema", "--part", "--state"}, wantCode: ExitUsage, wantStderr: "--state and --part exclude each other"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tt.stdin, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, stdout, stderr)
			}
			if !strings.Contains(stdout, tt.wantStdout) {
				t.Errorf("stdout %q does not contain %q", stdout, tt.wantStdout)
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stderr %q does not contain %q", stderr, tt.wantStderr)
			}
		})
	}
}

func TestSchemaIsJSON(t *testing.T) {
	_, stdout, _ := run(t, "", "schema")
	var v map[string]any
	if err := json.Unmarshal([]byte(stdout), &v); err != nil {
		t.Fatalf("hybridc schema is not JSON: %v", err)
	}
}

func TestCompileWritesScripts(t *testing.T) {
	out := filepath.Join(t.TempDir(), "nested", "out")
	// Flags may follow the file, as the README writes them.
	code, stdout, stderr := run(t, "", "compile", example, "-o", out)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, name := range []string{"onprem.ps1", "online.ps1"} {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte("\xef\xbb\xbf#Requires -Version 5.1\r\n")) {
			t.Errorf("%s does not start with a BOM and a CRLF line", name)
		}
		if !strings.Contains(stdout, filepath.Join(out, name)) {
			t.Errorf("stdout does not list %s", name)
		}
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 3 {
		t.Errorf("output directory holds %d entries, want the 2 scripts, the runbook and no temporary files", len(entries))
	}
	first, _ := os.ReadFile(filepath.Join(out, "onprem.ps1"))
	if code, _, _ := run(t, "", "compile", "-o", out, example); code != ExitOK {
		t.Fatal("second compile failed")
	}
	second, _ := os.ReadFile(filepath.Join(out, "onprem.ps1"))
	if !bytes.Equal(first, second) {
		t.Error("compiling twice gave different bytes")
	}
}

func TestFailedCompileLeavesFilesUntouched(t *testing.T) {
	out := t.TempDir()
	earlier := writeFile(t, out, "onprem.ps1", "earlier content\r\n")
	bad := writeFile(t, t.TempDir(), "bad.yaml", "version: 1\nexchangeOnline:\n  tenant: x.onmicrosoft.com\n  primarySmtpDomains: [contoso.com]\n  colour: blue\n")
	if code, _, _ := run(t, "", "compile", bad, "-o", out); code != ExitFindings {
		t.Fatalf("exit %d, want %d", code, ExitFindings)
	}
	data, _ := os.ReadFile(earlier)
	if string(data) != "earlier content\r\n" {
		t.Error("a failed compile changed an earlier file")
	}
	if entries, _ := os.ReadDir(out); len(entries) != 1 {
		t.Errorf("a failed compile left %d entries in the output directory, want 1", len(entries))
	}
}

func TestCompileWarnsAboutStaleScripts(t *testing.T) {
	out := t.TempDir()
	writeFile(t, out, "partner-fabrikam.com.ps1", "\ufeff<#\r\n    Generated by hybridc 0.1.0 from old.yaml\r\n#>\r\n")
	writeFile(t, out, "mine.ps1", "Write-Host 'written by hand'\r\n")
	code, _, stderr := run(t, "", "compile", example, "-o", out)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "partner-fabrikam.com.ps1 was generated by hybridc but is no longer produced") {
		t.Errorf("no stale warning for the old partner script: %s", stderr)
	}
	if strings.Contains(stderr, "mine.ps1 was generated") {
		t.Error("a hand-written script was reported as stale")
	}
	if !strings.Contains(stderr, "mine.ps1 is a script hybridc did not write") {
		t.Errorf("no warning about the hand-written script: %s", stderr)
	}
}

// TestBatchesOfThePermissionsExample pins the batches that the comment of
// examples/permissions.yaml explains, so that example and tool agree.
func TestBatchesOfThePermissionsExample(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{name: "service accounts left out", args: []string{"--exclude-service-accounts"},
			want: "Batch,EmailAddress\n1,ONPREM1\n1,ONPREM2\n1,ONPREM3\n2,ASSIST1\n2,BOSS1\n3,ADMIN1\n4,ONPREM4\n"},
		{name: "service account fuses two batches", args: nil,
			want: "Batch,EmailAddress\n1,ASSIST1\n1,BOSS1\n1,ONPREM1\n1,ONPREM2\n1,ONPREM3\n1,SVC-SCAN\n2,ADMIN1\n3,ONPREM4\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"batches", "../../examples/permissions.yaml", "--format", "csv"}, tt.args...)
			code, stdout, stderr := run(t, "", args...)
			if code != ExitOK || stdout != tt.want {
				t.Errorf("exit %d\nstdout:\n%s\nwant:\n%s\nstderr: %s", code, stdout, tt.want, stderr)
			}
		})
	}
}
