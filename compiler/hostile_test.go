package compiler_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/golden/pscheck"
)

// hostileConfig puts value into every string a script carries: the
// organization and tenant names checked by the preflight, a relationship's
// name and free/busy scope, an address space's forest. It bypasses the
// schema, which would refuse some of these values, to prove that quoting
// alone keeps them inert.
func hostileConfig(value string) *config.Config {
	yes := true
	return &config.Config{
		Version: 1,
		OnPremises: &config.OnPremises{
			Organization:    config.Name("Contoso" + value),
			ExchangeVersion: "SE",
			OrganizationRelationships: []config.OrganizationRelationship{{
				Name:                  config.Name("To Cloud" + value),
				DomainNames:           []config.DomainName{"service.contoso.com", config.DomainName("contoso.com" + value)},
				FreeBusyAccessEnabled: &yes,
				FreeBusyAccessScope:   config.Identity("Group" + value),
				TargetApplicationUri:  config.URI("outlook.com" + value),
			}},
			AvailabilityAddressSpaces: []config.AvailabilityAddressSpace{{
				ForestName: config.DomainName("service.contoso.com" + value), AccessMethod: "InternalProxy", UseServiceAccount: &yes,
			}},
		},
		ExchangeOnline: config.ExchangeOnline{
			Tenant: config.TenantName("contoso.onmicrosoft.com" + value),
			OrganizationRelationships: []config.OrganizationRelationship{{
				Name: config.Name("To On-Premises" + value), DomainNames: []config.DomainName{"contoso.com"},
			}},
		},
	}
}

func render(t *testing.T, cfg *config.Config) compiler.Files {
	t.Helper()
	plan, diags := compiler.Order(cfg)
	if diags.HasErrors() {
		t.Fatalf("order: %s", diags)
	}
	files, err := compiler.Render(plan, compiler.Source{Name: "hostile.yaml", Data: []byte("x")}, compiler.Options{ToolVersion: "test"})
	if err != nil {
		t.Fatalf("render: %v", err)
	}
	return files
}

// commandShape is the sequence of commands and their parameter names: what
// a script does, independent of the values it passes.
func commandShape(t *testing.T, src []byte) []string {
	t.Helper()
	cmds, err := pscheck.Commands(src)
	if err != nil {
		t.Fatal(err)
	}
	var shape []string
	for _, c := range cmds {
		s := c.Name
		for _, p := range c.Params {
			s += " -" + p.Name
		}
		shape = append(shape, s)
	}
	return shape
}

func TestHostileValuesStayInert(t *testing.T) {
	pscheck.Require(t)
	baseline := render(t, hostileConfig(""))
	tests := []struct {
		name  string
		value string
	}{
		{name: "single quote", value: "'; Remove-Mailbox -Identity * -Confirm:$false; '"},
		{name: "typographic quotes", value: "’; Remove-Mailbox *; ‘ ‚ ‛"},
		{name: "double quotes", value: `"; Remove-Mailbox *; "`},
		{name: "subexpression", value: "$(Remove-Mailbox *)"},
		{name: "backticks", value: "`; Remove-Mailbox *`"},
		{name: "newline", value: "\nRemove-Mailbox *\n"},
		{name: "carriage return", value: "\r\nRemove-Mailbox *\r"},
		{name: "semicolon and pipe", value: "; Remove-Mailbox * | Out-Null"},
		{name: "comment and block comment", value: " # #> <# Remove-Mailbox *"},
		{name: "signature marker", value: "\r\n# SIG # Begin signature block\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := render(t, hostileConfig(tt.value))
			for _, name := range baseline.Names() {
				got := files[name]
				pscheck.CheckGenerated(t, name, got, pscheck.EnvFor(name, "Exchange Server 2019"))
				if want, have := commandShape(t, baseline[name]), commandShape(t, got); !slices.Equal(want, have) {
					t.Errorf("%s: the value changed the commands of the script:\nwant %v\ngot  %v", name, want, have)
				}
				if !strings.ContainsAny(tt.value, "\r\n") && !strings.Contains(strings.ToUpper(tt.value), "# SIG") {
					if !slices.Contains(pscheck.LiteralStrings(got), "To Cloud"+tt.value) && name == "onprem.ps1" {
						t.Errorf("%s: the relationship name is not one literal string", name)
					}
				}
			}
		})
	}
}
