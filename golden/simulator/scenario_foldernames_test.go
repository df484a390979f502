package simulator

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
)

// folderYAML is an on-premises organization whose calendar permissions
// are the lines given.
func folderYAML(permissions ...string) string {
	return `version: 1
onPremises:
  organization: Contoso
  exchangeVersion: SE
  primarySmtpDomains: [contoso.com]
  federatedDelegationNamespace: exchangedelegation.contoso.com
exchangeOnline:
  tenant: contoso.onmicrosoft.com
  routingDomain: contoso.mail.onmicrosoft.com
  serviceRoutingNamespace: service.contoso.com
  primarySmtpDomains: [contoso.com]
mailboxes:
  - {name: BOSS1, location: onPremises}
  - {name: BOSS2, location: onPremises}
  - {name: DELEGATE1, location: onPremises}
  - {name: DELEGATE2, location: onPremises}
  - {name: DELEGATE3, location: onPremises}
  - {name: DELEGATE4, location: onPremises}
  - {name: OTHER3, location: onPremises}
permissions:
` + "  - " + strings.Join(permissions, "\n  - ") + "\n"
}

// calendar is a calendar permission line of folderYAML.
func calendar(mailbox, trustee, rights string, absent bool) string {
	line := "{access: Folder, mailbox: " + mailbox + ", trustee: " + trustee + ", folder: Calendar, folderAccessRights: " + rights
	if absent {
		line += ", ensure: absent"
	}
	return line + "}"
}

// userReads are the Get-MailboxFolderPermission calls of a call log that
// read one user's entry (-User).
func userReads(calls []call) []call {
	var out []call
	for _, c := range calls {
		if _, ok := c.Parameters["User"]; ok && c.Cmdlet == "Get-MailboxFolderPermission" {
			out = append(out, c)
		}
	}
	return out
}

