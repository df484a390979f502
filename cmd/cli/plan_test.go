package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitRepo makes a git repository in a new directory, isolated from the
// user's and the system's git configuration, and returns its path.
func gitRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	repo := t.TempDir()
	gitIn(t, repo, "init", "-q")
	return repo
}

// gitIn runs git in dir, failing the test on error.
func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=hybridc test", "-c", "user.email=test@example.com",
		"-c", "commit.gpgsign=false"}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// commitAll commits every file of the repository.
func commitAll(t *testing.T, repo, message string) {
	t.Helper()
	gitIn(t, repo, "add", "-A")
	gitIn(t, repo, "commit", "-q", "-m", message)
}

func TestPlanBase(t *testing.T) {
	repo := gitRepo(t)
	original := string(readFile(t, example))
	changed := strings.Replace(original, "mailTipsAccessLevel: All", "mailTipsAccessLevel: Limited", 1)
	if changed == original {
		t.Fatal("the example has no mailTipsAccessLevel: All to change")
	}
	cfgDir := filepath.Join(repo, "config")
	if err := os.MkdirAll(filepath.Join(cfgDir, "split"), 0o755); err != nil {
		t.Fatal(err)
	}
	file := writeFile(t, cfgDir, "hybrid.yaml", original)
	writeFile(t, cfgDir, "same.yaml", original)
	writeFile(t, cfgDir, "broken.yaml", "version: 1\n")
	split := filepath.Join(cfgDir, "split")
	top, rest, _ := strings.Cut(original, "exchangeOnline:")
	writeFile(t, split, "1-onprem.yaml", top)
	writeFile(t, split, "2-online.yaml", "exchangeOnline:"+rest)
	commitAll(t, repo, "first")
	// The work tree changes after the commit; plan --base compares with it.
	writeFile(t, cfgDir, "hybrid.yaml", changed)
	writeFile(t, cfgDir, "broken.yaml", original)
	writeFile(t, cfgDir, "new.yaml", original)
	writeFile(t, split, "2-online.yaml", "exchangeOnline:"+strings.Replace(rest, "mailTipsAccessLevel: All", "mailTipsAccessLevel: None", 1))
	writeFile(t, split, "3-more.yaml", "onPremises:\n  organizationRelationships:\n    - name: Second\n      domainNames: [contoso.mail.onmicrosoft.com, service.contoso.com, contoso.com]\n")

	tests := []struct {
		name       string
		dir        string // working directory; "" for the package's
		args       []string
		wantCode   int
		wantStdout []string
		wantStderr string
	}{
		{name: "changed file", args: []string{"plan", "--base", "HEAD", file}, wantCode: planChanges,
			wantStdout: []string{"hybridc plan: HEAD:config/hybrid.yaml -> " + file, "~ organizationRelationship/To Cloud", "MailTipsAccessLevel: 'All' -> 'Limited'"}},
		{name: "relative path from a subdirectory", dir: cfgDir, args: []string{"plan", "--base", "HEAD", "hybrid.yaml"}, wantCode: planChanges,
			wantStdout: []string{"HEAD:config/hybrid.yaml -> hybrid.yaml"}},
		{name: "relative path with ..", dir: split, args: []string{"plan", "--base", "HEAD", "../hybrid.yaml"}, wantCode: planChanges,
			wantStdout: []string{"HEAD:config/hybrid.yaml -> ../hybrid.yaml"}},
		{name: "unchanged file", args: []string{"plan", "--base", "HEAD", filepath.Join(cfgDir, "same.yaml")}, wantCode: planNoChanges,
			wantStdout: []string{"Plan: no changes, 3 unchanged."}},
		{name: "a file not in the revision: everything is added", args: []string{"plan", "--base", "HEAD", filepath.Join(cfgDir, "new.yaml")}, wantCode: planChanges,
			wantStdout: []string{"HEAD:config/new.yaml (absent: everything is added)", "+ organizationRelationship/To Cloud", "a new script", "Plan: 3 to add, 0 unchanged."}},
		{name: "a directory", args: []string{"plan", "--base", "HEAD", "--format", "json", split}, wantCode: planChanges,
			wantStdout: []string{`"old": "HEAD:config/split"`, `"added": [` + "\n" + `        "organizationRelationship/Second"`, `"old": "All"`, `"new": "None"`}},
		{name: "the old version is invalid", args: []string{"plan", "--base", "HEAD", filepath.Join(cfgDir, "broken.yaml")}, wantCode: planError,
			wantStderr: "HEAD:config/broken.yaml has errors"},
		{name: "an unknown revision", args: []string{"plan", "--base", "no-such-branch", file}, wantCode: planError, wantStderr: "not a commit"},
		{name: "a revision that looks like a flag", args: []string{"plan", "--base=--output=x", file}, wantCode: planError, wantStderr: "not a git revision"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.dir != "" {
				t.Chdir(tt.dir)
			}
			code, stdout, stderr := run(t, "", tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, stdout, stderr)
			}
			for _, w := range tt.wantStdout {
				if !strings.Contains(stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, stdout)
				}
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantStderr, stderr)
			}
		})
	}
}

