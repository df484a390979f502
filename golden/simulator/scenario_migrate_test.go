package simulator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
	"github.com/hybridc/hybridc/compiler/load"
)

// migrateYAML declares four on-premises mailboxes, two joined by Full
// Access, and the tenant's remote move endpoint.
const migrateYAML = `version: 1
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
  migrationEndpoints:
    - name: Hybrid Migration Endpoint
      remoteServer: mail.contoso.com
mailboxes:
  - {name: ann@contoso.com, location: onPremises}
  - {name: bob@contoso.com, location: onPremises}
  - {name: o'neil@contoso.com, location: onPremises}
  - {name: dan@contoso.com, location: onPremises}
permissions:
  - {access: FullAccess, mailbox: ann@contoso.com, trustee: bob@contoso.com}
`

// TestScenarioMigrate: migrate.ps1 (hybridc batches --format ps1) creates
// each batch hybridc batches computed from the declared endpoint to the
// routing domain, with its mailboxes as the CSV, without starting it;
// -WhatIf creates nothing; a second run and -Check find every batch
// (exit 0, no New-); a batch whose users differ is reported (exit 2),
// never changed or recreated.
func TestScenarioMigrate(t *testing.T) {
	t.Parallel()
	res := compiler.Analyze(load.Source{Name: "hybrid.yaml", Data: []byte(migrateYAML)})
	if res.Config == nil || res.Diagnostics.HasErrors() {
		t.Fatalf("%s", res.Diagnostics)
	}
	batching := compiler.Batches(res.Config, compiler.BatchOptions{})
	script, err := compiler.MigrateScript(batching, compiler.MigrateScriptOptions{ToolVersion: "0.0.0-test", Source: "hybrid.yaml",
		Tenant: "contoso.onmicrosoft.com", DeliveryDomain: "contoso.mail.onmicrosoft.com", SourceEndpoint: "Hybrid Migration Endpoint", Prefix: "Batch "})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "migrate.ps1"), script, 0o644); err != nil {
		t.Fatal(err)
	}
	endpoint := map[string]any{"migrationEndpoints": []any{map[string]any{"name": "Hybrid Migration Endpoint", "endpointType": "ExchangeRemoteMove", "remoteServer": "mail.contoso.com"}}}
	got := simulate(t, dir, []run{
		{Script: "migrate.ps1", Mode: "WhatIf", Add: endpoint, OutState: "whatif.json", CallLog: "whatif.calls"},
		{Script: "migrate.ps1", Add: endpoint, OutState: "first.json", CallLog: "first.calls"},
		{Script: "migrate.ps1", Mode: "Check", State: "first.json", OutState: "check.json", CallLog: "check.calls"},
		{Script: "migrate.ps1", State: "first.json", OutState: "second.json", CallLog: "second.calls"},
	})
	for i, want := range []int{0, 0, 0, 0} {
		if got[i].ExitCode != want {
			t.Fatalf("run %d exited %d, want %d:\n%s", i, got[i].ExitCode, want, readOutput(t, dir))
		}
	}
	for _, log := range []string{"whatif.calls", "check.calls", "second.calls"} {
		for _, c := range readCalls(t, filepath.Join(dir, log)) {
			if c.Cmdlet == "New-MigrationBatch" {
				t.Errorf("%s: New-MigrationBatch called", log)
			}
		}
	}
	news := 0
	for _, c := range readCalls(t, filepath.Join(dir, "first.calls")) {
		if c.Cmdlet != "New-MigrationBatch" {
			continue
		}
		news++
		if _, has := c.Parameters["AutoStart"]; has {
			t.Errorf("New-MigrationBatch -AutoStart without --auto-start")
		}
		if c.Parameters["TargetDeliveryDomain"] != "contoso.mail.onmicrosoft.com" || c.Parameters["SourceEndpoint"] != "Hybrid Migration Endpoint" {
			t.Errorf("New-MigrationBatch -TargetDeliveryDomain %v -SourceEndpoint %v", c.Parameters["TargetDeliveryDomain"], c.Parameters["SourceEndpoint"])
		}
	}
	if news != 3 {
		t.Errorf("the first run created %d batches, want 3", news)
	}
	st := readJSON(t, filepath.Join(dir, "first.json"))
	b1, err := orgNamed(st, "migrationBatches", "name", "Batch 1")
	if err != nil {
		t.Fatal(err)
	}
	if users := orgAnyList(b1["users"]); len(users) != 2 || users[0] != "ann@contoso.com" || users[1] != "bob@contoso.com" || b1["status"] != "Created" {
		t.Errorf("Batch 1 has users %v, status %v; want ann and bob, Created", users, b1["status"])
	}
	b3, err := orgNamed(st, "migrationBatches", "name", "Batch 3")
	if err != nil || len(orgAnyList(b3["users"])) != 1 || orgAnyList(b3["users"])[0] != "o'neil@contoso.com" {
		t.Errorf("Batch 3 is %v (%v), want o'neil@contoso.com", b3, err)
	}
	// Batch 1 changed since: dan instead of bob.
	b1["users"] = []any{"ann@contoso.com", "dan@contoso.com"}
	writeJSON(t, filepath.Join(dir, "seed.json"), st)
	got = simulate(t, dir, []run{
		{Script: "migrate.ps1", Mode: "Check", State: "seed.json", OutState: "check2.json", CallLog: "check2.calls"},
		{Script: "migrate.ps1", State: "seed.json", OutState: "run2.json", CallLog: "run2.calls"},
	})
	if got[0].ExitCode != 2 || got[1].ExitCode != 2 {
		t.Errorf("a batch whose users differ: -Check exited %d, the run %d; want 2, 2", got[0].ExitCode, got[1].ExitCode)
	}
	if out := readOutput(t, dir); !strings.Contains(out, "not in it: bob@contoso.com") || !strings.Contains(out, "dan@contoso.com") {
		t.Errorf("the difference is not reported:\n%s", out)
	}
	for _, c := range readCalls(t, filepath.Join(dir, "run2.calls")) {
		if c.Cmdlet == "New-MigrationBatch" {
			t.Errorf("a batch that exists was created again")
		}
	}
}
