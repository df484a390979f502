package simulator

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hybridc/hybridc/compiler"
)

// TestScenarioLifecycle runs every script of every example and valid golden
// case through a life in the simulator: -Check and -WhatIf on an empty
// organization, a first run, then -Check and a second run on the result.
func TestScenarioLifecycle(t *testing.T) {
	for _, c := range configs(t) {
		c := c
		t.Run(c.Label, func(t *testing.T) {
			t.Parallel()
			lifecycle(t, c)
		})
	}
}

// TestScenarioVariants runs the examples' lives again with the simulator
// playing the other plausible behaviour of every fact the behaviour table
// marks unconfirmed and the engine depends on: reads that answer nothing
// instead of "not found", delegates and members named by distinguished name
// or by name, folder permission users as display names only, Uris with a
// trailing slash.
func TestScenarioVariants(t *testing.T) {
	variants := []map[string]any{
		{"notFound": "empty", "delegates": "distinguishedName", "folderUser": "displayName", "uri": "trailingSlash"},
		{"delegates": "name"},
	}
	for _, c := range configs(t) {
		// The examples that exercise every varied fact: delegates, role
		// group members, folder permissions, relationships' Uris, reads by
		// identity.
		if c.Label != "examples_contoso-complete" && c.Label != "examples_permissions" {
			continue
		}
		for i, v := range variants {
			c, v := c, v
			t.Run(fmt.Sprintf("%s/%d", c.Label, i), func(t *testing.T) {
				t.Parallel()
				lifecycleWith(t, c, v)
			})
		}
	}
}

// lifecycle is one configuration's life, in one simulator process: each
// script's -Check on an empty organization (plus what the Hybrid
// Configuration Wizard created), -WhatIf, a first run, -Check and a second
// run. It returns the directory holding the organizations after the first
// run (<script>.after.json).
//
// A configuration's life runs once per test binary: the tests that build
// on it (export, calls) share the result, and its failures are reported by
// the test that ran it.
func lifecycle(t *testing.T, c config) string {
	lives.Lock()
	l := lives.byLabel[c.Label]
	if l == nil {
		l = &life{}
		lives.byLabel[c.Label] = l
	}
	lives.Unlock()
	l.once.Do(func() {
		l.dir = filepath.Join(lifeRoot, c.Label)
		if err := os.MkdirAll(l.dir, 0o755); err != nil {
			t.Fatal(err)
		}
		lifecycleIn(t, c, nil, l.dir)
		l.ok = !t.Failed()
	})
	if !l.ok {
		t.Fatalf("the life of %s failed (the test that ran it says how)", c.Label)
	}
	return l.dir
}

// lives are the configurations' lives run so far, by label.
var lives = struct {
	sync.Mutex
	byLabel map[string]*life
}{byLabel: map[string]*life{}}

type life struct {
	once sync.Once
	dir  string
	ok   bool
}

// lifeRoot holds the shared lives; TestMain removes it.
var lifeRoot string

