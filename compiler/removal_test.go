package compiler_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
	"github.com/hybridc/hybridc/golden/pscheck"
)

// TestNoRemovalWithoutOptIn compiles configurations that declare role
// groups (the built-in Organization Management among them), a role
// assignment policy and Microsoft 365 group members and owners, none of
// them exclusive: the scripts must hold no code able to remove a member, a
// role or a group link. With exclusive sets, the removal code is there.
func TestNoRemovalWithoutOptIn(t *testing.T) {
	pscheck.Require(t)
	tests := []struct {
		name       string
		file       string
		wantRemove bool
	}{
		{name: "Organization Management with one member", file: filepath.Join("..", "golden", "cases", "builtin-role-group-additive", "input.yaml")},
		{name: "every example", file: filepath.Join("..", "examples", "contoso-complete.yaml")},
		{name: "exclusive sets", file: filepath.Join("testdata", "every-field.yaml"), wantRemove: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := os.ReadFile(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			res, err := compiler.Compile(compiler.Source{Name: filepath.Base(tt.file), Data: data}, compiler.Options{ToolVersion: "test"})
			if err != nil || res.Files == nil {
				t.Fatalf("%v %s", err, res.Diagnostics)
			}
			found := 0
			for _, name := range res.Files.Names() {
				if filepath.Ext(name) != ".ps1" {
					continue
				}
				for _, f := range pscheck.CheckNoRemoval(res.Files[name], pscheck.RemovesAny) {
					found++
					if !tt.wantRemove {
						t.Errorf("%s:%d:%d: %s", name, f.Line, f.Col, f.Msg)
					}
				}
			}
			if tt.wantRemove && found == 0 {
				t.Error("exclusive sets compiled into scripts without removal code: the check proves nothing")
			}
		})
	}
}

// TestSendOnBehalfRemovalOnlyWhenDeclared: Send on Behalf delegates are
// removed through the Remove key of -GrantSendOnBehalfTo's add/remove
// table, which pscheck's removal check does not see as a removal; the code
// that fills it is in a script only when a permission is declared absent.
func TestSendOnBehalfRemovalOnlyWhenDeclared(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "examples", "permissions.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	grant := "- {access: SendOnBehalf, mailbox: ONPREM1, trustee: ONPREM3}"
	for _, tt := range []struct {
		name, yaml string
		want       bool
	}{
		{"granted only", string(data), false},
		{"declared absent", strings.Replace(string(data), grant, "- {access: SendOnBehalf, mailbox: ONPREM1, trustee: ONPREM3, ensure: absent}", 1), true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(tt.yaml, "ONPREM3") || (tt.want && !strings.Contains(tt.yaml, "ensure: absent}")) {
				t.Fatal("the example no longer has the Send on Behalf grant this test edits")
			}
			res, err := compiler.Compile(compiler.Source{Name: "permissions.yaml", Data: []byte(tt.yaml)}, compiler.Options{ToolVersion: "test"})
			if err != nil || res.Files == nil {
				t.Fatalf("%v %s", err, res.Diagnostics)
			}
			got := strings.Contains(string(res.Files["onprem.ps1"]), "$delegates['Remove']")
			if got != tt.want {
				t.Errorf("onprem.ps1 holds the Send on Behalf removal: %v, want %v", got, tt.want)
			}
		})
	}
}
