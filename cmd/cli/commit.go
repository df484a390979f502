package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
)

// commitWrites writes the temporary files, journals the renames and makes
// them, all or nothing (see replaceFiles). found are the leftovers of
// interrupted runs: their journal is replaced by this run's (which carries
// its entries for files this run does not write) and given back if this
// run rolls back.
func commitWrites(writes []fileWrite, targets map[string]map[string]bool, found map[string]*leftovers) error {
	temps := make([]string, len(writes))
	defer func() {
		for _, t := range temps {
			if t != "" {
				os.Remove(t) // renamed temporaries are gone already
			}
		}
	}()
	for i, w := range writes {
		if w.remove {
			continue
		}
		t, err := writeTemp(w.path, w.data, w.perm)
		if err != nil {
			return err
		}
		temps[i] = t
	}
	backups, err := journalWrites(writes, targets, found)
	if err != nil {
		return err
	}
	var done []replacement
	for i, w := range writes {
		var r replacement
		var err error
		if w.remove && backups[i] == "" {
			continue // gone already (an interrupted run removed it)
		}
		if w.remove {
			r, err = removeOne(w.path, backups[i])
		} else {
			r, err = replaceOne(temps[i], w.path, backups[i])
		}
		if err != nil {
			if rb := rollBack(done); rb != nil {
				// The journal stays: it names where the previous versions are.
				return fmt.Errorf("cannot replace %s: %w; restoring the files replaced before it failed: %v", w.path, unwrapPath(err), rb)
			}
			restoreJournals(targets, found)
			return fmt.Errorf("cannot replace %s: %w; every file was left as it was", w.path, unwrapPath(err))
		}
		done = append(done, r)
	}
	for d := range targets {
		var kept []journalEntry
		if l := found[d]; l != nil {
			kept = l.kept(targets[d])
		}
		finishJournal(d, kept)
	}
	for _, r := range done {
		if r.backup != "" {
			os.Remove(r.backup)
		}
	}
	return nil
}

// journalWrites chooses each existing target's backup name and writes the
// journal of each folder, which says how to undo the renames should this
// run be killed while renaming; removing it is the commit point. It
// returns the backup names ("" for a new file).
func journalWrites(writes []fileWrite, targets map[string]map[string]bool, found map[string]*leftovers) ([]string, error) {
	backups := make([]string, len(writes))
	journals := map[string][]journalEntry{}
	for i, w := range writes {
		if _, err := os.Lstat(w.path); err == nil {
			backups[i] = filepath.Join(filepath.Dir(w.path), backupPrefix+randomSuffix())
		}
		e := journalEntry{Target: filepath.Base(w.path)}
		if backups[i] != "" {
			e.Backup = filepath.Base(backups[i])
		}
		d := filepath.Dir(w.path)
		journals[d] = append(journals[d], e)
	}
	for _, d := range slices.Sorted(maps.Keys(journals)) {
		data, err := json.Marshal(append(journals[d], found[d].carried(targets[d])...))
		if err == nil {
			err = writeJournal(d, data)
		}
		if err != nil {
			restoreJournals(targets, found)
			return nil, fmt.Errorf("writing in %s: %w; nothing was written", d, unwrapPath(err))
		}
	}
	return backups, nil
}

// restoreJournals puts back each folder's journal as it was found (or
// removes this run's) after a rollback: the folder is as it was.
func restoreJournals(targets map[string]map[string]bool, found map[string]*leftovers) {
	for d := range targets {
		if l := found[d]; l != nil && l.journal != nil {
			writeJournal(d, l.journal)
		} else {
			removeJournal(d)
		}
	}
}

// replacement is a target replaced by replaceOne, and the backup that holds
// its previous version ("" when it had none).
type replacement struct {
	target, backup string
}

// replaceOne renames temp over target, keeping target's previous version
// under backup ("" when there is none): a hard link where the file system
// has them (target is never missing), otherwise the old file renamed aside
// first.
func replaceOne(temp, target, backup string) (replacement, error) {
	r := replacement{target: target, backup: backup}
	movedAside := false
	if r.backup != "" {
		if err := os.Link(target, r.backup); err != nil {
			if err := os.Rename(target, r.backup); err != nil {
				return r, err
			}
			movedAside = true
		}
	}
	if err := rename(temp, target); err != nil {
		if movedAside {
			os.Rename(r.backup, target)
		} else if r.backup != "" {
			os.Remove(r.backup)
		}
		return r, err
	}
	return r, nil
}

// removeOne removes target by renaming it to backup, where its previous
// version stays until every file is replaced (rollBack renames it back).
func removeOne(target, backup string) (replacement, error) {
	r := replacement{target: target, backup: backup}
	if backup == "" {
		return r, fmt.Errorf("%s does not exist", target)
	}
	return r, rename(target, backup)
}

// rollBack gives each replaced file its previous version back, latest
// first, or removes it when it is new. It returns what it could not
// restore, naming where the previous version is kept.
func rollBack(done []replacement) error {
	var errs []error
	for i := len(done) - 1; i >= 0; i-- {
		r := done[i]
		if r.backup == "" {
			if err := os.Remove(r.target); err != nil {
				errs = append(errs, fmt.Errorf("could not remove the new %s: %w", r.target, unwrapPath(err)))
			}
			continue
		}
		if err := os.Rename(r.backup, r.target); err != nil {
			errs = append(errs, fmt.Errorf("could not restore %s (its previous version is %s): %w", r.target, r.backup, unwrapPath(err)))
		}
	}
	return errors.Join(errs...)
}
