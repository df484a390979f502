package cli

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestKilledWhileRenaming stops a write after its second rename, as a
// kill -9 would (no rollback runs). The next run that is refused changes
// nothing and names the journal and the backups; the next one that
// succeeds replaces every file and leaves no journal, backup or temporary
// file.
func TestKilledWhileRenaming(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{"a.ps1": "old a", "b.ps1": "old b", "c.ps1": "old c"} {
		writeBytes(t, filepath.Join(dir, name), []byte(data))
	}
	writes := func(version string) []fileWrite {
		var out []fileWrite
		for _, n := range []string{"a", "b", "c", "d"} {
			out = append(out, fileWrite{path: filepath.Join(dir, n+".ps1"), data: []byte(version + " " + n), perm: 0o644})
		}
		return out
	}
	renames := 0
	rename = func(from, to string) error {
		renames++
		if renames == 3 {
			runtime.Goexit() // killed: nothing after this point runs but deferred clean-up
		}
		return os.Rename(from, to)
	}
	defer func() { rename = os.Rename }()
	done := make(chan struct{})
	go func() {
		defer close(done)
		replaceFiles(writes("new"))
	}()
	<-done
	rename = os.Rename
	if _, err := os.Stat(filepath.Join(dir, journalName)); err != nil {
		t.Fatalf("the killed run left no journal: %v", err)
	}

	// Refused (a directory where d.ps1 goes): nothing changes, and the
	// error says why the folder may be a mix.
	d := filepath.Join(dir, "d.ps1")
	if err := os.Mkdir(d, 0o755); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	err := replaceFiles(writes("newer"))
	if err == nil || !strings.Contains(err.Error(), journalName) || !strings.Contains(err.Error(), "a.ps1 (its previous version is .hybridc-old-") {
		t.Errorf("error %v, want the journal and its entries named", err)
	}
	assertSameSnapshot(t, before, snapshot(t, dir))

	// Succeeds: every file is the new version, nothing else is left.
	if err := os.Remove(d); err != nil {
		t.Fatal(err)
	}
	if err := replaceFiles(writes("newer")); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 4 {
		t.Errorf("files after the next run: %v, want only a.ps1 to d.ps1", names)
	}
	for _, n := range []string{"a", "b", "c", "d"} {
		if got, err := os.ReadFile(filepath.Join(dir, n+".ps1")); err != nil || string(got) != "newer "+n {
			t.Errorf("%s.ps1: %q (%v)", n, got, err)
		}
	}
}

