package simulator

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
)

// The fault scenarios run golden/cases/permissions, whose on-premises
// fullAccessPermission step is the only step of any example or golden case
// with three items or more (four), with faults (Sim.Errors.ps1) on its
// calls. The behaviour table records throttling and "matches multiple
// entries" only for Exchange Online, so those scenarios run online.ps1.

// fault is one fault of a run: the simulator fails the cmdlet's calls ('*':
// every cmdlet's) that name the identity (any of their values, in any
// form), times times (0: always), after letting After of them through.
type fault struct {
	Cmdlet   string `json:"cmdlet"`
	Identity string `json:"identity,omitempty"`
	Kind     string `json:"kind"`
	Times    int    `json:"times,omitempty"`
	After    int    `json:"after,omitempty"`
}

// permissionsCase compiles golden/cases/permissions and writes its scripts
// into a new directory, which it returns.
func permissionsCase(t *testing.T) string {
	t.Helper()
	input := filepath.Join("..", "cases", "permissions", "input.yaml")
	data, err := os.ReadFile(input)
	if err != nil {
		t.Fatal(err)
	}
	res, err := compiler.Compile(compiler.Source{Name: "input.yaml", Data: data}, compiler.Options{ToolVersion: "0.0.0-test"})
	if err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("%s: compile: %v %s", input, err, res.Diagnostics.String())
	}
	dir := t.TempDir()
	config{Files: res.Files}.scripts(t, dir)
	return dir
}

