package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// plainFolder refuses an output folder whose path goes through a symbolic
// link, a Windows junction or anything else that is not a plain directory
// inside the repository the command runs in (the nearest folder above the
// working directory that holds .git, else the working directory): a pull
// request can commit such a link (scripts -> /elsewhere) and so send
// hybridc's writes, and an import's removals, outside the repository.
// Every part of the cleaned absolute path below the repository's root is
// checked, however the path is spelled (../scripts/out from a subfolder
// included); a path outside the repository is the user's own choice
// (/tmp/out on a system where /tmp is a link) and only its last part is
// checked. Parts that do not exist yet are fine: hybridc creates them. It
// returns the cleaned absolute path, which is what must be created and
// written: scripts/../out would otherwise be resolved by the system through
// the link.
func plainFolder(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	var parts []string
	for _, root := range repositoryRoots() {
		rel, err := filepath.Rel(root, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		p := root
		for _, part := range strings.Split(rel, string(filepath.Separator)) {
			if part != "." && part != "" {
				p = filepath.Join(p, part)
				parts = append(parts, p)
			}
		}
		break
	}
	if parts == nil {
		parts = []string{abs}
	}
	for _, p := range parts {
		info, err := os.Lstat(p)
		if os.IsNotExist(err) {
			return abs, nil
		}
		if err != nil {
			return "", err
		}
		if info.Mode().Type() != fs.ModeDir {
			return "", fmt.Errorf("%s is not a plain folder (%s): hybridc writes only into real folders, not through links; nothing was written", p, typeName(info.Mode()))
		}
	}
	return abs, nil
}

// plainFile is plainFolder for the folder of a file hybridc replaces in
// place (sign): the folder is checked as an output folder is, and the
// cleaned absolute path of the file returned. The file itself is the
// caller's to check.
func plainFile(path string) (string, error) {
	dir, err := plainFolder(filepath.Dir(path))
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, filepath.Base(path)), nil
}

// repositoryRoots are the roots of the repository the command runs in, as
// the working directory is named and as it resolves: the nearest folder
// at or above it that holds .git, else the working directory itself.
func repositoryRoots() []string {
	cwd, err := os.Getwd()
	if err != nil {
		return nil
	}
	dirs := []string{cwd}
	if real, err := filepath.EvalSymlinks(cwd); err == nil && real != cwd {
		dirs = append(dirs, real)
	}
	var roots []string
	for _, d := range dirs {
		root := d
		for p := d; ; p = filepath.Dir(p) {
			if _, err := os.Lstat(filepath.Join(p, ".git")); err == nil {
				root = p
				break
			}
			if filepath.Dir(p) == p {
				break
			}
		}
		roots = append(roots, root)
	}
	return roots
}

// typeName says what kind of file a mode describes.
func typeName(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeIrregular != 0:
		return "a junction or other special entry"
	case m.IsRegular():
		return "a file"
	}
	return "a special file"
}
