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

// onPremOrgYAML declares the wizard's on-premises organization object.
const onPremOrgYAML = `version: 1
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
  onPremisesOrganization:
    organizationGuid: 6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b
    organizationName: Contoso
    hybridDomains: [contoso.com]
    inboundConnector: Inbound from 6f1c2b3a
    outboundConnector: Outbound to 6f1c2b3a
`

// onlineState is the Exchange Online state of states.
func onlineState(t *testing.T, states []*statefile.StateFile) *state.State {
	t.Helper()
	return stateOfKind(t, states, "exchangeOnline")
}

// TestOnPremisesOrganizationPlanState: plan --state finds the object by
// its OrganizationGuid, whatever its name (the wizard's GUID name, or
// another), reports it in sync in the state its script leaves, a missing
// hybrid domain or another connector as a change, another GUID as added.
func TestOnPremisesOrganizationPlanState(t *testing.T) {
	res, states := yamlStates(t, "org.yaml", []byte(onPremOrgYAML))
	if ch, _ := statediff.DiffState(res.Schedule, states); ch.HasChanges() {
		t.Fatalf("the synthesized state is not in sync: %s", changeText(ch))
	}
	on := onlineState(t, states)
	if len(on.OnPremisesOrganizations) != 1 || on.OnPremisesOrganizations[0].Name != "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b" {
		t.Fatalf("the object is not synthesized under its GUID: %+v", on.OnPremisesOrganizations)
	}
	o := &on.OnPremisesOrganizations[0]
	o.Name = "Hybrid organization"
	o.OrganizationGuid = strings.ToUpper(o.OrganizationGuid)
	o.HybridDomains = []string{"CONTOSO.com", "fabrikam.com"}
	if ch, _ := statediff.DiffState(res.Schedule, states); ch.HasChanges() {
		t.Errorf("the object under another name, with more hybrid domains, is reported: %s", changeText(ch))
	}
	o.HybridDomains = []string{"fabrikam.com"}
	o.InboundConnector = "Inbound from somewhere"
	got := changeText(statediffChanges(t, res, states))
	if !strings.Contains(got, "HybridDomains") || !strings.Contains(got, "InboundConnector") {
		t.Errorf("a missing hybrid domain and another connector are not reported: %s", got)
	}
	o.OrganizationGuid = "00000000-0000-0000-0000-000000000000"
	if got := changeText(statediffChanges(t, res, states)); !strings.Contains(got, "added") && !strings.Contains(got, "+") {
		t.Errorf("an object of another GUID does not make the declared one added: %s", got)
	}
}

// statediffChanges is plan --state's change.
func statediffChanges(t *testing.T, res *Result, states []*statefile.StateFile) *statediff.Change {
	t.Helper()
	ch, _ := statediff.DiffState(res.Schedule, states)
	return ch
}

// TestImportOnPremisesOrganization: import declares the tenant's first
// on-premises organization object (no name when it is named after its
// GUID), leaves out the others, and plan --state on the import is in
// sync.
func TestImportOnPremisesOrganization(t *testing.T) {
	_, states := yamlStates(t, "org.yaml", []byte(onPremOrgYAML))
	on := onlineState(t, states)
	on.OnPremisesOrganizations = append(on.OnPremisesOrganizations, state.OnPremisesOrganization{Name: "Other", OrganizationGuid: "11111111-2222-3333-4444-555555555555",
		HybridDomains: []string{"fabrikam.com"}, InboundConnector: "In", OutboundConnector: "Out"})
	im, diags := importer.Import(states, importer.ImportOptions{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	data := im.Files("hybrid.yaml", false)["hybrid.yaml"]
	text := string(data)
	for _, want := range []string{"onPremisesOrganization:", `organizationGuid: "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b"`, "inboundConnector: Inbound from 6f1c2b3a",
		"organizationName: Contoso", "1 on-premises organization objects after the first"} {
		if !strings.Contains(text, want) {
			t.Errorf("the import lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "fabrikam.com") || strings.Contains(text, "    name: 6f1c2b3a") {
		t.Errorf("the import declares the second object, or the GUID as a name:\n%s", text)
	}
	res := Analyze(load.Source{Name: "hybrid.yaml", Data: data})
	if res.Schedule == nil || res.Diagnostics.HasErrors() {
		t.Fatalf("the import does not compile: %s\n%s", res.Diagnostics, text)
	}
	if ch, _ := statediff.DiffState(res.Schedule, states); ch.HasChanges() {
		t.Errorf("plan --state on the import reports changes: %s", changeText(ch))
	}
}