// TestScenarioFolderDisplayNames: where Exchange names folder permission
// users only by display name (folderUser=displayName), the engine takes
// the one entry that shows a declared user's display name when no other
// object bears that name, and reads the user's own entry with -User
// otherwise. (1) A first run and -Check of the same configuration: the
// in-sync run makes exactly the estimate's calls plus its
// InSyncByDisplayName (one -User read: the permission declared absent on
// a folder that holds entries). (2) On an organization where OTHER3 bears
// DELEGATE3's display name and has an entry on BOSS2's calendar: -Check
// finds DELEGATE1's rights drifted by its display name (no -User read),
// reads DELEGATE3's and OTHER3's entries with -User, and never takes
// OTHER3's entry for DELEGATE3's: DELEGATE3's missing permission on
// BOSS2's calendar is drift, which a run then grants; -Check after it
// finds everything in sync.
func TestScenarioFolderDisplayNames(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	first := folderYAML(
		calendar("BOSS1", "DELEGATE1", "Reviewer", false),
		calendar("BOSS1", "DELEGATE2", "Reviewer", false),
		calendar("BOSS1", "DELEGATE3", "Reviewer", false),
		calendar("BOSS1", "DELEGATE4", "Reviewer", true),
		calendar("BOSS2", "OTHER3", "Reviewer", false))
	second := folderYAML(
		calendar("BOSS1", "DELEGATE1", "Editor", false),
		calendar("BOSS1", "DELEGATE2", "Reviewer", false),
		calendar("BOSS1", "DELEGATE3", "Reviewer", false),
		calendar("BOSS1", "DELEGATE4", "Reviewer", true),
		calendar("BOSS2", "OTHER3", "Reviewer", false),
		calendar("BOSS2", "DELEGATE3", "Reviewer", false))
	compileOnPremises(t, dir, "first.ps1", first)
	compileOnPremises(t, dir, "second.ps1", second)
	names := map[string]any{"folderUser": "displayName"}
	got := simulate(t, dir, []run{
		{Script: "first.ps1", Variant: names, OutState: "1.json", CallLog: "1.calls"},
		{Script: "first.ps1", Mode: "Check", Variant: names, State: "1.json", OutState: "2.json", CallLog: "2.calls"},
	})
	if got[0].ExitCode != 0 || got[1].ExitCode != 0 {
		t.Fatalf("the first run exited %d and -Check %d, want 0 and 0", got[0].ExitCode, got[1].ExitCode)
	}
	analyzed := compiler.Analyze(compiler.Source{Name: "input.yaml", Data: []byte(first)})
	var estimate compiler.CallEstimate
	for _, e := range compiler.EstimateCalls(analyzed.Plan) {
		if e.File == "onprem.ps1" {
			estimate = e
		}
	}
	if n := len(userReads(readCalls(t, filepath.Join(dir, "1.calls")))); n != 0 {
		t.Errorf("the first run read %d users' entries with -User, want none", n)
	}
	inSync := readCalls(t, filepath.Join(dir, "2.calls"))
	if estimate.InSyncByDisplayName != 1 || len(inSync) != estimate.InSync+estimate.InSyncByDisplayName || len(userReads(inSync)) != 1 {
		t.Errorf("-Check made %d calls, %d of them -User reads; the estimate says %d in sync + %d by display name, want 1 of them", len(inSync), len(userReads(inSync)), estimate.InSync, estimate.InSyncByDisplayName)
	}

	// OTHER3 now bears DELEGATE3's display name.
	state := readJSON(t, filepath.Join(dir, "1.json"))
	for _, r := range state["recipients"].([]any) {
		if rec := r.(map[string]any); rec["name"] == "OTHER3" {
			rec["displayName"] = "DELEGATE3"
		}
	}
	writeJSON(t, filepath.Join(dir, "namesakes.json"), state)
	got = simulate(t, dir, []run{
		{Script: "second.ps1", Mode: "Check", Variant: names, State: "namesakes.json", ScriptParameters: reportFor("3.report.json"), OutState: "3.json", CallLog: "3.calls"},
		{Script: "second.ps1", Variant: names, State: "namesakes.json", ScriptParameters: reportFor("4.report.json"), OutState: "4.json", CallLog: "4.calls"},
		{Script: "second.ps1", Mode: "Check", Variant: names, State: "4.json", OutState: "5.json", CallLog: "5.calls"},
	})
	for i, want := range []int{2, 0, 0} {
		if got[i].ExitCode != want {
			t.Errorf("run %d on the namesakes exited %d, want %d", i+1, got[i].ExitCode, want)
		}
	}
	label := func(trustee, mailbox string) string {
		return "folderPermission/" + trustee + " on " + mailbox + ":\\Calendar"
	}
	check := readReport(t, filepath.Join(dir, "3.report.json")).byResource()
	for name, want := range map[string]string{
		label("DELEGATE1", "BOSS1"): "drifted", label("DELEGATE2", "BOSS1"): "unchanged", label("DELEGATE3", "BOSS1"): "unchanged",
		label("DELEGATE4", "BOSS1"): "unchanged", label("OTHER3", "BOSS2"): "unchanged", label("DELEGATE3", "BOSS2"): "drifted",
	} {
		if res := check[name]; res[0] != want {
			t.Errorf("-Check: %s is %q (%s), want %s", name, res[0], res[1], want)
		}
	}
	if res := check[label("DELEGATE1", "BOSS1")]; !strings.Contains(res[1], "Reviewer") {
		t.Errorf("-Check: %s says %q, want its rights Reviewer -> Editor", label("DELEGATE1", "BOSS1"), res[1])
	}
	// -User reads: DELEGATE3 and DELEGATE4 on BOSS1's calendar, OTHER3 and
	// DELEGATE3 on BOSS2's.
	if n := len(userReads(readCalls(t, filepath.Join(dir, "3.calls")))); n != 4 {
		t.Errorf("-Check read %d users' entries with -User, want 4 (the namesakes on both calendars, the absent DELEGATE4)", n)
	}
	run := readReport(t, filepath.Join(dir, "4.report.json")).byResource()
	for name, want := range map[string]string{label("DELEGATE1", "BOSS1"): "updated", label("DELEGATE3", "BOSS2"): "created", label("OTHER3", "BOSS2"): "unchanged"} {
		if res := run[name]; res[0] != want {
			t.Errorf("run: %s is %q (%s), want %s", name, res[0], res[1], want)
		}
	}
}
