package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportOwnsItsFiles: importing again into a directory removes the
// files an earlier import wrote that this one does not (a revoked
// permission must not survive in a leftover permissions file), and leaves
// other files, warning about YAML that every command would merge.
func TestImportOwnsItsFiles(t *testing.T) {
	grant := "permissions:\n  - {access: FullAccess, mailbox: EXO1, trustee: ONPREM2}\n"
	tests := []struct {
		name   string
		plant  map[string]string // files in the directory before the import
		args   []string          // more arguments of the import
		gone   []string          // removed by the import
		kept   []string          // left as they were
		stderr string            // a substring of standard error
	}{
		{name: "a second permissions file of an earlier import", plant: map[string]string{"permissions-0002.yaml": grant},
			gone: []string{"permissions-0002.yaml"}, stderr: "removed"},
		{name: "a five-digit permissions file", plant: map[string]string{"permissions-10000.yaml": grant},
			gone: []string{"permissions-10000.yaml"}},
		{name: "no permissions this time", plant: map[string]string{"permissions-0001.yaml": grant},
			args: []string{"--exclude", "fullAccess,sendAs,sendOnBehalf,folderPermissions"}, gone: []string{"permissions-0001.yaml"}},
		{name: "files that are not import's", plant: map[string]string{"notes.txt": "mine", "permissions-2.yaml": grant, ".hidden.yaml": "x"},
			kept: []string{"notes.txt", "permissions-2.yaml", ".hidden.yaml"}, stderr: "permissions-2.yaml is not import's"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "config")
			os.MkdirAll(dir, 0o755)
			for n, data := range tt.plant {
				writeBytes(t, filepath.Join(dir, n), []byte(data))
			}
			args := append(append(append([]string{"import"}, stateFiles(t)...), "-o", dir), tt.args...)
			r := hybridc(t, nil, args...)
			if r.code != ExitOK || !strings.Contains(r.stderr, tt.stderr) {
				t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
			}
			for _, n := range tt.gone {
				if _, err := os.Lstat(filepath.Join(dir, n)); err == nil {
					t.Errorf("%s was left", n)
				}
			}
			for _, n := range tt.kept {
				if got := readFile(t, filepath.Join(dir, n)); string(got) != tt.plant[n] {
					t.Errorf("%s changed: %q", n, got)
				}
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".hybridc") {
					t.Errorf("import left %s", e.Name())
				}
			}
		})
	}
}
