package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// plainFolder refuses an output folder reached through a symbolic link,
// a Windows junction or anything else that is not a plain directory, in
// any part of its path below the working directory: a pull request can
// commit such a link (scripts -> /elsewhere) and so send hybridc's writes,
// and the removals of an import, outside the repository. A path outside the
// working directory is the user's own choice and is checked only in its
// last part. Parts that do not exist yet are fine: hybridc creates them.
func plainFolder(dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	parts := []string{abs}
	if cwd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(cwd, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			parts = nil
			p := cwd
			for _, part := range strings.Split(rel, string(filepath.Separator)) {
				if part == "." || part == "" {
					continue
				}
				p = filepath.Join(p, part)
				parts = append(parts, p)
			}
		}
	}
	for _, p := range parts {
		info, err := os.Lstat(p)
		if err != nil {
			if os.IsNotExist(err) {
				return nil
			}
			return err
		}
		if info.Mode().Type() != fs.ModeDir {
			return fmt.Errorf("%s is not a plain folder (%s): hybridc writes only into real folders, not through links; nothing was written", p, typeName(info.Mode()))
		}
	}
	return nil
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
