package simulator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScenarioPermissionsDehydrated (review of issue 19, points 2 and 3):
// golden/cases/permissions on a new, dehydrated tenant. online.ps1 declares
// role assignment policies but no relationship; it enables customization
// all the same, defers the policy (pending) and reports the mailbox's
// assignment of that policy pending too, not failed: the run exits 3. With
// -Check the drift wins: exit 2.
func TestScenarioPermissionsDehydrated(t *testing.T) {
	dir := permissionsCase(t)
	delayed := map[string]any{"hydration": "delayed"}
	dehydrated := map[string]any{"organizationConfig": map[string]any{"isDehydrated": true}}
	got := simulate(t, dir, []run{
		{Script: "online.ps1", Add: dehydrated, Variant: delayed, ScriptParameters: reportFor("run.report.json"), OutState: "run.json", CallLog: "run.calls"},
		{Script: "online.ps1", State: "run.json", Variant: delayed, Mode: "Check", ScriptParameters: reportFor("check.report.json"), OutState: "check.json", CallLog: "check.calls"},
	})
	r := readReport(t, filepath.Join(dir, "run.report.json"))
	if got[0].ExitCode != 3 {
		t.Errorf("the run exited %d, want 3 (pending)\n%s", got[0].ExitCode, describe(r))
	}
	wantResult(t, "run", r, "organizationCustomization", "pending")
	wantResult(t, "run", r, "roleAssignmentPolicy/Contoso Cloud Users", "pending")
	wantResult(t, "run", r, "mailboxRoleAssignmentPolicy/EXO1", "pending", "roleAssignmentPolicy/Contoso Cloud Users")
	if n := countCalls(readCalls(t, filepath.Join(dir, "run.calls")), "Enable-OrganizationCustomization"); n != 1 {
		t.Errorf("Enable-OrganizationCustomization called %d times, want once", n)
	}
	check := readReport(t, filepath.Join(dir, "check.report.json"))
	if got[1].ExitCode != 2 {
		t.Errorf("-Check exited %d, want 2 (drift before pending)\n%s", got[1].ExitCode, describe(check))
	}
}

// TestScenarioScopedAdminDenials (review point 9): an administrator whose
// management scope denies every Send As grant of Exchange Online. The
// first denial probes the session (Get-OrganizationConfig), which
// succeeds: the run goes on, and later denials do not probe again.
func TestScenarioScopedAdminDenials(t *testing.T) {
	dir := permissionsCase(t)
	faults := writeFaults(t, dir, "faults.json", fault{Cmdlet: "Add-RecipientPermission", Kind: "denied"}, fault{Cmdlet: "Add-MailboxPermission", Kind: "denied"})
	got := simulate(t, dir, []run{{Script: "online.ps1", Faults: faults, ScriptParameters: reportFor("report.json"), OutState: "after.json", CallLog: "calls"}})
	r := readReport(t, filepath.Join(dir, "report.json"))
	if got[0].ExitCode != 1 {
		t.Errorf("the run exited %d, want 1\n%s", got[0].ExitCode, describe(r))
	}
	output, err := os.ReadFile(filepath.Join(dir, "output.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(output), "session has expired") {
		t.Errorf("a scoped denial stopped the run as an expired session:\n%s", output)
	}
	calls := readCalls(t, filepath.Join(dir, "calls"))
	denied := countCalls(calls, "Add-RecipientPermission") + countCalls(calls, "Add-MailboxPermission")
	if denied < 2 {
		t.Fatalf("want at least two denials, got %d", denied)
	}
	// One read by the preflight, one probe after the first denial.
	if n := countCalls(calls, "Get-OrganizationConfig"); n != 2 {
		t.Errorf("Get-OrganizationConfig called %d times after %d denials, want 2 (preflight and one probe)", n, denied)
	}
}

// TestScenarioCustomizationNotRequired (second review, point 3): a tenant
// that answers Enable-OrganizationCustomization with "not available in
// current service offer" (customization done or not needed) while it keeps
// reporting IsDehydrated True (variant hydration=stale). The engine takes
// Exchange's word: the policy and the mailbox's assignment are made in the
// first run (exit 0, nothing pending), and the second run finds them.
func TestScenarioCustomizationNotRequired(t *testing.T) {
	dir := permissionsCase(t)
	stale := map[string]any{"hydration": "stale"}
	dehydrated := map[string]any{"organizationConfig": map[string]any{"isDehydrated": true}}
	got := simulate(t, dir, []run{
		{Script: "online.ps1", Add: dehydrated, Variant: stale, ScriptParameters: reportFor("run.report.json"), OutState: "run.json", CallLog: "run.calls"},
		{Script: "online.ps1", State: "run.json", Variant: stale, ScriptParameters: reportFor("again.report.json"), OutState: "again.json", CallLog: "again.calls"},
	})
	r := readReport(t, filepath.Join(dir, "run.report.json"))
	if got[0].ExitCode != 0 {
		t.Errorf("the run exited %d, want 0\n%s", got[0].ExitCode, describe(r))
	}
	wantResult(t, "run", r, "organizationCustomization", "updated")
	wantResult(t, "run", r, "roleAssignmentPolicy/Contoso Cloud Users", "created")
	again := readReport(t, filepath.Join(dir, "again.report.json"))
	if got[1].ExitCode != 0 {
		t.Errorf("the second run exited %d, want 0\n%s", got[1].ExitCode, describe(again))
	}
	wantResult(t, "second run", again, "roleAssignmentPolicy/Contoso Cloud Users", "unchanged")
	wantResult(t, "second run", again, "mailboxRoleAssignmentPolicy/EXO1", "unchanged")
}
