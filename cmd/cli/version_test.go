package cli

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestBuildVersion(t *testing.T) {
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	const rev = "0123456789abcdef0123456789abcdef01234567"
	tests := []struct {
		name string
		bi   *debug.BuildInfo
		want string
	}{
		{name: "no build information", bi: nil, want: "devel"},
		{name: "go install @v1.2.3", bi: &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, want: "v1.2.3"},
		{name: "pseudo-version from a checkout", bi: &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20260101120000-0123456789ab"}, Settings: vcs(rev, "false")},
			want: "v0.0.0-20260101120000-0123456789ab"},
		{name: "devel build with the commit", bi: &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, "false")}, want: "devel+0123456789ab"},
		{name: "devel build of a changed work tree", bi: &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, "true")}, want: "devel+0123456789ab+dirty"},
		{name: "devel build without VCS information", bi: &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, want: "devel"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := buildVersion(tc.bi); got != tc.want {
				t.Errorf("buildVersion = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCgoSetting(t *testing.T) {
	tests := []struct {
		bi   *debug.BuildInfo
		want string
	}{
		{nil, ""},
		{&debug.BuildInfo{}, ""},
		{&debug.BuildInfo{Settings: []debug.BuildSetting{{Key: "-trimpath", Value: "true"}, {Key: "CGO_ENABLED", Value: "0"}}}, "0"},
		{&debug.BuildInfo{Settings: []debug.BuildSetting{{Key: "CGO_ENABLED", Value: "1"}, {Key: "GOOS", Value: "linux"}}}, "1"},
	}
	for _, tc := range tests {
		if got := cgoSetting(tc.bi); got != tc.want {
			t.Errorf("cgoSetting(%+v) = %q, want %q", tc.bi, got, tc.want)
		}
	}
}

// TestVersionSaysCgo: hybridc version names the CGO_ENABLED this binary
// was built with, and advises a CGO_ENABLED=0 build exactly when it is 1.
func TestVersionSaysCgo(t *testing.T) {
	bi, _ := debug.ReadBuildInfo()
	cgo := cgoSetting(bi)
	if cgo == "" {
		t.Skip("the test binary records no CGO_ENABLED")
	}
	r := hybridc(t, nil, "version")
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if r.code != ExitOK || len(lines) != 2 || !strings.HasSuffix(lines[1], ", CGO_ENABLED="+cgo) {
		t.Fatalf("exit %d, stdout:\n%s", r.code, r.stdout)
	}
	advised := strings.Contains(r.stderr, "CGO_ENABLED=0 go install github.com/hybridc/hybridc/cmd/hybridc@")
	if advised != (cgo == "1") {
		t.Errorf("CGO_ENABLED=%s, stderr:\n%s", cgo, r.stderr)
	}
}

// TestVersionSaysCommit: a binary without Go's VCS stamp (as the release
// builder makes them) names the Commit the linker set.
func TestVersionSaysCommit(t *testing.T) {
	if buildCommit() != "" {
		t.Skip("the test binary records a commit of its own")
	}
	old := Commit
	t.Cleanup(func() { Commit = old })
	Commit = "0123456789abcdef0123456789abcdef01234567"
	r := hybridc(t, nil, "version")
	if lines := strings.Split(r.stdout, "\n"); r.code != ExitOK || len(lines) < 2 || !strings.HasPrefix(lines[1], "commit "+Commit+", go") {
		t.Errorf("exit %d, stdout:\n%s", r.code, r.stdout)
	}
}
