package simulator

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestScenarioOnPremisesOrganization: a first run creates the tenant's
// on-premises organization object with every declared setting (named after
// the GUID); the wizard's object under another name is adopted by its
// OrganizationGuid: a run adds a missing hybrid domain, keeps the others
// and the object's name, reports "exists as '<name>'", and creates none.
func TestScenarioOnPremisesOrganization(t *testing.T) {
	t.Parallel()
	_, dir := goldenCase(t, "coexistence")
	got := simulate(t, dir, []run{
		{Script: "online.ps1", OutState: "first.json", CallLog: "first.calls"},
		{Script: "online.ps1", Mode: "Check", State: "first.json", OutState: "check.json", CallLog: "check.calls"},
	})
	if got[0].ExitCode != 0 || got[1].ExitCode != 0 {
		t.Fatalf("the first run exited %d, -Check after it %d, want 0 and 0", got[0].ExitCode, got[1].ExitCode)
	}
	if c := changes(readCalls(t, filepath.Join(dir, "first.calls"))); !slices.Equal(c, []string{"New-OnPremisesOrganization"}) {
		t.Errorf("the first run changed %v, want one New-OnPremisesOrganization", c)
	}
	const guid = "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b"
	first := readJSON(t, filepath.Join(dir, "first.json"))
	o, err := orgNamed(first, "onPremisesOrganizations", "organizationGuid", guid)
	if err != nil {
		t.Fatal(err)
	}
	if o["name"] != guid || o["inboundConnector"] != "Inbound from "+guid || o["organizationName"] != "Contoso" {
		t.Errorf("the new object is %v", o)
	}
	// The wizard's object under another name, a hybrid domain missing and
	// one of its own.
	o["name"] = "Wizard object"
	o["hybridDomains"] = []any{"contoso.com", "fabrikam.com"}
	writeJSON(t, filepath.Join(dir, "wizard.json"), first)
	got = simulate(t, dir, []run{{Script: "online.ps1", State: "wizard.json", ScriptParameters: reportFor("wizard.report.json"), OutState: "adopted.json", CallLog: "adopted.calls"}})
	if got[0].ExitCode != 0 {
		t.Fatalf("the run on the wizard's object exited %d", got[0].ExitCode)
	}
	if c := changes(readCalls(t, filepath.Join(dir, "adopted.calls"))); !slices.Equal(c, []string{"Set-OnPremisesOrganization"}) {
		t.Errorf("the run on the wizard's object changed %v, want one Set-OnPremisesOrganization", c)
	}
	res := readReport(t, filepath.Join(dir, "wizard.report.json")).byResource()["onPremisesOrganization/"+guid]
	if res[0] != "updated" || !strings.Contains(res[1], "exists as 'Wizard object'") {
		t.Errorf("the adopted object's item is %q (%s), want updated, exists as 'Wizard object'", res[0], res[1])
	}
	a, err := orgNamed(readJSON(t, filepath.Join(dir, "adopted.json")), "onPremisesOrganizations", "organizationGuid", guid)
	if err != nil {
		t.Fatal(err)
	}
	var domains []string
	for _, d := range a["hybridDomains"].([]any) {
		domains = append(domains, d.(string))
	}
	if a["name"] != "Wizard object" || !slices.Contains(domains, "fabrikam.com") || !slices.Contains(domains, "contoso.mail.onmicrosoft.com") {
		t.Errorf("after the run the object is %v, want its name and fabrikam.com kept, contoso.mail.onmicrosoft.com added", a)
	}
}

// TestCallsCoexistence measures the coexistence case's calls as
// TestCallsMeasured measures every configuration's (a first run, then an
// in-sync -Check), so that the new kinds' estimates can be checked alone.
func TestCallsCoexistence(t *testing.T) {
	t.Parallel()
	c, _ := goldenCase(t, "coexistence")
	measureCalls(t, []config{c})
}
