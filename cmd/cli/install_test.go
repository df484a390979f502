package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestInstallVersion(t *testing.T) {
	const rev = "0123456789abcdef0123456789abcdef01234567"
	vcs := &debug.BuildInfo{Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}}}
	tests := []struct {
		v    string
		bi   *debug.BuildInfo
		want string
	}{
		{"v1.2.3", nil, "v1.2.3"},
		{"v1.2.3-rc.1", nil, "v1.2.3-rc.1"},
		{"v0.0.0-20260101120000-0123456789ab", nil, "0123456789ab"},
		{"v1.2.4-0.20260101120000-0123456789ab+dirty", vcs, "0123456789ab"},
		{"v1.2.3-rc.1.0.20260101120000-0123456789ab", nil, "0123456789ab"},
		{"devel+0123456789ab", vcs, rev},
		{"devel+0123456789ab+dirty", vcs, rev},
		{"devel", nil, ""},
		{"devel", &debug.BuildInfo{Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "not a hash"}}}, ""},
	}
	for _, tc := range tests {
		if got := installVersion(tc.v, tc.bi); got != tc.want {
			t.Errorf("installVersion(%q) = %q, want %q", tc.v, got, tc.want)
		}
	}
	// A snapshot of the release builder: no release tag, the commit it
	// stamped (Commit) instead of Go's VCS stamp.
	old := Commit
	t.Cleanup(func() { Commit = old })
	Commit = rev
	if got := installVersion("v1.2.3-snapshot+0123456789ab.dirty", nil); got != rev {
		t.Errorf("snapshot: installVersion = %q, want %q", got, rev)
	}
	if got := installVersion("v1.2.3", nil); got != "v1.2.3" {
		t.Errorf("release with Commit: installVersion = %q, want v1.2.3", got)
	}
}

