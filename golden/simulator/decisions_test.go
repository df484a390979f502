package simulator

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
	"github.com/hybridc/hybridc/compiler/kinds/decisions"
)

// decisionShards is how many simulator processes run the decision cases,
// in parallel: starting PowerShell and reading the catalog is the
// expensive part, each case's three runs are not.
const decisionShards = 2

// TestDecisions runs every decision case of compiler/kinds/decisions (the cases
// golden's TestDecisions runs through plan --state) through the case's
// compiled script, on an organization seeded from the case's state:
//   - -Check reports the case's resource unchanged when plan --state does,
//     drifted when plan --state reports a change (failed when it warns the
//     script fails), and every other resource unchanged; it exits 0 only
//     when in sync;
//   - a run makes exactly the case's write calls, in order, passing a Set-
//     cmdlet exactly the changed properties, and reports the resource
//     created, updated, removed, unchanged or failed accordingly;
//   - -Check on the organization the run left is in sync (unless the
//     script fails for the resource).
//
// A case marked as a known divergence reports its differences instead of
// failing, and fails once script and plan agree.
func TestDecisions(t *testing.T) {
	pwshPath(t)
	t.Parallel()
	files, err := decisions.Load(filepath.Join("..", "..", "compiler", "kinds", "decisions"))
	if err != nil {
		t.Fatal(err)
	}
	// HYBRIDC_DECISIONS (a regular expression on the cases' ids) runs some
	// cases only, while working on a kind.
	// HYBRIDC_DECISION_KINDS (comma-separated kinds) runs those kinds only.
	only := regexp.MustCompile(os.Getenv("HYBRIDC_DECISIONS"))
	var all []decisionRun
	kinds := os.Getenv("HYBRIDC_DECISION_KINDS")
	for _, f := range files {
		if kinds != "" && !slices.Contains(strings.Split(kinds, ","), f.Kind) {
			continue
		}
		for i := range f.Cases {
			if id := f.ID(&f.Cases[i]); only.MatchString(id) {
				all = append(all, decisionRun{id: id, c: &f.Cases[i]})
			}
		}
	}
	for s := 0; s < decisionShards; s++ {
		var shard []decisionRun
		for i := s; i < len(all); i += decisionShards {
			shard = append(shard, all[i])
		}
		if len(shard) == 0 {
			continue
		}
		t.Run(fmt.Sprintf("shard%d", s+1), func(t *testing.T) {
			t.Parallel()
			runDecisions(t, shard)
		})
	}
}

// decisionRun is one case and the folder of its runs (relative to the
// shard's).
type decisionRun struct {
	id  string
	c   *decisions.Case
	sub string
}

// runDecisions runs a shard's cases in one simulator process: per case
// -Check, a run, and -Check of what the run left.
func runDecisions(t *testing.T, cases []decisionRun) {
	dir := t.TempDir()
	var runs []run
	for i := range cases {
		dc := &cases[i]
		dc.sub = fmt.Sprintf("case%03d", i)
		if err := prepareDecision(filepath.Join(dir, dc.sub), dc.c); err != nil {
			t.Fatalf("%s: %v", dc.id, err)
		}
		script := filepath.Join(dc.sub, dc.c.Script)
		step := func(name, mode, state, out string) run {
			return run{Script: script, Mode: mode, State: filepath.Join(dc.sub, state),
				ScriptParameters: map[string]any{"ReportPath": filepath.Join(dc.sub, name+".report.json")},
				OutState:         filepath.Join(dc.sub, out), CallLog: filepath.Join(dc.sub, name+".calls")}
		}
		runs = append(runs, step("check", "Check", "state.json", "check.json"), step("run", "", "state.json", "after.json"),
			step("recheck", "Check", "after.json", "recheck.json"))
	}
	got := simulate(t, dir, runs)
	for i, dc := range cases {
		problems := judgeDecision(t, filepath.Join(dir, dc.sub), dc.c, got[3*i:3*i+3])
		switch {
		case dc.c.Divergence != "" && len(problems) == 0:
			t.Errorf("%s: marked as a known divergence (%s), but the script now agrees with plan --state: remove the mark", dc.id, dc.c.Divergence)
		case dc.c.Divergence != "":
			t.Logf("%s: known divergence (%s):\n  %s", dc.id, dc.c.Divergence, strings.Join(problems, "\n  "))
		case len(problems) > 0:
			t.Errorf("%s:\n  %s", dc.id, strings.Join(problems, "\n  "))
		}
	}
}

// prepareDecision writes a case's script and organization into dir.
func prepareDecision(dir string, c *decisions.Case) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	res, err := compiler.Compile(compiler.Source{Name: "hybrid.yaml", Data: []byte(c.Config)}, compiler.Options{ToolVersion: "0.0.0-test"})
	if err != nil {
		return err
	}
	if res.Diagnostics.HasErrors() {
		return fmt.Errorf("the case's configuration:\n%s", res.Diagnostics.String())
	}
	script, ok := res.Files[c.Script]
	if !ok {
		return fmt.Errorf("the configuration compiles into no %s", c.Script)
	}
	state, err := c.StateJSON(filepath.Join("..", "..", "compiler", "kinds", "decisions"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, c.Script), script, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "state.json"), state, 0o644)
}

