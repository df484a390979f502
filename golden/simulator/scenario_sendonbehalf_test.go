package simulator

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
)

// sendOnBehalfYAML is an on-premises organization whose Send on Behalf
// permissions are the lines given.
func sendOnBehalfYAML(permissions ...string) string {
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
permissions:
` + "  - " + strings.Join(permissions, "\n  - ") + "\n"
}

// compileOnPremises compiles a configuration and writes its on-premises
// script into dir under name.
func compileOnPremises(t *testing.T, dir, name, yaml string) {
	t.Helper()
	res, err := compiler.Compile(compiler.Source{Name: "input.yaml", Data: []byte(yaml)}, compiler.Options{ToolVersion: "0.0.0-test"})
	if err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("compile: %v %s", err, res.Diagnostics.String())
	}
	if err := os.WriteFile(filepath.Join(dir, name), res.Files["onprem.ps1"], 0o644); err != nil {
		t.Fatal(err)
	}
}

// delegatesOf are the names of a mailbox's Send on Behalf delegates in a
// state file, sorted.
func delegatesOf(t *testing.T, path, mailbox string) []string {
	t.Helper()
	names := map[string]string{}
	recipients, _ := readJSON(t, path)["recipients"].([]any)
	for _, r := range recipients {
		rec := r.(map[string]any)
		names[rec["guid"].(string)] = rec["name"].(string)
	}
	var out []string
	for _, r := range recipientsNamed(t, path, mailbox) {
		delegates, _ := r["grantSendOnBehalfTo"].([]any)
		for _, d := range delegates {
			out = append(out, names[d.(string)])
		}
	}
	slices.Sort(out)
	return out
}

// grantSendOnBehalfTo is the -GrantSendOnBehalfTo of a logged Set-Mailbox
// call: its Add and Remove entries.
func grantSendOnBehalfTo(c call) (add, remove int) {
	value, _ := c.Parameters["GrantSendOnBehalfTo"].(map[string]any)
	a, _ := value["Add"].([]any)
	r, _ := value["Remove"].([]any)
	return len(a), len(r)
}

// TestScenarioSendOnBehalfGrouped: the Send on Behalf delegates a mailbox
// gains or loses are changed in one Set-Mailbox -GrantSendOnBehalfTo
// @{ Add = ...; Remove = ... }. (1) Exchange cannot find one delegate of a
// group of three: the call changes nothing, each change is made again
// alone, that delegate fails alone and the other two are made; (2) the next
// configuration removes one delegate and adds two on one mailbox in one
// call; (3) -Check then finds everything in sync; (4) Exchange throttles a
// mailbox's group past the retries: each of its changes fails with the
// throttling, counted once toward the three-in-a-row stop, so that the
// next mailbox's change is still made.
func TestScenarioSendOnBehalfGrouped(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	compileOnPremises(t, dir, "first.ps1", sendOnBehalfYAML(
		"{access: SendOnBehalf, mailbox: BOSS1, trustee: DELEGATE1}",
		"{access: SendOnBehalf, mailbox: BOSS1, trustee: DELEGATE2}",
		"{access: SendOnBehalf, mailbox: BOSS1, trustee: DELEGATE3}",
		"{access: SendOnBehalf, mailbox: BOSS2, trustee: DELEGATE1}",
		"{access: SendOnBehalf, mailbox: BOSS2, trustee: DELEGATE4}"))
	compileOnPremises(t, dir, "second.ps1", sendOnBehalfYAML(
		"{access: SendOnBehalf, mailbox: BOSS1, trustee: DELEGATE1, ensure: absent}",
		"{access: SendOnBehalf, mailbox: BOSS1, trustee: DELEGATE2}",
		"{access: SendOnBehalf, mailbox: BOSS1, trustee: DELEGATE3}",
		"{access: SendOnBehalf, mailbox: BOSS1, trustee: DELEGATE4}",
		"{access: SendOnBehalf, mailbox: BOSS2, trustee: DELEGATE1}",
		"{access: SendOnBehalf, mailbox: BOSS2, trustee: DELEGATE4}"))
	missing := writeFaults(t, dir, "missing.json", fault{Cmdlet: "Set-Mailbox", Identity: "DELEGATE2", Kind: "notFound"})
	throttled := writeFaults(t, dir, "throttled.json", fault{Cmdlet: "Set-Mailbox", Identity: "BOSS1", Kind: "throttled"})
	got := simulate(t, dir, []run{
		{Script: "first.ps1", Faults: missing, ScriptParameters: reportFor("1.report.json"), OutState: "1.json", CallLog: "1.calls"},
		{Script: "second.ps1", State: "1.json", ScriptParameters: reportFor("2.report.json"), OutState: "2.json", CallLog: "2.calls"},
		{Script: "second.ps1", Mode: "Check", State: "2.json", ScriptParameters: reportFor("3.report.json"), OutState: "3.json", CallLog: "3.calls"},
		{Script: "first.ps1", Faults: throttled, ScriptParameters: reportFor("4.report.json"), OutState: "4.json", CallLog: "4.calls"},
	})
	for i, want := range []int{1, 0, 0, 1} {
		if got[i].ExitCode != want {
			t.Errorf("run %d exited %d, want %d", i+1, got[i].ExitCode, want)
		}
	}
	label := func(trustee, mailbox string) string { return "sendOnBehalfPermission/" + trustee + " on " + mailbox }

	// (1) BOSS1's call of three fails; each again alone: DELEGATE2 fails.
	first := readReport(t, filepath.Join(dir, "1.report.json")).byResource()
	for _, name := range []string{label("DELEGATE1", "BOSS1"), label("DELEGATE3", "BOSS1"), label("DELEGATE1", "BOSS2"), label("DELEGATE4", "BOSS2")} {
		if res := first[name]; res[0] != "created" {
			t.Errorf("run 1: %s is %q (%s), want created", name, res[0], res[1])
		}
	}
	if res := first[label("DELEGATE2", "BOSS1")]; res[0] != "failed" || !strings.Contains(res[1], "notFound: ") {
		t.Errorf("run 1: %s is %q (%s), want failed with Exchange's not found", label("DELEGATE2", "BOSS1"), res[0], res[1])
	}
	var shapes []string
	for _, c := range readCalls(t, filepath.Join(dir, "1.calls")) {
		if c.Cmdlet == "Set-Mailbox" {
			add, remove := grantSendOnBehalfTo(c)
			shapes = append(shapes, strings.Repeat("+", add)+strings.Repeat("-", remove))
		}
	}
	if want := []string{"+++", "+", "+", "+", "++"}; !slices.Equal(shapes, want) {
		t.Errorf("run 1: Set-Mailbox calls added/removed %q delegates, want %q (BOSS1's three, each again alone, BOSS2's two)", shapes, want)
	}
	if d := delegatesOf(t, filepath.Join(dir, "1.json"), "BOSS1"); !slices.Equal(d, []string{"DELEGATE1", "DELEGATE3"}) {
		t.Errorf("run 1: BOSS1's delegates are %v, want DELEGATE1 and DELEGATE3", d)
	}

	// (2) One call removes DELEGATE1 and adds DELEGATE2 and DELEGATE4.
	calls := readCalls(t, filepath.Join(dir, "2.calls"))
	if n := ofCmdlet(calls, "Set-Mailbox"); n != 1 {
		t.Errorf("run 2 called Set-Mailbox %d times, want once: %s", n, changes(calls))
	}
	for _, c := range calls {
		if add, remove := grantSendOnBehalfTo(c); c.Cmdlet == "Set-Mailbox" && (add != 2 || remove != 1) {
			t.Errorf("run 2: Set-Mailbox added %d and removed %d delegates, want 2 and 1", add, remove)
		}
	}
	second := readReport(t, filepath.Join(dir, "2.report.json")).byResource()
	for name, want := range map[string]string{label("DELEGATE1", "BOSS1"): "removed", label("DELEGATE2", "BOSS1"): "created", label("DELEGATE3", "BOSS1"): "unchanged", label("DELEGATE4", "BOSS1"): "created", label("DELEGATE4", "BOSS2"): "unchanged"} {
		if res := second[name]; res[0] != want {
			t.Errorf("run 2: %s is %q (%s), want %s", name, res[0], res[1], want)
		}
	}
	if d := delegatesOf(t, filepath.Join(dir, "2.json"), "BOSS1"); !slices.Equal(d, []string{"DELEGATE2", "DELEGATE3", "DELEGATE4"}) {
		t.Errorf("run 2: BOSS1's delegates are %v, want DELEGATE2, DELEGATE3 and DELEGATE4", d)
	}

	// (3) In sync.
	if n := len(changes(readCalls(t, filepath.Join(dir, "3.calls")))); n != 0 {
		t.Errorf("-Check made %d changes", n)
	}

	// (4) BOSS1's call throttled past the retries: five attempts, no call
	// alone, BOSS2's call made.
	fourth := readReport(t, filepath.Join(dir, "4.report.json")).byResource()
	for _, trustee := range []string{"DELEGATE1", "DELEGATE2", "DELEGATE3"} {
		if res := fourth[label(trustee, "BOSS1")]; res[0] != "failed" || !strings.Contains(res[1], "throttled: ") {
			t.Errorf("run 4: %s is %q (%s), want failed with the throttling", label(trustee, "BOSS1"), res[0], res[1])
		}
	}
	for _, trustee := range []string{"DELEGATE1", "DELEGATE4"} {
		if res := fourth[label(trustee, "BOSS2")]; res[0] != "created" {
			t.Errorf("run 4: %s is %q (%s), want created: one failed call does not stop the run", label(trustee, "BOSS2"), res[0], res[1])
		}
	}
	if n := ofCmdlet(readCalls(t, filepath.Join(dir, "4.calls")), "Set-Mailbox"); n != 6 {
		t.Errorf("run 4 called Set-Mailbox %d times, want 6 (BOSS1's call five times, BOSS2's once)", n)
	}
}
