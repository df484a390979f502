package kinds

import (
	"testing"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/state"
)

func TestWizardNames(t *testing.T) {
	for _, tt := range []struct {
		name, prefix string
		want         bool
	}{
		{"On-premises to O365 - 8d5e4b2a-3c1f-4e6a-9b7d-2f1a0c9e8b71", WizardOnPremisesRelationship, true},
		{"ON-PREMISES TO O365 - 8D5E4B2A-3C1F-4E6A-9B7D-2F1A0C9E8B71", WizardOnPremisesRelationship, true},
		{"On-premises to O365 - 8d5e4b2a-3c1f-4e6a-9b7d-2f1a0c9e8b71", WizardOnlineRelationship, false},
		{"On-premises to O365 - old", WizardOnPremisesRelationship, false},
		{"On-premises to O365 - ", WizardOnPremisesRelationship, false},
		{"Outbound to Office 365 - 5b7c9d1e-2f3a-4b5c-8d6e-7f8a9b0c1d2e", WizardSendConnector, true},
		{"Outbound to Office 365", WizardSendConnector, false},
	} {
		if got := IsWizardName(tt.name, tt.prefix); got != tt.want {
			t.Errorf("IsWizardName(%q, %q) = %v, want %v", tt.name, tt.prefix, got, tt.want)
		}
	}
	no, yes := false, true
	if !Adopts(nil) || !Adopts(&yes) || Adopts(&no) {
		t.Error("adoption must be the default, and adopt: false opt out")
	}
	uri := OnPremisesApplicationURI("ExchangeDelegation.contoso.com")
	if uri != "FYDIBOHF25SPDLT.exchangedelegation.contoso.com" {
		t.Errorf("OnPremisesApplicationURI = %q", uri)
	}
	declared := &config.OrganizationRelationship{Name: "To On-Premises", TargetApplicationUri: uri}
	if !IsWizardRelationship(&state.OrganizationRelationship{Name: "Free busy", TargetApplicationUri: "fydibohf25spdlt.exchangedelegation.contoso.com/"}, declared, WizardOnlineRelationship) {
		t.Error("the relationship pointing at the on-premises federation application URI is not the wizard's")
	}
	outlook := &config.OrganizationRelationship{Name: "To Cloud", TargetApplicationUri: "outlook.com"}
	if IsWizardRelationship(&state.OrganizationRelationship{Name: "Partner", TargetApplicationUri: "outlook.com"}, outlook, WizardOnPremisesRelationship) {
		t.Error("outlook.com must not identify the wizard's relationship: every relationship towards a tenant has it")
	}
}
