package simulator

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestScenarioAuthoritativeGroupDomain (review 2, finding 1): the group
// domain exists as an Authoritative accepted domain (a domain the
// organization's own mailboxes use). -Check reports it drifted, naming
// the refusal; a run fails the item and never calls Set-AcceptedDomain,
// so the domain's mail is not relayed to Exchange Online.
func TestScenarioAuthoritativeGroupDomain(t *testing.T) {
	t.Parallel()
	c, dir := goldenCase(t, "groups-hybrid")
	if got := simulate(t, dir, []run{{Script: "onprem.ps1", Add: wizardObjects(c, "onprem.ps1"), OutState: "first.json", CallLog: "first.calls"}}); got[0].ExitCode != 0 {
		t.Fatalf("the first run exited %d", got[0].ExitCode)
	}
	st := readJSON(t, filepath.Join(dir, "first.json"))
	domain, err := orgNamed(st, "acceptedDomains", "domainName", "groups.contoso.com")
	if err != nil {
		t.Fatal(err)
	}
	domain["domainType"] = "Authoritative"
	writeJSON(t, filepath.Join(dir, "seed.json"), st)
	got := simulate(t, dir, []run{
		{Script: "onprem.ps1", Mode: "Check", State: "seed.json", ScriptParameters: map[string]any{"ReportPath": "check.report.json"}, OutState: "check.json", CallLog: "check.calls"},
		{Script: "onprem.ps1", State: "seed.json", ScriptParameters: map[string]any{"ReportPath": "run.report.json"}, OutState: "run.json", CallLog: "run.calls"},
	})
	if got[0].ExitCode != 2 {
		t.Errorf("-Check exited %d, want 2 (drift)", got[0].ExitCode)
	}
	if got[1].ExitCode == 0 {
		t.Errorf("the run exited 0, want a failure")
	}
	for _, f := range []struct{ report, status string }{{"check.report.json", "drifted"}, {"run.report.json", "failed"}} {
		found := false
		for _, r := range readReport(t, filepath.Join(dir, f.report)).Results {
			if strings.Contains(r.Resource, "groups.contoso.com") && strings.HasPrefix(r.Resource, "acceptedDomain") {
				found = true
				if r.Status != f.status || !strings.Contains(r.Detail, "Authoritative accepted domain") {
					t.Errorf("%s: %s %s (%s), want %s naming the refusal", f.report, r.Resource, r.Status, r.Detail, f.status)
				}
			}
		}
		if !found {
			t.Errorf("%s: no result for the accepted domain", f.report)
		}
	}
	for _, call := range readCalls(t, filepath.Join(dir, "run.calls")) {
		if call.Cmdlet == "Set-AcceptedDomain" {
			t.Errorf("the run called Set-AcceptedDomain %v", call.Parameters)
		}
	}
	after, err := orgNamed(readJSON(t, filepath.Join(dir, "run.json")), "acceptedDomains", "domainName", "groups.contoso.com")
	if err != nil || after["domainType"] != "Authoritative" {
		t.Errorf("after the run: %v %v", after["domainType"], err)
	}
}
