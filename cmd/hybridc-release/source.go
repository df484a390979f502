package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"regexp"
	"strings"
)

// checkout is what git says of the source a release is built from.
type checkout struct {
	commit string   // HEAD, in full
	tagged string   // the commit the tag -version names, "" when there is no such tag
	dirty  []string // git status --porcelain: changed, staged and untracked files
}

// fullCommit matches a commit as git rev-parse prints it (SHA-1 or SHA-256).
var fullCommit = regexp.MustCompile(`^[0-9a-f]{40}([0-9a-f]{24})?$`)

// git runs git in dir and returns its standard output without its last
// line break (leading spaces are part of git status --porcelain's lines).
func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, bytes.TrimSpace(stderr.Bytes()))
	}
	return strings.TrimRight(string(out), "\n"), nil
}

// readCheckout asks git about the checkout in root: HEAD, the commit the
// tag named tag points at, and what is not committed. Without git, or
// outside a git checkout, there is nothing to check a release against.
func readCheckout(ctx context.Context, root, tag string) (checkout, error) {
	var c checkout
	if _, err := exec.LookPath("git"); err != nil {
		return c, usageError{errors.New("git is not installed: a release is built from a git checkout of its tag, which the release command checks (and -snapshot names the commit)")}
	}
	commit, err := git(ctx, root, "rev-parse", "--verify", "HEAD^{commit}")
	if err != nil || !fullCommit.MatchString(commit) {
		return c, usageError{fmt.Errorf("%s is not a git checkout with a commit (%v): a release is built from a clean checkout of its tag", root, err)}
	}
	c.commit = commit
	// -q --verify: no output and exit 1 when there is no such tag.
	if t, err := git(ctx, root, "rev-parse", "-q", "--verify", "refs/tags/"+tag+"^{commit}"); err == nil {
		c.tagged = t
	}
	status, err := git(ctx, root, "status", "--porcelain", "--untracked-files=normal")
	if err != nil {
		return c, err
	}
	if status != "" {
		c.dirty = strings.Split(status, "\n")
	}
	return c, nil
}

// stampVersion returns the version a build of checkout c is stamped with.
// A release (no -snapshot) is version itself, and only from a clean
// checkout whose HEAD is the commit of the tag version: otherwise it is
// refused, saying why. A snapshot is version-snapshot+<commit>, with
// .dirty when the working tree has changes (.snapshot after a
// pre-release: v1.1.0-rc.1.snapshot+<commit>): build metadata, so that no
// snapshot can pass for a release tag, in its file names or in 'hybridc
// version'.
func stampVersion(version string, snapshot bool, c checkout) (string, error) {
	if snapshot {
		return snapshotVersion(version, c), nil
	}
	short := c.commit[:12]
	var why []string
	switch {
	case c.tagged == "":
		why = append(why, fmt.Sprintf("there is no tag %s (tag the commit to release: git tag -a %s -m %s)", version, version, version))
	case c.tagged != c.commit:
		why = append(why, fmt.Sprintf("the tag %s is commit %s but HEAD is %s (git checkout %s)", version, c.tagged[:12], short, version))
	}
	if n := len(c.dirty); n > 0 {
		shown := c.dirty[:min(n, 5)]
		more := ""
		if n > len(shown) {
			more = fmt.Sprintf(", and %d more", n-len(shown))
		}
		why = append(why, fmt.Sprintf("the working tree has changes or untracked files (git status --porcelain: %s%s)", strings.Join(shown, "; "), more))
	}
	if len(why) > 0 {
		return "", usageError{fmt.Errorf("not building release %s: %s. A release is built from a clean checkout of its tag; for a local or test build add -snapshot, which stamps %s",
			version, strings.Join(why, "; "), snapshotVersion(version, c))}
	}
	return version, nil
}

// snapshotVersion is the version of a snapshot build of version from c.
func snapshotVersion(version string, c checkout) string {
	sep := "-"
	if strings.Contains(version, "-") {
		sep = "."
	}
	v := version + sep + "snapshot+" + c.commit[:12]
	if len(c.dirty) > 0 {
		v += ".dirty"
	}
	return v
}
