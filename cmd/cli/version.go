package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// Version is hybridc's version. Release builds set it with
// -ldflags "-X github.com/hybridc/hybridc/cmd/cli.Version=1.2.3"; otherwise
// it comes from the module version when installed with go install.
var Version = ""

// version returns the version written into generated scripts.
func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "0.1.0-dev"
}

const versionHelp = `
Prints hybridc's version, which every generated script also records.

Examples:
  hybridc version
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
	fmt.Fprintf(e.stdout, "hybridc %s (%s)\n", version(), runtime.Version())
	return ExitOK
}