// TestHostileJournal: a journal planted in an output folder (a pull request
// can commit one) is never trusted beyond the files the run writes anyway:
// a journal that is a link stops the run without touching what it points
// to, entries naming other files or backups not named as hybridc names
// them are ignored, and the planted files survive (a backup named as
// hybridc names them stays named in the journal, as any kept backup).
func TestHostileJournal(t *testing.T) {
	t.Run("a link", func(t *testing.T) {
		dir := t.TempDir()
		out := filepath.Join(dir, "out")
		if err := os.MkdirAll(out, 0o755); err != nil {
			t.Fatal(err)
		}
		victim := filepath.Join(dir, "victim.txt")
		writeBytes(t, victim, []byte("precious"))
		if err := os.Symlink(victim, filepath.Join(out, journalName)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
		err := replaceFiles([]fileWrite{{path: filepath.Join(out, "a.ps1"), data: []byte("new"), perm: 0o644}})
		if err == nil || !strings.Contains(err.Error(), "remove it") {
			t.Errorf("error %v, want the journal refused", err)
		}
		if got, _ := os.ReadFile(victim); string(got) != "precious" {
			t.Errorf("the link's target became %q", got)
		}
		if _, err := os.Stat(filepath.Join(out, "a.ps1")); err == nil {
			t.Error("a file was written")
		}
	})
	t.Run("entries for other files", func(t *testing.T) {
		dir := t.TempDir()
		for name, data := range map[string]string{"codesign.pfx": "KEY", "pw.txt": "pw", "notes.txt": "attacker", ".hybridc-old-0123456789ab": "attacker"} {
			writeBytes(t, filepath.Join(dir, name), []byte(data))
		}
		writeBytes(t, filepath.Join(dir, journalName), []byte(`[{"target":"codesign.pfx"},{"target":"pw.txt","backup":"notes.txt"},{"target":"a.ps1","backup":"notes.txt"},{"target":"pw.txt","backup":".hybridc-old-0123456789ab"}]`))
		if err := replaceFiles([]fileWrite{{path: filepath.Join(dir, "a.ps1"), data: []byte("new"), perm: 0o644}}); err != nil {
			t.Fatal(err)
		}
		for name, data := range map[string]string{"codesign.pfx": "KEY", "pw.txt": "pw", "notes.txt": "attacker", "a.ps1": "new"} {
			if got, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(got) != data {
				t.Errorf("%s: %q (%v), want %q", name, got, err, data)
			}
		}
		// The one entry hybridc could have written, for a file this run
		// does not write, stays named (see TestKeptBackupStaysNamed).
		if got := string(readFile(t, filepath.Join(dir, journalName))); got != `[{"target":"pw.txt","backup":".hybridc-old-0123456789ab"}]` {
			t.Errorf("the journal is now %s, want only the pw.txt entry", got)
		}
	})
	t.Run("a linked output folder", func(t *testing.T) {
		dir := t.TempDir()
		real := filepath.Join(dir, "elsewhere")
		if err := os.MkdirAll(real, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(real, filepath.Join(dir, "scripts")); err != nil {
			t.Skip("no symbolic links here:", err)
		}
		err := replaceFiles([]fileWrite{{path: filepath.Join(dir, "scripts", "a.ps1"), data: []byte("new"), perm: 0o644}})
		if err == nil || !strings.Contains(err.Error(), "symbolic link") {
			t.Errorf("error %v, want the linked folder refused", err)
		}
	})
}

// TestLinkInTheOutputPath: a link in any part of the output folder's path
// inside the repository is refused before anything is created, however the
// path is spelled; a path through .. is cleaned before
// anything is created, so the system never resolves it through a link.
func TestLinkInTheOutputPath(t *testing.T) {
	tests := []struct {
		name    string
		cwd     string // below the repository
		out     string
		refused bool
		created string // what must exist afterwards, below the repository
	}{
		{name: "link below the working directory", cwd: ".", out: filepath.Join("scripts", "out"), refused: true},
		{name: "link reached through ..", cwd: "sub", out: filepath.Join("..", "scripts", "out"), refused: true},
		{name: "link passed by ..", cwd: ".", out: filepath.Join("scripts", "..", "out"), created: filepath.Join("out", "a.ps1")},
		{name: "plain folder", cwd: "sub", out: filepath.Join("..", "plain", "out"), created: filepath.Join("plain", "out", "a.ps1")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo := t.TempDir()
			outside := t.TempDir()
			for _, d := range []string{"sub", "plain", ".git"} {
				if err := os.MkdirAll(filepath.Join(repo, d), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.Symlink(outside, filepath.Join(repo, "scripts")); err != nil {
				t.Skip("no symbolic links here:", err)
			}
			t.Chdir(filepath.Join(repo, tt.cwd))
			err := writeFiles(tt.out, map[string][]byte{"a.ps1": []byte("new")})
			if tt.refused != (err != nil) {
				t.Fatalf("error %v, want refused: %v", err, tt.refused)
			}
			if tt.refused && !strings.Contains(err.Error(), "not a plain folder") {
				t.Errorf("error %v does not say why", err)
			}
			if entries, _ := os.ReadDir(outside); len(entries) != 0 {
				t.Errorf("written through the link: %d entries in its target", len(entries))
			}
			if tt.created != "" {
				if _, err := os.Stat(filepath.Join(repo, tt.created)); err != nil {
					t.Errorf("%s was not written: %v", tt.created, err)
				}
			}
		})
	}
}
