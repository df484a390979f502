package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
)

// importTo runs hybridc import of the example states into out with the
// extra flags.
func importTo(t *testing.T, out string, extra ...string) result {
	t.Helper()
	return hybridc(t, nil, append(append(append([]string{"import"}, stateFiles(t)...), "-o", out), extra...)...)
}

// TestImportRefusesForeignFiles: import neither replaces nor removes a
// file it did not write: it exits 2, names the file and --force, and
// leaves the directory as it was. With --force it replaces or removes it.
func TestImportRefusesForeignFiles(t *testing.T) {
	handWritten := "# My own configuration.\nversion: 1\nexchangeOnline: {tenant: contoso.onmicrosoft.com, primarySmtpDomains: [contoso.com]}\n"
	tests := []struct {
		name  string
		out   string            // -o, relative to the directory
		plant map[string]string // files in the directory before
		path  string            // the file refused, relative to the directory
		verb  string            // replace or remove
	}{
		{name: "a hand-written single file", out: "hybrid.yaml", plant: map[string]string{"hybrid.yaml": handWritten}, path: "hybrid.yaml", verb: "replace"},
		{name: "a .yml file", out: "mine.yml", plant: map[string]string{"mine.yml": handWritten}, path: "mine.yml", verb: "replace"},
		{name: "a hand-written part", out: "config", plant: map[string]string{"config/mailboxes.yaml": "mailboxes: []\n"}, path: "config/mailboxes.yaml", verb: "replace"},
		{name: "a hand-written hybrid.yaml in the directory", out: "config", plant: map[string]string{"config/hybrid.yaml": handWritten}, path: "config/hybrid.yaml", verb: "replace"},
		{name: "a hand-written leftover name", out: "config", plant: map[string]string{"config/permissions-0007.yaml": "permissions: []\n"}, path: "config/permissions-0007.yaml", verb: "remove"},
		{name: "the marker after the YAML starts", out: "hybrid.yaml", plant: map[string]string{"hybrid.yaml": "version: 1\n# Written by hybridc import\n"}, path: "hybrid.yaml", verb: "replace"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for n, text := range tt.plant {
				os.MkdirAll(filepath.Dir(filepath.Join(dir, n)), 0o755)
				writeBytes(t, filepath.Join(dir, n), []byte(text))
			}
			before := snapshot(t, dir)
			out, p := filepath.Join(dir, tt.out), filepath.Join(dir, tt.path)
			r := importTo(t, out)
			if r.code != ExitUsage || !strings.Contains(r.stderr, "refusing to "+tt.verb+" "+p+": hybridc import did not write it") ||
				!strings.Contains(r.stderr, "--force") || !strings.Contains(r.stderr, "nothing was written") || r.stdout != "" {
				t.Fatalf("exit %d, want 2 naming %s and --force:\n%s%s", r.code, p, r.stdout, r.stderr)
			}
			assertSameSnapshot(t, before, snapshot(t, dir))

			if r := importTo(t, out, "--force"); r.code != ExitOK {
				t.Fatalf("--force: exit %d\n%s", r.code, r.stderr)
			}
			data, err := os.ReadFile(p)
			switch {
			case tt.verb == "remove" && err == nil:
				t.Errorf("--force left %s", p)
			case tt.verb == "replace" && (err != nil || !compiler.WrittenByImport(data)):
				t.Errorf("--force did not replace %s with import's (%v)", p, err)
			}
		})
	}
}

// TestImportReplacesItsOwn: importing again over import's own output (a
// file, a directory, and a file whose line breaks git converted to CRLF)
// needs no --force.
func TestImportReplacesItsOwn(t *testing.T) {
	for _, out := range []string{"hybrid.yaml", "config"} {
		t.Run(out, func(t *testing.T) {
			dir := t.TempDir()
			target := filepath.Join(dir, out)
			if r := importTo(t, target); r.code != ExitOK {
				t.Fatalf("first import: exit %d\n%s", r.code, r.stderr)
			}
			main := target
			if out == "config" {
				main = filepath.Join(target, "hybrid.yaml")
			}
			writeBytes(t, main, []byte("\ufeff"+strings.ReplaceAll(string(readFile(t, main)), "\n", "\r\n")))
			if r := importTo(t, target, "--exclude", "sendAs"); r.code != ExitOK {
				t.Fatalf("second import: exit %d\n%s", r.code, r.stderr)
			}
			if strings.Contains(string(readFile(t, main)), "\r\n") {
				t.Error("the second import did not replace the file")
			}
		})
	}
}
