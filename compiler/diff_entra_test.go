package compiler

import (
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/statediff"
)

// entraDiffYAML is a configuration with group writeback; extra is added
// under entraConnect.
func entraDiffYAML(account, extra string) string {
	return `version: 1
onPremises:
  organization: Contoso
  exchangeVersion: SE
  primarySmtpDomains: [contoso.com]
  federatedDelegationNamespace: exchangedelegation.contoso.com
  entraConnect:
    version: 2.4.129.0
    groupWriteback: true
    forest: contoso.com
    connectorAccountDN: ` + account + `
` + extra + `exchangeOnline:
  tenant: contoso.onmicrosoft.com
  routingDomain: contoso.mail.onmicrosoft.com
  serviceRoutingNamespace: service.contoso.com
  primarySmtpDomains: [contoso.com]
`
}

// writebackChange is the plan's line for the writeback permissions between
// two configurations: its warning, and whether it is listed at all.
func writebackChange(t *testing.T, old, new string) (string, bool) {
	t.Helper()
	for _, s := range statediff.Diff(analyzeClean(t, old), analyzeClean(t, new)).Scripts {
		for _, list := range [][]*statediff.ResourceChange{s.Added, s.Changed} {
			for _, rc := range list {
				if rc.New.Kind == model.KindWritebackPermissions {
					return rc.Warning, true
				}
			}
		}
	}
	return "", false
}

// TestDiffWritebackWarnings: a plan makes the writeback changes a reviewer
// must see stand out (attacker finding A3): another connector account,
// writebackOU removed, adminSdHolder: true; and says that narrowing the
// scope removes nothing already granted (A4).
func TestDiffWritebackWarnings(t *testing.T) {
	const svc = "CN=AAD_7c3b1e2a9f10,CN=Users,DC=contoso,DC=com"
	const ou = "    writebackOU: OU=Groups,DC=contoso,DC=com\n"
	tests := []struct {
		name     string
		old, new string
		want     []string
	}{
		{"account changed", entraDiffYAML(svc, ou), entraDiffYAML("CN=helpdesk-svc,OU=Staff,DC=contoso,DC=com", ou),
			[]string{"the connector account changes from " + svc + " to CN=helpdesk-svc,OU=Staff,DC=contoso,DC=com", "existing grants are not removed"}},
		{"writebackOU removed", entraDiffYAML(svc, ou), entraDiffYAML(svc, ""),
			[]string{"writebackOU removed: the permissions are now granted at the root of every domain of the forest"}},
		{"adminSdHolder asked", entraDiffYAML(svc, ""), entraDiffYAML(svc, "    adminSdHolder: true\n"),
			[]string{"adminSdHolder: true: the permissions are also stamped on AdminSDHolder"}},
		{"narrowed to an OU", entraDiffYAML(svc, "    adminSdHolder: true\n"), entraDiffYAML(svc, ou),
			[]string{"existing grants are not removed", "remove"}},
		{"AdminSDHolder no longer asked", entraDiffYAML(svc, "    adminSdHolder: true\n"), entraDiffYAML(svc, ""),
			[]string{"existing grants are not removed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, listed := writebackChange(t, tt.old, tt.new)
			if !listed {
				t.Fatal("the writeback permissions are not listed as changed")
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("warning %q lacks %q", got, w)
				}
			}
		})
	}
	if got, _ := writebackChange(t, entraDiffYAML(svc, ""), entraDiffYAML(svc, ou)); strings.Contains(got, "adminSdHolder") || strings.Contains(got, "writebackOU removed") {
		t.Errorf("narrowing to an OU warns %q", got)
	}
}

// TestEntraConnectPrivilegeWarnings: validate warns about adminSdHolder:
// true (AdminSDHolder stamped; or nothing at all with writebackOU), and a
// DN outside the declared forest's DNS tree is a warning, not an error: a
// forest may hold several trees (review findings A3 and 11).
func TestEntraConnectPrivilegeWarnings(t *testing.T) {
	const svc = "CN=AAD_7c3b1e2a9f10,CN=Users,DC=contoso,DC=com"
	tests := []struct {
		name, yaml, want string
	}{
		{"adminSdHolder", entraDiffYAML(svc, "    adminSdHolder: true\n"), "warning HC0339: adminSdHolder: true: entra-connect.ps1 also stamps"},
		{"adminSdHolder with OU", entraDiffYAML(svc, "    writebackOU: OU=Groups,DC=contoso,DC=com\n    adminSdHolder: true\n"), "warning HC0339: adminSdHolder: true has no effect with writebackOU"},
		{"another tree", entraDiffYAML(svc, "    writebackOU: OU=Groups,DC=fabrikam,DC=com\n"), "warning HC0334: writebackOU OU=Groups,DC=fabrikam,DC=com is not in the DNS tree of forest contoso.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Analyze(load.Source{Name: "in.yaml", Data: []byte(tt.yaml)})
			if res.Diagnostics.HasErrors() || !strings.Contains(res.Diagnostics.String(), tt.want) {
				t.Errorf("diagnostics\n%s\nwant no error and %q", res.Diagnostics, tt.want)
			}
		})
	}
}

// TestWritebackOUBroad (review 2, finding 3): a writebackOU that is a
// domain root or lies in a built-in container warns HC0339 at its value,
// as no writebackOU does; an OU of its own gives nothing; a DN with a
// leading or trailing space is refused.
func TestWritebackOUBroad(t *testing.T) {
	const svc = "CN=AAD_7c3b1e2a9f10,CN=Users,DC=contoso,DC=com"
	tests := []struct {
		ou, want string // want: "" for no HC0339, "error" for a refusal
	}{
		{"OU=Groups,DC=contoso,DC=com", ""},
		{"ou=groups,dc=CONTOSO,dc=com", ""},
		{"OU=Users,OU=Groups,DC=contoso,DC=com", ""},
		{"DC=contoso,DC=com", "12:18: warning HC0339: writebackOU DC=contoso,DC=com is the root of a domain"},
		{"CN=Users,DC=contoso,DC=com", "12:18: warning HC0339: writebackOU CN=Users,DC=contoso,DC=com lies in the built-in container CN=Users"},
		{"OU=Domain Controllers,DC=contoso,DC=com", "built-in container OU=Domain Controllers"},
		{"CN=AdminSDHolder,CN=System,DC=contoso,DC=com", "built-in container CN=System"},
		{`"OU=Groups,DC=contoso,DC=com "`, "error"},
	}
	for _, tt := range tests {
		t.Run(tt.ou, func(t *testing.T) {
			res := Analyze(load.Source{Name: "in.yaml", Data: []byte(entraDiffYAML(svc, "    writebackOU: "+tt.ou+"\n"))})
			got := res.Diagnostics.String()
			switch tt.want {
			case "":
				if strings.Contains(got, "HC0339") || res.Diagnostics.HasErrors() {
					t.Errorf("diagnostics\n%s", got)
				}
			case "error":
				if !res.Diagnostics.HasErrors() {
					t.Errorf("no error:\n%s", got)
				}
			default:
				if res.Diagnostics.HasErrors() || !strings.Contains(got, tt.want) {
					t.Errorf("diagnostics\n%s\nwant %q", got, tt.want)
				}
			}
		})
	}
}
