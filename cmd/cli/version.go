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

// Commit is the commit a release build was made from, set by the release
// builder (cmd/hybridc-release) with -ldflags "-X
// github.com/hybridc/hybridc/cmd/cli.Commit=<hash>": it builds without
// Go's VCS stamp, so that 'hybridc version' names the commit from here.
var Commit = ""

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
// else the Commit the release builder set, or "" when the binary records
// neither (go install @version records none: its version names the
// release).
func buildCommit() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return Commit
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
		return Commit
	}
	if at != "" {
		return rev + " " + at
	}
	return rev
}

const versionHelp = `
Prints hybridc's version, which every generated script also records: the
release tag (v1.2.3) of a release binary or of
'go install github.com/hybridc/hybridc/cmd/hybridc@v1.2.3', otherwise the
commit it was built from. The second line gives the commit when the binary
records it, the Go version, and whether it was built with cgo
(CGO_ENABLED=1: it may need the C library of the machine that built it;
build with CGO_ENABLED=0 for a static binary that runs anywhere).

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
	line := runtime.Version()
	if c := buildCommit(); c != "" {
		line = "commit " + c + ", " + line
	}
	bi, _ := debug.ReadBuildInfo()
	cgo := cgoSetting(bi)
	if cgo != "" {
		line += ", CGO_ENABLED=" + cgo
	}
	fmt.Fprintln(e.stdout, line)
	if cgo == "1" {
		fmt.Fprint(e.stderr, cgoNote)
	}
	return ExitOK
}

// cgoSetting returns the CGO_ENABLED the binary was built with ("0" or
// "1"), or "" when the build information does not say.
func cgoSetting(bi *debug.BuildInfo) string {
	if bi == nil {
		return ""
	}
	for _, s := range bi.Settings {
		if s.Key == "CGO_ENABLED" {
			return s.Value
		}
	}
	return ""
}

// cgoNote is said on standard error by a hybridc built with cgo. Go's net
// package (which crypto/x509 and the schema validator import) then uses the
// C library's resolver, so on Linux the binary is dynamically linked
// against the C library of the machine that built it; a module cannot
// change that default, only the build can.
const cgoNote = `hybridc version: this hybridc was built with cgo (CGO_ENABLED=1): it may
need the C library of the machine that built it (on Linux it is dynamically
linked) and not start on another. For a static binary that runs anywhere,
use a release binary, or build it with
  CGO_ENABLED=0 go install github.com/hybridc/hybridc/cmd/hybridc@<tag or commit>
`