// TestPlanBaseLinks checks that plan --base refuses a symbolic link stored
// in git, alone or in a directory: its blob holds the link's target, not
// the YAML the work tree reads through it.
func TestPlanBaseLinks(t *testing.T) {
	repo := gitRepo(t)
	original := string(readFile(t, example))
	shared := filepath.Join(repo, "shared")
	split := filepath.Join(repo, "split")
	for _, d := range []string{shared, split} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	top, rest, _ := strings.Cut(original, "exchangeOnline:")
	writeFile(t, shared, "hybrid.yaml", original)
	writeFile(t, shared, "online.yaml", "exchangeOnline:"+rest)
	writeFile(t, split, "1-onprem.yaml", top)
	for link, target := range map[string]string{
		filepath.Join(repo, "hybrid.yaml"):    filepath.Join("shared", "hybrid.yaml"),
		filepath.Join(split, "2-online.yaml"): filepath.Join("..", "shared", "online.yaml"),
	} {
		if err := os.Symlink(target, link); err != nil {
			t.Skipf("cannot make a symbolic link here: %v", err)
		}
	}
	commitAll(t, repo, "links")
	// A directory configuration reads no link even in the work tree.
	if r := hybridc(t, nil, "validate", split); r.code != ExitUsage || !strings.Contains(r.stderr, "2-online.yaml is a symbolic link") {
		t.Errorf("validate %s: exit %d, want %d refusing the link\n%s%s", split, r.code, ExitUsage, r.stdout, r.stderr)
	}
	if r := hybridc(t, nil, "validate", filepath.Join(repo, "hybrid.yaml")); r.code != ExitOK {
		t.Fatalf("validate hybrid.yaml: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for p, want := range map[string]string{
		filepath.Join(repo, "hybrid.yaml"): "is a symbolic link in git (mode 120000)",
		split:                              "2-online.yaml is a symbolic link",
	} {
		code, stdout, stderr := run(t, "", "plan", "--base", "HEAD", p)
		if code != planError || !strings.Contains(stderr, want) {
			t.Errorf("plan --base HEAD %s: exit %d, want %d refusing the link\nstdout: %s\nstderr: %s", p, code, planError, stdout, stderr)
		}
	}
}

// TestPlanOutsideGit checks that --base outside a git repository is an
// error, exit 2, that names git.
func TestPlanOutsideGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Setenv("GIT_CEILING_DIRECTORIES", os.TempDir())
	dir := t.TempDir()
	file := writeFile(t, dir, "hybrid.yaml", string(readFile(t, example)))
	code, _, stderr := run(t, "", "plan", "--base", "HEAD", file)
	if code != planError || !strings.Contains(stderr, "not a git repository") {
		t.Errorf("exit %d, want %d with git's message; stderr: %s", code, planError, stderr)
	}
}

func TestPlanExitCodes(t *testing.T) {
	dir := t.TempDir()
	original := string(readFile(t, example))
	same := writeFile(t, dir, "same.yaml", original)
	changed := writeFile(t, dir, "changed.yaml", strings.Replace(original, "mailTipsAccessLevel: All", "mailTipsAccessLevel: Limited", 1))
	bad := writeFile(t, dir, "bad.yaml", "version: 1\nexchangeOnline:\n  tenant: contoso.com\n  primarySmtpDomains: [contoso.com]\n")
	tests := []struct {
		name       string
		args       []string
		stdin      string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{name: "no changes", args: []string{example, same}, wantCode: planNoChanges, wantStdout: "Plan: no changes"},
		{name: "changes", args: []string{example, changed}, wantCode: planChanges, wantStdout: "Plan: 1 to change"},
		{name: "new version from standard input", args: []string{example, "-"}, stdin: original, wantCode: planNoChanges, wantStdout: "-> <stdin>"},
		{name: "invalid new version", args: []string{example, bad}, wantCode: planError, wantStderr: "bad.yaml:3:11: error HC0205"},
		{name: "invalid old version", args: []string{bad, example}, wantCode: planError, wantStderr: "bad.yaml has errors"},
		{name: "missing file", args: []string{example, filepath.Join(dir, "nope.yaml")}, wantCode: planError, wantStderr: "no such file"},
		{name: "one file without --base", args: []string{example}, wantCode: planError, wantStderr: "give OLD and NEW, or --base REV and one FILE"},
		{name: "two files with --base", args: []string{"--base", "HEAD", example, same}, wantCode: planError, wantStderr: "give OLD and NEW"},
		{name: "unknown flag", args: []string{"--nope", example, same}, wantCode: planError, wantStderr: "flag provided but not defined"},
		{name: "unknown format", args: []string{"--format", "yaml", example, same}, wantCode: planError, wantStderr: `unknown --format "yaml"`},
		{name: "help", args: []string{"--help"}, wantCode: ExitOK, wantStdout: "terraform plan -detailed-exitcode"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tt.stdin, append([]string{"plan"}, tt.args...)...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, stdout, stderr)
			}
			if !strings.Contains(stdout, tt.wantStdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.wantStdout, stdout)
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantStderr, stderr)
			}
		})
	}
}

