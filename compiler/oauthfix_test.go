package compiler

import (
	"strings"
	"testing"
	"time"

	"github.com/hybridc/hybridc/compiler/check"
	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/state"
	"github.com/hybridc/hybridc/compiler/statediff"
)

// dedicatedLines declare the dedicated application, its auth server and an
// on-premises connector, in an order the schedule must not keep.
const dedicatedLines = `  build: 15.2.1748.24
  intraOrganizationConnectors:
    - name: To Cloud
      targetAddressDomains: [contoso.mail.onmicrosoft.com]
      discoveryEndpoint: https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc
  oauth:
    dedicatedApplication: true
    authServers:
      - name: EvoSts - 2f4a9b7c-1d3e-4f5a-8b6c-7d8e9f0a1b2c
        authMetadataUrl: https://login.microsoftonline.com/2f4a9b7c-1d3e-4f5a-8b6c-7d8e9f0a1b2c/federationmetadata/2007-06/federationmetadata.xml
        applicationIdentifier: 6c1f3e2a-9b8d-4e7f-a1c2-3d4e5f6a7b8c
`

// TestOAuthOrder: on-premises, the auth server comes before the setting
// override of the dedicated application, and both before the
// intra-organization connector, whatever the YAML's order.
func TestOAuthOrder(t *testing.T) {
	res := Analyze(load.Source{Name: "hybrid.yaml", Data: []byte(oauthYAML("2019", "", dedicatedLines))})
	if res.Schedule == nil {
		t.Fatalf("%s", res.Diagnostics)
	}
	var kinds []string
	for _, r := range res.Schedule.Scripts[0].Resources {
		kinds = append(kinds, r.Kind)
	}
	if got := strings.Join(kinds, " "); !strings.Contains(got, "authServer dedicatedApplication intraOrganizationConnector") {
		t.Errorf("on-premises order %s, want authServer, dedicatedApplication, intraOrganizationConnector", got)
	}
}

// TestAuthServerPlanByRealm: plan --state takes the wizard's legacy
// "EvoSTS" of the tenant (Type AzureAD, its realm the tenant id) for the
// declared auth server, as the script adopts it, and not one of another
// type or realm.
func TestAuthServerPlanByRealm(t *testing.T) {
	res, states := yamlStates(t, "oauth.yaml", []byte(oauthYAML("2019", "", dedicatedLines)))
	var onprem *state.State
	for _, s := range states {
		if s.State.Kind == "onPremises" {
			onprem = s.State
		}
	}
	if onprem == nil || len(onprem.AuthServers) != 1 {
		t.Fatalf("no on-premises auth server synthesized")
	}
	legacy := onprem.AuthServers[0]
	legacy.Name, legacy.Realm = "EvoSTS", "2F4A9B7C-1D3E-4F5A-8B6C-7D8E9F0A1B2C"
	legacy.AuthMetadataUrl = "https://login.windows.net/contoso.onmicrosoft.com/federationmetadata/2007-06/federationmetadata.xml"
	onprem.AuthServers[0] = legacy
	ch, _ := statediff.DiffState(res.Schedule, states)
	if got := changeText(ch); strings.Contains(got, "added authServer") || !strings.Contains(got, "changed authServer/EvoSts - 2f4a9b7c-1d3e-4f5a-8b6c-7d8e9f0a1b2c AuthMetadataUrl") {
		t.Errorf("the legacy EvoSTS of the tenant is not the declared auth server: %s", got)
	}
	onprem.AuthServers[0].Type = "MicrosoftACS"
	ch, _ = statediff.DiffState(res.Schedule, states)
	if got := changeText(ch); !strings.Contains(got, "added authServer") {
		t.Errorf("an auth server of another type is taken for the declared one: %s", got)
	}
}

// TestDedicatedAppSharingEpr: with the dedicated application declared, an
// enabled on-premises relationship towards Exchange Online without
// targetSharingEpr is warned about (HC0376), naming the tenant's EWS URL;
// not one that declares it, a disabled one, or without the application.
func TestDedicatedAppSharingEpr(t *testing.T) {
	rel := func(extra string) string {
		return "  organizationRelationships:\n    - name: To Cloud\n      domainNames: [contoso.mail.onmicrosoft.com]\n" + extra
	}
	tests := []struct {
		name, lines string
		want        bool
	}{
		{"no targetSharingEpr", dedicatedLines + rel(""), true},
		{"declared", dedicatedLines + rel("      targetSharingEpr: https://outlook.office365.com/EWS/Exchange.asmx\n"), false},
		{"disabled", dedicatedLines + rel("      enabled: false\n"), false},
		{"no dedicated application", rel(""), false},
	}
	for _, tt := range tests {
		res := Analyze(load.Source{Name: "hybrid.yaml", Data: []byte(oauthYAML("2019", "", tt.lines))})
		var found *diag.Diagnostic
		for i := range res.Diagnostics {
			if res.Diagnostics[i].Code == diag.CodeDedicatedAppSharing {
				found = &res.Diagnostics[i]
			}
		}
		if (found != nil) != tt.want {
			t.Errorf("%s: HC0376 %v, want %v", tt.name, found != nil, tt.want)
		}
		if found != nil && !strings.Contains(found.Message, "targetSharingEpr: https://outlook.office365.com/ews/exchange.asmx") {
			t.Errorf("%s: %s, want the tenant's EWS URL", tt.name, found.Message)
		}
	}
}

// TestAuthCertificateExpiredProcedure: an expired auth certificate's
// error gives Microsoft's procedure, a new certificate effective now, not
// one 48 hours ahead.
func TestAuthCertificateExpiredProcedure(t *testing.T) {
	defer func(f func() time.Time) { check.Today = f }(check.Today)
	check.Today = func() time.Time { return time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC) }
	lines := "  authCertificate:\n    thumbprint: 3A5F1C2B4D6E8F90A1B2C3D4E5F60718293A4B5C\n    notAfter: \"2026-12-01\"\n"
	res := Analyze(load.Source{Name: "hybrid.yaml", Data: []byte(oauthYAML("SE", "", lines))})
	for _, d := range res.Diagnostics {
		if d.Code != diag.CodeAuthCertExpired {
			continue
		}
		for _, want := range []string{"-NewCertificateEffectiveDate (Get-Date)", "-PublishCertificate", "-ClearPreviousCertificate", "MSExchangeOWAAppPool", "MSExchangeECPAppPool", "dedicated Exchange hybrid application"} {
			if !strings.Contains(d.Message, want) {
				t.Errorf("the expired certificate's message lacks %q: %s", want, d.Message)
			}
		}
		if strings.Contains(d.Message, "48 hours ahead") {
			t.Errorf("the expired certificate's message still says 48 hours ahead: %s", d.Message)
		}
		return
	}
	t.Errorf("no %s: %s", diag.CodeAuthCertExpired, res.Diagnostics)
}
