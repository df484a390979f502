package compiler

import (
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/importer"
	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/state"
	"github.com/hybridc/hybridc/compiler/statediff"
)

// TestImportWizardOrganization: an organization the Hybrid Configuration
// Wizard set up (golden/cases/wizard-shape's state with the wizard's GUID
// names; the tenant's relationship recognized by the on-premises
// federation application URI, its domains being no accepted domain)
// imports with the wizard's names, and the imported YAML, compiled,
// changes nothing there. A tenant relationship whose domains are no
// on-premises accepted domain but which points at the on-premises
// federation application URI is imported towards on-premises, not as a
// partner.
func TestImportWizardOrganization(t *testing.T) {
	for _, uriOnly := range []bool{false, true} {
		importWizard(t, uriOnly)
	}
}

func importWizard(t *testing.T, uriOnly bool) {
	const (
		onPremName = "On-premises to O365 - 8d5e4b2a-3c1f-4e6a-9b7d-2f1a0c9e8b71"
		onlineName = "O365 to On-premises - 3f6c2d1e-7a8b-4c9d-8e0f-1a2b3c4d5e6f"
	)
	_, states := exampleStates(t, "../golden/cases/wizard-shape/input.yaml")
	for _, sf := range states {
		rels := sf.State.OrganizationRelationships
		if len(rels) != 1 {
			t.Fatalf("%s: %d relationships, want 1", sf.Name, len(rels))
		}
		if sf.State.Kind == state.ExchangeOnline {
			rels[0].Name = onlineName
			if uriOnly {
				rels[0].DomainNames = []string{"legacy.contoso.net"}
			}
			if !strings.HasPrefix(rels[0].TargetApplicationUri, "FYDIBOHF25SPDLT.") {
				t.Fatalf("the synthesized tenant relationship lacks the default application URI: %q", rels[0].TargetApplicationUri)
			}
		} else {
			rels[0].Name = onPremName
		}
	}
	im, diags := importer.Import(states, importer.ImportOptions{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	yaml := im.Files("hybrid.yaml", false)["hybrid.yaml"]
	if uriOnly {
		if strings.Contains(string(yaml), "partners:") || !strings.Contains(string(yaml), "- name: "+onlineName) {
			t.Errorf("the relationship found by its application URI was not imported towards on-premises:\n%s", yaml)
		}
		return
	}
	res := Analyze(load.Source{Name: "hybrid.yaml", Data: yaml})
	if res.Diagnostics.HasErrors() || res.Schedule == nil {
		t.Fatalf("%s", res.Diagnostics)
	}
	cfg := res.Config
	if len(cfg.ExchangeOnline.Partners) != 0 || len(cfg.ExchangeOnline.OrganizationRelationships) != 1 || string(cfg.ExchangeOnline.OrganizationRelationships[0].Name) != onlineName {
		t.Errorf("the tenant's relationship was not imported towards on-premises under the wizard's name: %+v / partners %d", cfg.ExchangeOnline.OrganizationRelationships, len(cfg.ExchangeOnline.Partners))
	}
	if len(cfg.OnPremises.OrganizationRelationships) != 1 || string(cfg.OnPremises.OrganizationRelationships[0].Name) != onPremName {
		t.Errorf("the on-premises relationship was not imported under the wizard's name: %+v", cfg.OnPremises.OrganizationRelationships)
	}
	if ch, _ := statediff.DiffState(res.Schedule, states); ch.HasChanges() {
		t.Errorf("plan --state on the import of the wizard's organization reports changes")
	}
}
