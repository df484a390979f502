package golden_test

import (
	"os"
	"testing"

	"github.com/hybridc/hybridc/compiler"
	"github.com/hybridc/hybridc/golden/pscheck"
)

// TestMigrateScriptChecked: migrate.ps1 (hybridc batches --format ps1)
// goes through the checks every compiled script does: the grammar, the
// cmdlet catalog of Exchange Online, -ErrorAction Stop on every Exchange
// call and every change inside the write guards.
func TestMigrateScriptChecked(t *testing.T) {
	data, err := os.ReadFile("cases/migration/input.yaml")
	if err != nil {
		t.Fatal(err)
	}
	res := compiler.Analyze(compiler.Source{Name: "input.yaml", Data: data})
	if res.Config == nil || res.Diagnostics.HasErrors() {
		t.Fatalf("%s", res.Diagnostics)
	}
	batching := compiler.Batches(res.Config, compiler.BatchOptions{})
	for _, auto := range []bool{false, true} {
		script, err := compiler.MigrateScript(batching, compiler.MigrateScriptOptions{ToolVersion: toolVersion, Source: "input.yaml",
			Tenant: "contoso.onmicrosoft.com", DeliveryDomain: "contoso.mail.onmicrosoft.com", SourceEndpoint: "Hybrid Migration Endpoint",
			Prefix: "hybridc batch ", AutoStart: auto, AutoComplete: auto})
		if err != nil {
			t.Fatal(err)
		}
		pscheck.CheckGeneratedWith(t, "migrate.ps1", script, pscheck.Env{Online: true}, pscheck.Options{ErrorAction: true, WriteGuarded: true})
	}
}
