// Command hybridc-release builds hybridc's release files: a static binary for each
// supported platform, hybridc's LICENSE, THIRD_PARTY_NOTICES.txt (the
// licenses of everything the binaries link) and a SHA256SUMS file,
// reproducibly, into a new directory. It is a separate program, never
// linked into hybridc:
//
//	go run ./cmd/hybridc-release -version v1.1.0 -o dist
//
// It builds only a clean checkout whose HEAD carries the tag -version
// names; -snapshot builds any checkout, stamped v1.1.0-snapshot+<commit>.
// The same commit built with the same Go version gives the same bytes on
// any machine (see build.go for how). The output directory must be new or
// empty; the files appear there only when every one of them was built.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"syscall"
)

const usage = `usage: go run ./cmd/hybridc-release -version vX.Y.Z[-pre] [-snapshot] [-o DIR] [-targets OS/ARCH,...]

Builds hybridc_<version>_<os>_<arch>[.exe] for %s,
LICENSE, THIRD_PARTY_NOTICES.txt (the license of every module linked, and
Go's) and SHA256SUMS (sha256sum -c format) of them all, into DIR (default
dist), which must not exist or be empty. Nothing is written to DIR unless
every file built.

A release is built only from a clean git checkout (no changes, no
untracked files) whose HEAD is the commit of the tag -version names.
-snapshot builds any checkout for local use or tests, and stamps the
version vX.Y.Z-snapshot+<commit>[.dirty], which no release tag matches.

Flags:
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run parses the flags and builds the release; it returns the exit code:
// 0 built, 1 the build failed, 2 a usage error.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("release", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, usage, targetList(allTargets))
		fs.PrintDefaults()
	}
	version := fs.String("version", "", "the release `tag`, vMAJOR.MINOR.PATCH with an optional -prerelease")
	out := fs.String("o", "dist", "the output `directory` (new or empty)")
	only := fs.String("targets", "", "build only these comma-separated `os/arch` targets (default: all)")
	snapshot := fs.Bool("snapshot", false, "build the checkout as it is, not a release: the version becomes vX.Y.Z-snapshot+<commit>[.dirty]")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "release: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	opts := options{version: *version, out: *out, targets: allTargets, snapshot: *snapshot, log: stderr}
	var err error
	if *only != "" {
		if opts.targets, err = parseTargets(*only); err != nil {
			fmt.Fprintf(stderr, "release: %v\n", err)
			return 2
		}
	}
	if err := checkVersion(opts.version); err != nil {
		fmt.Fprintf(stderr, "release: %v\n", err)
		return 2
	}
	files, err := release(ctx, opts)
	if err != nil {
		fmt.Fprintf(stderr, "release: %v\n", err)
		var u usageError
		if errors.As(err, &u) {
			return 2
		}
		return 1
	}
	for _, f := range files {
		fmt.Fprintln(stdout, f)
	}
	return 0
}

// usageError is an error in what was asked (the version, the output
// directory), found before anything is built.
type usageError struct{ error }

// semverTag matches a release tag: v, then semantic versioning's
// MAJOR.MINOR.PATCH without leading zeros, and an optional pre-release
// (dot-separated identifiers of letters, digits and hyphens). Build
// metadata (+...) is not allowed: Go modules ignore it.
var semverTag = regexp.MustCompile(`^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$`)

// checkVersion refuses anything but a release tag. The version becomes part
// of file names and of the linker flags, so nothing else may pass.
func checkVersion(v string) error {
	if v == "" {
		return usageError{errors.New("-version is required (a release tag such as v1.1.0)")}
	}
	if !semverTag.MatchString(v) {
		return usageError{fmt.Errorf("-version %q is not a release tag vMAJOR.MINOR.PATCH[-prerelease] (such as v1.1.0 or v1.1.0-rc.1)", v)}
	}
	// The first hyphen starts the pre-release: MAJOR.MINOR.PATCH has none.
	if _, pre, ok := strings.Cut(v, "-"); ok {
		for _, id := range strings.Split(pre, ".") {
			if len(id) > 1 && id[0] == '0' && strings.Trim(id, "0123456789") == "" {
				return usageError{fmt.Errorf("-version %q: the numeric pre-release identifier %q has a leading zero", v, id)}
			}
		}
	}
	return nil
}
