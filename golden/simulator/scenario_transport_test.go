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
// receive connector is created.
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
