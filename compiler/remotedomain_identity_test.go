package compiler

import (
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/statediff"
)

// remoteDomainYAML is a configuration declaring the given on-premises
// remote domains (YAML list items).
func remoteDomainYAML(items string) string {
	return `version: 1
onPremises:
  organization: Contoso
  exchangeVersion: SE
  primarySmtpDomains: [contoso.com]
  federatedDelegationNamespace: exchangedelegation.contoso.com
  remoteDomains:
` + items + `exchangeOnline:
  tenant: contoso.onmicrosoft.com
  routingDomain: contoso.mail.onmicrosoft.com
  serviceRoutingNamespace: service.contoso.com
  primarySmtpDomains: [contoso.com]
`
}

// TestRemoteDomainPlanRename: the engine finds a remote domain by its
// domain, so plan matches by it too: a renamed one with a changed setting
// is a change, not one added and one no longer managed.
func TestRemoteDomainPlanRename(t *testing.T) {
	old := analyzeClean(t, remoteDomainYAML("    - name: Partner\n      domainName: kontoso.com\n      autoForwardEnabled: false\n"))
	renamed := analyzeClean(t, remoteDomainYAML("    - name: Partner B\n      domainName: KONTOSO.com\n      autoForwardEnabled: true\n"))
	got := strings.Join(summary(statediff.Diff(old, renamed)), "\n")
	if strings.Contains(got, "+") || strings.Contains(got, "!") || !strings.Contains(got, "~remoteDomain/Partner B{AutoForwardEnabled false->true}") {
		t.Errorf("rename plans as:\n%s", got)
	}
}

// TestRemoteDomainDuplicateDomain: two remote domains of one organization
// with one domain, in any case, are refused, and so are two with one name.
func TestRemoteDomainDuplicateDomain(t *testing.T) {
	for name, items := range map[string]string{
		"domain case": "    - name: A\n      domainName: fabrikam.com\n    - name: B\n      domainName: FABRIKAM.com\n",
		"upper case":  "    - name: A\n      domainName: kontoso.com\n    - name: Zz\n      domainName: KONTOSO.COM\n",
		"name":        "    - name: A\n      domainName: fabrikam.com\n    - name: a\n      domainName: tailspin.com\n",
	} {
		res := Analyze(load.Source{Name: "rd.yaml", Data: []byte(remoteDomainYAML(items))})
		if res.Schedule != nil || !strings.Contains(res.Diagnostics.String(), "HC0306") {
			t.Errorf("%s: not refused with HC0306: %s", name, res.Diagnostics)
		}
	}
	// The same domain in both organizations is fine.
	both := remoteDomainYAML("    - name: A\n      domainName: fabrikam.com\n") + "  remoteDomains:\n    - name: A\n      domainName: fabrikam.com\n"
	analyzeClean(t, both)
}
