package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
	"github.com/hybridc/hybridc/compiler/state"
)

// TestImportOwnsItsFiles: importing again into a directory removes the
// files an earlier import wrote that this one does not (a revoked
// permission must not survive in a leftover permissions file), and leaves
// other files, warning about YAML that every command would merge.
func TestImportOwnsItsFiles(t *testing.T) {
	grant := "permissions:\n  - {access: FullAccess, mailbox: EXO1, trustee: ONPREM2}\n"
	earlier := "# Permissions, part 2 of 2, written by hybridc import; merged with hybrid.yaml.\n" + grant
	tests := []struct {
		name   string
		plant  map[string]string // files in the directory before the import
		args   []string          // more arguments of the import
		gone   []string          // removed by the import
		kept   []string          // left as they were
		stderr string            // a substring of standard error
	}{
		{name: "a second permissions file of an earlier import", plant: map[string]string{"permissions-0002.yaml": earlier},
			gone: []string{"permissions-0002.yaml"}, stderr: "removed"},
		{name: "a five-digit permissions file", plant: map[string]string{"permissions-10000.yaml": earlier},
			gone: []string{"permissions-10000.yaml"}},
		{name: "no permissions this time", plant: map[string]string{"permissions-0001.yaml": earlier},
			args: []string{"--exclude", "fullAccess,sendAs,sendOnBehalf,folderPermissions"}, gone: []string{"permissions-0001.yaml"}},
		{name: "files that are not import's", plant: map[string]string{"notes.txt": "mine", "permissions-2.yaml": grant, ".hidden.yaml": "x"},
			kept: []string{"notes.txt", "permissions-2.yaml", ".hidden.yaml"}, stderr: "permissions-2.yaml is not import's"},
		{name: "a file whose name holds control characters", plant: map[string]string{"\x1b]0;PWNED\a\r::error file=x::forged.yaml": "mine"},
			kept: []string{"\x1b]0;PWNED\a\r::error file=x::forged.yaml"}, stderr: `\x1b]0;PWNED\x07\x0d::error file=x::forged.yaml is not import's`},
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

// TestImportRefusesInvalidValues: a state value that validate would refuse
// in the configuration (control, invisible and separator characters, a
// name too long) makes import write nothing and exit 1, with the error at
// the value's line, column and JSON pointer in the state, and where the
// configuration would have held it on a note line.
func TestImportRefusesInvalidValues(t *testing.T) {
	tests := []struct {
		name  string
		value string // inserted into a relationship's name
		want  string // a substring of the error
	}{
		{name: "tab", value: "\t", want: `"To\tCloud"`},
		{name: "newline", value: "\n", want: `"To\nCloud"`},
		{name: "NEL", value: "\u0085", want: `"To\u0085Cloud"`},
		{name: "line separator", value: "\u2028", want: `"To\u2028Cloud"`},
		{name: "byte order mark", value: "\ufeff", want: `"To\ufeffCloud"`},
		{name: "soft hyphen", value: "\u00ad", want: `"To\u00adCloud"`},
		{name: "right-to-left override", value: "\u202e", want: `"To\u202eCloud"`},
		{name: "NUL", value: "\x00", want: `"To\x00Cloud"`},
		{name: "5,000 characters", value: strings.Repeat("x", 5000), want: "length must be <= 64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			var states []string
			for _, p := range stateFiles(t) {
				var st state.State
				if err := json.Unmarshal(readFile(t, p), &st); err != nil {
					t.Fatal(err)
				}
				if st.Kind == state.OnPremises {
					st.OrganizationRelationships[0].Name = "To" + tt.value + "Cloud"
				}
				data, err := compiler.MarshalState(&st)
				if err != nil {
					t.Fatal(err)
				}
				out := filepath.Join(dir, filepath.Base(p))
				writeBytes(t, out, data)
				states = append(states, out)
			}
			for _, out := range []string{filepath.Join(dir, "config"), filepath.Join(dir, "one", "hybrid.yaml")} {
				r := hybridc(t, nil, append(append([]string{"import"}, states...), "-o", out)...)
				wantAt := filepath.Join(dir, "onprem-Contoso.json") + ":"
				if r.code != ExitFindings || !strings.Contains(r.stderr, wantAt) || !strings.Contains(r.stderr, "error HC0205: /organizationRelationships/0/name: ") ||
					!strings.Contains(r.stderr, tt.want) || !strings.Contains(r.stderr, "nothing was written") ||
					!strings.Contains(r.stderr, "\n\t"+compiler.ImportedName+":") || !strings.Contains(r.stderr, ": note: the value import would write (nothing was written)\n") {
					t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
				}
				if _, err := os.Lstat(out); err == nil {
					t.Errorf("%s was written", out)
				}
			}
		})
	}
}
