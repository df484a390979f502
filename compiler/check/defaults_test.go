package check

import (
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/config"
)

const (
	worldwideURI config.URI      = "outlook.com"
	worldwideEpr config.HTTPSURL = "https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc/WSSecurity"
)

func TestCloudTargets(t *testing.T) {
	for _, tt := range []struct {
		name       string
		tenant     config.TenantName
		wantURI    config.URI
		wantEpr    config.HTTPSURL
		wantReason string
	}{
		{name: "worldwide", tenant: "contoso.onmicrosoft.com", wantURI: worldwideURI, wantEpr: worldwideEpr},
		{name: "case-insensitive", tenant: "Contoso.OnMicrosoft.COM", wantURI: worldwideURI, wantEpr: worldwideEpr},
		{name: "GCC High and DoD share the suffix", tenant: "contoso.onmicrosoft.us", wantReason: "cannot tell the cloud"},
		{name: "21Vianet is unconfirmed", tenant: "contoso.partner.onmschina.cn", wantReason: "no confirmed endpoints for the china cloud"},
		{name: "unknown suffix", tenant: "contoso.example", wantReason: "cannot tell the cloud"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			uri, epr, reason := cloudTargets(tt.tenant)
			if uri != tt.wantURI || epr != tt.wantEpr {
				t.Errorf("cloudTargets(%s) = %q, %q; want %q, %q", tt.tenant, uri, epr, tt.wantURI, tt.wantEpr)
			}
			if (tt.wantReason == "") != (reason == "") || !strings.Contains(reason, tt.wantReason) {
				t.Errorf("cloudTargets(%s) reason = %q, want one containing %q", tt.tenant, reason, tt.wantReason)
			}
		})
	}
}

func TestDefaults(t *testing.T) {
	cfg := &config.Config{
		OnPremises: &config.OnPremises{
			PrimarySmtpDomains:           []config.DomainName{"Contoso.com", "fabrikam.com"},
			FederatedDelegationNamespace: "ExchangeDelegation.contoso.com",
			OrganizationRelationships:    []config.OrganizationRelationship{{Name: "To Cloud"}, {Name: "Old", Ensure: config.Absent}},
		},
		ExchangeOnline: config.ExchangeOnline{
			Tenant: "contoso.onmicrosoft.com",
			OrganizationRelationships: []config.OrganizationRelationship{
				{Name: "To On-Premises"},
				{Name: "Given", TargetApplicationUri: "FYDIBOHF25SPDLT.contoso.com", TargetAutodiscoverEpr: "https://ad.contoso.com/x"},
			},
			Partners: []config.Partner{{
				Tenant:              "fabrikam.partner.onmschina.cn",
				Relationship:        config.OrganizationRelationship{Name: "Fabrikam"},
				ReverseRelationship: &config.OrganizationRelationship{Name: "Contoso"},
			}},
			Groups: []config.UnifiedGroup{
				{Name: "Falcon", PrimarySmtpAddress: "falcon@groups.contoso.com"},
				{Name: "Hawk", PrimarySmtpAddress: "hawk@groups.contoso.com", Alias: "hawk-team"},
			},
		},
	}
	Defaults(cfg)
	eo := &cfg.ExchangeOnline
	for _, tt := range []struct {
		name    string
		rel     *config.OrganizationRelationship
		wantURI config.URI
		wantEpr config.HTTPSURL
	}{
		{name: "on-premises towards the tenant", rel: &cfg.OnPremises.OrganizationRelationships[0], wantURI: worldwideURI, wantEpr: worldwideEpr},
		{name: "absent is left alone", rel: &cfg.OnPremises.OrganizationRelationships[1]},
		// The on-premises federation application URI, as the wizard sets it.
		{name: "tenant towards on-premises", rel: &eo.OrganizationRelationships[0], wantURI: "FYDIBOHF25SPDLT.exchangedelegation.contoso.com",
			wantEpr: "https://autodiscover.contoso.com/autodiscover/autodiscover.svc/WSSecurity"},
		{name: "given values are kept", rel: &eo.OrganizationRelationships[1], wantURI: "FYDIBOHF25SPDLT.contoso.com", wantEpr: "https://ad.contoso.com/x"},
		{name: "partner in 21Vianet gets no guessed endpoints", rel: &eo.Partners[0].Relationship},
		{name: "reverse towards our tenant", rel: eo.Partners[0].ReverseRelationship, wantURI: worldwideURI, wantEpr: worldwideEpr},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.rel.TargetApplicationUri != tt.wantURI || tt.rel.TargetAutodiscoverEpr != tt.wantEpr {
				t.Errorf("got %q, %q; want %q, %q", tt.rel.TargetApplicationUri, tt.rel.TargetAutodiscoverEpr, tt.wantURI, tt.wantEpr)
			}
		})
	}
	if got := eo.Groups[0].Alias; got != "falcon" {
		t.Errorf("default alias = %q, want falcon", got)
	}
	if got := eo.Groups[1].Alias; got != "hawk-team" {
		t.Errorf("declared alias = %q, want hawk-team", got)
	}
}
