package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// plantedBackup is a backup name as hybridc names them, which a pull
// request can commit in an output folder.
const plantedBackup = ".hybridc-old-0123456789ab"

// plantJournal fills dir with what a pull request can commit to make a
// run install a file of its choice: target holding the administrator's
// version, a journal naming target (with the planted backup, or none:
// "the killed run created it"), the planted backup holding the attacker's
// file, and a directory where blocker goes, so that the run is refused.
func plantJournal(t *testing.T, dir, target, blocker string, withBackup bool) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, blocker), 0o755); err != nil {
		t.Fatal(err)
	}
	writeBytes(t, filepath.Join(dir, target), []byte("the administrator's version\n"))
	journal := `[{"target":"` + target + `"}]`
	if withBackup {
		writeBytes(t, filepath.Join(dir, plantedBackup), []byte("Remove-Mailbox -Identity * # the attacker's file\n"))
		journal = `[{"target":"` + target + `","backup":"` + plantedBackup + `"}]`
	}
	writeBytes(t, filepath.Join(dir, journalName), []byte(journal))
}

// TestPlantedJournalBeforeARefusal reproduces finding 1: an output folder
// holding a journal that names a file the run writes, a backup holding any
// script, and a directory where another output goes. The run is refused
// (the directory), and must then have changed nothing: not renamed the
// backup over the file, not deleted it for an entry without a backup, not
// removed the journal or the backup; and it names the journal, so that
// the administrator can look at it.
func TestPlantedJournalBeforeARefusal(t *testing.T) {
	tests := []struct {
		name, target, blocker string
		withBackup            bool
		args                  func(out string) []string
	}{
		{name: "compile, a backup over onprem.ps1", target: "onprem.ps1", blocker: "runbook.md", withBackup: true,
			args: func(out string) []string { return []string{"compile", exampleYAML, "-o", out} }},
		{name: "compile, an entry without a backup", target: "onprem.ps1", blocker: "runbook.md",
			args: func(out string) []string { return []string{"compile", exampleYAML, "-o", out} }},
		// --force: past import's refusal of a hybrid.yaml it did not write
		// (the administrator's version), to the writes' own checks.
		{name: "import -o DIR, a backup over hybrid.yaml", target: "hybrid.yaml", blocker: "mailboxes.yaml", withBackup: true,
			args: func(out string) []string {
				return append(append([]string{"import"}, stateFiles(t)...), "-o", out, "--force")
			}},
		{name: "import -o DIR, an entry without a backup", target: "hybrid.yaml", blocker: "mailboxes.yaml",
			args: func(out string) []string {
				return append(append([]string{"import"}, stateFiles(t)...), "-o", out, "--force")
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			plantJournal(t, out, tt.target, tt.blocker, tt.withBackup)
			before := snapshot(t, out)
			r := hybridc(t, nil, tt.args(out)...)
			if r.code != ExitUsage || !strings.Contains(r.stderr, tt.blocker+": it is a directory") {
				t.Errorf("exit %d, want %d refusing %s\n%s", r.code, ExitUsage, tt.blocker, r.stderr)
			}
			if !strings.Contains(r.stderr, journalName) || !strings.Contains(r.stderr, tt.target) {
				t.Errorf("the error does not name the journal and the file it names:\n%s", r.stderr)
			}
			if got, err := os.ReadFile(filepath.Join(out, tt.target)); err != nil || string(got) != "the administrator's version\n" {
				t.Errorf("%s became %q (%v)", tt.target, got, err)
			}
			assertSameSnapshot(t, before, snapshot(t, out))
		})
	}
}

// TestCommittedJournal: a journal or backup that git tracks did not come
// from a run interrupted on this machine (hybridc never commits them): the
// run is refused before anything changes, saying so, even when nothing
// else would stop it.
func TestCommittedJournal(t *testing.T) {
	repo := gitRepo(t)
	out := filepath.Join(repo, "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	writeBytes(t, filepath.Join(out, "onprem.ps1"), []byte("the administrator's version\n"))
	writeBytes(t, filepath.Join(out, plantedBackup), []byte("Remove-Mailbox -Identity *\n"))
	writeBytes(t, filepath.Join(out, journalName), []byte(`[{"target":"onprem.ps1","backup":"`+plantedBackup+`"}]`))
	commitAll(t, repo, "a pull request")
	before := snapshot(t, out)
	r := hybridc(t, nil, "compile", exampleYAML, "-o", out)
	if r.code != ExitUsage || !strings.Contains(r.stderr, "tracked by git") || !strings.Contains(r.stderr, plantedBackup) {
		t.Errorf("exit %d, want %d refusing the committed journal\n%s", r.code, ExitUsage, r.stderr)
	}
	assertSameSnapshot(t, before, snapshot(t, out))
}

// TestJournalGivenBackOnRollback: when a rename fails and the run rolls
// back, the journal found in the folder is given back as it was (this
// run's replaced it while renaming), with its backup: the folder is as
// the run found it.
func TestJournalGivenBackOnRollback(t *testing.T) {
	out := t.TempDir()
	writeBytes(t, filepath.Join(out, "a.ps1"), []byte("old a"))
	writeBytes(t, filepath.Join(out, plantedBackup), []byte("previous a"))
	writeBytes(t, filepath.Join(out, journalName), []byte(`[{"target":"a.ps1","backup":"`+plantedBackup+`"},{"target":"other.ps1"}]`))
	before := snapshot(t, out)
	renames := 0
	rename = func(from, to string) error {
		if renames++; renames == 2 {
			return os.ErrPermission
		}
		return os.Rename(from, to)
	}
	defer func() { rename = os.Rename }()
	err := replaceFiles([]fileWrite{
		{path: filepath.Join(out, "a.ps1"), data: []byte("new a"), perm: 0o644},
		{path: filepath.Join(out, "b.ps1"), data: []byte("new b"), perm: 0o644},
	})
	if err == nil || !strings.Contains(err.Error(), "every file was left as it was") || !strings.Contains(err.Error(), journalName) {
		t.Errorf("error %v, want the rollback and the journal named", err)
	}
	assertSameSnapshot(t, before, snapshot(t, out))
}
