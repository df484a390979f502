package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestKeptBackupStaysNamed reproduces review finding 4: a run after an
// interruption keeps the previous version of a file it does not write
// (and says so); the run after it must not then delete that backup
// silently. The backup stays, named in the folder's journal and on
// standard error by every run, until the user deletes it (or renames it
// over its file); the run after that drops it from the journal.
func TestKeptBackupStaysNamed(t *testing.T) {
	dir := t.TempDir()
	const backup = ".hybridc-old-00000000000b"
	writeBytes(t, filepath.Join(dir, "a.ps1"), []byte("half-written a"))
	writeBytes(t, filepath.Join(dir, "b.ps1"), []byte("new b"))
	writeBytes(t, filepath.Join(dir, backup), []byte("old b"))
	writeBytes(t, filepath.Join(dir, journalName), []byte(`[{"target":"a.ps1"},{"target":"b.ps1","backup":"`+backup+`"}]`))
	var notices bytes.Buffer
	noticeOut = &notices
	defer func() { noticeOut = os.Stderr }()
	writeA := []fileWrite{{path: filepath.Join(dir, "a.ps1"), data: []byte("new a"), perm: 0o644}}

	for run := 1; run <= 3; run++ {
		notices.Reset()
		if err := replaceFiles(writeA); err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		if got, err := os.ReadFile(filepath.Join(dir, backup)); err != nil || string(got) != "old b" {
			t.Fatalf("run %d: the kept backup is %q (%v), want it kept", run, got, err)
		}
		var entries []journalEntry
		if err := json.Unmarshal(readFile(t, filepath.Join(dir, journalName)), &entries); err != nil {
			t.Fatalf("run %d: journal: %v", run, err)
		}
		if len(entries) != 1 || entries[0] != (journalEntry{Target: "b.ps1", Backup: backup}) {
			t.Errorf("run %d: the journal names %v, want only b.ps1's backup", run, entries)
		}
		if msg := notices.String(); !strings.Contains(msg, backup) || !strings.Contains(msg, "rename "+backup+" over b.ps1") || !strings.Contains(msg, "delete "+backup) {
			t.Errorf("run %d: standard error does not name the kept backup and what to do:\n%s", run, msg)
		}
	}

	// Resolved: the user keeps b.ps1 as it is and deletes the backup.
	if err := os.Remove(filepath.Join(dir, backup)); err != nil {
		t.Fatal(err)
	}
	notices.Reset()
	if err := replaceFiles(writeA); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(filepath.Join(dir, journalName)); err == nil {
		t.Error("the journal stays once its last backup is gone")
	}
	if strings.Contains(notices.String(), "kept") {
		t.Errorf("a backup is still named as kept: %s", notices.String())
	}
	if got := readFile(t, filepath.Join(dir, "b.ps1")); string(got) != "new b" {
		t.Errorf("b.ps1: %q", got)
	}
}

// TestLeftoversRemovedAreNamed: temporary or backup files that no journal
// names are removed by the next run that writes there, and it says so.
func TestLeftoversRemovedAreNamed(t *testing.T) {
	dir := t.TempDir()
	writeBytes(t, filepath.Join(dir, ".hybridc-old-00000000000c"), []byte("old c"))
	var notices bytes.Buffer
	noticeOut = &notices
	defer func() { noticeOut = os.Stderr }()
	if err := replaceFiles([]fileWrite{{path: filepath.Join(dir, "a.ps1"), data: []byte("new a"), perm: 0o644}}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(filepath.Join(dir, ".hybridc-old-00000000000c")); err == nil {
		t.Error("the leftover backup is still there")
	}
	if !strings.Contains(notices.String(), "removed 1 temporary or backup files") {
		t.Errorf("the removal is not reported: %q", notices.String())
	}
}
