package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hybridc/hybridc/compiler"
)

// git runs git in dir and returns its standard output. A failure carries
// git's own message.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	// No pager, no prompts, and messages in English for the error text.
	cmd.Env = append(os.Environ(), "GIT_PAGER=cat", "GIT_TERMINAL_PROMPT=0", "LC_ALL=C")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if errors.Is(err, exec.ErrNotFound) {
			msg = "git is not installed (or not on PATH)"
		} else if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", strings.Join(args, " "), msg)
	}
	return stdout.Bytes(), nil
}

// readAtRevision reads the configuration at p (a file or a directory of the
// work tree) as it was in git revision rev, without checking anything out:
// the blob, or the directory's YAML files, from git's object store. It
// returns the git object name (rev:path from the repository's root), and a
// nil input and no error when p did not exist at rev.
func readAtRevision(rev, p string) (*input, string, error) {
	dir, repoPath, err := repoPathAt(rev, p)
	if err != nil {
		return nil, "", err
	}
	object := rev + ":" + repoPath
	kind, err := git(dir, "cat-file", "-t", object)
	if err != nil {
		return nil, object, nil // not in that revision: everything is new
	}
	switch strings.TrimSpace(string(kind)) {
	case "blob":
		parent := rev + ":" + path.Dir(repoPath)
		if !strings.Contains(repoPath, "/") {
			parent = rev + ":"
		}
		entries, err := lsTree(dir, parent)
		if err != nil {
			return nil, object, err
		}
		for _, en := range entries {
			if en.name == path.Base(repoPath) {
				if err := en.regular(object); err != nil {
					return nil, object, err
				}
			}
		}
		data, err := git(dir, "cat-file", "blob", object)
		if err != nil {
			return nil, object, err
		}
		return &input{name: object, file: &compiler.Source{Name: object, Data: data}}, object, nil
	case "tree":
		in, err := readTreeAtRevision(dir, object)
		return in, object, err
	}
	return nil, object, fmt.Errorf("%s is neither a file nor a directory", object)
}

// repoPathAt returns the directory of the work tree to run git in for p
// (p itself when it is a directory, otherwise the one it is in) and p's
// path from the repository's root ("" for the root), after checking that
// rev is a commit of that repository.
func repoPathAt(rev, p string) (dir, repoPath string, err error) {
	if rev == "" || strings.HasPrefix(rev, "-") {
		return "", "", fmt.Errorf("--base %q is not a git revision", rev)
	}
	info, err := os.Stat(p)
	if err != nil {
		return "", "", err
	}
	dir, base := filepath.Dir(p), filepath.Base(p)
	if info.IsDir() {
		dir, base = p, ""
	}
	// The path from the repository's root: git rev-parse --show-prefix
	// gives that of dir ("examples/", or "" at the root).
	prefix, err := git(dir, "rev-parse", "--show-prefix")
	if err != nil {
		return "", "", err
	}
	repoPath = strings.TrimSuffix(path.Join(strings.TrimSpace(string(prefix)), base), "/")
	if repoPath == "." {
		repoPath = ""
	}
	if _, err := git(dir, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return "", "", fmt.Errorf("--base %s: not a commit in this repository", rev)
	}
	return dir, repoPath, nil
}

// treeEntry is one line of git ls-tree.
type treeEntry struct{ mode, kind, id, name string }

// regular returns an error unless the entry is a file stored as a file: a
// symbolic link's blob holds the link's target, not YAML, and the work tree
// would follow it.
func (e treeEntry) regular(object string) error {
	if e.kind == "blob" && (e.mode == "100644" || e.mode == "100755") {
		return nil
	}
	what := "not a file"
	if e.mode == "120000" {
		what = "a symbolic link"
	}
	return fmt.Errorf("%s: %s is %s in git (mode %s): plan --base reads only files stored as files", object, e.name, what, e.mode)
}

// lsTree lists the entries of the git tree object tree (rev:dir).
func lsTree(dir, tree string) ([]treeEntry, error) {
	// --full-tree: in a subdirectory, ls-tree otherwise lists only the part
	// of the tree below it.
	listing, err := git(dir, "ls-tree", "-z", "--full-tree", tree)
	if err != nil {
		return nil, err
	}
	var out []treeEntry
	for _, line := range strings.Split(strings.TrimSuffix(string(listing), "\x00"), "\x00") {
		// <mode> SP <type> SP <object> TAB <name>
		meta, name, ok := strings.Cut(line, "\t")
		fields := strings.Fields(meta)
		if ok && len(fields) == 3 {
			out = append(out, treeEntry{mode: fields[0], kind: fields[1], id: fields[2], name: name})
		}
	}
	return out, nil
}

// readTreeAtRevision reads the YAML files of the git tree object (rev:dir)
// as readInput reads a directory: an entry with a YAML name that is not a
// file stored as a file is an error, never left out.
func readTreeAtRevision(dir, object string) (*input, error) {
	all, err := lsTree(dir, object)
	if err != nil {
		return nil, err
	}
	var entries []treeEntry
	for _, en := range all {
		if !isYAMLName(en.name) {
			continue
		}
		if err := en.regular(object); err != nil {
			return nil, err
		}
		entries = append(entries, en)
	}
	slices.SortFunc(entries, func(a, b treeEntry) int { return strings.Compare(a.name, b.name) })
	b := &compiler.Bundle{Name: object}
	for _, en := range entries {
		data, err := git(dir, "cat-file", "blob", en.id)
		if err != nil {
			return nil, err
		}
		name := object + "/" + en.name
		if strings.HasSuffix(object, ":") {
			name = object + en.name // the repository's root: REV:file.yaml
		}
		b.Files = append(b.Files, compiler.Source{Name: name, Data: data})
	}
	if len(b.Files) == 0 {
		return nil, nil // no configuration there: everything is new
	}
	return &input{name: object, dir: b}, nil
}
