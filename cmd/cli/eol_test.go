package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitOutput runs git in dir and returns its output, failing the test on
// error.
func gitOutput(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// initRepo makes a git repository in a new directory with hybridc init's
// files and the scripts compiled and signed into scripts/, committed.
// Without attributes, .gitattributes is left out of the commit, as in a
// repository made before hybridc init wrote one.
func initRepo(t *testing.T, attributes bool) string {
	t.Helper()
	repo := gitRepo(t) // no global or system git configuration
	gitIn(t, repo, "config", "core.autocrlf", "false")
	if r := hybridc(t, nil, "init", repo, "--tenant", "contoso.onmicrosoft.com", "--domain", "contoso.com", "--organization", "Contoso"); r.code != ExitOK {
		t.Fatalf("init: exit %d\n%s", r.code, r.stderr)
	}
	if !attributes {
		os.Remove(filepath.Join(repo, ".gitattributes"))
	}
	args := append([]string{"compile", filepath.Join(repo, "hybrid.yaml"), "-o", filepath.Join(repo, "scripts")}, rsaPFX()...)
	if r := hybridc(t, nil, args...); r.code != ExitOK {
		t.Fatalf("compile: exit %d\n%s", r.code, r.stderr)
	}
	commitAll(t, repo, "hybridc init and compile")
	return repo
}

// TestAutocrlfClone: in a clone made with core.autocrlf=true, as Git for
// Windows makes them by default, the committed scripts are current for
// verify --config and compile --check, and so for the pre-commit hooks.
// With init's .gitattributes the YAML stays LF and the scripts
// byte-exact; without it (a repository older than it), git checks the
// YAML and runbook.md out with CRLF and the scripts are still current:
// the configuration's hash ignores line breaks, and runbook.md is compared
// line by line.
func TestAutocrlfClone(t *testing.T) {
	for _, tt := range []struct {
		name       string
		attributes bool
		wantCRLF   bool // the clone's hybrid.yaml has CRLF line breaks
	}{
		{name: "init's .gitattributes", attributes: true, wantCRLF: false},
		{name: "no .gitattributes", attributes: false, wantCRLF: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			repo := initRepo(t, tt.attributes)
			clone := filepath.Join(t.TempDir(), "clone")
			gitIn(t, repo, "clone", "-q", "-c", "core.autocrlf=true", repo, clone)

			yaml := readFile(t, filepath.Join(clone, "hybrid.yaml"))
			if got := bytes.Contains(yaml, []byte("\r\n")); got != tt.wantCRLF {
				t.Fatalf("the clone's hybrid.yaml has CRLF line breaks: %v, want %v", got, tt.wantCRLF)
			}
			committed := scripts(t, filepath.Join(repo, "scripts"))
			for name, data := range scripts(t, filepath.Join(clone, "scripts")) {
				if !bytes.Equal(data, committed[name]) {
					t.Errorf("git changed %s in the clone", name)
				}
			}
			ps1, _ := filepath.Glob(filepath.Join(clone, "scripts", "*.ps1"))
			verify := append([]string{"verify", "--no-chain", "--config", filepath.Join(clone, "hybrid.yaml")}, ps1...)
			if r := hybridc(t, nil, verify...); r.code != ExitOK {
				t.Errorf("verify --config in the clone: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			check := append([]string{"compile", filepath.Join(clone, "hybrid.yaml"), "-o", filepath.Join(clone, "scripts"), "--check"}, rsaPFX()...)
			if r := hybridc(t, nil, check...); r.code != ExitOK {
				t.Errorf("compile --check in the clone: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			if out := gitOutput(t, clone, "status", "--porcelain"); out != "" {
				t.Errorf("the clone is not clean:\n%s", out)
			}
		})
	}
}

// TestConvertedScripts: a script whose line breaks or byte order mark git
// converted is not current, and compile --check and verify say why; a
// runbook.md checked out with CRLF is current; other changes are reported
// as before.
func TestConvertedScripts(t *testing.T) {
	toLF := func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")) }
	noBOM := func(b []byte) []byte { return bytes.TrimPrefix(b, []byte("\ufeff")) }
	toCRLF := func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) }
	edit := func(b []byte) []byte { return bytes.Replace(b, []byte("Write-Host"), []byte("Write-Output"), 1) }
	tests := []struct {
		name      string
		file      string
		change    func([]byte) []byte
		checkCode int
		want      string // in the output of compile --check and, for a script, verify
	}{
		{name: "script with LF", file: "onprem.ps1", change: toLF, checkCode: ExitFindings, want: "line breaks or byte order mark were converted"},
		{name: "script without its BOM", file: "onprem.ps1", change: noBOM, checkCode: ExitFindings, want: "line breaks or byte order mark were converted"},
		{name: "script edited", file: "onprem.ps1", change: edit, checkCode: ExitFindings, want: "differs from what"},
		{name: "runbook with CRLF", file: "runbook.md", change: toCRLF, checkCode: ExitOK},
		{name: "runbook edited", file: "runbook.md", change: func(b []byte) []byte { return append(b, "more\n"...) }, checkCode: ExitFindings, want: "differs from what"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := compileTo(t, rsaPFX()...)
			p := filepath.Join(dir, tt.file)
			before := readFile(t, p)
			if after := tt.change(before); bytes.Equal(after, before) {
				t.Fatal("the change changed nothing")
			} else {
				writeBytes(t, p, after)
			}
			r := hybridc(t, nil, append([]string{"compile", exampleYAML, "-o", dir, "--check"}, rsaPFX()...)...)
			if r.code != tt.checkCode || !strings.Contains(r.stdout, tt.want) {
				t.Errorf("compile --check: exit %d, want %d and %q:\n%s%s", r.code, tt.checkCode, tt.want, r.stdout, r.stderr)
			}
			if tt.file == "runbook.md" {
				return
			}
			r = hybridc(t, nil, "verify", "--no-chain", "--config", exampleYAML, p)
			if r.code != ExitFindings || !strings.Contains(r.stdout, "INVALID") {
				t.Errorf("verify: exit %d, want 1 and INVALID:\n%s%s", r.code, r.stdout, r.stderr)
			}
			converted := strings.Contains(r.stdout, "line breaks or byte order mark were converted")
			if want := strings.Contains(tt.want, "converted"); converted != want {
				t.Errorf("verify says the script was converted: %v, want %v:\n%s", converted, want, r.stdout)
			}
		})
	}
}

// TestVerifyConvertedThenSigned: a script converted to LF and then signed
// again has an intact signature, but verify --config says it is not what
// the YAML compiles to, and why.
func TestVerifyConvertedThenSigned(t *testing.T) {
	dir := compileTo(t)
	p := filepath.Join(dir, "onprem.ps1")
	writeBytes(t, p, bytes.ReplaceAll(readFile(t, p), []byte("\r\n"), []byte("\n")))
	if r := hybridc(t, nil, append(append([]string{"sign", "--no-config"}, rsaPFX()...), p)...); r.code != ExitOK {
		t.Fatalf("sign: exit %d\n%s", r.code, r.stderr)
	}
	r := hybridc(t, nil, "verify", "--no-chain", "--config", exampleYAML, p)
	if r.code != ExitFindings || !strings.Contains(r.stdout, "INVALID: its line breaks or byte order mark were converted") {
		t.Errorf("verify: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
