package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// Version is hybridc's version. Release builds may set it with
// -ldflags "-X github.com/hybridc/hybridc/cmd/cli.Version=v1.2.3"; otherwise
// it comes from the build information (see buildVersion).
var Version = ""

// version returns the version written into generated scripts.
func version() string {
	if Version != "" {
		return Version
	}
	bi, _ := debug.ReadBuildInfo()
	return buildVersion(bi)
}

// buildVersion reads a version from build information:
//
//   - the module version, when hybridc was installed with
//     "go install github.com/hybridc/hybridc/cmd/hybridc@v1.2.3" (a release
//     tag) or built from a git checkout by Go 1.24 or later (a tag, or a
//     pseudo-version such as v0.0.0-20260101120000-0123456789ab that holds
//     the commit);
//   - otherwise the commit the binary was built from, "devel+0123456789ab"
//     ("+dirty" added when the work tree had changes);
//   - otherwise "devel".
func buildVersion(bi *debug.BuildInfo) string {
	if bi == nil {
		return "devel"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	v := "devel+" + rev[:min(len(rev), 12)]
	if dirty {
		v += "+dirty"
	}
	return v
}

// buildCommit returns the commit and its time from the build information,
// or "" when the binary does not record them (go install @version records
// none: its version names the release).
func buildCommit() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	rev, at := "", ""
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		}
	}
	if rev == "" {
		return ""
	}
	if at != "" {
		return rev + " " + at
	}
	return rev
}

const versionHelp = `
Prints hybridc's version, which every generated script also records: the
release tag (v1.2.3) when hybridc was installed with
'go install github.com/hybridc/hybridc/cmd/hybridc@v1.2.3', otherwise the
commit it was built from. The second line gives the commit when the binary
records it, and the Go version.

Examples:
  hybridc version

Exit codes: 0 printed, 2 usage error.
`

func runVersion(e *env, args []string) int {
	fs := newFlags(e, "version", "", versionHelp)
	rest, code, done := parse(e, fs, args)
	if done {
		return code
	}
	if len(rest) > 0 {
		fs.Usage()
		return ExitUsage
	}
	fmt.Fprintf(e.stdout, "hybridc %s\n", version())
	if c := buildCommit(); c != "" {
		fmt.Fprintf(e.stdout, "commit %s, %s\n", c, runtime.Version())
	} else {
		fmt.Fprintf(e.stdout, "%s\n", runtime.Version())
	}
	return ExitOK
}
