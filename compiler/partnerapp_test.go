package compiler

import (
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/importer"
	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/state"
	"github.com/hybridc/hybridc/compiler/statediff"
)

// partnerAppYAML declares the partner application of Exchange Online
// enabled.
var partnerAppYAML = oauthYAML("SE", "", "  oauth:\n    partnerApplication:\n      enabled: true\n")

// TestPartnerApplicationPlanState: plan --state finds the partner
// application of Exchange Online by its application identifier (any name,
// any case), reports a disabled one as a change of Enabled, ignores other
// partner applications, and import declares it so that plan --state on
// the import is in sync; a missing one is the script's failure, never
// an addition.
func TestPartnerApplicationPlanState(t *testing.T) {
	res, states := yamlStates(t, "partner.yaml", []byte(partnerAppYAML))
	if ch, _ := statediff.DiffState(res.Schedule, states); ch.HasChanges() {
		t.Fatalf("the synthesized state is not in sync: %s", changeText(ch))
	}
	var onprem *state.State
	for _, s := range states {
		if s.State.Kind == "onPremises" {
			onprem = s.State
		}
	}
	if onprem == nil || len(onprem.PartnerApplications) != 1 || onprem.PartnerApplications[0].ApplicationIdentifier != "00000002-0000-0ff1-ce00-000000000000" {
		t.Fatalf("no partner application synthesized: %+v", onprem)
	}
	im, diags := importer.Import(states, importer.ImportOptions{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	data := im.Files("hybrid.yaml", false)["hybrid.yaml"]
	if !strings.Contains(string(data), "    partnerApplication:\n      enabled: true\n") {
		t.Errorf("the import does not declare the partner application:\n%s", data)
	}
	imported := Analyze(load.Source{Name: "hybrid.yaml", Data: data})
	if imported.Schedule == nil {
		t.Fatalf("%s\n%s", imported.Diagnostics, data)
	}
	if ch, _ := statediff.DiffState(imported.Schedule, states); ch.HasChanges() {
		t.Errorf("plan --state on the import reports changes: %s", changeText(ch))
	}
	no := false
	onprem.PartnerApplications = []state.PartnerApplication{
		{Name: "SharePoint", ApplicationIdentifier: "00000003-0000-0ff1-ce00-000000000000", Enabled: &no},
		{Name: "Exchange Online (wizard)", ApplicationIdentifier: "00000002-0000-0FF1-CE00-000000000000", Enabled: &no},
	}
	ch, _ := statediff.DiffState(res.Schedule, states)
	if got := changeText(ch); !strings.Contains(got, "changed partnerApplication/Exchange Online Enabled false -> true") || strings.Contains(got, "SharePoint") {
		t.Errorf("the wizard's partner application, disabled, is not reported as a change of Enabled alone: %s", got)
	}
	onprem.PartnerApplications = onprem.PartnerApplications[:1]
	ch, diags = statediff.DiffState(res.Schedule, states)
	if got := changeText(ch); got != "" || !strings.Contains(diags.String(), "the organization has no partnerApplication 'Exchange Online'") {
		t.Errorf("a missing partner application: changes %q, diagnostics %s; want none and the script's failure", got, diags)
	}
}
