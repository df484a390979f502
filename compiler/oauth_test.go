package compiler

import (
	"strings"
	"testing"
	"time"

	"github.com/hybridc/hybridc/compiler/check"
	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/model"
	renderpkg "github.com/hybridc/hybridc/compiler/render"
	"github.com/hybridc/hybridc/compiler/state"
	"github.com/hybridc/hybridc/compiler/statediff"
	"github.com/hybridc/hybridc/compiler/statefile"
)

// oauthYAML is an on-premises organization of version and build with the
// lines given under onPremises, and the tenant.
func oauthYAML(version, build, lines string) string {
	b := ""
	if build != "" {
		b = "  build: " + build + "\n"
	}
	return "version: 1\nonPremises:\n  organization: Contoso\n  exchangeVersion: \"" + version + "\"\n" + b +
		"  primarySmtpDomains: [contoso.com]\n  federatedDelegationNamespace: exchangedelegation.contoso.com\n" + lines +
		"exchangeOnline:\n  tenant: contoso.onmicrosoft.com\n  routingDomain: contoso.mail.onmicrosoft.com\n" +
		"  serviceRoutingNamespace: service.contoso.com\n  primarySmtpDomains: [contoso.com]\n"
}

// codesOf are the codes of a file's diagnostics but the end-of-support
// warning, with their line:col.
func codesOf(t *testing.T, src string) []string {
	t.Helper()
	res := Analyze(load.Source{Name: "hybrid.yaml", Data: []byte(src)})
	var got []string
	for _, d := range res.Diagnostics {
		if d.Code != diag.CodeExchangeEndOfSupport {
			got = append(got, d.Code+" "+strings.TrimPrefix(d.Pos.String(), "hybrid.yaml:"))
		}
	}
	return got
}

// TestDedicatedApplicationBuilds: the dedicated Exchange hybrid
// application is refused on a build before the April 2025 hotfix update of
// its cumulative update (HC0210, at the build), on 2016 or 2019 without a
// build (HC0212), and a build of another version is refused (HC0211); the
// minimum builds and Exchange SE pass.
func TestDedicatedApplicationBuilds(t *testing.T) {
	const dedicated = "  oauth:\n    dedicatedApplication: true\n    authServers:\n      - name: EvoSts - 2f4a9b7c-1d3e-4f5a-8b6c-7d8e9f0a1b2c\n        authMetadataUrl: https://login.microsoftonline.com/2f4a9b7c-1d3e-4f5a-8b6c-7d8e9f0a1b2c/federationmetadata/2007-06/federationmetadata.xml\n"
	tests := []struct {
		version, build, lines string
		want                  []string
	}{
		{"2019", "15.2.1748.24", dedicated, nil},
		{"2019", "15.2.1544.25", dedicated, nil},
		{"2016", "15.1.2507.55", dedicated, nil},
		{"SE", "15.2.2562.17", dedicated, nil},
		{"SE", "", dedicated, nil},
		{"2019", "15.2.1748.10", dedicated, []string{diag.CodeDedicatedAppBuild + " 5:10"}},
		{"2019", "15.2.1544.14", dedicated, []string{diag.CodeDedicatedAppBuild + " 5:10"}},
		{"2019", "15.2.1258.39", dedicated, []string{diag.CodeDedicatedAppBuild + " 5:10"}},
		{"2016", "15.1.2507.44", dedicated, []string{diag.CodeDedicatedAppBuild + " 5:10"}},
		{"2013", "15.0.1497.48", dedicated, []string{diag.CodeDedicatedAppBuild + " 5:10"}},
		{"2019", "15.2.1748.10", "", nil},
		{"2019", "", dedicated, []string{diag.CodeDedicatedAppNoBuild + " 8:27"}},
		{"SE", "15.2.1748.24", "", []string{diag.CodeBuildVersion + " 5:10"}},
		{"2016", "15.2.2562.17", dedicated, []string{diag.CodeBuildVersion + " 5:10"}},
	}
	for _, tt := range tests {
		got := codesOf(t, oauthYAML(tt.version, tt.build, tt.lines))
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s %s %q: diagnostics %v, want %v", tt.version, tt.build, tt.lines, got, tt.want)
		}
	}
}

