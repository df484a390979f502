package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
)

// journalName is the file in which a run records, before it renames
// anything into a folder, which files it is replacing there and where it
// keeps their previous versions. It is removed as soon as every rename
// succeeded (the commit point) or was rolled back; but for the entries of
// an interrupted run's journal for files this run does not write, whose
// backups stay until the user resolves them (see kept). A journal found
// by a later run means a run was killed while renaming: the files it
// names may be a mix of two runs.
//
// The folder may be under the control of a pull request, which can commit
// a journal and backups of its choice. So a journal found is never acted
// on: no backup is renamed from it, nothing is removed for it, before a
// run has passed every check and replaced every file it writes (which
// makes the journal's entries for those files moot). A run that is
// refused or fails leaves the journal and its backups as they were and
// names them (see leftovers.note). One that git tracks cannot be an
// interrupted run's on this machine and stops the run.
const journalName = ".hybridc-journal"

// maxJournalBytes caps what is read of a journal; a larger one is
// reported as unreadable.
const maxJournalBytes = 1 << 20

// backupName matches the names hybridc gives backups (backupPrefix and
// randomSuffix's 12 hex digits).
var backupName = lazyRegexp(`^\.hybridc-old-[0-9a-f]{12}$`)

// journalEntry is one file a run is about to replace: its name, the name
// its previous version is kept under ("" when it had none).
type journalEntry struct {
	Target string `json:"target"`
	Backup string `json:"backup,omitempty"`
}

// leftovers is what interrupted hybridc runs left in a folder, as found
// before anything is written there.
type leftovers struct {
	dir string
	// journal is the journal's bytes; nil when there is none.
	journal []byte
	// entries are the journal's entries that name a plain file and a
	// backup named as hybridc names them (or none); unreadable is set
	// when the journal is not one hybridc could have written.
	entries    []journalEntry
	unreadable bool
	// files are the temporary and backup files there: regular files named
	// with tempPrefix or backupPrefix, or as earlier versions named their
	// temporary files.
	files []string
}

// findLeftovers looks for what interrupted runs left in dir, changing
// nothing. It returns nil when there is nothing (or no dir), and an error
// when the journal is not a regular file: hybridc never writes one, and
// does not follow links.
func findLeftovers(dir string) (*leftovers, error) {
	l := &leftovers{dir: dir}
	path := filepath.Join(dir, journalName)
	info, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, err
	case !info.Mode().IsRegular():
		return nil, fmt.Errorf("%s is not a file hybridc wrote (%s): remove it; nothing was written", path, typeName(info.Mode()))
	default:
		data, err := readRegular(path, maxJournalBytes)
		if err != nil {
			data = []byte{}
		}
		l.journal = data
		l.entries, l.unreadable = parseJournal(data)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if n := e.Name(); isLeftoverName(n) && e.Type().IsRegular() {
			l.files = append(l.files, n)
		}
	}
	if l.journal == nil && len(l.files) == 0 {
		return nil, nil
	}
	return l, nil
}

// parseJournal returns a journal's entries that hybridc could have
// written, and whether any part of it is not.
func parseJournal(data []byte) ([]journalEntry, bool) {
	var all []journalEntry
	if json.Unmarshal(data, &all) != nil {
		return nil, true
	}
	var out []journalEntry
	for _, e := range all {
		if isBaseName(e.Target) && (e.Backup == "" || backupName().MatchString(e.Backup)) {
			out = append(out, e)
		}
	}
	return out, len(out) != len(all)
}

// isLeftoverName reports whether a file name is one hybridc gives its
// temporary files and backups.
func isLeftoverName(n string) bool {
	return strings.HasPrefix(n, tempPrefix) || strings.HasPrefix(n, backupPrefix) || oldTempName().MatchString(n)
}

// refuseTracked refuses leftovers that git tracks: hybridc removes its
// journal and backups as soon as a run ends, and no interrupted run
// commits them, so these came with a commit (a pull request can add a
// journal and a backup to make a run install the backup's contents). A
// folder outside any repository, or no git, tracks nothing.
func (l *leftovers) refuseTracked() error {
	names := slices.Clone(l.files)
	if l.journal != nil {
		names = append(names, journalName)
	}
	out, err := git(l.dir, append([]string{"ls-files", "-z", "--"}, names...)...)
	if err != nil || len(out) == 0 {
		return nil
	}
	var tracked []string
	for _, p := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		tracked = append(tracked, filepath.Join(l.dir, filepath.FromSlash(p)))
	}
	return fmt.Errorf("%s tracked by git: hybridc never leaves its journal or backups in a commit, so these came with one (a pull request can plant them so that a run installs a file of its choice); nothing was written: review them, remove them (git rm) and run again",
		strings.Join(tracked, ", "))
}

