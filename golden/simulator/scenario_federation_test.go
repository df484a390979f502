package simulator

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestScenarioFederationTrust: onprem.ps1 reads the federation trust and
// the federated organization identifier first. On the organization the
// wizard left (the seed: the trust, the account namespace, no federated
// domain) a first run adds the declared federated domains, and a second is
// in sync; a missing trust fails the item before anything changes for it,
// saying what breaks, while the other resources still run; a certificate
// that expires within 30 days is reported.
func TestScenarioFederationTrust(t *testing.T) {
	t.Parallel()
	_, dir := goldenCase(t, "federation-trust")
	const resource = "federationTrust/Microsoft Federation Gateway"
	first := simulate(t, dir, []run{{Script: "onprem.ps1", ScriptParameters: reportFor("first.report.json"), OutState: "first.json", CallLog: "first.calls"}})
	if first[0].ExitCode != 0 {
		t.Fatalf("the first run exited %d", first[0].ExitCode)
	}
	results := readReport(t, filepath.Join(dir, "first.report.json")).Results
	if len(results) == 0 || results[0].Resource != resource || results[0].Status != "updated" {
		t.Fatalf("the first run's first result is %+v, want %s updated (read before anything else)", results, resource)
	}
	added := map[string]bool{}
	for _, c := range readCalls(t, filepath.Join(dir, "first.calls")) {
		if c.Cmdlet == "Add-FederatedDomain" {
			d, _ := c.Parameters["DomainName"].(string)
			added[d] = true
		}
		if c.Cmdlet == "Remove-FederatedDomain" {
			t.Errorf("the run called Remove-FederatedDomain")
		}
	}
	if !added["contoso.com"] || !added["fabrikam.com"] || len(added) != 2 {
		t.Errorf("Add-FederatedDomain added %v, want contoso.com and fabrikam.com", added)
	}
	st := readJSON(t, filepath.Join(dir, "first.json"))
	// An undeclared federated domain stays; the run is in sync.
	st["federatedDomains"] = append(st["federatedDomains"].([]any), "other.contoso.com")
	writeJSON(t, filepath.Join(dir, "synced.json"), st)
	// No trust: the item fails, saying what breaks; nothing is changed for
	// it, the relationships still run.
	missing := readJSON(t, filepath.Join(dir, "first.json"))
	missing["federationTrusts"] = []any{}
	missing["federatedDomains"] = []any{}
	writeJSON(t, filepath.Join(dir, "missing.json"), missing)
	// A certificate that expires within 30 days.
	expiring := readJSON(t, filepath.Join(dir, "first.json"))
	expiring["federationTrusts"] = []any{map[string]any{"name": "Microsoft Federation Gateway",
		"certificateNotAfter": time.Now().UTC().AddDate(0, 0, 10).Format("2006-01-02T15:04:05Z")}}
	writeJSON(t, filepath.Join(dir, "expiring.json"), expiring)
	got := simulate(t, dir, []run{
		{Script: "onprem.ps1", Mode: "Check", State: "synced.json", ScriptParameters: reportFor("synced.report.json"), OutState: "synced.out.json", CallLog: "synced.calls"},
		{Script: "onprem.ps1", State: "missing.json", ScriptParameters: reportFor("missing.report.json"), OutState: "missing.out.json", CallLog: "missing.calls"},
		{Script: "onprem.ps1", Mode: "Check", State: "expiring.json", ScriptParameters: reportFor("expiring.report.json"), OutState: "expiring.out.json", CallLog: "expiring.calls"},
	})
	if got[0].ExitCode != 0 {
		t.Errorf("-Check in sync exited %d, want 0", got[0].ExitCode)
	}
	if r := readReport(t, filepath.Join(dir, "synced.report.json")).byResource()[resource]; r[0] != "unchanged" {
		t.Errorf("in sync, %s is %q (%s), want unchanged", resource, r[0], r[1])
	}
	if got[1].ExitCode != 1 {
		t.Errorf("a run without the trust exited %d, want 1", got[1].ExitCode)
	}
	byRes := readReport(t, filepath.Join(dir, "missing.report.json")).byResource()
	if r := byRes[resource]; r[0] != "failed" || !strings.Contains(r[1], "no federation trust 'Microsoft Federation Gateway'") || !strings.Contains(r[1], "Free/busy") {
		t.Errorf("without the trust, %s is %q (%s), want failed naming the trust and what breaks", resource, r[0], r[1])
	}
	if r := byRes["organizationRelationship/To Cloud"]; r[0] == "" || r[0] == "skipped" {
		t.Errorf("without the trust, the relationship is %q (%s), want it still run", r[0], r[1])
	}
	for _, c := range readCalls(t, filepath.Join(dir, "missing.calls")) {
		if c.Cmdlet == "Add-FederatedDomain" || c.Cmdlet == "Set-FederatedOrganizationIdentifier" {
			t.Errorf("without the trust the run called %s", c.Cmdlet)
		}
	}
	if got[2].ExitCode != 0 {
		t.Errorf("-Check with an expiring certificate exited %d, want 0", got[2].ExitCode)
	}
	if r := readReport(t, filepath.Join(dir, "expiring.report.json")).byResource()[resource]; r[0] != "unchanged" || !strings.Contains(r[1], "certificate expires on") {
		t.Errorf("with an expiring certificate, %s is %q (%s), want unchanged saying when it expires", resource, r[0], r[1])
	}
}
