package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// needGit skips a test where git is not installed.
func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("needs git")
	}
}

// runGit runs git in dir as a test user, without signing, and returns its
// output, failing the test when git fails.
func runGit(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=hybridc test", "-c", "user.email=test@example.com",
		"-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// moduleRoot is the directory of hybridc's go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil || len(bytes.TrimSpace(out)) == 0 {
		t.Fatalf("go env GOMOD: %v", err)
	}
	return filepath.Dir(string(bytes.TrimSpace(out)))
}

// sourceFiles are the files a checkout needs to build hybridc, relative to
// the module root: go.mod, go.sum, LICENSE, and the files of every
// directory of the module that cmd/hybridc's packages are in (the working
// tree as it is, test files left out).
func sourceFiles(t *testing.T, root string) []string {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-f", "{{if .Module}}{{if .Module.Main}}{{.Dir}}{{end}}{{end}}", "./cmd/hybridc")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	files := []string{"go.mod", "go.sum", "LICENSE"}
	for _, dir := range strings.Fields(string(out)) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.Type().IsRegular() && !strings.HasSuffix(e.Name(), "_test.go") {
				rel, err := filepath.Rel(root, filepath.Join(dir, e.Name()))
				if err != nil {
					t.Fatal(err)
				}
				files = append(files, rel)
			}
		}
	}
	return files
}

// tempCheckout copies what building hybridc needs into a new git
// repository and commits it; with a tag, it also tags the commit
// (annotated, as a release is). It returns the directory and the commit.
func tempCheckout(t *testing.T, tag string) (dir, commit string) {
	t.Helper()
	needGit(t)
	root := moduleRoot(t)
	dir = t.TempDir()
	for _, f := range sourceFiles(t, root) {
		data, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	runGit(t, dir, "init", "-q")
	runGit(t, dir, "add", "-A")
	runGit(t, dir, "commit", "-q", "-m", "hybridc")
	if tag != "" {
		runGit(t, dir, "tag", "-a", tag, "-m", tag)
	}
	return dir, runGit(t, dir, "rev-parse", "HEAD")
}

// TestRefusedCheckouts: without -snapshot, a checkout that is not a clean
// checkout of the tag is refused with exit 2 before anything is built,
// saying why and naming -snapshot; the output directory is not created.
func TestRefusedCheckouts(t *testing.T) {
	dir, commit := tempCheckout(t, "")
	tests := []struct {
		name  string
		setup func()
		want  []string
	}{
		{"untagged", func() {}, []string{"there is no tag v1.2.3", "git tag -a v1.2.3"}},
		{"untracked file", func() {
			runGit(t, dir, "tag", "v1.2.3")
			writeFile(t, filepath.Join(dir, "cmd", "hybridc", "extra.go"), "package main\n")
		}, []string{"the working tree has changes or untracked files", "?? cmd/hybridc/extra.go"}},
		{"changed file", func() {
			os.Remove(filepath.Join(dir, "cmd", "hybridc", "extra.go"))
			writeFile(t, filepath.Join(dir, "LICENSE"), "changed\n")
		}, []string{"(git status --porcelain:  M LICENSE)"}},
		{"tag elsewhere", func() {
			runGit(t, dir, "commit", "-q", "-am", "later")
		}, []string{"the tag v1.2.3 is commit " + commit[:12] + " but HEAD is "}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.setup()
			out := filepath.Join(t.TempDir(), "dist")
			var stdout, stderr bytes.Buffer
			t.Chdir(dir)
			code := run(context.Background(), []string{"-version", "v1.2.3", "-o", out, "-targets", "linux/amd64"}, &stdout, &stderr)
			msg := stderr.String()
			if code != 2 || !strings.Contains(msg, "not building release v1.2.3") || !strings.Contains(msg, "add -snapshot") {
				t.Errorf("exit %d, stderr:\n%s", code, msg)
			}
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("stderr lacks %q:\n%s", w, msg)
				}
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("the output directory was created")
			}
		})
	}
}

// writeFile writes text to path, failing the test when it cannot.
func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReadCheckout: what git says of a checkout, for the four states a
// release cares about.
func TestReadCheckout(t *testing.T) {
	needGit(t)
	dir := t.TempDir()
	runGit(t, dir, "init", "-q")
	writeFile(t, filepath.Join(dir, "a"), "a\n")
	runGit(t, dir, "add", "a")
	runGit(t, dir, "commit", "-q", "-m", "a")
	head := runGit(t, dir, "rev-parse", "HEAD")
	ctx := context.Background()
	c, err := readCheckout(ctx, dir, "v1.0.0")
	if err != nil || c.commit != head || c.tagged != "" || len(c.dirty) != 0 {
		t.Errorf("untagged: %+v, %v", c, err)
	}
	runGit(t, dir, "tag", "-a", "v1.0.0", "-m", "v1.0.0") // annotated: the tag object is not the commit
	writeFile(t, filepath.Join(dir, "b"), "b\n")
	c, err = readCheckout(ctx, dir, "v1.0.0")
	if err != nil || c.tagged != head || !slices.Equal(c.dirty, []string{"?? b"}) {
		t.Errorf("tagged, untracked b: %+v, %v", c, err)
	}
	if _, err := readCheckout(ctx, t.TempDir(), "v1.0.0"); err == nil || !strings.Contains(err.Error(), "is not a git checkout") {
		t.Errorf("outside git: %v", err)
	}
}

// TestStampVersion: a release keeps its version only from a clean checkout
// of its tag; a snapshot says so in build metadata, whatever the checkout.
func TestStampVersion(t *testing.T) {
	const head, other = "0123456789abcdef0123456789abcdef01234567", "fedcba9876543210fedcba9876543210fedcba98"
	clean := checkout{commit: head, tagged: head}
	if v, err := stampVersion("v1.1.0", false, clean); v != "v1.1.0" || err != nil {
		t.Errorf("clean tagged: %q, %v", v, err)
	}
	for _, c := range []checkout{{commit: head}, {commit: head, tagged: other}, {commit: head, tagged: head, dirty: []string{" M go.mod"}}} {
		if v, err := stampVersion("v1.1.0", false, c); err == nil || !strings.Contains(err.Error(), "-snapshot, which stamps v1.1.0-snapshot+0123456789ab") {
			t.Errorf("%+v: %q, %v", c, v, err)
		}
	}
	snapshots := []struct {
		version string
		c       checkout
		want    string
	}{
		{"v1.1.0", clean, "v1.1.0-snapshot+0123456789ab"},
		{"v1.1.0", checkout{commit: head, dirty: []string{"?? x"}}, "v1.1.0-snapshot+0123456789ab.dirty"},
		{"v1.1.0-rc.1", checkout{commit: head}, "v1.1.0-rc.1.snapshot+0123456789ab"},
	}
	for _, tc := range snapshots {
		v, err := stampVersion(tc.version, true, tc.c)
		if v != tc.want || err != nil {
			t.Errorf("snapshot of %s %+v: %q, %v; want %q", tc.version, tc.c, v, err, tc.want)
		}
		if checkVersion(v) == nil {
			t.Errorf("the snapshot version %q passes for a release tag", v)
		}
	}
}