// bookkeeping are the parameters of a write call that are no property:
// the object (a folder permission's -User names the trustee's entry) and
// the common parameters, and the credentials asked with a migration
// endpoint's new remote server.
var bookkeeping = map[string]bool{"Identity": true, "User": true, "Confirm": true, "ErrorAction": true, "WarningAction": true, "Force": true, "Credentials": true}

// judgeDecision lists how a case's three runs (check, run, recheck) differ
// from the case's decision.
func judgeDecision(t *testing.T, dir string, c *decisions.Case, got []outcome) []string {
	var out []string
	wantCheck, wantRun := "drifted", map[string]string{"added": "created", "changed": "updated", "removed": "removed"}[c.Expect.Status]
	switch {
	case c.ScriptFails():
		wantCheck, wantRun = "drifted|failed", "failed"
	case c.Expect.Status == "unchanged":
		wantCheck, wantRun = "unchanged", "unchanged"
	case c.Expect.Run != "":
		wantRun = c.Expect.Run
	}
	resource, others := reportLabel(c, c.Resource), make([]string, 0, len(c.Others))
	for _, o := range c.Others {
		others = append(others, reportLabel(c, o))
	}
	check := readReport(t, filepath.Join(dir, "check.report.json"))
	out = append(out, resultProblems("-Check", check, resource, wantCheck, others)...)
	// In sync: the resource unchanged and nothing else to do (an
	// unchanged resource's case may have others that are not).
	if inSync := wantCheck == "unchanged" && len(c.Others) == 0; inSync != (got[0].ExitCode == 0) {
		out = append(out, fmt.Sprintf("-Check exited %d; in sync: %v", got[0].ExitCode, inSync))
	}
	runReport := readReport(t, filepath.Join(dir, "run.report.json"))
	out = append(out, resultProblems("the run", runReport, resource, wantRun, others)...)
	calls := writeCalls(readCalls(t, filepath.Join(dir, "run.calls")))
	var cmdlets []string
	var params []string
	for _, call := range calls {
		cmdlets = append(cmdlets, call.Cmdlet)
		if strings.HasPrefix(call.Cmdlet, "Set-") {
			for name := range call.Parameters {
				if !bookkeeping[name] {
					params = append(params, name)
				}
			}
		}
	}
	if !slices.Equal(cmdlets, c.Expect.Calls) {
		out = append(out, fmt.Sprintf("the run's write calls: %v, want %v", cmdlets, c.Expect.Calls))
	}
	if c.Expect.Status == "changed" && slices.ContainsFunc(cmdlets, func(s string) bool { return strings.HasPrefix(s, "Set-") }) {
		var want []string
		for _, ch := range c.Expect.Changes {
			want = append(want, ch.Name)
		}
		sort.Strings(params)
		sort.Strings(want)
		if !slices.Equal(params, want) {
			out = append(out, fmt.Sprintf("the run set %v, plan --state changes %v", params, want))
		}
	}
	if !c.ScriptFails() && c.Expect.Run == "" {
		recheck := readReport(t, filepath.Join(dir, "recheck.report.json"))
		out = append(out, resultProblems("-Check after the run", recheck, resource, "unchanged", nil)...)
		if got[2].ExitCode != 0 {
			out = append(out, fmt.Sprintf("-Check after the run exited %d", got[2].ExitCode))
		}
	}
	return out
}

// reportLabel is how the case's script's report names a resource (or
// "status resource"): as plan does, but Send As by the engine that grants
// it, on-premises or online (driftLabel).
func reportLabel(c *decisions.Case, resource string) string {
	status, id, ok := strings.Cut(resource, " ")
	if !ok || strings.Contains(status, "/") {
		status, id = "", resource
	}
	if rest, ok := strings.CutPrefix(id, compiler.KindSendAs+"/"); ok {
		kind := "sendAsOnPremises"
		if c.Online() {
			kind = "sendAsOnline"
		}
		id = kind + "/" + rest
	}
	if status == "" {
		return id
	}
	return status + " " + id
}

// writeCalls are the state-changing calls of a log (changes' calls).
func writeCalls(calls []call) []call {
	var out []call
	for _, c := range calls {
		if !strings.HasPrefix(c.Cmdlet, "Get-") && c.Cmdlet != "Set-ADServerSettings" {
			out = append(out, c)
		}
	}
	return out
}

// resultProblems checks a report: the resource's status is want (or one
// of want's statuses separated by |), every
// other resource's unchanged but the case's others (what depends on the
// resource: -Check reports it drifted, a run creates it).
func resultProblems(what string, r report, resource, want string, others []string) []string {
	var out []string
	found := false
	for _, res := range r.Results {
		if res.Resource == resource || strings.HasPrefix(resource, res.Resource+" (") {
			found = true
			if !slices.Contains(strings.Split(want, "|"), res.Status) {
				out = append(out, fmt.Sprintf("%s: %s is %s (%s), want %s", what, res.Resource, res.Status, res.Detail, want))
			}
		} else if res.Status != "unchanged" && !slices.ContainsFunc(others, func(o string) bool {
			_, id, _ := strings.Cut(o, " ")
			return id == res.Resource || strings.HasPrefix(id, res.Resource+" (")
		}) {
			out = append(out, fmt.Sprintf("%s: another resource %s is %s (%s)", what, res.Resource, res.Status, res.Detail))
		}
	}
	if !found {
		out = append(out, fmt.Sprintf("%s: no result for %s", what, resource))
	}
	return out
}
