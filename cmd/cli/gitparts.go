package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// readConfigAtRevision reads, for plan --base, the configuration that the
// path file named at git revision rev: resolved by the tree at rev as
// configResolver resolves it by the work tree. A file whose directory
// held a part file at rev is read as that directory at rev; otherwise the
// file alone. So each side of the comparison is the configuration every
// command would have read for file then, and reads now: a directory that
// became a directory configuration since rev is compared with the single
// file it was split from (not with every unrelated YAML file that
// directory held), and one that stopped being one with the directory it
// was. nowDir says whether file is read as its directory now; when rev
// differs, a note on standard error says how file was read at rev. It
// returns the input (nil when nothing was there at rev), its git object
// name and an error.
func readConfigAtRevision(e *env, p *progress, rev, file string, nowDir bool) (*input, string, error) {
	info, err := os.Stat(file)
	if err != nil {
		return nil, "", err
	}
	if info.IsDir() {
		return readAtRevision(rev, file)
	}
	dir := filepath.Dir(file)
	was, err := holdsPartAtRevision(rev, dir)
	if err != nil {
		return nil, "", err
	}
	target := file
	if was {
		target = dir
	}
	in, object, err := readAtRevision(rev, target)
	if err != nil || was == nowDir {
		return in, object, err
	}
	p.clear()
	if was {
		fmt.Fprintf(e.stderr, "hybridc: at %s, %s was one file of the directory configuration %s: reading %s\n",
			printable(rev), printable(file), printable(dirName(filepath.Clean(dir))), printable(object))
	} else {
		fmt.Fprintf(e.stderr, "hybridc: at %s, %s held no part file, so %s was a configuration of its own: reading %s alone\n",
			printable(rev), printable(dirName(filepath.Clean(dir))), printable(file), printable(object))
	}
	return in, object, nil
}

// holdsPartAtRevision reports whether the work-tree directory dir, at git
// revision rev, held a part file: a YAML file stored as a file (links are
// not read) whose modeline names the part schema, as holdsPart decides for
// the work tree. A directory that did not exist at rev held none.
func holdsPartAtRevision(rev, dir string) (bool, error) {
	gitDir, repoPath, err := repoPathAt(rev, dir)
	if err != nil {
		return false, err
	}
	object := rev + ":" + repoPath
	kind, err := git(gitDir, "cat-file", "-t", object)
	if err != nil || strings.TrimSpace(string(kind)) != "tree" {
		return false, nil // not a directory at rev
	}
	entries, err := lsTree(gitDir, object)
	if err != nil {
		return false, err
	}
	for _, en := range entries {
		if !isYAMLName(en.name) || en.regular(object) != nil {
			continue
		}
		data, err := git(gitDir, "cat-file", "blob", en.id)
		if err != nil {
			return false, err
		}
		if isPartFile(data[:min(len(data), partHead)]) {
			return true, nil
		}
	}
	return false, nil
}
