package cli

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestKilledWhileRenaming stops a write after its second rename, as a
// kill -9 would (no rollback runs), and checks that the next run's
// clean-up gives every file its previous version back, removes the new
// one, and leaves no journal, backup or temporary file.
func TestKilledWhileRenaming(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{"a.ps1": "old a", "b.ps1": "old b", "c.ps1": "old c"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writes := []fileWrite{
		{path: filepath.Join(dir, "a.ps1"), data: []byte("new a"), perm: 0o644},
		{path: filepath.Join(dir, "b.ps1"), data: []byte("new b"), perm: 0o644},
		{path: filepath.Join(dir, "c.ps1"), data: []byte("new c"), perm: 0o644},
		{path: filepath.Join(dir, "d.ps1"), data: []byte("new d"), perm: 0o644},
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
		replaceFiles(writes)
	}()
	<-done
	rename = os.Rename
	if _, err := os.Stat(filepath.Join(dir, journalName)); err != nil {
		t.Fatalf("the killed run left no journal: %v", err)
	}
	removeLeftovers(dir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := map[string]string{"a.ps1": "old a", "b.ps1": "old b", "c.ps1": "old c"}
	if len(names) != len(want) {
		t.Errorf("files after recovery: %v, want only %v", names, want)
	}
	for name, data := range want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != data {
			t.Errorf("%s: %q (%v), want its previous version %q", name, got, err, data)
		}
	}
}