// TestAuthCertificateDates: validate warns 60 days before the declared
// auth certificate expires (HC0370) and refuses it once expired (HC0371),
// unless a next certificate takes over before; the next certificate's
// dates must follow (HC0372). Today is fixed.
func TestAuthCertificateDates(t *testing.T) {
	saved := check.Today
	check.Today = func() time.Time { return time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC) }
	defer func() { check.Today = saved }()
	cert := func(notAfter, next string) string {
		s := "  authCertificate:\n    thumbprint: 3A5F1C2B4D6E8F90A1B2C3D4E5F60718293A4B5C\n    notAfter: \"" + notAfter + "\"\n"
		if next != "" {
			s += "    next:\n      thumbprint: 9F8E7D6C5B4A39281706F5E4D3C2B1A098765432\n      effectiveDate: \"" + next + "\"\n      notAfter: \"2031-01-01\"\n"
		}
		return s
	}
	tests := []struct {
		name, lines string
		want        []string
	}{
		{"far ahead", cert("2027-06-01", ""), nil},
		{"in 61 days", cert("2027-02-06", ""), nil},
		{"in 60 days", cert("2027-02-05", ""), []string{diag.CodeAuthCertExpiring + " 9:15"}},
		{"in 60 days with a next one before", cert("2027-02-05", "2027-01-15"), nil},
		{"expired", cert("2026-12-06", ""), []string{diag.CodeAuthCertExpired + " 9:15"}},
		{"expired, the next one took over", cert("2026-12-06", "2026-11-01"), []string{diag.CodeAuthCertExpired + " 9:15"}},
		{"the next one after it expires", cert("2027-06-01", "2027-07-01"), []string{diag.CodeAuthCertNextDates + " 12:22"}},
	}
	for _, tt := range tests {
		got := codesOf(t, oauthYAML("SE", "", tt.lines))
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: diagnostics %v, want %v", tt.name, got, tt.want)
		}
	}
	for _, bad := range []string{"  authCertificate:\n    thumbprint: 3A5F\n    notAfter: \"2027-06-01\"\n", "  authCertificate:\n    thumbprint: 3A5F1C2B4D6E8F90A1B2C3D4E5F60718293A4B5C\n    notAfter: 2027-6-1\n"} {
		if got := codesOf(t, oauthYAML("SE", "", bad)); len(got) != 1 || !strings.HasPrefix(got[0], diag.CodeBadFormat) {
			t.Errorf("%q: diagnostics %v, want one %s", bad, got, diag.CodeBadFormat)
		}
	}
}

// connectorYAMLs declares a connector on each side.
const connectorsYAML = `version: 1
onPremises:
  organization: Contoso
  exchangeVersion: SE
  primarySmtpDomains: [contoso.com]
  federatedDelegationNamespace: exchangedelegation.contoso.com
  intraOrganizationConnectors:
    - name: To Cloud
      targetAddressDomains: [contoso.mail.onmicrosoft.com]
      discoveryEndpoint: https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc
      enabled: true
exchangeOnline:
  tenant: contoso.onmicrosoft.com
  routingDomain: contoso.mail.onmicrosoft.com
  serviceRoutingNamespace: service.contoso.com
  primarySmtpDomains: [contoso.com]
  intraOrganizationConnectors:
    - name: To On-Premises
      targetAddressDomains: [contoso.com]
      discoveryEndpoint: https://autodiscover.contoso.com/autodiscover/autodiscover.svc
`

// TestIntraOrganizationConnectorPlanState: plan --state finds a connector
// by any of its target address domains whatever its name, reports it in
// sync in the state its scripts leave, a changed setting as a change and
// one of other domains only as added; a connector without the tenant's
// routing domain is warned about (HC0373).
func TestIntraOrganizationConnectorPlanState(t *testing.T) {
	res, states := yamlStates(t, "ioc.yaml", []byte(connectorsYAML))
	if ch, _ := statediff.DiffState(res.Schedule, states); ch.HasChanges() {
		t.Fatalf("the synthesized state is not in sync: %s", changeText(ch))
	}
	var onprem *statefile.StateFile
	for _, s := range states {
		if s.State.Kind == "onPremises" {
			onprem = s
		}
	}
	if onprem == nil || len(onprem.State.IntraOrganizationConnectors) != 1 {
		t.Fatalf("no on-premises connector synthesized")
	}
	no := false
	onprem.State.IntraOrganizationConnectors[0] = state.IntraOrganizationConnector{Name: "HybridIOC - 5e3d1b0a", TargetAddressDomains: []string{"Contoso.Mail.OnMicrosoft.com"},
		DiscoveryEndpoint: "https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc/", Enabled: &no}
	ch, _ := statediff.DiffState(res.Schedule, states)
	if got := changeText(ch); !strings.Contains(got, "changed intraOrganizationConnector/To Cloud Enabled false -> true") || strings.Contains(got, "added") || strings.Contains(got, "DiscoveryEndpoint") {
		t.Errorf("the wizard's connector, disabled, is not reported as a change of Enabled alone: %s", got)
	}
	onprem.State.IntraOrganizationConnectors[0].TargetAddressDomains = []string{"fabrikam.mail.onmicrosoft.com"}
	ch, _ = statediff.DiffState(res.Schedule, states)
	if got := changeText(ch); !strings.Contains(got, "added intraOrganizationConnector/To Cloud") {
		t.Errorf("a connector of other domains is taken for the declared one: %s", got)
	}
	for _, e := range renderpkg.EstimateCalls(res.Schedule) {
		for _, k := range e.Kinds {
			want := 3 // Get, the auth servers read back, New
			if strings.HasPrefix(e.File, "online") {
				want = 2 // Get, New
			}
			if k.Kind == model.KindIntraOrganizationConnector && (k.FirstRun != want || k.InSync != 1) {
				t.Errorf("%s: intraOrganizationConnector calls %d/%d, want %d / 1 (Get)", e.File, k.FirstRun, k.InSync, want)
			}
		}
	}
	bad := strings.Replace(connectorsYAML, "[contoso.mail.onmicrosoft.com]", "[contoso.onmicrosoft.com]", 1)
	if got := codesOf(t, bad); strings.Join(got, "|") != diag.CodeConnectorDomains+" 9:29" {
		t.Errorf("a connector without the routing domain: %v, want %s 9:29", got, diag.CodeConnectorDomains)
	}
}
