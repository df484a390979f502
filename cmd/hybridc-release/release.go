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

// release builds every target of o into a temporary directory beside
// o.out, writes SHA256SUMS there, and only then renames the directory to
// o.out. On any failure (or an interrupt) the temporary directory is
// removed and o.out is left as it was. It returns the paths written.
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
	goVersion, experiment, err := goEnv(ctx, o.targets[0], o.env)
	if err != nil {
		return nil, err
	}
	if experiment != "" {
		return nil, usageError{fmt.Errorf("GOEXPERIMENT is %q (go env): a release is built with the Go toolchain's defaults; unset it (go env -u GOEXPERIMENT)", experiment)}
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
	var names []string
	for _, t := range o.targets {
		fmt.Fprintf(o.log, "release: building %s with %s\n", t, goVersion)
		name, err := buildOne(ctx, o, t, tmp)
		if err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	if err := writeSums(tmp, names); err != nil {
		return nil, err
	}
	if err := publish(tmp, out, exists); err != nil {
		return nil, err
	}
	published = true
	paths := []string{}
	for _, n := range append(names, sumsName) {
		paths = append(paths, filepath.Join(o.out, n))
	}
	fmt.Fprintf(o.log, "release: %s %s built with %s; the same commit built with %s gives the same SHA256SUMS\n",
		o.version, targetList(o.targets), goVersion, goVersion)
	return paths, nil
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
