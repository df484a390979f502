package simulator

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/kinds/decisions"
)

// decisionCase is a case of compiler/kinds/decisions by kind and name.
func decisionCase(t *testing.T, kind, name string) *decisions.Case {
	t.Helper()
	files, err := decisions.Load(filepath.Join("..", "..", "compiler", "kinds", "decisions"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		for i := range f.Cases {
			if f.Kind == kind && f.Cases[i].Name == name {
				return &f.Cases[i]
			}
		}
	}
	t.Fatalf("no %s case %q", kind, name)
	return nil
}

// TestScenarioGroupReplication (issue 16, engine point 3): a group
// New-UnifiedGroup has just created is not found for a while. The engine
// reads it back until it is (up to six reads, 5 s apart: the simulator
// records the waits instead of sleeping), then adds its links in the same
// run; when it is still not found it fails the group with a clear message,
// its links say why, and the next run, the group replicated, converges.
// Before, the first run read the links of a group Exchange did not find
// and failed them.
func TestScenarioGroupReplication(t *testing.T) {
	c := decisionCase(t, "unifiedGroup", "absent in the tenant is added")
	for _, tt := range []struct {
		name      string
		reads     int
		code      int
		readBacks int
		want      string
	}{
		{"found after three reads", 3, 0, 4, ""},
		{"never found", 6, 1, 6, "was created, but Exchange Online did not find it in 6 reads 5 s apart (replication): run the script again later"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := prepareDecision(dir, c); err != nil {
				t.Fatal(err)
			}
			var st map[string]any
			data, _ := os.ReadFile(filepath.Join(dir, "state.json"))
			if err := json.Unmarshal(data, &st); err != nil {
				t.Fatal(err)
			}
			st["groupReplicationReads"] = tt.reads
			writeJSON(t, filepath.Join(dir, "state.json"), st)
			step := func(name, state, out string) run {
				return run{Script: c.Script, State: state, ScriptParameters: map[string]any{"ReportPath": name + ".report.json"}, OutState: out, CallLog: name + ".calls"}
			}
			got := simulate(t, dir, []run{step("run", "state.json", "after.json"), step("again", "after.json", "again.json")})
			r := readReport(t, filepath.Join(dir, "run.report.json"))
			// The reads by identity after New-UnifiedGroup (a small
			// configuration also reads its declared groups by identity
			// before: reads sized to what is declared).
			readBacks, created := 0, false
			for _, cl := range readCalls(t, filepath.Join(dir, "run.calls")) {
				created = created || cl.Cmdlet == "New-UnifiedGroup"
				if created && cl.Cmdlet == "Get-UnifiedGroup" && cl.Parameters["Identity"] != nil {
					readBacks++
				}
			}
			if got[0].ExitCode != tt.code || readBacks != tt.readBacks {
				t.Errorf("first run: exit %d, %d read-backs; want %d and %d\n%s", got[0].ExitCode, readBacks, tt.code, tt.readBacks, describe(r))
			}
			if tt.want != "" {
				var group, links string
				for _, res := range r.Results {
					switch {
					case strings.HasPrefix(res.Resource, "unifiedGroup/"):
						group = res.Status + " " + res.Detail
					case strings.HasPrefix(res.Resource, "groupMembers/"):
						links = res.Status + " " + res.Detail
					}
				}
				if !strings.Contains(group, tt.want) || !strings.Contains(links, "was created in this run but Exchange Online does not find it yet (replication)") {
					t.Errorf("first run: the group %q and its members %q do not say it has not replicated", group, links)
				}
			}
			ra := readReport(t, filepath.Join(dir, "again.report.json"))
			if got[1].ExitCode != 0 || ra.statuses()["failed"] > 0 {
				t.Errorf("second run: exit %d, want 0 (converged)\n%s", got[1].ExitCode, describe(ra))
			}
		})
	}
}
