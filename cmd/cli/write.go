package cli

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/hybridc/hybridc/compiler"
)

// The names of hybridc's own temporary files beside the files it replaces:
// short, so that they fit wherever a long partner domain's script name fits,
// and recognizable, so that a run removes what a killed run left behind.
const (
	tempPrefix   = ".hybridc-tmp-" // a new version, before it is renamed into place
	backupPrefix = ".hybridc-old-" // a previous version, while the new ones are renamed
)

// oldTempName matches the temporary files of hybridc versions before
// tempPrefix: "." + the target's name + ".tmp-" + digits.
var oldTempName = lazyRegexp(`^\..+\.(ps1|psm1|psd1|md)\.tmp-[0-9]+$`)

// rename renames a temporary file over its target; tests replace it to make
// a rename fail.
var rename = os.Rename

// writeFiles writes files into dir and removes the files of dir named in
// remove (base names), all or nothing (see replaceFiles).
func writeFiles(dir string, files compiler.Files, remove ...string) error {
	dir, err := plainFolder(dir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var writes []fileWrite
	for _, n := range files.Names() {
		writes = append(writes, fileWrite{path: filepath.Join(dir, n), data: files[n], perm: 0o644})
	}
	for _, n := range remove {
		writes = append(writes, fileWrite{path: filepath.Join(dir, n), remove: true})
	}
	return replaceFiles(writes)
}

// fileWrite is a file to create or replace: its path, contents and
// permission bits; or, with remove, a file to delete.
type fileWrite struct {
	path   string
	data   []byte
	perm   os.FileMode
	remove bool
}

// replaceFiles replaces (or removes) every file or none. Every check comes
// first, before anything changes (checkWrites): the folders are plain, no
// target is a directory or read-only, and what an interrupted run left
// there is found (and refused when git tracks it). Each file is then
// written and synced to a temporary file beside its target; only when all
// are complete are they renamed over the targets (commitWrites), each
// previous version kept under a backup name until all renames succeeded.
// A file to remove is renamed to its backup name, journaled like a
// replacement. If one rename fails, the files already replaced or removed
// get their previous versions back (or are removed if they are new), and
// the error names the file that blocked. No temporary file is left behind
// either way. Only when every file is in place are the leftovers of
// interrupted runs removed; a run that writes nothing names them.
func replaceFiles(writes []fileWrite) error {
	targets, found, err := checkWrites(writes)
	if err != nil {
		return err
	}
	if err := commitWrites(writes, targets, found); err != nil {
		return withNotes(err, found)
	}
	for _, l := range found {
		l.cleanUp(targets[l.dir])
	}
	return nil
}

// checkWrites makes every check that can refuse writes, changing nothing:
// it returns the base names written or removed in each folder, and what
// interrupted runs left there.
func checkWrites(writes []fileWrite) (map[string]map[string]bool, map[string]*leftovers, error) {
	targets := map[string]map[string]bool{}
	for _, w := range writes {
		d := filepath.Dir(w.path)
		if targets[d] == nil {
			targets[d] = map[string]bool{}
		}
		targets[d][filepath.Base(w.path)] = true
	}
	found := map[string]*leftovers{}
	for _, d := range slices.Sorted(maps.Keys(targets)) {
		if _, err := plainFolder(d); err != nil {
			return nil, nil, err
		}
		l, err := findLeftovers(d)
		if err != nil {
			return nil, nil, err
		}
		if l != nil {
			if err := l.refuseTracked(); err != nil {
				return nil, nil, err
			}
			found[d] = l
		}
	}
	for _, w := range writes {
		if err := replaceable(w.path); err != nil {
			return nil, nil, withNotes(err, found)
		}
	}
	return targets, found, nil
}

// withNotes adds to the error of a run that wrote nothing what interrupted
// runs left in its folders, which it left as they were.
func withNotes(err error, found map[string]*leftovers) error {
	for _, d := range slices.Sorted(maps.Keys(found)) {
		err = fmt.Errorf("%w; note: %s", err, found[d].note())
	}
	return err
}

// replaceable refuses a target that is a directory or a read-only file
// before anything is written: a rename cannot replace the first, and
// Windows cannot replace the second (other systems could, but the file was
// made read-only for a reason).
func replaceable(path string) error {
	info, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case info.IsDir():
		return fmt.Errorf("cannot replace %s: it is a directory; nothing was written", path)
	case info.Mode().IsRegular() && info.Mode().Perm()&0o200 == 0:
		return fmt.Errorf("cannot replace %s: it is read-only; make it writable or delete it; nothing was written", path)
	}
	return nil
}

// writeTemp writes data to a new temporary file beside path, syncs it and
// gives it the permission bits perm.
func writeTemp(path string, data []byte, perm os.FileMode) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), tempPrefix+"*")
	if err != nil {
		return "", fmt.Errorf("writing %s: %w; nothing was written", path, unwrapPath(err))
	}
	_, werr := f.Write(data)
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err == nil {
		err = os.Chmod(f.Name(), perm)
	}
	if err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("writing %s: %w; nothing was written", path, unwrapPath(err))
	}
	return f.Name(), nil
}

// randomSuffix returns 12 random hex digits for a backup name.
func randomSuffix() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// unwrapPath drops the operation and paths of an *fs.PathError or
// *os.LinkError (temporary names mean nothing to the user), keeping the
// reason.
func unwrapPath(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	}
	return err
}
