package compiler

import (
	"testing"

	"github.com/hybridc/hybridc/compiler/config"
)

func TestCloudOf(t *testing.T) {
	for _, tt := range []struct {
		name   string
		tenant config.TenantName
		want   Cloud
	}{
		{name: "worldwide", tenant: "contoso.onmicrosoft.com", want: Worldwide},
		{name: "GCC High", tenant: "contoso.onmicrosoft.us", want: GCCHigh},
		{name: "21Vianet", tenant: "contoso.partner.onmschina.cn", want: Vianet},
		{name: "case-insensitive", tenant: "Contoso.OnMicrosoft.US", want: GCCHigh},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := CloudOf(tt.tenant); got != tt.want {
				t.Errorf("CloudOf(%s) = %v, want %v", tt.tenant, got, tt.want)
			}
		})
	}
}

func TestDefaults(t *testing.T) {
	cfg := &config.Config{
		OnPremises: &config.OnPremises{
			PrimarySmtpDomains:        []config.DomainName{"Contoso.com", "fabrikam.com"},
			OrganizationRelationships: []config.OrganizationRelationship{{Name: "To Cloud"}, {Name: "Old", Ensure: config.Absent}},
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
		{name: "on-premises towards the tenant", rel: &cfg.OnPremises.OrganizationRelationships[0], wantURI: Worldwide.ApplicationURI, wantEpr: Worldwide.AutodiscoverEpr},
		{name: "absent is left alone", rel: &cfg.OnPremises.OrganizationRelationships[1]},
		{name: "tenant towards on-premises", rel: &eo.OrganizationRelationships[0], wantEpr: "https://autodiscover.contoso.com/autodiscover/autodiscover.svc/WSSecurity"},
		{name: "given values are kept", rel: &eo.OrganizationRelationships[1], wantURI: "FYDIBOHF25SPDLT.contoso.com", wantEpr: "https://ad.contoso.com/x"},
		{name: "partner in 21Vianet", rel: &eo.Partners[0].Relationship, wantURI: Vianet.ApplicationURI, wantEpr: Vianet.AutodiscoverEpr},
		{name: "reverse towards our tenant", rel: eo.Partners[0].ReverseRelationship, wantURI: Worldwide.ApplicationURI, wantEpr: Worldwide.AutodiscoverEpr},
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