// TestPlanMarkdownIsInert checks that values from the YAML cannot add
// Markdown, HTML or @mentions to a pull request comment.
func TestPlanMarkdownIsInert(t *testing.T) {
	dir := t.TempDir()
	original := string(readFile(t, example))
	hostile := strings.Replace(original, "- name: To Cloud", "- name: \"To Cloud | <img src=x> __@org/admins__ `x`\"", 1)
	old := writeFile(t, dir, "old.yaml", original)
	new := writeFile(t, dir, "new.yaml", hostile)
	code, stdout, stderr := run(t, "", "plan", "--format", "markdown", old, new)
	if code != planChanges {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, bad := range []string{"<img", "src=x", "__@", "@org", "`x`"} {
		if strings.Contains(stdout, bad) {
			t.Errorf("the Markdown holds %q from the YAML:\n%s", bad, stdout)
		}
	}
	if !strings.Contains(stdout, "<code>organizationRelationship/To Cloud &#124; &#60;img src&#61;x&#62; &#95;&#95;&#64;org/admins&#95;&#95; &#96;x&#96;</code>") {
		t.Errorf("the hostile name is not shown as inline code:\n%s", stdout)
	}
}

// TestPlanJSONShape checks the documented JSON shape of a set and a scalar
// change.
func TestPlanJSONShape(t *testing.T) {
	dir := t.TempDir()
	original := string(readFile(t, example))
	changed := strings.Replace(original, "mailTipsAccessLevel: All", "mailTipsAccessLevel: Limited", 1)
	changed = strings.Replace(changed, "        - contoso.mail.onmicrosoft.com\n", "        - contoso.mail.onmicrosoft.com\n        - emea.contoso.com\n", 1)
	old := writeFile(t, dir, "old.yaml", original)
	new := writeFile(t, dir, "new.yaml", changed)
	code, stdout, stderr := run(t, "", "plan", "--format", "json", old, new)
	if code != planChanges {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var got struct {
		FormatVersion int `json:"formatVersion"`
		Scripts       []struct {
			File    string `json:"file"`
			Changed []struct {
				Resource   string           `json:"resource"`
				Properties []map[string]any `json:"properties"`
			} `json:"changed"`
		} `json:"scripts"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	if got.FormatVersion != 1 || got.Scripts[0].File != "onprem.ps1" || len(got.Scripts[0].Changed) != 1 {
		t.Fatalf("unexpected plan:\n%s", stdout)
	}
	props, _ := json.Marshal(got.Scripts[0].Changed[0].Properties)
	want := `[{"added":["emea.contoso.com"],"name":"DomainNames","removed":[]},{"name":"MailTipsAccessLevel","new":"Limited","old":"All"}]`
	if string(props) != want {
		t.Errorf("properties:\n got %s\nwant %s", props, want)
	}
}

// TestPrintable: what the outputs for people escape.
func TestPrintable(t *testing.T) {
	for _, tt := range []struct {
		name, in, want string
	}{
		{name: "plain text and letters beyond ASCII stay", in: "Zürich ’s", want: "Zürich ’s"},
		{name: "terminal escapes", in: "\x1b[2J\a", want: `\x1b[2J\x07`},
		{name: "bidirectional override", in: "evil\u202egnp.exe", want: `evil\u202egnp.exe`},
		{name: "zero-width and line separators", in: "a\u200bb\u2028c\u0085", want: `a\u200bb\u2028c\x85`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := printable(tt.in); got != tt.want {
				t.Errorf("printable(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
