package simulator

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The certificate of golden/cases/transport-certificates as Exchange names
// it, and its renewal.
const (
	transportCert = "<I>CN=R3, O=Let's Encrypt, C=US<S>CN=mail.contoso.com, O=Contoso, C=US"
	renewedCert   = "<I>CN=R10, O=Let's Encrypt, C=US<S>CN=mail.contoso.com, O=Contoso, C=US"
)

// TestScenarioTransportCertificates: the first run sets the declared
// certificate on the hybrid send connector and on both receive
// connectors (which it never creates), a second run changes nothing, and
// a renewal (one change of the certificates: entry) sets each connector
// once. A receive connector the organization lacks fails the run, and no
// receive connector is created. Online, the first run creates the inbound
// and outbound connectors; a renewal to a certificate of another domain
// sets each once.
func TestScenarioTransportCertificates(t *testing.T) {
	t.Parallel()
	c, dir := goldenCase(t, "transport-certificates")
	wizard := wizardObjects(c, "onprem.ps1")
	got := simulate(t, dir, []run{
		{Script: "onprem.ps1", Add: wizard, OutState: "first.json", CallLog: "first.calls"},
		{Script: "onprem.ps1", State: "first.json", OutState: "second.json", CallLog: "second.calls"},
	})
	if got[0].ExitCode != 0 || got[1].ExitCode != 0 {
		t.Fatalf("the first run exited %d, the second %d; want 0, 0", got[0].ExitCode, got[1].ExitCode)
	}
	first := readJSON(t, filepath.Join(dir, "first.json"))
	for _, id := range []string{`EXCH1\Default Frontend EXCH1`, `EXCH2\Default Frontend EXCH2`} {
		rc, err := orgNamed(first, "receiveConnectors", "identity", id)
		if err != nil || rc["tlsCertificateName"] != transportCert {
			t.Errorf("after the first run %s has %v (%v), want %s", id, rc["tlsCertificateName"], err, transportCert)
		}
	}
	sc, err := orgNamed(first, "sendConnectors", "name", "Outbound to Office 365")
	if err != nil || sc["tlsCertificateName"] != transportCert {
		t.Errorf("after the first run the send connector has %v (%v), want %s", sc["tlsCertificateName"], err, transportCert)
	}
	if ch := changes(readCalls(t, filepath.Join(dir, "second.calls"))); len(ch) != 0 {
		t.Errorf("the second run changed %v, want nothing", ch)
	}

	// The renewal: the certificates: entry changes, nothing else.
	renewed := bytes.Replace(c.YAML, []byte("issuer: CN=R3,"), []byte("issuer: CN=R10,"), 1)
	if bytes.Equal(renewed, c.YAML) {
		t.Fatal("the case's certificate has no issuer CN=R3")
	}
	rc := compileYAML(t, "renewed", renewed)
	rdir := filepath.Join(dir, "renewed")
	if err := os.MkdirAll(rdir, 0o755); err != nil {
		t.Fatal(err)
	}
	rc.scripts(t, rdir)
	data, err := os.ReadFile(filepath.Join(dir, "first.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(rdir, "first.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	got = simulate(t, rdir, []run{{Script: "onprem.ps1", State: "first.json", OutState: "renewed.json", CallLog: "renewed.calls"}})
	if got[0].ExitCode != 0 {
		t.Fatalf("the renewal run exited %d", got[0].ExitCode)
	}
	sets := map[string]int{}
	for _, call := range readCalls(t, filepath.Join(rdir, "renewed.calls")) {
		if strings.HasPrefix(call.Cmdlet, "New-") || strings.HasPrefix(call.Cmdlet, "Remove-") {
			t.Errorf("the renewal called %s", call.Cmdlet)
		}
		if call.Cmdlet == "Set-ReceiveConnector" || call.Cmdlet == "Set-SendConnector" {
			if call.Parameters["TlsCertificateName"] != renewedCert {
				t.Errorf("%s -TlsCertificateName %v, want %s", call.Cmdlet, call.Parameters["TlsCertificateName"], renewedCert)
			}
			sets[call.Cmdlet]++
		}
	}
	if sets["Set-ReceiveConnector"] != 2 || sets["Set-SendConnector"] != 1 {
		t.Errorf("the renewal set %d receive and %d send connectors, want 2 and 1", sets["Set-ReceiveConnector"], sets["Set-SendConnector"])
	}
	after := readJSON(t, filepath.Join(rdir, "renewed.json"))
	for _, id := range []string{`EXCH1\Default Frontend EXCH1`, `EXCH2\Default Frontend EXCH2`} {
		if rc, err := orgNamed(after, "receiveConnectors", "identity", id); err != nil || rc["tlsCertificateName"] != renewedCert {
			t.Errorf("after the renewal %s has %v (%v)", id, rc["tlsCertificateName"], err)
		}
	}

	// A receive connector the organization lacks: the run fails for it
	// and creates none.
	only := map[string]any{"sendConnectors": wizard["sendConnectors"], "receiveConnectors": []any{map[string]any{"identity": `EXCH1\Default Frontend EXCH1`}}}
	got = simulate(t, dir, []run{{Script: "onprem.ps1", Add: only, ScriptParameters: reportFor("missing.report.json"), OutState: "missing.json", CallLog: "missing.calls"}})
	if got[0].ExitCode == 0 {
		t.Errorf("a run with a missing receive connector exited 0")
	}
	r := readReport(t, filepath.Join(dir, "missing.report.json")).byResource()[`receiveConnector/EXCH2\Default Frontend EXCH2`]
	if r[0] != "failed" || !strings.Contains(r[1], "never creates one") {
		t.Errorf("the missing receive connector is %q (%s), want failed, saying hybridc never creates one", r[0], r[1])
	}
	if n := len(orgList(readJSON(t, filepath.Join(dir, "missing.json")), "receiveConnectors")); n != 1 {
		t.Errorf("the organization has %d receive connectors after the run, want 1 (none created)", n)
	}
}

// TestScenarioOnlineConnectors: online.ps1 creates the inbound and
// outbound connectors with every setting, a second run changes nothing; a
// renewed certificate of another domain sets each connector once; the
// wizard's connectors under their own names are adopted ("exists as"),
// and two wizard connectors are refused.
func TestScenarioOnlineConnectors(t *testing.T) {
	t.Parallel()
	c, dir := goldenCase(t, "transport-certificates")
	got := simulate(t, dir, []run{
		{Script: "online.ps1", OutState: "first.json", CallLog: "first.calls"},
		{Script: "online.ps1", State: "first.json", OutState: "second.json", CallLog: "second.calls"},
	})
	if got[0].ExitCode != 0 || got[1].ExitCode != 0 {
		t.Fatalf("the first run exited %d, the second %d; want 0, 0", got[0].ExitCode, got[1].ExitCode)
	}
	first := readJSON(t, filepath.Join(dir, "first.json"))
	in, err := orgNamed(first, "inboundConnectors", "name", "Inbound from Contoso")
	if err != nil || in["connectorType"] != "OnPremises" || in["tlsSenderCertificateName"] != "mail.contoso.com" || in["requireTls"] != true || in["cloudServicesMailEnabled"] != true {
		t.Errorf("after the first run the inbound connector is %v (%v)", in, err)
	}
	out, err := orgNamed(first, "outboundConnectors", "name", "Outbound to Contoso")
	if err != nil || out["tlsDomain"] != "mail.contoso.com" || out["tlsSettings"] != "DomainValidation" || out["routeAllMessagesViaOnPremises"] != true || out["useMXRecord"] != false {
		t.Errorf("after the first run the outbound connector is %v (%v)", out, err)
	}
	if ch := changes(readCalls(t, filepath.Join(dir, "second.calls"))); len(ch) != 0 {
		t.Errorf("the second run changed %v, want nothing", ch)
	}

	// A renewal to a certificate of another domain.
	renewed := bytes.Replace(c.YAML, []byte("subject: CN=mail.contoso.com,"), []byte("subject: CN=smtp.contoso.com,"), 1)
	rc := compileYAML(t, "renewed", renewed)
	rdir := filepath.Join(dir, "renewed")
	if err := os.MkdirAll(rdir, 0o755); err != nil {
		t.Fatal(err)
	}
	rc.scripts(t, rdir)
	writeJSON(t, filepath.Join(rdir, "first.json"), first)
	if got := simulate(t, rdir, []run{{Script: "online.ps1", State: "first.json", OutState: "renewed.json", CallLog: "renewed.calls"}}); got[0].ExitCode != 0 {
		t.Fatalf("the renewal run exited %d", got[0].ExitCode)
	}
	sets := map[string]int{}
	for _, call := range readCalls(t, filepath.Join(rdir, "renewed.calls")) {
		switch call.Cmdlet {
		case "Set-InboundConnector":
			sets[call.Cmdlet]++
			if call.Parameters["TlsSenderCertificateName"] != "smtp.contoso.com" {
				t.Errorf("Set-InboundConnector %v, want -TlsSenderCertificateName smtp.contoso.com", call.Parameters)
			}
		case "Set-OutboundConnector":
			sets[call.Cmdlet]++
			if call.Parameters["TlsDomain"] != "smtp.contoso.com" {
				t.Errorf("Set-OutboundConnector %v, want -TlsDomain smtp.contoso.com", call.Parameters)
			}
		case "New-InboundConnector", "New-OutboundConnector":
			t.Errorf("the renewal called %s", call.Cmdlet)
		}
	}
	if sets["Set-InboundConnector"] != 1 || sets["Set-OutboundConnector"] != 1 {
		t.Errorf("the renewal set %v, want each connector once", sets)
	}

	// The wizard's connectors under their own names are adopted.
	in["name"], out["name"] = "Inbound from 1f2e3d4c-5b6a-4789-9abc-def012345678", "Outbound to 1f2e3d4c-5b6a-4789-9abc-def012345678"
	in["tlsSenderCertificateName"] = "old.contoso.com"
	wizard := map[string]any{"inboundConnectors": []any{in}, "outboundConnectors": []any{out}}
	got = simulate(t, dir, []run{{Script: "online.ps1", Add: wizard, ScriptParameters: reportFor("adopt.report.json"), OutState: "adopt.json", CallLog: "adopt.calls"}})
	if got[0].ExitCode != 0 {
		t.Fatalf("the adopting run exited %d", got[0].ExitCode)
	}
	for _, call := range readCalls(t, filepath.Join(dir, "adopt.calls")) {
		if strings.HasPrefix(call.Cmdlet, "New-") {
			t.Errorf("the adopting run called %s", call.Cmdlet)
		}
	}
	byRes := readReport(t, filepath.Join(dir, "adopt.report.json")).byResource()
	if r := byRes["inboundConnector/Inbound from Contoso"]; r[0] != "updated" || !strings.Contains(r[1], "exists as 'Inbound from 1f2e3d4c-5b6a-4789-9abc-def012345678'") {
		t.Errorf("the adopted inbound connector is %q (%s), want updated, exists as its own name", r[0], r[1])
	}
	if r := byRes["outboundConnector/Outbound to Contoso"]; r[0] != "unchanged" || !strings.Contains(r[1], "exists as 'Outbound to 1f2e3d4c-5b6a-4789-9abc-def012345678'") {
		t.Errorf("the adopted outbound connector is %q (%s), want unchanged, exists as its own name", r[0], r[1])
	}

	// Two wizard inbound connectors: refused, nothing created.
	second := map[string]any{}
	for k, v := range in {
		second[k] = v
	}
	second["name"] = "Inbound from 5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"
	two := map[string]any{"inboundConnectors": []any{in, second}}
	got = simulate(t, dir, []run{{Script: "online.ps1", Add: two, ScriptParameters: reportFor("two.report.json"), OutState: "two.json", CallLog: "two.calls"}})
	if got[0].ExitCode == 0 {
		t.Errorf("a run with two wizard inbound connectors exited 0")
	}
	if r := readReport(t, filepath.Join(dir, "two.report.json")).byResource()["inboundConnector/Inbound from Contoso"]; r[0] != "failed" || !strings.Contains(r[1], "'Inbound from 1f2e3d4c-5b6a-4789-9abc-def012345678', 'Inbound from 5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d'") {
		t.Errorf("two wizard inbound connectors: %q (%s), want failed naming both", r[0], r[1])
	}
	for _, call := range readCalls(t, filepath.Join(dir, "two.calls")) {
		if strings.Contains(call.Cmdlet, "InboundConnector") && call.Cmdlet != "Get-InboundConnector" {
			t.Errorf("a run with two wizard inbound connectors called %s", call.Cmdlet)
		}
	}
}

// TestScenarioOnlineConnectorTakeover: online.ps1 never takes over a
// production connector whose name is not the wizard's ('Inbound from
// <GUID>'), even with the wizard's settings: it creates the declared one
// and leaves the other unchanged; and the wizard's connector is taken over
// once, by the first declared connector, never by a second one.
func TestScenarioOnlineConnectorTakeover(t *testing.T) {
	t.Parallel()
	c, dir := goldenCase(t, "transport-certificates")
	got := simulate(t, dir, []run{{Script: "online.ps1", OutState: "first.json", CallLog: "first.calls"}})
	if got[0].ExitCode != 0 {
		t.Fatalf("the first run exited %d", got[0].ExitCode)
	}
	first := readJSON(t, filepath.Join(dir, "first.json"))
	in, err := orgNamed(first, "inboundConnectors", "name", "Inbound from Contoso")
	if err != nil {
		t.Fatal(err)
	}
	prod := map[string]any{}
	for k, v := range in {
		prod[k] = v
	}
	prod["name"], prod["tlsSenderCertificateName"] = "Production inbound", "prod.contoso.com"
	got = simulate(t, dir, []run{{Script: "online.ps1", Add: map[string]any{"inboundConnectors": []any{prod}}, OutState: "prod.json", CallLog: "prod.calls"}})
	if got[0].ExitCode != 0 {
		t.Fatalf("the run beside a production connector exited %d", got[0].ExitCode)
	}
	for _, call := range readCalls(t, filepath.Join(dir, "prod.calls")) {
		if call.Cmdlet == "Set-InboundConnector" {
			t.Errorf("the production connector was changed: %v", call.Parameters)
		}
	}
	if p, err := orgNamed(readJSON(t, filepath.Join(dir, "prod.json")), "inboundConnectors", "name", "Production inbound"); err != nil || p["tlsSenderCertificateName"] != "prod.contoso.com" {
		t.Errorf("the production connector is %v (%v)", p, err)
	}

	// Two declared inbound connectors, one wizard connector: the first
	// takes it over, the second is created.
	two := bytes.Replace(c.YAML, []byte("  inboundConnectors:\n    - name: Inbound from Contoso\n      tlsCertificate: mail-2027\n"),
		[]byte("  inboundConnectors:\n    - name: Inbound from Contoso\n      tlsCertificate: mail-2027\n    - name: Inbound from Fabrikam\n      tlsCertificate: mail-2027\n"), 1)
	if bytes.Equal(two, c.YAML) {
		t.Fatal("the case's inbound connector is not as expected")
	}
	rc := compileYAML(t, "two", two)
	tdir := filepath.Join(dir, "two")
	if err := os.MkdirAll(tdir, 0o755); err != nil {
		t.Fatal(err)
	}
	rc.scripts(t, tdir)
	wizard := map[string]any{}
	for k, v := range in {
		wizard[k] = v
	}
	wizard["name"] = "Inbound from 1f2e3d4c-5b6a-4789-9abc-def012345678"
	got = simulate(t, tdir, []run{{Script: "online.ps1", Add: map[string]any{"inboundConnectors": []any{wizard}}, ScriptParameters: reportFor("two.report.json"), OutState: "two.json", CallLog: "two.calls"}})
	if got[0].ExitCode != 0 {
		t.Fatalf("the run with two declared connectors exited %d", got[0].ExitCode)
	}
	byRes := readReport(t, filepath.Join(tdir, "two.report.json")).byResource()
	if r := byRes["inboundConnector/Inbound from Contoso"]; !strings.Contains(r[1], "exists as 'Inbound from 1f2e3d4c-5b6a-4789-9abc-def012345678'") {
		t.Errorf("the first declared connector is %q (%s), want it to take the wizard's over", r[0], r[1])
	}
	if r := byRes["inboundConnector/Inbound from Fabrikam"]; r[0] != "created" {
		t.Errorf("the second declared connector is %q (%s), want created", r[0], r[1])
	}
}