// note says what was found and what the user can do, for the message of a
// run that wrote nothing.
func (l *leftovers) note() string {
	if l.journal == nil {
		return fmt.Sprintf("%s holds %d temporary or backup files of an interrupted hybridc run (%s): left as they are; the next run that writes there removes them",
			l.dir, len(l.files), strings.Join(firstN(l.files, 5), ", "))
	}
	if l.unreadable && len(l.entries) == 0 {
		return fmt.Sprintf("%s holds %s, which is not a journal hybridc wrote: left as it is; check where it came from and remove it", l.dir, journalName)
	}
	var named []string
	for _, e := range l.entries {
		if e.Backup == "" {
			named = append(named, e.Target+" (new in that run)")
		} else {
			named = append(named, e.Target+" (its previous version is "+e.Backup+")")
		}
	}
	return fmt.Sprintf("%s holds %s, left by a hybridc run interrupted while replacing files there (or put there by someone else), naming %s: these may be a mix of two runs; all was left as it is: the next successful run replaces them and removes it, or, to go back to the previous versions, rename each backup over its file and delete the journal",
		l.dir, journalName, strings.Join(firstN(named, 10), ", "))
}

// firstN is the first n of list, and how many more there are.
func firstN(list []string, n int) []string {
	if len(list) <= n {
		return list
	}
	return append(slices.Clone(list[:n]), fmt.Sprintf("and %d more", len(list)-n))
}

// carried are the journal's entries for files this run does not write
// (targets are the base names it writes or removes): they go into this
// run's journal, so that their backups stay named should it be killed.
func (l *leftovers) carried(targets map[string]bool) []journalEntry {
	if l == nil {
		return nil
	}
	var out []journalEntry
	for _, e := range l.entries {
		if !targets[e.Target] {
			out = append(out, e)
		}
	}
	return out
}

// kept are the carried entries whose backup is still there: the previous
// versions of files an interrupted run was replacing that this run does
// not write. A run that succeeds leaves them in the folder's journal, so
// that every later run keeps them and names them until the user resolves
// them (renames the backup over its file, or deletes the backup).
func (l *leftovers) kept(targets map[string]bool) []journalEntry {
	var out []journalEntry
	for _, e := range l.carried(targets) {
		if e.Backup == "" {
			continue
		}
		if info, err := os.Lstat(filepath.Join(l.dir, e.Backup)); err == nil && info.Mode().IsRegular() {
			out = append(out, e)
		}
	}
	return out
}

// noticeOut is where a run that succeeded reports what it did with the
// leftovers of interrupted runs; tests replace it.
var noticeOut io.Writer = os.Stderr

// cleanUp runs once every file of the run is in place, and this run's
// journal replaced by one naming only the kept backups (or removed): it
// removes the temporary and backup files left there, but for the kept
// backups, which may hold the only previous version of a file another run
// was replacing: those stay, and are named with what to do about them. It
// reports on standard error what it did.
func (l *leftovers) cleanUp(targets map[string]bool) {
	keep := map[string]bool{}
	for _, e := range l.kept(targets) {
		keep[e.Backup] = true
		fmt.Fprintf(noticeOut, "hybridc: %s: an interrupted run was replacing %q, which this run does not write; its previous version is kept as %s and stays named in %s: to go back to it, rename %s over %s; to keep %s as it is, delete %s (the next run then drops it from the journal)\n",
			printable(l.dir), printable(e.Target), printable(e.Backup), journalName, printable(e.Backup), printable(e.Target), printable(e.Target), printable(e.Backup))
	}
	removed := 0
	for _, n := range l.files {
		if !keep[n] && !targets[n] && os.Remove(filepath.Join(l.dir, n)) == nil {
			removed++
		}
	}
	if l.journal == nil && removed > 0 {
		fmt.Fprintf(noticeOut, "hybridc: %s: removed %d temporary or backup files of interrupted hybridc runs (no %s named them)\n", printable(l.dir), removed, journalName)
	}
	if l.journal != nil {
		what := "removed it"
		if len(keep) > 0 {
			what = fmt.Sprintf("it now names only the %d previous versions kept", len(keep))
		}
		if removed > 0 {
			what += fmt.Sprintf("; removed %d leftover files", removed)
		}
		fmt.Fprintf(noticeOut, "hybridc: %s: replaced the files named by the %s of an interrupted run; %s\n", printable(l.dir), journalName, what)
	}
}

// finishJournal is the commit point of a folder's renames: it replaces
// the folder's journal by one naming only the backups kept (see kept), or
// removes it when there are none. Should the replacement fail, the
// journal is removed all the same (it names this run's backups, which
// are about to go); cleanUp still names the kept backups.
func finishJournal(dir string, kept []journalEntry) {
	if len(kept) > 0 {
		if data, err := json.Marshal(kept); err == nil && writeJournal(dir, data) == nil {
			return
		}
	}
	removeJournal(dir)
}

// writeJournal records a folder's journal and syncs it and the folder, so
// that it survives a crash. It is written to a new temporary file renamed
// over the journal's name, which replaces a journal found there and never
// writes through a link planted since.
func writeJournal(dir string, data []byte) error {
	f, err := os.CreateTemp(dir, tempPrefix+"*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	merr := f.Chmod(0o644)
	serr := f.Sync()
	if err := errors.Join(werr, merr, serr, f.Close()); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), filepath.Join(dir, journalName)); err != nil {
		os.Remove(f.Name())
		return err
	}
	syncDir(dir)
	return nil
}

// removeJournal removes a folder's journal: the renames it describes are
// complete.
func removeJournal(dir string) {
	os.Remove(filepath.Join(dir, journalName))
	syncDir(dir)
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
