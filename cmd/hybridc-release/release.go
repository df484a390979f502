package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// release checks the checkout (a clean checkout of the tag o.version, or
// with o.snapshot any checkout), builds every target of o into a temporary
// directory beside o.out, writes LICENSE, THIRD_PARTY_NOTICES.txt and
// SHA256SUMS there, and only then renames the directory to o.out. On any
// failure (or an interrupt) the temporary directory is removed and o.out
// is left as it was. It returns the paths written.
func release(ctx context.Context, o options) ([]string, error) {
	if err := checkVersion(o.version); err != nil {
		return nil, err
	}
	if len(o.targets) == 0 {
		return nil, usageError{errors.New("no targets to build")}
	}
	out, err := filepath.Abs(o.out)
	if err != nil {
		return nil, usageError{err}
	}
	exists, err := checkOutput(out)
	if err != nil {
		return nil, err
	}
	if o.log == nil {
		o.log = io.Discard
	}
	gs, root, err := checkGo(ctx, o)
	if err != nil {
		return nil, err
	}
	c, err := readCheckout(ctx, root, o.version)
	if err != nil {
		return nil, err
	}
	version, err := stampVersion(o.version, o.snapshot, c)
	if err != nil {
		return nil, err
	}
	if o.snapshot {
		fmt.Fprintf(o.log, "release: -snapshot: building %s from commit %s, NOT a release\n", version, c.commit)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(out), ".hybridc-release-")
	if err != nil {
		return nil, err
	}
	published := false
	defer func() {
		if !published {
			os.RemoveAll(tmp)
		}
	}()
	names, err := buildFiles(ctx, o, gs, root, version, c.commit, tmp)
	if err != nil {
		return nil, err
	}
	if err := publish(tmp, out, exists); err != nil {
		return nil, err
	}
	published = true
	paths := []string{}
	for _, n := range names {
		paths = append(paths, filepath.Join(o.out, n))
	}
	if o.snapshot {
		fmt.Fprintf(o.log, "release: %s %s built with %s: a snapshot of commit %s, not a release; do not publish it\n",
			version, targetList(o.targets), gs.GOVERSION, c.commit)
	} else {
		fmt.Fprintf(o.log, "release: %s %s built with %s from commit %s; the same commit built with %s gives the same SHA256SUMS\n",
			version, targetList(o.targets), gs.GOVERSION, c.commit, gs.GOVERSION)
	}
	return paths, nil
}

// checkGo reads the go command's settings, refuses a GOEXPERIMENT, and
// returns the module root: the directory of hybridc's go.mod.
func checkGo(ctx context.Context, o options) (goSettings, string, error) {
	gs, err := goEnv(ctx, o.targets[0], o.dir, o.env)
	if err != nil {
		return gs, "", err
	}
	if gs.GOEXPERIMENT != "" {
		return gs, "", usageError{fmt.Errorf("GOEXPERIMENT is %q (go env): a release is built with the Go toolchain's defaults; unset it (go env -u GOEXPERIMENT)", gs.GOEXPERIMENT)}
	}
	if gs.GOMOD == "" || gs.GOMOD == os.DevNull {
		return gs, "", usageError{errors.New("not in hybridc's module (go env GOMOD is empty): run the release command in a checkout of hybridc")}
	}
	return gs, filepath.Dir(gs.GOMOD), nil
}

// buildFiles builds every target's binary into tmp, then LICENSE,
// THIRD_PARTY_NOTICES.txt (of the modules the binaries link) and
// SHA256SUMS of them all. It returns the file names, SHA256SUMS last.
func buildFiles(ctx context.Context, o options, gs goSettings, root, version, commit, tmp string) ([]string, error) {
	var names, binaries []string
	for _, t := range o.targets {
		fmt.Fprintf(o.log, "release: building %s with %s\n", t, gs.GOVERSION)
		name, err := buildOne(ctx, o, t, version, commit, tmp)
		if err != nil {
			return nil, err
		}
		names = append(names, name)
		binaries = append(binaries, filepath.Join(tmp, name))
	}
	mods, err := linkedModules(binaries)
	if err != nil {
		return nil, err
	}
	if err := moduleDirs(ctx, root, buildEnv(o.targets[0], o.env), mods); err != nil {
		return nil, err
	}
	if err := writeNotices(tmp, version, gs.GOVERSION, gs.GOROOT, mods); err != nil {
		return nil, err
	}
	if err := copyLicense(root, tmp); err != nil {
		return nil, err
	}
	names = append(names, licenseName, noticesName)
	if err := writeSums(tmp, names); err != nil {
		return nil, err
	}
	return append(names, sumsName), nil
}

// checkOutput accepts an output directory that does not exist (its parent
// must) or is an empty directory; it reports whether it exists.
func checkOutput(out string) (exists bool, err error) {
	fi, err := os.Lstat(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		parent, perr := os.Stat(filepath.Dir(out))
		if perr != nil || !parent.IsDir() {
			return false, usageError{fmt.Errorf("%s: its parent directory does not exist", out)}
		}
		return false, nil
	case err != nil:
		return false, usageError{err}
	case !fi.IsDir():
		return false, usageError{fmt.Errorf("%s is not a directory (a symbolic link is not followed)", out)}
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return false, usageError{err}
	}
	if len(entries) > 0 {
		return false, usageError{fmt.Errorf("%s %w", out, errNotEmpty)}
	}
	return true, nil
}

// publish renames the finished temporary directory to out, replacing out
// when it is an (empty) directory.
func publish(tmp, out string, exists bool) error {
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if exists {
		// os.Remove removes only an empty directory: a file that appeared
		// in out meanwhile makes it fail, and nothing is replaced.
		if err := os.Remove(out); err != nil {
			return fmt.Errorf("%s: %w", out, err)
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		return fmt.Errorf("moving the release into %s: %w", out, err)
	}
	return nil
}
