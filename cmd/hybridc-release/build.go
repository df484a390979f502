package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// pkg is the command the release builds.
const pkg = "github.com/hybridc/hybridc/cmd/hybridc"

// versionVar is the variable the linker sets to the release's version.
const versionVar = "github.com/hybridc/hybridc/cmd/cli.Version"

// commitVar is the variable the linker sets to the commit the release is
// built from, which 'hybridc version' prints.
const commitVar = "github.com/hybridc/hybridc/cmd/cli.Commit"

// sumsName is the checksum file's name.
const sumsName = "SHA256SUMS"

// target is one platform of the release.
type target struct{ goos, goarch string }

// allTargets are the platforms of a release, in the order they are built.
var allTargets = []target{
	{"linux", "amd64"}, {"linux", "arm64"},
	{"darwin", "amd64"}, {"darwin", "arm64"},
	{"windows", "amd64"}, {"windows", "arm64"},
}

func (t target) String() string { return t.goos + "/" + t.goarch }

// binaryName is the file name of the target's binary:
// hybridc_<version>_<os>_<arch>, with .exe on Windows.
func (t target) binaryName(version string) string {
	n := "hybridc_" + version + "_" + t.goos + "_" + t.goarch
	if t.goos == "windows" {
		n += ".exe"
	}
	return n
}

// targetList writes targets as "linux/amd64, linux/arm64, ...".
func targetList(ts []target) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = t.String()
	}
	return strings.Join(s, ", ")
}

// parseTargets reads -targets: release targets named os/arch, each once.
func parseTargets(s string) ([]target, error) {
	var ts []target
	for _, name := range strings.Split(s, ",") {
		i := -1
		for j, t := range allTargets {
			if t.String() == strings.TrimSpace(name) {
				i = j
			}
		}
		if i < 0 {
			return nil, fmt.Errorf("-targets: %q is not one of %s", name, targetList(allTargets))
		}
		for _, t := range ts {
			if t == allTargets[i] {
				return nil, fmt.Errorf("-targets: %s named twice", t)
			}
		}
		ts = append(ts, allTargets[i])
	}
	return ts, nil
}

// options is what a release build needs.
type options struct {
	version  string
	out      string
	targets  []target
	snapshot bool      // build whatever is checked out, as version-snapshot+<commit>
	dir      string    // the source: a directory of hybridc's module ("": the current one)
	log      io.Writer // progress
	env      []string  // added to the go command's environment (tests: GOCACHE)
}

// buildEnv is the go command's environment for target t: the caller's, minus
// every variable that changes the bytes of a build, plus the release's
// settings. GOFLAGS and the architecture levels are set rather than removed,
// so that values written with 'go env -w' cannot apply either; GOWORK=off
// keeps a go.work file from replacing modules.
func buildEnv(t target, extra []string) []string {
	drop := map[string]bool{"GOOS": true, "GOARCH": true, "CGO_ENABLED": true, "GOFLAGS": true, "GOWORK": true,
		"GOAMD64": true, "GOARM64": true, "GOARM": true, "GO386": true, "GOEXPERIMENT": true}
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if !drop[strings.ToUpper(k)] {
			env = append(env, kv)
		}
	}
	env = append(env, "GOOS="+t.goos, "GOARCH="+t.goarch, "CGO_ENABLED=0", "GOFLAGS=-mod=readonly", "GOWORK=off",
		"GOAMD64=v1", "GOARM64=v8.0")
	return append(env, extra...)
}

// buildArgs are the go build arguments of target t's binary: no file
// system paths, no build ID, no symbol tables, and the version and commit
// set by the linker. Not Go's own VCS stamp: since Go 1.24 it also sets the
// main module's version from whichever tags the clone holds (a clone with
// v1.1.0-rc.1 and v1.1.0 on one commit would differ from CI's, which holds
// the one tag it builds), and it fails in a linked git worktree; the commit
// is stamped with -X instead, from the checkout release checked. CGO_ENABLED=0 (buildEnv) makes every target pure Go; on
// Linux the netgo and osusergo tags say so twice. They are left out on
// macOS and Windows, where Go reaches the system's resolver without cgo
// and netgo would replace it with Go's own (which misses split DNS and
// Windows' name resolution policies): what hybridc resolves is the
// --timestamp-url host when signing.
func buildArgs(t target, version, commit, output string) []string {
	args := []string{"build", "-trimpath", "-buildvcs=false"}
	if t.goos == "linux" {
		args = append(args, "-tags", "netgo,osusergo")
	}
	ldflags := "-s -w -buildid= -X " + versionVar + "=" + version + " -X " + commitVar + "=" + commit
	return append(args, "-ldflags", ldflags, "-o", output, pkg)
}

// goSettings are the settings of the go command a release needs.
type goSettings struct {
	GOVERSION    string // go1.26.8
	GOEXPERIMENT string // must be empty
	GOROOT       string // its LICENSE goes into the notices
	GOMOD        string // hybridc's go.mod: the module root is its directory
}

// goEnv reads settings of the go command that builds target t in dir.
func goEnv(ctx context.Context, t target, dir string, extra []string) (goSettings, error) {
	var v goSettings
	cmd := exec.CommandContext(ctx, "go", "env", "-json", "GOVERSION", "GOEXPERIMENT", "GOROOT", "GOMOD")
	cmd.Env, cmd.Dir = buildEnv(t, extra), dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return v, fmt.Errorf("go env: %v\n%s", err, stderr.Bytes())
	}
	if err := json.Unmarshal(out, &v); err != nil {
		return v, fmt.Errorf("go env: %v", err)
	}
	return v, nil
}

// buildOne builds target t's binary of version (and commit) into dir and
// returns its file name.
func buildOne(ctx context.Context, o options, t target, version, commit, dir string) (string, error) {
	name := t.binaryName(version)
	cmd := exec.CommandContext(ctx, "go", buildArgs(t, version, commit, filepath.Join(dir, name))...)
	cmd.Env, cmd.Dir = buildEnv(t, o.env), o.dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", fmt.Errorf("building %s: %w", t, ctx.Err())
		}
		return "", fmt.Errorf("building %s: %v\n%s", t, err, bytes.TrimSpace(out.Bytes()))
	}
	return name, nil
}

// writeSums writes SHA256SUMS into dir for the files named, in the format
// sha256sum writes and 'sha256sum -c' reads ("<hex>  <name>"), sorted by
// name.
func writeSums(dir string, names []string) error {
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	var b strings.Builder
	for _, n := range sorted {
		f, err := os.Open(filepath.Join(dir, n))
		if err != nil {
			return err
		}
		h := sha256.New()
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return fmt.Errorf("reading %s: %w", n, err)
		}
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(h.Sum(nil)), n)
	}
	return os.WriteFile(filepath.Join(dir, sumsName), []byte(b.String()), 0o644)
}

// errNotEmpty says that the output directory holds files already.
var errNotEmpty = errors.New("is not empty: choose a new directory or remove it (a release is never written over other files)")
