package compiler

import (
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/importer"
	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/state"
	"github.com/hybridc/hybridc/compiler/statediff"
	"github.com/hybridc/hybridc/compiler/statefile"
)

// addressPolicyYAML adds the coexistence template to the Default Policy.
const addressPolicyYAML = `version: 1
onPremises:
  organization: Contoso
  exchangeVersion: SE
  primarySmtpDomains: [contoso.com]
  federatedDelegationNamespace: exchangedelegation.contoso.com
  emailAddressPolicies:
    - name: Default Policy
      addTemplates: ['smtp:%m@contoso.mail.onmicrosoft.com']
exchangeOnline:
  tenant: contoso.onmicrosoft.com
  routingDomain: contoso.mail.onmicrosoft.com
  serviceRoutingNamespace: service.contoso.com
  primarySmtpDomains: [contoso.com]
`

// onPremisesState is the on-premises state of states.
func onPremisesState(t *testing.T, states []*statefile.StateFile) *state.State {
	t.Helper()
	return stateOfKind(t, states, "onPremises")
}

// stateOfKind is the state of states of a kind (onPremises,
// exchangeOnline).
func stateOfKind(t *testing.T, states []*statefile.StateFile, kind string) *state.State {
	t.Helper()
	for _, s := range states {
		if string(s.State.Kind) == kind {
			return s.State
		}
	}
	t.Fatalf("no %s state", kind)
	return nil
}

// TestAddressPolicyPlanState: plan --state reports the policy in sync in
// the state its script leaves and with the template among others; a policy
// without it changes by adding it alone (the others kept); a policy the
// organization lacks is unresolved (HC0505), never added.
func TestAddressPolicyPlanState(t *testing.T) {
	res, states := yamlStates(t, "policy.yaml", []byte(addressPolicyYAML))
	if ch, _ := statediff.DiffState(res.Schedule, states); ch.HasChanges() {
		t.Fatalf("the synthesized state is not in sync: %s", changeText(ch))
	}
	op := onPremisesState(t, states)
	if len(op.EmailAddressPolicies) != 1 {
		t.Fatalf("no email address policy synthesized: %+v", op.EmailAddressPolicies)
	}
	p := &op.EmailAddressPolicies[0]
	p.EnabledEmailAddressTemplates = []string{"SMTP:@contoso.com", "smtp:%m@CONTOSO.mail.onmicrosoft.com"}
	if ch, _ := statediff.DiffState(res.Schedule, states); ch.HasChanges() {
		t.Errorf("the template among others, in another case, is reported: %s", changeText(ch))
	}
	p.EnabledEmailAddressTemplates = []string{"SMTP:@contoso.com"}
	ch, _ := statediff.DiffState(res.Schedule, states)
	if got := changeText(ch); !strings.Contains(got, "EnabledEmailAddressTemplates") || !strings.Contains(got, "smtp:%m@contoso.mail.onmicrosoft.com") {
		t.Errorf("a missing template is not reported: %s", got)
	}
	p.Name = "Sales"
	ch, diags := statediff.DiffState(res.Schedule, states)
	if !strings.Contains(diags.String(), "HC0505") || !strings.Contains(diags.String(), "creates none") {
		t.Errorf("a policy the organization lacks is not unresolved: %s", diags.String())
	}
	if got := changeText(ch); strings.Contains(got, "added") || strings.Contains(got, "+ emailAddressPolicy") {
		t.Errorf("a policy the organization lacks is planned as added: %s", got)
	}
}

// TestImportAddressPolicies: import declares a policy with its coexistence
// templates only (secondary smtp: templates in a routing domain), leaves
// out a policy without one, and plan --state on the import is in sync.
func TestImportAddressPolicies(t *testing.T) {
	_, states := yamlStates(t, "policy.yaml", []byte(addressPolicyYAML))
	op := onPremisesState(t, states)
	op.EmailAddressPolicies[0].EnabledEmailAddressTemplates = []string{"SMTP:@contoso.com", "smtp:%m@contoso.mail.onmicrosoft.com", "X400:c=US;a= ;p=Contoso;o=Exchange;"}
	op.EmailAddressPolicies = append(op.EmailAddressPolicies, state.EmailAddressPolicy{Name: "Sales", EnabledEmailAddressTemplates: []string{"SMTP:%g.%s@contoso.com"}})
	im, diags := importer.Import(states, importer.ImportOptions{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	data := im.Files("hybrid.yaml", false)["hybrid.yaml"]
	text := string(data)
	for _, want := range []string{"emailAddressPolicies:", "name: Default Policy", "smtp:%m@contoso.mail.onmicrosoft.com",
		"1 email address policies without a coexistence template"} {
		if !strings.Contains(text, want) {
			t.Errorf("the import lacks %q:\n%s", want, text)
		}
	}
	for _, not := range []string{"name: Sales", "SMTP:@contoso.com", "X400:"} {
		if strings.Contains(text, not) {
			t.Errorf("the import declares %q:\n%s", not, text)
		}
	}
	res := Analyze(load.Source{Name: "hybrid.yaml", Data: data})
	if res.Schedule == nil || res.Diagnostics.HasErrors() {
		t.Fatalf("the import does not compile: %s\n%s", res.Diagnostics, text)
	}
	if ch, _ := statediff.DiffState(res.Schedule, states); ch.HasChanges() {
		t.Errorf("plan --state on the import reports changes: %s", changeText(ch))
	}
}
