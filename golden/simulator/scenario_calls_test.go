package simulator

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
)

// TestCallsMeasured counts the Exchange calls of every script of every
// example and valid golden case by running them in the simulator: a first
// run from an empty organization (plus what the Hybrid Configuration
// Wizard created), then -Check on the result. Both counts must be those of
// compiler.EstimateCalls, which the README's formulas give: the estimate is
// the engine's design, the call log is what the engine did. The
// configurations run in two simulator processes (starting one costs
// seconds), side by side.
func TestCallsMeasured(t *testing.T) {
	all := configs(t)
	const processes = 2
	for p := range processes {
		var batch []config
		for i := p; i < len(all); i += processes {
			batch = append(batch, all[i])
		}
		t.Run(fmt.Sprintf("process%d", p), func(t *testing.T) {
			t.Parallel()
			measureCalls(t, batch)
		})
	}
}

// callsRun is the pair of runs of one script whose calls are counted.
type callsRun struct {
	c      config
	script string // relative to the plan's directory: <label>/<script>
	name   string
}

// measureCalls runs the scripts of configurations, each a first run then
// an in-sync -Check, in one simulator process, and compares their call logs
// with the estimate, one subtest per configuration.
func measureCalls(t *testing.T, cs []config) {
	dir := t.TempDir()
	var runs []run
	var measured []callsRun
	for _, c := range cs {
		sub := filepath.Join(dir, c.Label)
		if err := os.Mkdir(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		estimates := map[string]bool{}
		for _, e := range compiler.EstimateCalls(c.Schedule) {
			estimates[e.File] = true
		}
		for _, s := range c.scripts(t, sub) {
			if !estimates[s] {
				continue // the Entra Connect script makes no Exchange call
			}
			path := c.Label + "/" + s
			measured = append(measured, callsRun{c: c, script: path, name: s})
			runs = append(runs,
				run{Script: path, Add: newOrganization(c, s), OutState: path + ".after.json", CallLog: path + ".run.calls"},
				run{Script: path, Mode: "Check", State: path + ".after.json", OutState: path + ".insync.json", CallLog: path + ".insync.calls"})
		}
	}
	got := simulate(t, dir, runs)
	t.Logf("%d scripts of %d configurations, each a first run and -Check", len(measured), len(cs))
	for _, c := range cs {
		t.Run(c.Label, func(t *testing.T) {
			estimates := map[string]compiler.CallEstimate{}
			for _, e := range compiler.EstimateCalls(c.Schedule) {
				estimates[e.File] = e
			}
			for i, m := range measured {
				if m.c.Label != c.Label {
					continue
				}
				checkCalls(t, dir, m, estimates[m.name], got[2*i], got[2*i+1])
			}
		})
	}
}

// checkCalls compares the calls of a script's first run and in-sync -Check
// with the estimate.
func checkCalls(t *testing.T, dir string, m callsRun, e compiler.CallEstimate, firstRun, check outcome) {
	t.Helper()
	// A resource Exchange refuses to converge fails both runs alone
	// (TestScenarioLifecycle checks how); the calls are counted all the
	// same.
	want := 0
	if _, ok := unconvergent[m.c.Label][m.name]; ok {
		want = 1
	}
	if firstRun.ExitCode != want || check.ExitCode != want {
		t.Errorf("%s: the first run exited %d and -Check after it %d, want %d and %d", m.name, firstRun.ExitCode, check.ExitCode, want, want)
		return
	}
	first := readCalls(t, filepath.Join(dir, m.script+".run.calls"))
	inSync := readCalls(t, filepath.Join(dir, m.script+".insync.calls"))
	if len(first) != e.FirstRun || len(inSync) != e.InSync {
		t.Errorf("%s: measured %d calls on the first run and %d in sync; EstimateCalls says %d and %d\nfirst run: %s\nin sync:   %s\nestimate:  %s",
			m.name, len(first), len(inSync), e.FirstRun, e.InSync, formatCounts(cmdletCounts(first)), formatCounts(cmdletCounts(inSync)), formatKinds(e.Kinds))
	}
}

// newOrganization is what a first run meets besides the simulator's empty
// organization: what the Hybrid Configuration Wizard created, and a tenant
// that is not yet customized (dehydrated, as a new tenant is) when the
// script declares organization customization.
func newOrganization(c config, script string) map[string]any {
	add := wizardObjects(c, script)
	for _, sp := range c.Schedule.Scripts {
		if sp.Target.File != script {
			continue
		}
		for _, r := range sp.Resources {
			if r.Kind == compiler.KindOrganizationCustomization {
				if add == nil {
					add = map[string]any{}
				}
				add["organizationConfig"] = map[string]any{"isDehydrated": true}
			}
		}
	}
	return add
}

// cmdletCounts counts a call log's calls per cmdlet.
func cmdletCounts(calls []call) map[string]int {
	out := map[string]int{}
	for _, c := range calls {
		out[c.Cmdlet]++
	}
	return out
}

// formatCounts lists counts per cmdlet, by name.
func formatCounts(counts map[string]int) string {
	names := make([]string, 0, len(counts))
	for name := range counts {
		names = append(names, name)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, name := range names {
		parts[i] = fmt.Sprintf("%s %d", name, counts[name])
	}
	return strings.Join(parts, ", ")
}

// formatKinds lists an estimate's counts per kind.
func formatKinds(kinds []compiler.KindCalls) string {
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = fmt.Sprintf("%s(%d items) %d/%d", k.Kind, k.Items, k.FirstRun, k.InSync)
	}
	return "preflight 2, " + strings.Join(parts, ", ")
}
