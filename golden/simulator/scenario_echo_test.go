package simulator

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/kinds/decisions"
)

// TestScenarioEchoUnreadable (issue 16, engine point 4): the echo setting is
// set the way seed 002 does (Get-MailUser piped into
// Set-MailboxMessageConfiguration); reading it back by piping the mail user
// into Get-MailboxMessageConfiguration is unconfirmed. Where Exchange
// refuses that read for a mail user (variant mailUserMessageConfiguration
// refused), -Check reports the setting unknown (exit 2) instead of failing,
// a run sets it (exit 0, one Set call) and the member gets the setting.
// Before, every run and -Check failed the resource.
func TestScenarioEchoUnreadable(t *testing.T) {
	files, err := decisions.Load(filepath.Join("..", "..", "compiler", "kinds", "decisions"))
	if err != nil {
		t.Fatal(err)
	}
	var c *decisions.Case
	for _, f := range files {
		for i := range f.Cases {
			if f.Kind == "echoGroupMessages" && f.Cases[i].Name == "off is turned on" {
				c = &f.Cases[i]
			}
		}
	}
	if c == nil {
		t.Fatal("no echoGroupMessages case 'off is turned on'")
	}
	dir := t.TempDir()
	if err := prepareDecision(dir, c); err != nil {
		t.Fatal(err)
	}
	refused := map[string]any{"mailUserMessageConfiguration": "refused"}
	step := func(name, mode, state, out string) run {
		return run{Script: c.Script, Mode: mode, State: state, Variant: refused,
			ScriptParameters: map[string]any{"ReportPath": name + ".report.json"}, OutState: out, CallLog: name + ".calls"}
	}
	got := simulate(t, dir, []run{step("check", "Check", "state.json", "check.json"), step("run", "", "state.json", "after.json"), step("recheck", "Check", "after.json", "recheck.json")})
	echo := func(name string) (string, string) {
		for _, r := range readReport(t, filepath.Join(dir, name+".report.json")).Results {
			if strings.HasPrefix(r.Resource, "echoGroupMessages/") {
				return r.Status, r.Detail
			}
		}
		return "", ""
	}
	if st, detail := echo("check"); got[0].ExitCode != 2 || st != "unknown" || !strings.Contains(detail, "cannot be read for a mail user (") {
		t.Errorf("-Check: exit %d, %s (%s); want 2 and unknown", got[0].ExitCode, st, detail)
	}
	st, detail := echo("run")
	calls := changes(readCalls(t, filepath.Join(dir, "run.calls")))
	if got[1].ExitCode != 0 || st != "updated" || !strings.Contains(detail, "EchoGroupMessageBackToSubscribedSender = True") || strings.Join(calls, ",") != "Set-MailboxMessageConfiguration" {
		t.Errorf("run: exit %d, %s (%s), calls %v; want 0, updated and one Set-MailboxMessageConfiguration", got[1].ExitCode, st, detail, calls)
	}
	after := readJSON(t, filepath.Join(dir, "after.json"))
	on := false
	for _, m := range list(after["messageConfigurations"]) {
		if m.(map[string]any)["recipient"] == "0e7f0002-0000-4000-8000-000000000002" {
			on = m.(map[string]any)["echoGroupMessageBackToSubscribedSender"] == true
		}
	}
	if !on {
		t.Errorf("after the run the member's echo setting is not on: %v", after["messageConfigurations"])
	}
	if st, _ := echo("recheck"); got[2].ExitCode != 2 || st != "unknown" {
		t.Errorf("-Check after the run: exit %d, %s; want 2 and unknown (it cannot be read)", got[2].ExitCode, st)
	}
}
