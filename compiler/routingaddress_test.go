package compiler

import (
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/state"
	"github.com/hybridc/hybridc/compiler/statediff"
)

// routingAddressYAML declares two mailboxes moved to Exchange Online, one
// with a remote routing address outside the routing domain.
const routingAddressYAML = `version: 1
onPremises:
  organization: Contoso
  exchangeVersion: SE
  primarySmtpDomains: [contoso.com]
  federatedDelegationNamespace: exchangedelegation.contoso.com
exchangeOnline:
  tenant: contoso.onmicrosoft.com
  routingDomain: contoso.mail.onmicrosoft.com
  serviceRoutingNamespace: service.contoso.com
  primarySmtpDomains: [contoso.com]
mailboxes:
  - {name: good, location: exchangeOnline, remoteRoutingAddress: good@CONTOSO.mail.onmicrosoft.com}
  - {name: bad, location: exchangeOnline, remoteRoutingAddress: bad@contoso.onmicrosoft.com}
`

// codeLines are the lines of diags with code.
func codeLines(diags diag.Diagnostics, code string) []string {
	var out []string
	for _, line := range strings.Split(diags.String(), "\n") {
		if strings.Contains(line, code) {
			out = append(out, line)
		}
	}
	return out
}

// TestRoutingAddressValidate: validate warns (HC0387) about a declared
// remote routing address outside the routing domain, at its value, and
// not about one in it (ignoring case); a remote routing address on an
// on-premises mailbox is an error (HC0388).
func TestRoutingAddressValidate(t *testing.T) {
	res := Analyze(load.Source{Name: "hybrid.yaml", Data: []byte(routingAddressYAML)})
	got := codeLines(res.Diagnostics, diag.CodeRoutingAddressOutside)
	if len(got) != 1 || !strings.Contains(got[0], "hybrid.yaml:14:") || !strings.Contains(got[0], "bad@contoso.onmicrosoft.com") {
		t.Errorf("HC0387 warnings %q, want one at line 14 naming bad@contoso.onmicrosoft.com", got)
	}
	if res.Diagnostics.HasErrors() {
		t.Errorf("errors: %s", res.Diagnostics)
	}
	onprem := strings.Replace(routingAddressYAML, "{name: good, location: exchangeOnline", "{name: good, location: onPremises", 1)
	res = Analyze(load.Source{Name: "hybrid.yaml", Data: []byte(onprem)})
	if got := codeLines(res.Diagnostics, diag.CodeRoutingAddressOnPremises); len(got) != 1 || !res.Diagnostics.HasErrors() {
		t.Errorf("HC0388 %q, want one error", got)
	}
}

// TestRoutingAddressPlanState: plan --state warns once (HC0387) about the
// on-premises remote mailboxes whose remote routing address is outside
// the routing domain, naming them, and changes nothing for them.
func TestRoutingAddressPlanState(t *testing.T) {
	res, states := yamlStates(t, "policy.yaml", []byte(addressPolicyYAML))
	op := onPremisesState(t, states)
	op.Recipients = append(op.Recipients,
		state.Recipient{Guid: "11111111-1111-1111-1111-111111111111", Name: "kept", RecipientTypeDetails: "RemoteUserMailbox", RemoteRoutingAddress: "SMTP:kept@contoso.mail.onmicrosoft.com"},
		state.Recipient{Guid: "22222222-2222-2222-2222-222222222222", Name: "lost", RecipientTypeDetails: "RemoteUserMailbox", RemoteRoutingAddress: "lost@contoso.com"})
	ch, diags := statediff.DiffState(res.Schedule, states)
	got := codeLines(diags, diag.CodeRoutingAddressOutside)
	if len(got) != 1 || !strings.Contains(got[0], "1 remote mailbox of state") || !strings.Contains(got[0], "'lost' (lost@contoso.com)") || strings.Contains(got[0], "kept") {
		t.Errorf("HC0387 from plan --state %q, want one naming lost only", got)
	}
	if ch.HasChanges() {
		t.Errorf("plan --state reports changes: %s", changeText(ch))
	}
}
