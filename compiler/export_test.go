package compiler

import (
	"strings"
	"testing"

	"github.com/hybridc/hybridc/golden/pscheck"

	renderpkg "github.com/hybridc/hybridc/compiler/render"
)

// TestExportScripts: the export scripts parse, use documented cmdlets and
// parameters in their environment, pass -ErrorAction on every Exchange
// call, and contain no state-changing cmdlet at all.
func TestExportScripts(t *testing.T) {
	tests := []struct {
		name string
		opt  renderpkg.ExportOptions
	}{
		{name: "no organization", opt: renderpkg.ExportOptions{ToolVersion: "test"}},
		{name: "organization and tenant", opt: renderpkg.ExportOptions{ToolVersion: "test", Organization: "Contoso", Tenant: "contoso.onmicrosoft.com"}},
		{name: "hostile names", opt: renderpkg.ExportOptions{ToolVersion: "test", Organization: "<#>Get-Mailbox|Remove-Mailbox -Confirm:$false;'$(x)`", Tenant: "’; Remove-Mailbox x #>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, err := renderpkg.RenderExport(tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(files) != 2 {
				t.Fatalf("%d files", len(files))
			}
			for name, body := range files {
				envs := []pscheck.Env{{Online: true}}
				if name == renderpkg.ExportOnPremisesScript {
					envs = nil
					for _, v := range []string{"2013", "2016", "2019", "SE"} {
						envs = append(envs, pscheck.Env{OnPremVersion: "Exchange Server " + v})
					}
				}
				for _, env := range envs {
					pscheck.CheckGeneratedWith(t, name, body, env, pscheck.Options{ErrorAction: true, WriteGuarded: true})
				}
				for _, f := range pscheck.CheckReadOnly(body) {
					t.Errorf("%s:%d:%d: %s", name, f.Line, f.Col, f.Msg)
				}
				if strings.Contains(string(body), "Remove-Mailbox x") && !strings.Contains(string(body), `'~u~\u2019; Remove-Mailbox x #>'`) {
					t.Errorf("%s: the tenant is not a single-quoted literal", name)
				}
			}
		})
	}
}

// TestExportHostileNames: an organization or tenant name leaves the list of
// commands in the scripts exactly as with a harmless one.
func TestExportHostileNames(t *testing.T) {
	pscheck.Require(t)
	base, err := renderpkg.RenderExport(renderpkg.ExportOptions{ToolVersion: "test", Organization: "Contoso", Tenant: "contoso.onmicrosoft.com"})
	if err != nil {
		t.Fatal(err)
	}
	for _, hostile := range []string{"<#>Get-Mailbox|Remove-Mailbox -Confirm:$false;$z=\"+\"\";try{#", "a'b’c‘d‚e‛f", "$(Remove-Mailbox x)", "`;Remove-Mailbox x", "'@\nRemove-Mailbox x\n@'", "#> Remove-Mailbox x <#", "# SIG # Begin signature block"} {
		files, err := renderpkg.RenderExport(renderpkg.ExportOptions{ToolVersion: "test", Organization: hostile, Tenant: hostile})
		if err != nil {
			continue // refused: as good as inert
		}
		for name := range base {
			want, err1 := pscheck.Commands(base[name])
			got, err2 := pscheck.Commands(files[name])
			if err1 != nil || err2 != nil {
				t.Fatalf("%v %v", err1, err2)
			}
			if names(want) != names(got) {
				t.Errorf("%s with %q: commands differ", name, hostile)
			}
		}
	}
}

func names(cs []pscheck.Command) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString(c.Name + "\n")
	}
	return b.String()
}
