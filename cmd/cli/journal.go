package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
)

// journalName is the file in which a run records, before it renames
// anything into a folder, how to undo its renames there. It is removed as
// soon as every rename succeeded (the commit point) or was rolled back. A
// journal found by the next run means the previous one was killed while
// renaming: that run's renames are undone, so that the folder holds the
// previous set of files again, never a mix.
//
// The folder may be under the control of a pull request, so a journal is
// never trusted beyond what the run reading it writes anyway: an entry is
// honoured only for a file this run replaces or removes itself, a backup
// only when it is a regular file named as hybridc names backups; a journal
// that is not a regular file stops the run; and the journal is created
// anew, never written through a link.
const journalName = ".hybridc-journal"

// backupName matches the names hybridc gives backups (backupPrefix and
// randomSuffix's 12 hex digits).
var backupName = regexp.MustCompile(`^\.hybridc-old-[0-9a-f]{12}$`)

// journalEntry is one file a run is about to replace: its name, the name
// its previous version is kept under ("" when it had none).
type journalEntry struct {
	Target string `json:"target"`
	Backup string `json:"backup,omitempty"`
}

// writeJournal records the entries of one folder and syncs the journal and
// the folder, so that it survives a crash. The file is created exclusively:
// recoverJournal has removed any earlier one, so anything there now (a
// link planted since) makes it fail rather than write through it.
func writeJournal(dir string, entries []journalEntry) error {
	data, err := json.Marshal(entries)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(dir, journalName), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
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
// renaming into dir, for the files of targets (base names: the files this
// run writes or removes there): each gets its previous version back from
// a hybridc backup, or is removed when the killed run created it. Entries
// for other files are ignored. A journal that is not a regular file is an
// error: hybridc never writes one, and does not follow links.
//
// It returns the backups of entries it did not honour: they may hold the
// only previous version of a file another run was replacing, so the
// clean-up keeps them (and says so) instead of removing them.
func recoverJournal(dir string, targets map[string]bool) (map[string]bool, error) {
	path := filepath.Join(dir, journalName)
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a file hybridc wrote (%s): remove it; nothing was written", path, info.Mode().Type())
	}
	keep := map[string]bool{}
	var entries []journalEntry
	if info.Size() <= 1<<20 {
		if data, err := os.ReadFile(path); err == nil && json.Unmarshal(data, &entries) == nil {
			undone, told := 0, 0
			for _, e := range entries {
				switch {
				case undoEntry(dir, e, targets):
					undone++
				case backupName.MatchString(e.Backup) && isBaseName(e.Target) && !targets[e.Target]:
					keep[e.Backup] = true
					if told++; told <= 10 {
						fmt.Fprintf(os.Stderr, "hybridc: %s: an interrupted run was replacing %q, which this run does not write; its previous version is kept as %s\n", dir, e.Target, e.Backup)
					}
				}
			}
			if undone > 0 {
				fmt.Fprintf(os.Stderr, "hybridc: %s: undid %d renames of an interrupted run\n", dir, undone)
			}
		}
	}
	removeJournal(dir)
	return keep, nil
}

// undoEntry undoes one journaled rename, if it is one this run may undo:
// its target is a file the run writes, and its backup a regular file named
// as hybridc names backups. It reports whether it changed anything.
func undoEntry(dir string, e journalEntry, targets map[string]bool) bool {
	if !isBaseName(e.Target) || !targets[e.Target] {
		return false
	}
	target := filepath.Join(dir, e.Target)
	if e.Backup == "" {
		info, err := os.Lstat(target)
		return err == nil && info.Mode().IsRegular() && os.Remove(target) == nil
	}
	if !backupName.MatchString(e.Backup) {
		return false
	}
	backup := filepath.Join(dir, e.Backup)
	if info, err := os.Lstat(backup); err != nil || !info.Mode().IsRegular() {
		return false // the rename had not started: the target is the previous version
	}
	return os.Rename(backup, target) == nil
}

// isBaseName reports whether name is a plain file name, not a path.
func isBaseName(name string) bool {
	return name != "" && name != "." && name != ".." && filepath.Base(name) == name && !strings.ContainsFunc(name, unicode.IsControl)
}

// syncDir flushes a folder's entries to disk where the system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