func TestMain(m *testing.M) {
	root, err := os.MkdirTemp("", "hybridc-simulator-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	lifeRoot = root
	code := m.Run()
	os.RemoveAll(root)
	os.Exit(code)
}

// lifecycleWith is lifecycle with the simulator playing variants of the
// facts the behaviour table marks unconfirmed (Sim.Variants.ps1), not
// shared.
func lifecycleWith(t *testing.T, c config, variant map[string]any) string {
	return lifecycleIn(t, c, variant, t.TempDir())
}

func lifecycleIn(t *testing.T, c config, variant map[string]any, dir string) string {
	scripts := c.scripts(t, dir)
	var runs []run
	for _, s := range scripts {
		certs := lifecycleCertificates(t, c, s)
		report := func(name string) map[string]any {
			m := map[string]any{"ReportPath": s + "." + name + ".report.json"}
			if certs != nil {
				m["CertificateFile"] = certs
				m["CleanUpFirstParty"] = true
			}
			return m
		}
		runs = append(runs,
			run{Script: s, Mode: "Check", Add: wizardObjects(c, s), ScriptParameters: report("check"), OutState: s + ".start.json", CallLog: s + ".check.calls"},
			run{Script: s, Mode: "WhatIf", State: s + ".start.json", OutState: s + ".whatif.json", CallLog: s + ".whatif.calls"},
			run{Script: s, State: s + ".start.json", ScriptParameters: report("run"), OutState: s + ".after.json", CallLog: s + ".run.calls"},
			run{Script: s, Mode: "Check", State: s + ".after.json", ScriptParameters: report("insync"), OutState: s + ".insync.json", CallLog: s + ".insync.calls"},
			run{Script: s, State: s + ".after.json", OutState: s + ".second.json", CallLog: s + ".second.calls"})
	}
	for i := range runs {
		runs[i].Variant = variant
	}
	got := simulate(t, dir, runs)
	planned := plannedChanges(t, c, dir, scripts, ".start.json")
	for i, s := range scripts {
		checkEmpty(t, c, dir, s, got[5*i], planned)
		checkWhatIf(t, dir, s, got[5*i+1])
		if want, ok := unconvergent[c.Label][s]; ok {
			checkRefused(t, s, "first run", got[5*i+2], readReport(t, filepath.Join(dir, s+".run.report.json")), want)
			checkRefused(t, s, "-Check after it", got[5*i+3], readReport(t, filepath.Join(dir, s+".insync.report.json")), want)
			continue
		}
		checkInSync(t, dir, s, got[5*i+2], got[5*i+3], got[5*i+4])
	}
	checkPlanState(t, c, dir, scripts)
	return dir
}

// checkEmpty: -Check on an empty organization names every declared
// object, changes nothing, and finds as many differences as plan --state
// finds in the same organization (Go's comparison, not the engine's): exit
// 2 when there are any. plan --state does not cover the Entra Connect
// server: nothing is granted in an empty organization, so every one of its
// items drifts (read back from the ACLs).
func checkEmpty(t *testing.T, c config, dir, s string, check outcome, planned map[string]int) {
	t.Helper()
	r := readReport(t, filepath.Join(dir, s+".check.report.json"))
	st := r.statuses()
	changed, known := planned[s]
	if !known {
		changed = len(r.Results)
	}
	if strings.HasPrefix(s, "entra-app") {
		// No Exchange state holds the application: in an empty tenant
		// every resource is missing.
		changed = resourceCount(c, s)
	}
	want := 0
	if changed > 0 {
		want = 2
	}
	if check.ExitCode != want || st["failed"]+st["skipped"] > 0 || st["drifted"]+st["unknown"] != changed {
		t.Errorf("%s -Check on an empty organization exited %d with %v; plan --state finds %d to change, so want %d, as many drifted and no failure\n%s", s, check.ExitCode, st, changed, want, describe(r))
	}
	if n := resourceCount(c, s); len(r.Results) != n {
		t.Errorf("%s -Check named %d resources, want each of the %d declared", s, len(r.Results), n)
	}
	if ch := changes(readCalls(t, filepath.Join(dir, s+".check.calls"))); len(ch) > 0 {
		t.Errorf("%s -Check made state-changing calls: %v", s, ch)
	}
}

// plannedChanges is how many resources plan --state would change in each
// Exchange script's organization (<script><suffix> in dir).
func plannedChanges(t *testing.T, c config, dir string, scripts []string, suffix string) map[string]int {
	t.Helper()
	var states []*compiler.StateFile
	for _, s := range scripts {
		if strings.HasPrefix(s, "entra-") {
			continue
		}
		path := filepath.Join(dir, s+suffix)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		st, diags := compiler.LoadState(compiler.Source{Name: path, Data: data})
		if diags.HasErrors() {
			t.Fatalf("%s is not a valid state file:\n%s", path, diags.String())
		}
		states = append(states, st)
	}
	change, _ := compiler.DiffState(c.Schedule, states)
	out := map[string]int{}
	for _, sc := range change.Scripts {
		if !strings.HasPrefix(sc.File, "entra-") {
			out[sc.File] = len(sc.Added) + len(sc.Removed) + len(sc.Changed)
		}
	}
	return out
}

// checkWhatIf: -WhatIf exits 0, calls no state-changing cmdlet and leaves
// the organization as it was.
func checkWhatIf(t *testing.T, dir, s string, whatif outcome) {
	t.Helper()
	if whatif.ExitCode != 0 {
		t.Errorf("%s -WhatIf exited %d, want 0", s, whatif.ExitCode)
	}
	if ch := changes(readCalls(t, filepath.Join(dir, s+".whatif.calls"))); len(ch) > 0 {
		t.Errorf("%s -WhatIf made state-changing calls: %v", s, ch)
	}
	if !sameFile(t, filepath.Join(dir, s+".start.json"), filepath.Join(dir, s+".whatif.json")) {
		t.Errorf("%s -WhatIf changed the organization", s)
	}
}

// unconvergent are the resources a configuration declares that Exchange refuses
// to converge, by configuration and script, with the engine's message: the
// scenarios check that they, and only they, fail.
var unconvergent = map[string]map[string][2]string{
	// An exclusive group without owners: Exchange keeps the creator as
	// owner.
	"cases_rule-exclusive-empty": {"online.ps1": {"groupOwners/Falcon", "keeps at least one owner"}},
}

// checkRefused checks a run whose only failure is the refused resource.
func checkRefused(t *testing.T, s, run string, o outcome, r report, want [2]string) {
	t.Helper()
	st := r.statuses()
	for _, res := range r.Results {
		failed := res.Status == "failed"
		if failed != (res.Resource == want[0]) || (failed && !strings.Contains(res.Detail, want[1])) {
			t.Errorf("%s %s: %s %s (%s), want only %s failed with %q", s, run, res.Status, res.Resource, res.Detail, want[0], want[1])
		}
	}
	if o.ExitCode != 1 || st["failed"] != 1 {
		t.Errorf("%s %s exited %d with %v, want 1 and the one refusal", s, run, o.ExitCode, st)
	}
}

// checkInSync: the first run exits 0; then -Check finds nothing to change
// (the Entra Connect script's permissions too: they are read back from the
// ACLs, issue 16) and a second run changes nothing.
func checkInSync(t *testing.T, dir, s string, first, insync, second outcome) {
	t.Helper()
	r := readReport(t, filepath.Join(dir, s+".run.report.json"))
	if first.ExitCode != 0 {
		t.Errorf("%s first run exited %d, want 0\n%s", s, first.ExitCode, describe(r))
	}
	ri := readReport(t, filepath.Join(dir, s+".insync.report.json"))
	st := ri.statuses()
	if insync.ExitCode != 0 || st["unchanged"] != len(ri.Results) {
		t.Errorf("%s -Check after the first run exited %d with %v, want 0 and nothing to change\n%s", s, insync.ExitCode, st, describe(ri))
	}
	if second.ExitCode != 0 {
		t.Errorf("%s second run exited %d, want 0", s, second.ExitCode)
	}
	if ch := changes(readCalls(t, filepath.Join(dir, s+".second.calls"))); len(ch) > 0 {
		t.Errorf("%s second run made state-changing calls: %v", s, ch)
	}
}

// resourceCount is how many resources a script's plan holds.
func resourceCount(c config, script string) int {
	for _, sp := range c.Schedule.Scripts {
		if sp.Target.File == script {
			return len(sp.Resources)
		}
	}
	return 0
}

// wizardObjects is what the Hybrid Configuration Wizard creates that a
// script only adopts: the send connector a configuration declares (and
// the receive connectors Exchange setup creates, which the script only
// sets).
func wizardObjects(c config, script string) map[string]any {
	var connectors, receive, apps []any
	for _, sp := range c.Schedule.Scripts {
		if sp.Target.File != script {
			continue
		}
		for _, r := range sp.Resources {
			if r.Kind == "sendConnector" {
				connectors = append(connectors, map[string]any{"name": r.Name, "addressSpaces": []any{}, "cloudServicesMailEnabled": true, "sourceTransportServers": []any{"EX01"}})
			}
			if r.Kind == "receiveConnector" {
				receive = append(receive, map[string]any{"identity": r.Name})
			}
			if app := hybridAppObject(r); app != nil {
				apps = append(apps, app)
			}
		}
	}
	out := map[string]any{}
	if connectors != nil {
		out["sendConnectors"] = connectors
	}
	if receive != nil {
		out["receiveConnectors"] = receive
	}
	if apps != nil {
		out["applications"] = apps
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// checkPlanState checks the organizations after the first run with plan
// --state's comparison, which is Go's and not the engine's: nothing is left
// to change.
func checkPlanState(t *testing.T, c config, dir string, scripts []string) {
	t.Helper()
	var states []*compiler.StateFile
	for _, s := range scripts {
		if strings.HasPrefix(s, "entra-") {
			continue
		}
		path := filepath.Join(dir, s+".after.json")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		st, diags := compiler.LoadState(compiler.Source{Name: path, Data: data})
		if diags.HasErrors() {
			t.Fatalf("%s is not a valid state file:\n%s", path, diags.String())
		}
		states = append(states, st)
	}
	change, diags := compiler.DiffState(c.Schedule, states)
	if diags.HasErrors() {
		t.Fatalf("plan --state:\n%s", diags.String())
	}
	for _, sc := range change.Scripts {
		for _, rc := range append(append(append([]*compiler.ResourceChange{}, sc.Added...), sc.Removed...), sc.Changed...) {
			// The script's report names resources by ID (plans add a
			// group's address).
			if unconvergent[c.Label][sc.File][0] != rc.New.ID() {
				t.Errorf("plan --state after the first run still finds %s in %s to change", rc.ID, sc.File)
			}
		}
	}
}

func sameFile(t *testing.T, a, b string) bool {
	t.Helper()
	x, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	y, err := os.ReadFile(b)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Equal(x, y)
}

// describe lists a report's results that are not unchanged.
func describe(r report) string {
	var out []string
	for _, res := range r.Results {
		if res.Status != "unchanged" {
			out = append(out, "  "+res.Status+" "+res.Resource+": "+res.Detail)
		}
	}
	return strings.Join(out, "\n")
}
