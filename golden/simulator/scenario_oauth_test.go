package simulator

import (
	"path/filepath"
	"slices"
	"testing"
)

// TestScenarioIntraOrganizationConnector: a first run creates each side's
// connector with every declared setting (New-IntraOrganizationConnector
// takes them all); the wizard's "HybridIOC - <GUID>" serving the declared
// domain is adopted under its own name, its drifted setting set back on
// it, and no second connector is created.
func TestScenarioIntraOrganizationConnector(t *testing.T) {
	t.Parallel()
	_, dir := goldenCase(t, "oauth")
	got := simulate(t, dir, []run{
		{Script: "onprem.ps1", OutState: "onprem-first.json", CallLog: "onprem-first.calls"},
		{Script: "online.ps1", OutState: "online-first.json", CallLog: "online-first.calls"},
	})
	if got[0].ExitCode != 0 || got[1].ExitCode != 0 {
		t.Fatalf("the first runs exited %d and %d, want 0", got[0].ExitCode, got[1].ExitCode)
	}
	for file, want := range map[string][]any{
		"onprem-first.json": {"HybridIOC - Contoso to Cloud", "contoso.mail.onmicrosoft.com", "https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc"},
		"online-first.json": {"HybridIOC - Cloud to Contoso", "contoso.com", "https://autodiscover.contoso.com/autodiscover/autodiscover.svc"},
	} {
		list := orgList(readJSON(t, filepath.Join(dir, file)), "intraOrganizationConnectors")
		if len(list) != 1 {
			t.Fatalf("%s: %d connectors, want 1", file, len(list))
		}
		c := list[0].(map[string]any)
		domains, _ := c["targetAddressDomains"].([]any)
		if c["name"] != want[0] || !slices.Equal(domains, []any{want[1]}) || c["discoveryEndpoint"] != want[2] || c["enabled"] != true {
			t.Errorf("%s: connector %v, want %v enabled", file, c, want)
		}
	}
	// The wizard's connector, disabled, for the declared domain in another
	// case: adopted, enabled, not renamed, no second connector.
	wizard := map[string]any{"name": "HybridIOC - 5e3d1b0a-8f4c-4b7e-9a61-2c0d7e9f1a34", "targetAddressDomains": []any{"CONTOSO.mail.onmicrosoft.com"},
		"discoveryEndpoint": "https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc", "enabled": false}
	st := readJSON(t, filepath.Join(dir, "onprem-first.json"))
	st["intraOrganizationConnectors"] = []any{wizard}
	writeJSON(t, filepath.Join(dir, "wizard.json"), st)
	got = simulate(t, dir, []run{
		{Script: "onprem.ps1", Mode: "Check", State: "wizard.json", OutState: "check.json", CallLog: "check.calls"},
		{Script: "onprem.ps1", State: "wizard.json", OutState: "adopted.json", CallLog: "adopted.calls"},
		{Script: "onprem.ps1", Mode: "Check", State: "adopted.json", OutState: "again.json", CallLog: "again.calls"},
	})
	if got[0].ExitCode != 2 || got[1].ExitCode != 0 || got[2].ExitCode != 0 {
		t.Fatalf("-Check exited %d (want 2), the run %d (want 0), -Check after it %d (want 0)", got[0].ExitCode, got[1].ExitCode, got[2].ExitCode)
	}
	for _, c := range readCalls(t, filepath.Join(dir, "adopted.calls")) {
		if c.Cmdlet == "New-IntraOrganizationConnector" {
			t.Errorf("the run created a connector beside the wizard's")
		}
	}
	list := orgList(readJSON(t, filepath.Join(dir, "adopted.json")), "intraOrganizationConnectors")
	if len(list) != 1 {
		t.Fatalf("after adoption: %d connectors, want 1", len(list))
	}
	if c := list[0].(map[string]any); c["name"] != wizard["name"] || c["enabled"] != true {
		t.Errorf("after adoption: connector %v, want the wizard's name, enabled", c)
	}
}
