package simulator

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestScenarioMRSProxy: a first run turns on the MRS proxy endpoint of
// each declared EWS virtual directory (the seed has them off, Exchange's
// default) and turns off the one declared off; a directory the YAML does
// not declare keeps its setting, and a declared one that does not exist
// fails its item without any change.
func TestScenarioMRSProxy(t *testing.T) {
	t.Parallel()
	_, dir := goldenCase(t, "migration")
	if got := simulate(t, dir, []run{{Script: "onprem.ps1", OutState: "first.json", CallLog: "first.calls"}}); got[0].ExitCode != 0 {
		t.Fatalf("the first run exited %d:\n%s", got[0].ExitCode, readOutput(t, dir))
	}
	st := readJSON(t, filepath.Join(dir, "first.json"))
	for id, want := range map[string]bool{`EXCH1\EWS (Default Web Site)`: true, `EXCH2\EWS (Default Web Site)`: true, `EXCH3\EWS (Default Web Site)`: false} {
		d, err := orgNamed(st, "webServicesVirtualDirectories", "identity", id)
		if err != nil {
			t.Fatal(err)
		}
		if d["mrsProxyEnabled"] != want {
			t.Errorf("after the first run %s has mrsProxyEnabled %v, want %v", id, d["mrsProxyEnabled"], want)
		}
	}
	// EXCH3 was already off: one Set- per directory turned on, none else.
	sets := 0
	for _, c := range readCalls(t, filepath.Join(dir, "first.calls")) {
		if c.Cmdlet == "Set-WebServicesVirtualDirectory" {
			sets++
		}
	}
	if sets != 2 {
		t.Errorf("the first run called Set-WebServicesVirtualDirectory %d times, want 2", sets)
	}
	// An undeclared directory that has MRS proxy on stays on; a declared
	// one turned off is drift and turned on again; a declared one that is
	// missing fails.
	dirs := orgList(st, "webServicesVirtualDirectories")
	var kept []any
	for _, d := range dirs {
		m := d.(map[string]any)
		if m["identity"] == `EXCH2\EWS (Default Web Site)` {
			continue // declared, missing
		}
		if m["identity"] == `EXCH1\EWS (Default Web Site)` {
			m["mrsProxyEnabled"] = false
		}
		kept = append(kept, m)
	}
	kept = append(kept, map[string]any{"identity": `EXCH9\EWS (Default Web Site)`, "mrsProxyEnabled": true})
	st["webServicesVirtualDirectories"] = kept
	writeJSON(t, filepath.Join(dir, "seed.json"), st)
	got := simulate(t, dir, []run{
		{Script: "onprem.ps1", Mode: "Check", State: "seed.json", OutState: "check.json", CallLog: "check.calls"},
		{Script: "onprem.ps1", State: "seed.json", ScriptParameters: reportFor("run.report.json"), OutState: "run.json", CallLog: "run.calls"},
	})
	if got[0].ExitCode != 1 {
		t.Errorf("-Check exited %d, want 1 (a declared directory is missing: an error, before drift)", got[0].ExitCode)
	}
	if got[1].ExitCode == 0 {
		t.Errorf("the run with a declared directory missing exited 0, want non-zero")
	}
	rep := readReport(t, filepath.Join(dir, "run.report.json")).byResource()
	if r := rep[`mrsProxy/EXCH2\EWS (Default Web Site)`]; r[0] != "failed" || !strings.Contains(r[1], "no Exchange Web Services virtual directory") {
		t.Errorf("the missing directory is %q (%s), want failed, saying it does not exist", r[0], r[1])
	}
	if r := rep[`mrsProxy/EXCH1\EWS (Default Web Site)`]; r[0] != "updated" {
		t.Errorf("the directory turned off is %q (%s), want updated", r[0], r[1])
	}
	after := readJSON(t, filepath.Join(dir, "run.json"))
	for id, want := range map[string]bool{`EXCH1\EWS (Default Web Site)`: true, `EXCH9\EWS (Default Web Site)`: true} {
		d, err := orgNamed(after, "webServicesVirtualDirectories", "identity", id)
		if err != nil || d["mrsProxyEnabled"] != want {
			t.Errorf("after the run %s has mrsProxyEnabled %v (%v), want %v", id, d["mrsProxyEnabled"], err, want)
		}
	}
	for _, c := range readCalls(t, filepath.Join(dir, "run.calls")) {
		if id, _ := c.Parameters["Identity"].(string); c.Cmdlet == "Set-WebServicesVirtualDirectory" && strings.Contains(id, "EXCH9") {
			t.Errorf("the run changed the undeclared directory %s", id)
		}
	}
}

