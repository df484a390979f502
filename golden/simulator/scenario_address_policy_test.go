package simulator

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// policyTemplates are the templates of a state's email address policy.
func policyTemplates(t *testing.T, st map[string]any, name string) []string {
	t.Helper()
	p, err := orgNamed(st, "emailAddressPolicies", "name", name)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, v := range p["enabledEmailAddressTemplates"].([]any) {
		out = append(out, v.(string))
	}
	return out
}

// TestScenarioAddressPolicy: a first run creates the coexistence accepted
// domain (New-AcceptedDomain without a type) and adds the coexistence template to
// each declared policy with @{ Add = ... } and keeps the policy's own
// templates; a template taken out since is drift for -Check and added
// back by a run, the administrator's own template kept; the scripts never
// call Update-EmailAddressPolicy (the runbook's step), and a declared
// policy the organization lacks fails its item, no policy created.
func TestScenarioAddressPolicy(t *testing.T) {
	t.Parallel()
	_, dir := goldenCase(t, "coexistence")
	got := simulate(t, dir, []run{
		{Script: "onprem.ps1", OutState: "first.json", CallLog: "first.calls"},
		{Script: "onprem.ps1", Mode: "Check", State: "first.json", OutState: "check.json", CallLog: "check.calls"},
	})
	if got[0].ExitCode != 0 || got[1].ExitCode != 0 {
		t.Fatalf("the first run exited %d, -Check after it %d, want 0 and 0", got[0].ExitCode, got[1].ExitCode)
	}
	sets := 0
	for _, c := range readCalls(t, filepath.Join(dir, "first.calls")) {
		if c.Cmdlet == "Update-EmailAddressPolicy" || c.Cmdlet == "New-EmailAddressPolicy" {
			t.Errorf("the script calls %s", c.Cmdlet)
		}
		if c.Cmdlet == "Set-EmailAddressPolicy" {
			sets++
			if add, ok := c.Parameters["EnabledEmailAddressTemplates"].(map[string]any); !ok || add["Add"] == nil {
				t.Errorf("Set-EmailAddressPolicy -EnabledEmailAddressTemplates %v, want @{ Add = ... }", c.Parameters["EnabledEmailAddressTemplates"])
			}
		}
	}
	news := 0
	for _, c := range readCalls(t, filepath.Join(dir, "first.calls")) {
		if c.Cmdlet == "New-AcceptedDomain" {
			news++
			if _, typed := c.Parameters["DomainType"]; typed {
				t.Errorf("New-AcceptedDomain of the coexistence domain passes -DomainType %v", c.Parameters["DomainType"])
			}
		}
	}
	if news != 1 {
		t.Errorf("the first run called New-AcceptedDomain %d times, want 1", news)
	}
	if sets != 2 {
		t.Errorf("the first run called Set-EmailAddressPolicy %d times, want 2", sets)
	}
	first := readJSON(t, filepath.Join(dir, "first.json"))
	// The coexistence accepted domain, with New-AcceptedDomain's default.
	if d, err := orgNamed(first, "acceptedDomains", "domainName", "contoso.mail.onmicrosoft.com"); err != nil || d["domainType"] != "Authoritative" {
		t.Errorf("the coexistence accepted domain after the first run: %v %v", d, err)
	}
	sales := policyTemplates(t, first, "Sales")
	for _, want := range []string{"SMTP:@contoso.com", "smtp:%m@contoso.mail.onmicrosoft.com", "smtp:%g.%s@contoso.com"} {
		if !slices.Contains(sales, want) {
			t.Errorf("after the first run Sales has %v, want %s among them", sales, want)
		}
	}
	// Drift: the coexistence template taken out, the administrator's own
	// template added; a second organization lacks the Sales policy.
	p, _ := orgNamed(first, "emailAddressPolicies", "name", "Default Policy")
	p["enabledEmailAddressTemplates"] = []any{"SMTP:@contoso.com", "smtp:%g@contoso.com"}
	writeJSON(t, filepath.Join(dir, "drift.json"), first)
	missing := readJSON(t, filepath.Join(dir, "first.json"))
	var kept []any
	for _, e := range orgList(missing, "emailAddressPolicies") {
		if orgStr(e.(map[string]any), "name") != "Sales" {
			kept = append(kept, e)
		}
	}
	missing["emailAddressPolicies"] = kept
	writeJSON(t, filepath.Join(dir, "missing.json"), missing)
	got = simulate(t, dir, []run{
		{Script: "onprem.ps1", Mode: "Check", State: "drift.json", OutState: "drift-check.json", CallLog: "drift-check.calls"},
		{Script: "onprem.ps1", State: "drift.json", OutState: "fixed.json", CallLog: "fixed.calls"},
		{Script: "onprem.ps1", State: "missing.json", ScriptParameters: reportFor("missing.report.json"), OutState: "missing-after.json", CallLog: "missing.calls"},
	})
	if got[0].ExitCode != 2 || got[1].ExitCode != 0 {
		t.Fatalf("-Check of the drift exited %d (want 2), the run %d (want 0)", got[0].ExitCode, got[1].ExitCode)
	}
	if c := changes(readCalls(t, filepath.Join(dir, "fixed.calls"))); !slices.Equal(c, []string{"Set-EmailAddressPolicy"}) {
		// The coexistence domain exists since the first run: nothing else.
		t.Errorf("the run on the drift changed %v, want one Set-EmailAddressPolicy", c)
	}
	fixed := policyTemplates(t, readJSON(t, filepath.Join(dir, "fixed.json")), "Default Policy")
	for _, want := range []string{"SMTP:@contoso.com", "smtp:%g@contoso.com", "smtp:%m@contoso.mail.onmicrosoft.com"} {
		if !slices.Contains(fixed, want) {
			t.Errorf("after the run on the drift Default Policy has %v, want %s among them", fixed, want)
		}
	}
	if got[2].ExitCode != 1 {
		t.Errorf("the run without the Sales policy exited %d, want 1", got[2].ExitCode)
	}
	if c := changes(readCalls(t, filepath.Join(dir, "missing.calls"))); len(c) != 0 {
		t.Errorf("the run without the Sales policy changed %v, want nothing", c)
	}
	res := readReport(t, filepath.Join(dir, "missing.report.json")).byResource()["emailAddressPolicy/Sales"]
	if res[0] != "failed" || !strings.Contains(res[1], "does not exist") {
		t.Errorf("the missing policy's item is %q (%s), want failed: does not exist", res[0], res[1])
	}
}
