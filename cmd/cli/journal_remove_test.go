package cli

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
)

// TestRemovalsAllOrNothing: a file replaceFiles removes is journaled like
// a replacement: gone when every rename succeeded, given back when a later
// rename fails; when the run is killed after removing it, the next run
// completes the replacement and removes what the killed one left.
func TestRemovalsAllOrNothing(t *testing.T) {
	tests := []struct {
		name   string
		failAt int // the rename that fails (0: none)
		killAt int // the rename at which the run is killed (0: none)
		want   map[string]string
	}{
		{name: "removed when every rename succeeds", want: map[string]string{"a.yaml": "new a"}},
		{name: "given back when a later rename fails", failAt: 2, want: map[string]string{"a.yaml": "old a", "b.yaml": "old b"}},
		{name: "completed by the next run after a kill", killAt: 2, want: map[string]string{"a.yaml": "new a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, data := range map[string]string{"a.yaml": "old a", "b.yaml": "old b"} {
				writeBytes(t, filepath.Join(dir, name), []byte(data))
			}
			writes := []fileWrite{
				{path: filepath.Join(dir, "b.yaml"), remove: true},
				{path: filepath.Join(dir, "a.yaml"), data: []byte("new a"), perm: 0o644},
			}
			renames := 0
			rename = func(from, to string) error {
				renames++
				switch renames {
				case tt.killAt:
					runtime.Goexit()
				case tt.failAt:
					return errors.New("blocked")
				}
				return os.Rename(from, to)
			}
			defer func() { rename = os.Rename }()
			done := make(chan error, 1)
			go func() {
				defer close(done)
				done <- replaceFiles(writes)
			}()
			err := <-done
			rename = os.Rename
			if (err != nil) != (tt.failAt != 0) {
				t.Errorf("error %v, want one: %v", err, tt.failAt != 0)
			}
			if tt.killAt != 0 {
				if _, err := os.Stat(filepath.Join(dir, journalName)); err != nil {
					t.Fatalf("the killed run left no journal: %v", err)
				}
				if err := replaceFiles(writes); err != nil {
					t.Fatal(err)
				}
			}
			got := map[string]string{}
			entries, _ := os.ReadDir(dir)
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
				data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
				got[e.Name()] = string(data)
			}
			sort.Strings(names)
			if len(got) != len(tt.want) {
				t.Errorf("files %v, want %v", names, tt.want)
			}
			for n, data := range tt.want {
				if got[n] != data {
					t.Errorf("%s: %q, want %q", n, got[n], data)
				}
			}
		})
	}
}
