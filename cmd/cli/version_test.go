package cli

import (
	"runtime/debug"
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
