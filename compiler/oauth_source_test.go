package compiler

import (
	"slices"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/state"
)

// hybridAppYAML declares the dedicated Exchange hybrid application with
// its appId and an auth server that leaves its applicationIdentifier out;
// oauth holds the lines under onPremises.oauth.
func hybridAppYAML(version, oauth string) string {
	return oauthYAML(version, "", oauth+"  authCertificate:\n    thumbprint: 13E5794218ADECFF17FE8308A2B637BB4089C0A7\n    notAfter: \"2031-01-01\"\n") +
		"  hybridApplication:\n    displayName: ExchangeServerApp-6a1b2c3d\n    appId: 6C1F3E2A-9B8D-4E7F-A1C2-3D4E5F6A7B8C\n    exchangePermissions: [full_access_as_app]\n"
}

const evoSts = "  oauth:\n    authServers:\n      - name: EvoSts - contoso\n" +
	"        authMetadataUrl: https://login.microsoftonline.com/contoso.onmicrosoft.com/federationmetadata/2007-06/federationmetadata.xml\n"

// TestDedicatedApplicationFromHybridApplication: exchangeOnline.
// hybridApplication is the one source of truth of the dedicated Exchange
// hybrid application: declared, it turns the setting override on when
// oauth.dedicatedApplication is left out, and an auth server without an
// applicationIdentifier gets the application's appId (the state its
// scripts leave holds both, in sync); on Exchange 2019 without a build the
// implied feature is refused at the application (HC0212); a declared false
// is HC0375 and another application identifier HC0374.
func TestDedicatedApplicationFromHybridApplication(t *testing.T) {
	_, states := yamlStates(t, "app.yaml", []byte(hybridAppYAML("SE", evoSts)))
	var onprem *state.State
	for _, s := range states {
		if s.State.Kind == "onPremises" {
			onprem = s.State
		}
	}
	if onprem == nil || len(onprem.AuthServers) != 1 || !strings.EqualFold(onprem.AuthServers[0].ApplicationIdentifier, "6c1f3e2a-9b8d-4e7f-a1c2-3d4e5f6a7b8c") {
		t.Fatalf("the auth server does not get the application's appId: %+v", onprem)
	}
	if len(onprem.SettingOverrides) != 1 || !slices.Equal(onprem.SettingOverrides[0].Parameters, []string{"Enabled=true"}) {
		t.Errorf("the application does not turn the setting override on: %+v", onprem.SettingOverrides)
	}
	out, err := Compile(Source{Name: "app.yaml", Data: []byte(hybridAppYAML("SE", evoSts))}, Options{ToolVersion: "0.0.0-test"})
	if err != nil || out.Diagnostics.HasErrors() {
		t.Fatalf("compile: %v %s", err, out.Diagnostics)
	}
	if !strings.Contains(strings.ToLower(string(out.Files["onprem.ps1"])), "6c1f3e2a-9b8d-4e7f-a1c2-3d4e5f6a7b8c") {
		t.Errorf("onprem.ps1 does not set the application's appId on the auth server")
	}
	if got := codesOf(t, hybridAppYAML("2019", "")); !slices.Contains(got, diag.CodeDedicatedAppNoBuild+" 15:3") {
		t.Errorf("Exchange 2019 without a build and the application: %v, want %s at the application (15:3)", got, diag.CodeDedicatedAppNoBuild)
	}
	off := hybridAppYAML("SE", "  oauth:\n    dedicatedApplication: false\n")
	if got := codesOf(t, off); strings.Join(got, "|") != diag.CodeDedicatedAppOff+" 8:27" {
		t.Errorf("dedicatedApplication false with the application: %v, want %s 8:27", got, diag.CodeDedicatedAppOff)
	}
	other := hybridAppYAML("SE", evoSts+"        applicationIdentifier: 00000002-0000-0ff1-ce00-000000000000\n")
	if got := codesOf(t, other); strings.Join(got, "|") != diag.CodeAuthServerAppID+" 11:32" {
		t.Errorf("another application identifier: %v, want %s 11:32", got, diag.CodeAuthServerAppID)
	}
	same := hybridAppYAML("SE", evoSts+"        applicationIdentifier: 6c1f3e2a-9b8d-4e7f-a1c2-3d4e5f6a7b8c\n")
	if got := codesOf(t, same); len(got) != 0 {
		t.Errorf("the application's appId in another case: %v, want no diagnostic", got)
	}
}
