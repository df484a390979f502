package simulator

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
	"github.com/hybridc/hybridc/compiler/scalegen"
)

// TestScale runs the scripts of the benchmarks' deployment (scalegen: 5,000
// mailboxes, 50,000 delegated permissions) in the simulator: a first run
// from an empty organization, then -Check on the result, which must find
// everything in sync. It counts the Exchange calls of each run per cmdlet,
// holds them to compiler.EstimateCalls, and reports each run's time: the
// script's wall time in the simulator, and how much of it the simulated
// cmdlets took. The README's "Exchange calls per run" table comes from its
// output:
//
//	HYBRIDC_SCALE=1 go test ./golden/simulator -run TestScale -v -timeout 2h
//
// It runs only with HYBRIDC_SCALE set (it takes many minutes);
// HYBRIDC_SCALE_MAILBOXES and HYBRIDC_SCALE_PERMISSIONS choose another
// size, HYBRIDC_SCALE_DIR keeps the scripts, organizations and call logs.
func TestScale(t *testing.T) {
	if os.Getenv("HYBRIDC_SCALE") == "" {
		t.Skip("set HYBRIDC_SCALE=1 to run the scripts of 5,000 mailboxes and 50,000 permissions in the simulator")
	}
	pwshPath(t)
	n, p := scaleSize(t, "HYBRIDC_SCALE_MAILBOXES", 5_000), scaleSize(t, "HYBRIDC_SCALE_PERMISSIONS", 50_000)
	src := compiler.Source{Name: "scale.yaml", Data: scalegen.YAML(scalegen.Config(n, p, 1))}
	res, err := compiler.Compile(src, compiler.Options{ToolVersion: "0.0.0-test"})
	if err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("compile: %v\n%s", err, res.Diagnostics.String())
	}
	c := config{Label: "scale", YAML: src.Data, Files: res.Files, Schedule: compiler.Analyze(src).Schedule}
	estimates := map[string]compiler.CallEstimate{}
	for _, e := range compiler.EstimateCalls(c.Schedule) {
		estimates[e.File] = e
	}
	t.Logf("%d mailboxes, %d permissions", n, p)
	for _, script := range []string{"onprem.ps1", "online.ps1"} {
		t.Run(script, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if keep := os.Getenv("HYBRIDC_SCALE_DIR"); keep != "" {
				dir = filepath.Join(keep, strings.TrimSuffix(script, ".ps1"))
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.WriteFile(filepath.Join(dir, script), c.Files[script], 0o644); err != nil {
				t.Fatal(err)
			}
			runs := []run{
				{Script: script, Add: newOrganization(c, script), ScriptParameters: reportFor("run.report.json"), OutState: "after.json", CallLog: "run.calls"},
				{Script: script, Mode: "Check", State: "after.json", ScriptParameters: reportFor("insync.report.json"), OutState: "insync.json", CallLog: "insync.calls"},
			}
			got := simulate(t, dir, runs)
			times := readTimes(t, dir)
			engine := engineSummaries(t, dir)
			e := estimates[script]
			for i, name := range []string{"first run", "in sync"} {
				calls := readCalls(t, filepath.Join(dir, runs[i].CallLog))
				r := readReport(t, filepath.Join(dir, strings.TrimSuffix(runs[i].CallLog, ".calls")+".report.json"))
				want := []int{e.FirstRun, e.InSync}[i]
				t.Logf("%s %s: exit %d, %d Exchange calls (engine: %s), %.0f s in the simulator, %.0f s of it in the simulated cmdlets; %v\n  %s",
					script, name, got[i].ExitCode, len(calls), engine[i], times[i].Seconds, times[i].CmdletSeconds, r.statuses(), sortedCounts(cmdletCounts(calls)))
				if got[i].ExitCode != 0 {
					t.Errorf("%s %s exited %d, want 0\n%s", script, name, got[i].ExitCode, describe(r))
				}
				if len(calls) != want {
					t.Errorf("%s %s made %d Exchange calls; EstimateCalls says %d (%s)", script, name, len(calls), want, formatKinds(e.Kinds))
				}
			}
		})
	}
}

// scaleSize is a size from the environment, or the default.
func scaleSize(t *testing.T, name string, def int) int {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		t.Fatalf("%s=%q is not a positive number", name, v)
	}
	return n
}

// runTime is how long a run of a plan took (Invoke-HybridcSimulation.ps1's
// results): the script's wall time, and the part of it in simulated
// cmdlets.
type runTime struct {
	Seconds       float64 `json:"seconds"`
	CmdletSeconds float64 `json:"cmdletSeconds"`
}

// readTimes reads the run times of a plan's results.
func readTimes(t *testing.T, dir string) []runTime {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	var out []runTime
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

var summaryLine = regexp.MustCompile(`(\d+) Exchange calls in (\d\d:\d\d:\d\d)`)

// engineSummaries are the calls and times each run's summary line gives,
// in the order of the plan's runs.
func engineSummaries(t *testing.T, dir string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "output.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range summaryLine.FindAllStringSubmatch(string(data), -1) {
		out = append(out, m[1]+" calls in "+m[2])
	}
	for len(out) < 2 {
		out = append(out, "no summary")
	}
	return out
}

// sortedCounts lists counts per cmdlet from the most calls down, for the
// README.
func sortedCounts(counts map[string]int) string {
	names := make([]string, 0, len(counts))
	for name := range counts {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool {
		if counts[names[i]] != counts[names[j]] {
			return counts[names[i]] > counts[names[j]]
		}
		return names[i] < names[j]
	})
	parts := make([]string, len(names))
	for i, name := range names {
		parts[i] = fmt.Sprintf("%s %d", name, counts[name])
	}
	return strings.Join(parts, ", ")
}