// writeFaults writes a faults file into dir and returns its name.
func writeFaults(t *testing.T, dir, name string, faults ...fault) string {
	t.Helper()
	data, err := json.Marshal(faults)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// reportFor is a run's ScriptParameters that write its report to name.
func reportFor(name string) map[string]any { return map[string]any{"ReportPath": name} }

// byResource maps a report's resources to their status and detail.
func (r report) byResource() map[string][2]string {
	out := map[string][2]string{}
	for _, res := range r.Results {
		out[res.Resource] = [2]string{res.Status, res.Detail}
	}
	return out
}

// recipientsNamed are the recipients of a state file with a name.
func recipientsNamed(t *testing.T, path, name string) []map[string]any {
	t.Helper()
	var out []map[string]any
	recipients, _ := readJSON(t, path)["recipients"].([]any)
	for _, r := range recipients {
		if rec, ok := r.(map[string]any); ok && rec["name"] == name {
			out = append(out, rec)
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s holds no recipient named %s", path, name)
	}
	return out
}

// keys are the forms by which the engine names recipients in its calls.
func keys(recipients []map[string]any) []string {
	var out []string
	for _, rec := range recipients {
		for _, field := range []string{"guid", "distinguishedName", "primarySmtpAddress"} {
			if v, ok := rec[field].(string); ok && v != "" {
				out = append(out, v)
			}
		}
	}
	return out
}

// named are the calls of a cmdlet ("" for any) one of whose parameter values
// or pipeline entries is one of the values, ignoring case.
func named(calls []call, cmdlet string, values ...string) []call {
	var out []call
	for _, c := range calls {
		if cmdlet != "" && c.Cmdlet != cmdlet {
			continue
		}
		texts := append([]string{}, c.Pipeline...)
		for _, v := range c.Parameters {
			data, _ := json.Marshal(v)
			texts = append(texts, strings.Trim(string(data), `"`))
		}
		if containsFold(texts, values) {
			out = append(out, c)
		}
	}
	return out
}

func containsFold(texts, values []string) bool {
	for _, text := range texts {
		for _, v := range values {
			if strings.EqualFold(text, v) {
				return true
			}
		}
	}
	return false
}

// ofCmdlet counts the calls of a cmdlet.
func ofCmdlet(calls []call, cmdlet string) int {
	n := 0
	for _, c := range calls {
		if c.Cmdlet == cmdlet {
			n++
		}
	}
	return n
}

// TestFaultThrottledChangeRetried: Exchange throttles Add-MailboxPermission
// for one trustee twice, in each organization; the engine waits and tries
// again, the third call grants the permission and the run succeeds.
func TestFaultThrottledChangeRetried(t *testing.T) {
	t.Parallel()
	dir := permissionsCase(t)
	cases := []struct{ script, trustee, resource string }{
		{"online.ps1", "ONPREM4", "fullAccessPermission/ONPREM4 on EXO1"},
		{"onprem.ps1", "ONPREM2", "fullAccessPermission/ONPREM2 on ONPREM1"},
	}
	var runs []run
	for _, c := range cases {
		faults := writeFaults(t, dir, c.script+".faults.json", fault{Cmdlet: "Add-MailboxPermission", Identity: c.trustee, Kind: "throttled", Times: 2})
		runs = append(runs, run{Script: c.script, Faults: faults, ScriptParameters: reportFor(c.script + ".report.json"), OutState: c.script + ".after.json", CallLog: c.script + ".calls"})
	}
	got := simulate(t, dir, runs)
	for i, c := range cases {
		r := readReport(t, filepath.Join(dir, c.script+".report.json"))
		if got[i].ExitCode != 0 {
			t.Errorf("%s exited %d, want 0: throttling is retried\n%s", c.script, got[i].ExitCode, describe(r))
		}
		after := filepath.Join(dir, c.script+".after.json")
		trustee := recipientsNamed(t, after, c.trustee)
		adds := named(readCalls(t, filepath.Join(dir, c.script+".calls")), "Add-MailboxPermission", keys(trustee)...)
		if len(adds) != 3 {
			t.Errorf("%s called Add-MailboxPermission %d times for %s, want 3 (two throttled, then granted)", c.script, len(adds), c.trustee)
		}
		if res := r.byResource()[c.resource]; res[0] != "created" {
			t.Errorf("%s: %s is %q (%s), want created", c.script, c.resource, res[0], res[1])
		}
		granted := false
		for _, p := range readJSON(t, after)["permissions"].([]any) {
			entry := p.(map[string]any)
			if entry["access"] == "FullAccess" && entry["trusteeGuid"] == trustee[0]["guid"] {
				granted = true
			}
		}
		if !granted {
			t.Errorf("%s: the organization after the run holds no Full Access entry for %s", c.script, c.trustee)
		}
	}
}

// TestFaultDeniedFailsOneResource: access denied on one trustee's grant
// fails that resource only; the others are made, and a second run without
// the fault makes the one that failed.
func TestFaultDeniedFailsOneResource(t *testing.T) {
	t.Parallel()
	dir := permissionsCase(t)
	faults := writeFaults(t, dir, "faults.json", fault{Cmdlet: "Add-MailboxPermission", Identity: "ONPREM2", Kind: "denied"})
	got := simulate(t, dir, []run{
		{Script: "onprem.ps1", Faults: faults, ScriptParameters: reportFor("first.report.json"), OutState: "first.json", CallLog: "first.calls"},
		{Script: "onprem.ps1", State: "first.json", ScriptParameters: reportFor("second.report.json"), OutState: "second.json", CallLog: "second.calls"},
	})
	const denied = "fullAccessPermission/ONPREM2 on ONPREM1"
	first := readReport(t, filepath.Join(dir, "first.report.json"))
	if got[0].ExitCode != 1 {
		t.Errorf("the first run exited %d, want 1", got[0].ExitCode)
	}
	if len(first.Results) != 13 {
		t.Errorf("the first run reported %d resources, want the 13 of onprem.ps1", len(first.Results))
	}
	for _, res := range first.Results {
		switch {
		case res.Resource == denied && (res.Status != "failed" || !strings.Contains(res.Detail, "denied: ") || !strings.Contains(res.Detail, "Access is denied")):
			t.Errorf("%s is %s (%s), want failed with Exchange's access denied", res.Resource, res.Status, res.Detail)
		case res.Resource != denied && res.Status != "created" && res.Status != "updated":
			t.Errorf("%s is %s (%s), want made: only %s was denied", res.Resource, res.Status, res.Detail, denied)
		}
	}
	if got[1].ExitCode != 0 {
		t.Errorf("the second run exited %d, want 0", got[1].ExitCode)
	}
	for _, res := range readReport(t, filepath.Join(dir, "second.report.json")).Results {
		want := "unchanged"
		if res.Resource == denied {
			want = "created"
		}
		if res.Status != want {
			t.Errorf("second run: %s is %s (%s), want %s", res.Resource, res.Status, res.Detail, want)
		}
	}
}

// TestFaultThreeInARowStops: Exchange fails every call of the Full Access
// step transiently, its changes (not retried) or its reads (retried five
// times each); the third resource or read in a row that fails stops the
// run: what the run did not reach is skipped and nothing more is called.
func TestFaultThreeInARowStops(t *testing.T) {
	t.Parallel()
	dir := permissionsCase(t)
	change := writeFaults(t, dir, "change.json", fault{Cmdlet: "Add-MailboxPermission", Kind: "transient"})
	read := writeFaults(t, dir, "read.json", fault{Cmdlet: "Get-MailboxPermission", Kind: "transient"})
	got := simulate(t, dir, []run{
		{Script: "onprem.ps1", Faults: change, ScriptParameters: reportFor("change.report.json"), OutState: "change.json.out", CallLog: "change.calls"},
		{Script: "onprem.ps1", Faults: read, ScriptParameters: reportFor("read.report.json"), OutState: "read.json.out", CallLog: "read.calls"},
	})
	fullAccess := []string{"fullAccessPermission/ONPREM2 on ONPREM1", "fullAccessPermission/ONPREM1 on ONPREM3", "fullAccessPermission/SVC-SCAN on BOSS1", "fullAccessPermission/SVC-SCAN on ONPREM1"}
	later := []string{"sendOnBehalfPermission/ONPREM3 on ONPREM1", "folderPermission/ASSIST1 on BOSS1:\\Calendar"}
	cases := []struct {
		name    string
		failed  []string // the resources that fail, in a row
		skipped []string // the resources not run
		cmdlet  string   // the failing cmdlet
		calls   int      // its calls: attempts until the stop
	}{
		// A change is not retried after a transient failure: one call each.
		{"change", fullAccess[:3], append([]string{fullAccess[3]}, later...), "Add-MailboxPermission", 3},
		// The chunk of three mailboxes, then each mailbox alone: five
		// attempts each; the step's resources fail with the stop.
		{"read", fullAccess, later, "Get-MailboxPermission", 20},
	}
	output, err := os.ReadFile(filepath.Join(dir, "output.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(output), "hybridc: stopped: Exchange failed three times in a row"); n != 2 {
		t.Errorf("the runs printed the stop %d times, want 2", n)
	}
	for i, c := range cases {
		if got[i].ExitCode != 1 {
			t.Errorf("%s: the run exited %d, want 1", c.name, got[i].ExitCode)
		}
		results := readReport(t, filepath.Join(dir, c.name+".report.json")).byResource()
		for _, name := range c.failed {
			if res := results[name]; res[0] != "failed" || !strings.Contains(res[1], "transient: ") {
				t.Errorf("%s: %s is %q (%s), want failed with the transient error", c.name, name, res[0], res[1])
			}
		}
		for _, name := range c.skipped {
			if res := results[name]; res[0] != "skipped" || res[1] != "not run: the run stopped" {
				t.Errorf("%s: %s is %q (%s), want skipped, not run: the run stopped", c.name, name, res[0], res[1])
			}
		}
		calls := readCalls(t, filepath.Join(dir, c.name+".calls"))
		if n := ofCmdlet(calls, c.cmdlet); n != c.calls {
			t.Errorf("%s: %s was called %d times, want %d", c.name, c.cmdlet, n, c.calls)
		}
		if len(calls) == 0 || calls[len(calls)-1].Cmdlet != c.cmdlet {
			t.Errorf("%s: the run called Exchange after the stop: %s", c.name, changes(calls))
		}
		if n := ofCmdlet(calls, "Add-MailboxPermission"); c.name == "read" && n > 0 {
			t.Errorf("read: Add-MailboxPermission was called %d times for mailboxes whose permissions were not read", n)
		}
	}
}

// TestFaultAmbiguousIsAnError: a name that matches several objects fails
// its resource, never reads as "missing" and never leads to a grant: (a)
// Exchange answers "matches multiple entries" for a mailbox, (b) two
// recipients of the organization answer to a declared trustee's name.
func TestFaultAmbiguousIsAnError(t *testing.T) {
	t.Parallel()
	dir := permissionsCase(t)
	faults := writeFaults(t, dir, "faults.json", fault{Cmdlet: "Get-MailboxPermission", Identity: "EXO1", Kind: "ambiguous"})
	twin := map[string]any{
		"guid": "0d0d0d0d-0000-4000-8000-000000000002", "name": "ONPREM2", "alias": "ONPREM2-Sales", "samAccountName": "ONPREM2-Sales",
		"distinguishedName": "CN=ONPREM2,OU=Sales,DC=contoso,DC=com", "identity": "contoso.com/Sales/ONPREM2",
		"sid": "S-1-5-21-1004336348-1177238915-682003330-9002", "primarySmtpAddress": "onprem2.sales@contoso.com",
		"userPrincipalName": "onprem2.sales@contoso.com", "emailAddresses": []any{"SMTP:onprem2.sales@contoso.com"},
		"recipientTypeDetails": "UserMailbox", "roleAssignmentPolicy": "Default Role Assignment Policy", "grantSendOnBehalfTo": []any{},
	}
	got := simulate(t, dir, []run{
		{Script: "online.ps1", Faults: faults, ScriptParameters: reportFor("a.report.json"), OutState: "a.json", CallLog: "a.calls"},
		{Script: "onprem.ps1", Add: map[string]any{"recipients": []any{twin}}, ScriptParameters: reportFor("b.report.json"), OutState: "b.json", CallLog: "b.calls"},
	})
	for i, name := range []string{"a", "b"} {
		if got[i].ExitCode != 1 {
			t.Errorf("(%s) the run exited %d, want 1", name, got[i].ExitCode)
		}
	}

	a := readReport(t, filepath.Join(dir, "a.report.json")).byResource()
	if res := a["fullAccessPermission/ONPREM4 on EXO1"]; res[0] != "failed" || !strings.Contains(res[1], "ambiguous: ") || !strings.Contains(res[1], "matches multiple entries") {
		t.Errorf("(a) fullAccessPermission/ONPREM4 on EXO1 is %q (%s), want failed: EXO1 matches multiple entries", res[0], res[1])
	}
	if n := ofCmdlet(readCalls(t, filepath.Join(dir, "a.calls")), "Add-MailboxPermission"); n > 0 {
		t.Errorf("(a) Add-MailboxPermission was called %d times for a mailbox Exchange found several of", n)
	}

	b := readReport(t, filepath.Join(dir, "b.report.json")).byResource()
	for _, name := range []string{"fullAccessPermission/ONPREM2 on ONPREM1", "mailboxRoleAssignmentPolicy/ONPREM2"} {
		if res := b[name]; res[0] != "failed" || !strings.Contains(res[1], "'ONPREM2' names several objects") {
			t.Errorf("(b) %s is %q (%s), want failed: ONPREM2 names several objects", name, res[0], res[1])
		}
	}
	twins := recipientsNamed(t, filepath.Join(dir, "b.json"), "ONPREM2")
	if len(twins) != 2 {
		t.Fatalf("(b) the organization holds %d recipients named ONPREM2, want 2", len(twins))
	}
	for _, c := range named(readCalls(t, filepath.Join(dir, "b.calls")), "", keys(twins)...) {
		if !strings.HasPrefix(c.Cmdlet, "Get-") {
			t.Errorf("(b) %s was called with one of the two ONPREM2: %v", c.Cmdlet, c.Parameters)
		}
	}
}