// workflow is the part of a GitHub Actions workflow the tests read.
type workflow struct {
	Env  map[string]string `yaml:"env"`
	Jobs map[string]struct {
		Steps []struct {
			Name string `yaml:"name"`
			Uses string `yaml:"uses"`
			If   string `yaml:"if"`
			Run  string `yaml:"run"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

// installRuns returns the run script of every "Install hybridc" step.
func (w workflow) installRuns() []string {
	var runs []string
	for _, j := range w.Jobs {
		for _, s := range j.Steps {
			if s.Name == "Install hybridc" {
				runs = append(runs, s.Run)
			}
		}
	}
	return runs
}

// initWorkflow runs init with this hybridc's version set to v and returns
// the CI workflow it wrote, and init's standard error.
func initWorkflow(t *testing.T, v string) (workflow, string) {
	t.Helper()
	old := Version
	Version = v
	t.Cleanup(func() { Version = old })
	dir := t.TempDir()
	r := hybridc(t, nil, "init", dir, "--tenant", "contoso.onmicrosoft.com", "--domain", "contoso.com")
	if r.code != ExitOK {
		t.Fatalf("init: exit %d\n%s", r.code, r.stderr)
	}
	var w workflow
	if err := yaml.Unmarshal(readFile(t, filepath.Join(dir, ".github/workflows/hybridc.yml")), &w); err != nil {
		t.Fatal(err)
	}
	return w, r.stderr
}

// TestInitWorkflowVersion: a release's init pins its tag; a hybridc that
// is neither a release nor a known commit leaves HYBRIDC_VERSION empty
// and says so.
func TestInitWorkflowVersion(t *testing.T) {
	w, stderr := initWorkflow(t, "v1.2.3")
	if w.Env["HYBRIDC_VERSION"] != "v1.2.3" || w.Env["HYBRIDC_RELEASES"] != releasesURL || strings.Contains(stderr, "HYBRIDC_VERSION") {
		t.Errorf("release: env %v, stderr:\n%s", w.Env, stderr)
	}
	if runs := w.installRuns(); len(runs) != 1 || runs[0] != installScript {
		t.Errorf("the install step is not installScript: %q", runs)
	}
	w, stderr = initWorkflow(t, "devel")
	if w.Env["HYBRIDC_VERSION"] != "" || !strings.Contains(stderr, "set HYBRIDC_VERSION in ") {
		t.Errorf("devel: env %v, stderr:\n%s", w.Env, stderr)
	}
}

// TestExampleWorkflowInstall: every job of examples/ci/hybridc.yml installs
// hybridc with the same step as the workflow init writes.
func TestExampleWorkflowInstall(t *testing.T) {
	var w workflow
	if err := yaml.Unmarshal(readFile(t, "../../examples/ci/hybridc.yml"), &w); err != nil {
		t.Fatal(err)
	}
	runs := w.installRuns()
	if len(runs) != len(w.Jobs) {
		t.Errorf("%d install steps in %d jobs", len(runs), len(w.Jobs))
	}
	for _, r := range runs {
		if r != installScript {
			t.Errorf("an install step differs from installScript:\n%s", r)
		}
	}
	if w.Env["HYBRIDC_RELEASES"] != releasesURL {
		t.Errorf("HYBRIDC_RELEASES = %q", w.Env["HYBRIDC_RELEASES"])
	}
}

// TestInstallScript runs the install step in bash against release files
// served from a directory (file:// URLs): a binary whose hash is in
// SHA256SUMS is put on PATH; a changed binary, one missing from
// SHA256SUMS, a wrong HYBRIDC_SHA256 or no version is refused and nothing
// is put on PATH.
func TestInstallScript(t *testing.T) {
	for _, tool := range []string{"bash", "curl", "sha256sum", "awk", "uname"} {
		if _, err := exec.LookPath(tool); err != nil || runtime.GOOS != "linux" {
			t.Skipf("needs Linux and %s", tool)
		}
	}
	arch := map[string]string{"amd64": "amd64", "arm64": "arm64"}[runtime.GOARCH]
	if arch == "" {
		t.Skip("no release binary for " + runtime.GOARCH)
	}
	const v = "v1.2.3"
	bin := "hybridc_" + v + "_linux_" + arch
	fake := []byte("#!/bin/sh\necho fake hybridc \"$@\"\n")
	sum := sha256.Sum256(fake)
	hash := hex.EncodeToString(sum[:])
	tests := []struct {
		name    string
		version string
		binary  []byte // what the release page serves
		sums    string
		pin     string
		want    string // in the output; "" means success
	}{
		{name: "checked", version: v, binary: fake, sums: hash + "  " + bin + "\n" + strings.Repeat("0", 64) + "  other\n"},
		{name: "pinned", version: v, binary: fake, sums: hash + "  " + bin + "\n", pin: hash},
		{name: "changed binary", version: v, binary: append([]byte("evil"), fake...), sums: hash + "  " + bin + "\n", want: "FAILED"},
		{name: "not in SHA256SUMS", version: v, binary: fake, sums: hash + "  " + bin + ".exe\n", want: "no properly formatted"},
		{name: "wrong pin", version: v, binary: fake, sums: hash + "  " + bin + "\n", pin: strings.Repeat("a", 64), want: "FAILED"},
		{name: "no release", version: "v9.9.9", binary: fake, sums: hash + "  " + bin + "\n", want: "::error::hybridc v9.9.9: could not download"},
		{name: "no version", version: "", want: "::error::set HYBRIDC_VERSION"},
		{name: "not a version", version: "v1.2.3/../../x", want: "::error::set HYBRIDC_VERSION"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			releases, runner := t.TempDir(), t.TempDir()
			if err := os.Mkdir(filepath.Join(releases, v), 0o755); err != nil {
				t.Fatal(err)
			}
			writeBytes(t, filepath.Join(releases, v, bin), tc.binary)
			writeBytes(t, filepath.Join(releases, v, "SHA256SUMS"), []byte(tc.sums))
			ghPath := filepath.Join(runner, "github_path")
			cmd := exec.Command("bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", installScript)
			cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "RUNNER_TEMP=" + runner, "GITHUB_PATH=" + ghPath,
				"HYBRIDC_VERSION=" + tc.version, "HYBRIDC_SHA256=" + tc.pin, "HYBRIDC_RELEASES=file://" + releases}
			out, err := cmd.CombinedOutput()
			installed := filepath.Join(runner, "hybridc-bin", "hybridc")
			if tc.want == "" {
				if err != nil || !strings.Contains(string(out), "fake hybridc version") {
					t.Fatalf("%v\n%s", err, out)
				}
				if p := strings.TrimSpace(string(readFile(t, ghPath))); p != filepath.Dir(installed) {
					t.Errorf("GITHUB_PATH holds %q, want %q", p, filepath.Dir(installed))
				}
				return
			}
			if err == nil || !strings.Contains(string(out), tc.want) {
				t.Errorf("want a failure saying %q; err %v\n%s", tc.want, err, out)
			}
			if _, err := os.Stat(installed); err == nil {
				t.Error("hybridc was installed")
			}
			if _, err := os.Stat(ghPath); err == nil {
				t.Error("GITHUB_PATH was written")
			}
		})
	}
}

// TestInstallScriptCommit: for a commit hash the install step builds that
// commit with go install, without cgo, into the directory it puts on PATH.
func TestInstallScriptCommit(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil || runtime.GOOS == "windows" {
		t.Skip("needs bash")
	}
	const commit = "0123456789abcdef0123456789abcdef01234567"
	runner, fakeBin := t.TempDir(), t.TempDir()
	// A go command that records how it was called and installs a fake hybridc.
	writeBytes(t, filepath.Join(fakeBin, "go"), []byte(`#!/bin/sh
echo "CGO_ENABLED=$CGO_ENABLED $*" > "$GOBIN/go-args"
printf '#!/bin/sh\necho built hybridc "$@"\n' > "$GOBIN/hybridc"
chmod +x "$GOBIN/hybridc"
`))
	if err := os.Chmod(filepath.Join(fakeBin, "go"), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", installScript)
	cmd.Env = []string{"PATH=" + fakeBin + string(os.PathListSeparator) + os.Getenv("PATH"), "RUNNER_TEMP=" + runner,
		"GITHUB_PATH=" + filepath.Join(runner, "github_path"), "HYBRIDC_VERSION=" + commit}
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "built hybridc version") {
		t.Fatalf("%v\n%s", err, out)
	}
	args := strings.TrimSpace(string(readFile(t, filepath.Join(runner, "hybridc-bin", "go-args"))))
	if want := "CGO_ENABLED=0 install github.com/hybridc/hybridc/cmd/hybridc@" + commit; args != want {
		t.Errorf("go was run as %q, want %q", args, want)
	}

	// A pinned release hash and a commit: the pin cannot hold, so the step
	// stops before building (a pull request must not drop the pin unseen).
	os.Remove(filepath.Join(runner, "hybridc-bin", "go-args"))
	cmd = exec.Command("bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", installScript)
	cmd.Env = append(cmd.Env[:0:0], "PATH="+fakeBin+string(os.PathListSeparator)+os.Getenv("PATH"), "RUNNER_TEMP="+runner,
		"GITHUB_PATH="+filepath.Join(runner, "github_path"), "HYBRIDC_VERSION="+commit, "HYBRIDC_SHA256="+strings.Repeat("ab", 32))
	out, err = cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "::error::HYBRIDC_VERSION is a commit, but HYBRIDC_SHA256 pins a release binary") {
		t.Errorf("a commit with a pinned hash: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(runner, "hybridc-bin", "go-args")); err == nil {
		t.Error("go install ran despite the pin")
	}
}

// TestInstallScriptNoRelease: a HYBRIDC_VERSION that names no release, or
// a release without SHA256SUMS, stops the install step with one ::error::
// annotation naming the version, the URL tried and the fixes (the tag, a
// commit hash), a mirror URL's % escaped as a workflow command needs; and
// nothing is installed.
func TestInstallScriptNoRelease(t *testing.T) {
	for _, tool := range []string{"bash", "curl", "uname"} {
		if _, err := exec.LookPath(tool); err != nil || runtime.GOOS != "linux" {
			t.Skipf("needs Linux and %s", tool)
		}
	}
	arch := map[string]string{"amd64": "amd64", "arm64": "arm64"}[runtime.GOARCH]
	if arch == "" {
		t.Skip("no release binary for " + runtime.GOARCH)
	}
	// The mirror's URL has a % (its directory's name "mirror%", as
	// "mirror%25"), which the annotation must escape.
	releases := filepath.Join(t.TempDir(), "mirror%")
	url := "file://" + strings.ReplaceAll(releases, "%", "%25")
	if err := os.MkdirAll(filepath.Join(releases, "v1.2.3"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeBytes(t, filepath.Join(releases, "v1.2.3", "hybridc_v1.2.3_linux_"+arch), []byte("#!/bin/sh\n"))
	escaped := strings.ReplaceAll(url, "%", "%25")
	for _, tc := range []struct{ version, file string }{
		{"v9.9.9", "hybridc_v9.9.9_linux_" + arch}, // no such release
		{"v1.2.3", "SHA256SUMS"},                   // a release without SHA256SUMS
	} {
		runner := t.TempDir()
		cmd := exec.Command("bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", installScript)
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "RUNNER_TEMP=" + runner, "GITHUB_PATH=" + filepath.Join(runner, "github_path"),
			"HYBRIDC_VERSION=" + tc.version, "HYBRIDC_RELEASES=" + url}
		out, err := cmd.CombinedOutput()
		var annotations []string
		for _, l := range strings.Split(string(out), "\n") {
			if strings.HasPrefix(l, "::") {
				annotations = append(annotations, l)
			}
		}
		want := "::error::hybridc " + tc.version + ": could not download " + escaped + "/" + tc.version + "/" + tc.file +
			". Check that " + tc.version + " is a published hybridc release (the tags on " + releasesPage +
			", or your mirror in HYBRIDC_RELEASES), or set HYBRIDC_VERSION to a commit hash (12 to 40 hex digits) to build hybridc from source."
		if err == nil || len(annotations) != 1 || annotations[0] != want {
			t.Errorf("%s: err %v, annotations %q, want [%q]\n%s", tc.version, err, annotations, want, out)
		}
		for _, p := range []string{filepath.Join(runner, "hybridc-bin", "hybridc"), filepath.Join(runner, "github_path")} {
			if _, err := os.Stat(p); err == nil {
				t.Errorf("%s: %s was written", tc.version, p)
			}
		}
	}
}
