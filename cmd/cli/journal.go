package cli

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// journalName is the file in which a run records, before it renames
// anything into a folder, how to undo its renames there. It is removed as
// soon as every rename succeeded (the commit point) or was rolled back. A
// journal found by the next run means the previous one was killed while
// renaming: that run's renames are undone, so that the folder holds the
// previous set of files again, never a mix.
const journalName = ".hybridc-journal"

// journalEntry is one file a run is about to replace: its name, the name
// its previous version is kept under ("" when it had none).
type journalEntry struct {
	Target string `json:"target"`
	Backup string `json:"backup,omitempty"`
}

// writeJournal records the entries of one folder and syncs the journal and
// the folder, so that it survives a crash.
func writeJournal(dir string, entries []journalEntry) error {
	data, err := json.Marshal(entries)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(dir, journalName), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	serr := f.Sync()
	if err := errors.Join(werr, serr, f.Close()); err != nil {
		os.Remove(filepath.Join(dir, journalName))
		return err
	}
	syncDir(dir)
	return nil
}

// removeJournal removes a folder's journal: the renames it describes are
// complete or undone.
func removeJournal(dir string) {
	os.Remove(filepath.Join(dir, journalName))
	syncDir(dir)
}

// recoverJournal undoes the renames of a run that was killed while
// renaming into dir: every replaced file gets its previous version back,
// every new one is removed. Names in the journal are base names of files
// in dir; anything else is ignored.
func recoverJournal(dir string) {
	path := filepath.Join(dir, journalName)
	info, err := os.Lstat(path)
	if err != nil || !info.Mode().IsRegular() || info.Size() > 1<<20 {
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return
	}
	var entries []journalEntry
	if json.Unmarshal(data, &entries) == nil {
		for _, e := range entries {
			if !isBaseName(e.Target) || (e.Backup != "" && !isBaseName(e.Backup)) {
				continue
			}
			target := filepath.Join(dir, e.Target)
			if e.Backup == "" {
				os.Remove(target)
				continue
			}
			if _, err := os.Lstat(filepath.Join(dir, e.Backup)); errors.Is(err, fs.ErrNotExist) {
				continue // the rename had not started: the target is the previous version
			}
			os.Rename(filepath.Join(dir, e.Backup), target)
		}
	}
	removeJournal(dir)
}

// isBaseName reports whether name is a plain file name, not a path.
func isBaseName(name string) bool {
	return name != "" && name != "." && name != ".." && filepath.Base(name) == name
}

// syncDir flushes a folder's entries to disk where the system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
