package compiler

import (
	"strings"
	"testing"
	"time"

	"github.com/hybridc/hybridc/compiler/importer"
	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/state"
	"github.com/hybridc/hybridc/compiler/statediff"
)

// authCertYAML declares the auth certificate and a next one taking over
// on effective.
func authCertYAML(effective string) string {
	return oauthYAML("SE", "", "  authCertificate:\n    thumbprint: 3A5F1C2B4D6E8F90A1B2C3D4E5F60718293A4B5C\n    notAfter: \"2099-06-01\"\n"+
		"    next:\n      thumbprint: 9F8E7D6C5B4A39281706F5E4D3C2B1A098765432\n      effectiveDate: \""+effective+"\"\n      notAfter: \"2104-05-01\"\n")
}

// TestAuthCertificatePlan: plan --state decides as Sync-HybridcAuthCertificate:
// the state its script leaves is in sync; a next certificate the
// configuration lacks is set; once its date has come it is published; a
// next certificate that took over is in sync; another current certificate
// or an expired one is the script's failure; import declares the current
// certificate with its real expiry, in sync.
func TestAuthCertificatePlan(t *testing.T) {
	res, states := yamlStates(t, "cert.yaml", []byte(authCertYAML("2099-05-01")))
	if ch, diags := statediff.DiffState(res.Schedule, states); ch.HasChanges() || len(diags) > 0 {
		t.Fatalf("the synthesized state is not in sync: %s %s", changeText(ch), diags)
	}
	var onprem *state.State
	for _, s := range states {
		if s.State.Kind == "onPremises" {
			onprem = s.State
		}
	}
	if onprem.Auth() == nil || onprem.AuthNextCertificateThumbprint != "9F8E7D6C5B4A39281706F5E4D3C2B1A098765432" {
		t.Fatalf("no auth configuration synthesized: %+v", onprem.Auth())
	}
	im, diags := importer.Import(states, importer.ImportOptions{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	data := im.Files("hybrid.yaml", false)["hybrid.yaml"]
	if !strings.Contains(string(data), "  authCertificate:\n    thumbprint: \"3A5F1C2B4D6E8F90A1B2C3D4E5F60718293A4B5C\"\n    notAfter:") {
		t.Errorf("the import does not declare the auth certificate:\n%s", data)
	}
	if imported := Analyze(load.Source{Name: "hybrid.yaml", Data: data}); imported.Schedule == nil {
		t.Fatalf("%s\n%s", imported.Diagnostics, data)
	} else if ch, _ := statediff.DiffState(imported.Schedule, states); ch.HasChanges() {
		t.Errorf("plan --state on the import reports changes: %s", changeText(ch))
	}
	current := *onprem.Auth()
	onprem.SetAuth(&state.AuthConfig{CurrentCertificateThumbprint: current.CurrentCertificateThumbprint, CurrentCertificateNotAfter: current.CurrentCertificateNotAfter})
	ch, _ := statediff.DiffState(res.Schedule, states)
	if got := changeText(ch); !strings.Contains(got, "NewCertificateThumbprint  -> 9F8E7D6C5B4A39281706F5E4D3C2B1A098765432") || strings.Contains(got, "PublishCertificate") {
		t.Errorf("a missing next certificate is not set (and only set): %s", got)
	}
	past := time.Now().UTC().AddDate(0, 0, -1).Format("2006-01-02")
	res2, _ := yamlStates(t, "cert.yaml", []byte(authCertYAML(past)))
	onprem.SetAuth(&current)
	ch, _ = statediff.DiffState(res2.Schedule, states)
	if got := changeText(ch); !strings.Contains(got, "PublishCertificate 3A5F1C2B4D6E8F90A1B2C3D4E5F60718293A4B5C -> 9F8E7D6C5B4A39281706F5E4D3C2B1A098765432") {
		t.Errorf("a next certificate whose date has come is not published: %s", got)
	}
	onprem.SetAuth(&state.AuthConfig{CurrentCertificateThumbprint: "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432", CurrentCertificateNotAfter: "2104-05-01T00:00:00Z"})
	if ch, diags := statediff.DiffState(res.Schedule, states); ch.HasChanges() || len(diags) > 0 {
		t.Errorf("the next certificate that took over is not in sync: %s %s", changeText(ch), diags)
	}
	for _, a := range []state.AuthConfig{
		{CurrentCertificateThumbprint: "0123456789ABCDEF0123456789ABCDEF01234567", CurrentCertificateNotAfter: "2099-06-01T00:00:00Z"},
		{CurrentCertificateThumbprint: current.CurrentCertificateThumbprint, CurrentCertificateNotAfter: "2020-01-01T00:00:00Z"},
	} {
		onprem.SetAuth(&a)
		if ch, diags := statediff.DiffState(res.Schedule, states); ch.HasChanges() || !strings.Contains(diags.String(), "the script would fail") {
			t.Errorf("%+v: changes %q, diagnostics %s; want the script's failure", a, changeText(ch), diags)
		}
	}
}