// TestScenarioMigrationEndpoint: a first run creates the remote move
// endpoint with the credentials Get-Credential gave (the simulator checks
// they are a PSCredential, and no call log or output holds a password),
// with the declared counts; -WhatIf asks for nothing; a changed count is
// drift and set back without credentials; an endpoint of another type
// under the declared name is refused.
func TestScenarioMigrationEndpoint(t *testing.T) {
	t.Parallel()
	_, dir := goldenCase(t, "migration")
	got := simulate(t, dir, []run{
		{Script: "online.ps1", Mode: "WhatIf", OutState: "whatif.json", CallLog: "whatif.calls"},
		{Script: "online.ps1", OutState: "first.json", CallLog: "first.calls"},
	})
	if got[0].ExitCode != 0 || got[1].ExitCode != 0 {
		t.Fatalf("-WhatIf exited %d, the first run %d, want 0, 0:\n%s", got[0].ExitCode, got[1].ExitCode, readOutput(t, dir))
	}
	for _, c := range readCalls(t, filepath.Join(dir, "whatif.calls")) {
		if c.Cmdlet == "New-MigrationEndpoint" || c.Cmdlet == "Get-Credential" {
			t.Errorf("-WhatIf called %s", c.Cmdlet)
		}
	}
	const name = "Hybrid Migration Endpoint - EWS (Default Web Site)"
	st := readJSON(t, filepath.Join(dir, "first.json"))
	e, err := orgNamed(st, "migrationEndpoints", "name", name)
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]any{"endpointType": "ExchangeRemoteMove", "remoteServer": "mail.contoso.com", "maxConcurrentMigrations": float64(50), "maxConcurrentIncrementalSyncs": float64(20)} {
		if e[key] != want {
			t.Errorf("after the first run %s = %v, want %v", key, e[key], want)
		}
	}
	if _, has := e["credentials"]; has {
		t.Errorf("the state holds the endpoint's credentials")
	}
	e["maxConcurrentMigrations"] = float64(20)
	other := map[string]any{"name": "IMAP endpoint", "endpointType": "IMAP", "remoteServer": "imap.contoso.com"}
	st["migrationEndpoints"] = append(orgList(st, "migrationEndpoints"), other)
	writeJSON(t, filepath.Join(dir, "seed.json"), st)
	got = simulate(t, dir, []run{
		{Script: "online.ps1", Mode: "Check", State: "seed.json", OutState: "check.json", CallLog: "check.calls"},
		{Script: "online.ps1", State: "seed.json", OutState: "run.json", CallLog: "run.calls"},
	})
	if got[0].ExitCode != 2 || got[1].ExitCode != 0 {
		t.Fatalf("-Check exited %d (want 2), the run %d (want 0)", got[0].ExitCode, got[1].ExitCode)
	}
	for _, c := range readCalls(t, filepath.Join(dir, "run.calls")) {
		if c.Cmdlet == "Get-Credential" || c.Cmdlet == "New-MigrationEndpoint" {
			t.Errorf("setting a count called %s", c.Cmdlet)
		}
		if _, has := c.Parameters["Credentials"]; has && c.Cmdlet == "Set-MigrationEndpoint" {
			t.Errorf("Set-MigrationEndpoint was given credentials")
		}
	}
	after, err := orgNamed(readJSON(t, filepath.Join(dir, "run.json")), "migrationEndpoints", "name", name)
	if err != nil || after["maxConcurrentMigrations"] != float64(50) {
		t.Errorf("after the run maxConcurrentMigrations = %v (%v), want 50", after["maxConcurrentMigrations"], err)
	}
}

// TestScenarioMigrationEndpointServer: a migration endpoint whose remote
// server changes is set only with credentials asked for the new server
// (the stored account never goes to another host).
func TestScenarioMigrationEndpointServer(t *testing.T) {
	t.Parallel()
	_, dir := goldenCase(t, "migration")
	if got := simulate(t, dir, []run{{Script: "online.ps1", OutState: "first.json", CallLog: "first.calls"}}); got[0].ExitCode != 0 {
		t.Fatalf("the first run exited %d", got[0].ExitCode)
	}
	const name = "Hybrid Migration Endpoint - EWS (Default Web Site)"
	st := readJSON(t, filepath.Join(dir, "first.json"))
	e, err := orgNamed(st, "migrationEndpoints", "name", name)
	if err != nil {
		t.Fatal(err)
	}
	e["remoteServer"] = "old.contoso.com"
	writeJSON(t, filepath.Join(dir, "seed.json"), st)
	if got := simulate(t, dir, []run{{Script: "online.ps1", State: "seed.json", OutState: "run.json", CallLog: "run.calls"}}); got[0].ExitCode != 0 {
		t.Fatalf("the run exited %d", got[0].ExitCode)
	}
	sets := 0
	for _, c := range readCalls(t, filepath.Join(dir, "run.calls")) {
		if c.Cmdlet == "Set-MigrationEndpoint" {
			sets++
			if _, has := c.Parameters["Credentials"]; !has || c.Parameters["RemoteServer"] != "mail.contoso.com" {
				t.Errorf("Set-MigrationEndpoint %v: want -RemoteServer mail.contoso.com with -Credentials", c.Parameters)
			}
		}
	}
	if sets != 1 {
		t.Errorf("Set-MigrationEndpoint was called %d times, want 1", sets)
	}
	if out := readOutput(t, dir); !strings.Contains(out, "Get-Credential: ") || !strings.Contains(out, "on the remote server mail.contoso.com") {
		t.Errorf("the credential prompt does not name the new remote server:\n%s", out)
	}
}
