package compiler

import (
	"github.com/hybridc/hybridc/compiler/check"
	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/model"
)

import "testing"

func TestBuiltInRoleGroup(t *testing.T) {
	for _, tt := range []struct {
		name   string
		group  string
		online bool
		want   bool
	}{
		{name: "on-premises", group: "Organization Management", want: true},
		{name: "case-insensitive", group: "organization management", online: true, want: true},
		{name: "on-premises only", group: "Delegated Setup", online: true, want: false},
		{name: "online only", group: "Security Reader", want: false},
		{name: "online only, online", group: "Security Reader", online: true, want: true},
		{name: "linked to an Entra role", group: "TenantAdmins_-1234567", online: true, want: true},
		{name: "prefix not on-premises", group: "TenantAdmins_-1234567", want: false},
		{name: "custom", group: "Hybrid Recipient Admins", online: true, want: false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := model.BuiltInRoleGroup(tt.group, tt.online); got != tt.want {
				t.Errorf("BuiltInRoleGroup(%q, %v) = %v, want %v", tt.group, tt.online, got, tt.want)
			}
		})
	}
}

func TestDNInForest(t *testing.T) {
	for _, tt := range []struct {
		name, dn, forest string
		want             bool
	}{
		{name: "root domain", dn: "CN=AAD_1,CN=Users,DC=contoso,DC=com", forest: "contoso.com", want: true},
		{name: "child domain", dn: "OU=Groups,DC=emea,DC=contoso,DC=com", forest: "contoso.com", want: true},
		{name: "case and spaces", dn: "OU=Groups, dc=Contoso, dc=COM", forest: "contoso.com", want: true},
		{name: "other forest", dn: "OU=Groups,DC=fabrikam,DC=com", forest: "contoso.com", want: false},
		{name: "suffix but not a label", dn: "OU=Groups,DC=notcontoso,DC=com", forest: "contoso.com", want: false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := check.DNInForest(tt.dn, tt.forest); got != tt.want {
				t.Errorf("dnInForest(%q, %q) = %v, want %v", tt.dn, tt.forest, got, tt.want)
			}
		})
	}
}

// TestBuiltInRoleGroupCountsAccounts (issue 15, finding 9; review finding
// 3): HC0331 counts accounts, not strings: a name or alias and an address,
// DOMAIN\account or distinguished name with that account part may be one
// member; full addresses and DOMAIN\account are compared whole.
func TestBuiltInRoleGroupCountsAccounts(t *testing.T) {
	for _, tt := range []struct {
		name    string
		members string
		refused bool
	}{
		{name: "name and address", members: "[EXO1, exo1@contoso.com]", refused: true},
		{name: "alias and DOMAIN account", members: "[ADMIN1, 'CONTOSO\\admin1']", refused: true},
		{name: "bare name and distinguished name", members: "[admin1, 'CN=Admin1,OU=Admins,DC=contoso,DC=com']", refused: true},
		{name: "one address twice in two cases", members: "[admin@contoso.com, ADMIN@Contoso.com]", refused: true},
		{name: "one member", members: "[admin@contoso.com]", refused: true},
		{name: "two accounts", members: "[EXO1, admin1@contoso.com]", refused: false},
		// Review finding 3: the same local part in two domains, or the same
		// account in two domains, are two accounts (break-glass pairs).
		{name: "two domains", members: "[admin@contoso.com, admin@fabrikam.com]", refused: false},
		{name: "tenant and custom domain", members: "[admin@contoso.onmicrosoft.com, admin@contoso.com]", refused: false},
		{name: "two DOMAIN accounts", members: "['CONTOSO\\admin', 'FABRIKAM\\admin']", refused: false},
		{name: "bare name and one of two addresses", members: "[admin, admin@contoso.com, admin@fabrikam.com]", refused: false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			yaml := hybridYAML(toCloud, "  roleGroups:\n    - name: Organization Management\n      exclusive: true\n      members: "+tt.members+"\n")
			res := Analyze(load.Source{Name: "admins.yaml", Data: []byte(yaml)})
			got := false
			for _, d := range res.Diagnostics {
				got = got || d.Code == diag.CodeBuiltInRoleGroup
			}
			if got != tt.refused {
				t.Errorf("HC0331 %v, want %v: %s", got, tt.refused, res.Diagnostics)
			}
		})
	}
}
