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

// TestScenarioDedicatedApplication: a first run creates the Entra ID auth
// server with the dedicated application's ID and the setting override
// that turns the application on, then refreshes the variant
// configuration; an auth server still naming the shared Exchange Online
// application gets the dedicated one, and an override that turns the
// feature off, made under another name, is turned on in place.
func TestScenarioDedicatedApplication(t *testing.T) {
	t.Parallel()
	_, dir := goldenCase(t, "oauth")
	if got := simulate(t, dir, []run{{Script: "onprem.ps1", OutState: "first.json", CallLog: "first.calls"}}); got[0].ExitCode != 0 {
		t.Fatalf("the first run exited %d, want 0", got[0].ExitCode)
	}
	refreshed := false
	for _, c := range readCalls(t, filepath.Join(dir, "first.calls")) {
		if c.Cmdlet == "New-AuthServer" && c.Parameters["Type"] != "AzureAD" {
			t.Errorf("New-AuthServer -Type %v, want AzureAD", c.Parameters["Type"])
		}
		if c.Cmdlet == "Get-ExchangeDiagnosticInfo" && c.Parameters["Component"] == "VariantConfiguration" && c.Parameters["Argument"] == "Refresh" {
			refreshed = true
		}
	}
	if !refreshed {
		t.Errorf("the run created the setting override without refreshing the variant configuration")
	}
	st := readJSON(t, filepath.Join(dir, "first.json"))
	as, err := orgNamed(st, "authServers", "name", "EvoSts - 2f4a9b7c-1d3e-4f5a-8b6c-7d8e9f0a1b2c")
	if err != nil {
		t.Fatal(err)
	}
	if as["applicationIdentifier"] != "6c1f3e2a-9b8d-4e7f-a1c2-3d4e5f6a7b8c" || as["enabled"] != true {
		t.Errorf("after the first run the auth server is %v", as)
	}
	so, err := orgNamed(st, "settingOverrides", "name", "EnableExchangeHybrid3PAppFeature")
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := so["parameters"].([]any); so["componentName"] != "Global" || so["sectionName"] != "ExchangeOnpremAsThirdPartyAppId" || !slices.Equal(p, []any{"Enabled=true"}) {
		t.Errorf("after the first run the setting override is %v", so)
	}
	as["applicationIdentifier"] = "00000002-0000-0ff1-ce00-000000000000"
	st["settingOverrides"] = []any{map[string]any{"name": "Off by hand", "componentName": "Global", "sectionName": "ExchangeOnpremAsThirdPartyAppId", "parameters": []any{"Enabled=false"}}}
	writeJSON(t, filepath.Join(dir, "seed.json"), st)
	got := simulate(t, dir, []run{
		{Script: "onprem.ps1", Mode: "Check", State: "seed.json", OutState: "check.json", CallLog: "check.calls"},
		{Script: "onprem.ps1", State: "seed.json", OutState: "run.json", CallLog: "run.calls"},
	})
	if got[0].ExitCode != 2 || got[1].ExitCode != 0 {
		t.Fatalf("-Check exited %d (want 2), the run %d (want 0)", got[0].ExitCode, got[1].ExitCode)
	}
	after := readJSON(t, filepath.Join(dir, "run.json"))
	if as, _ := orgNamed(after, "authServers", "name", "EvoSts - 2f4a9b7c-1d3e-4f5a-8b6c-7d8e9f0a1b2c"); as["applicationIdentifier"] != "6c1f3e2a-9b8d-4e7f-a1c2-3d4e5f6a7b8c" {
		t.Errorf("after the run the auth server is %v, want the dedicated application's ID", as)
	}
	list := orgList(after, "settingOverrides")
	if len(list) != 1 {
		t.Fatalf("after the run: %d setting overrides, want 1 (the one made by hand, set)", len(list))
	}
	if o := list[0].(map[string]any); o["name"] != "Off by hand" || !slices.Equal(o["parameters"].([]any), []any{"Enabled=true"}) {
		t.Errorf("after the run the setting override is %v, want 'Off by hand' with Enabled=true", o)
	}
}

// TestScenarioPartnerApplication: the wizard's partner application of
// Exchange Online, disabled and renamed, is found by its application
// identifier: -Check reports the drift, a run enables it in place
// (Set-PartnerApplication, never New-), -Check after it is clean; an
// organization without it fails the item and creates none.
func TestScenarioPartnerApplication(t *testing.T) {
	t.Parallel()
	_, dir := goldenCase(t, "oauth")
	if got := simulate(t, dir, []run{{Script: "onprem.ps1", OutState: "first.json", CallLog: "first.calls"}}); got[0].ExitCode != 0 {
		t.Fatalf("the first run exited %d, want 0", got[0].ExitCode)
	}
	st := readJSON(t, filepath.Join(dir, "first.json"))
	st["partnerApplications"] = []any{
		map[string]any{"name": "Exchange Online (wizard)", "applicationIdentifier": "00000002-0000-0FF1-CE00-000000000000", "enabled": false},
		map[string]any{"name": "SharePoint", "applicationIdentifier": "00000003-0000-0ff1-ce00-000000000000", "enabled": false},
	}
	writeJSON(t, filepath.Join(dir, "disabled.json"), st)
	st["partnerApplications"] = []any{}
	writeJSON(t, filepath.Join(dir, "missing.json"), st)
	got := simulate(t, dir, []run{
		{Script: "onprem.ps1", Mode: "Check", State: "disabled.json", OutState: "check.json", CallLog: "check.calls"},
		{Script: "onprem.ps1", State: "disabled.json", OutState: "run.json", CallLog: "run.calls"},
		{Script: "onprem.ps1", Mode: "Check", State: "run.json", OutState: "again.json", CallLog: "again.calls"},
		{Script: "onprem.ps1", State: "missing.json", OutState: "missing-after.json", CallLog: "missing.calls"},
	})
	if got[0].ExitCode != 2 || got[1].ExitCode != 0 || got[2].ExitCode != 0 {
		t.Fatalf("-Check exited %d (want 2), the run %d (want 0), -Check after it %d (want 0)", got[0].ExitCode, got[1].ExitCode, got[2].ExitCode)
	}
	if got[3].ExitCode == 0 {
		t.Errorf("the run without the partner application exited 0, want a failure")
	}
	sets := 0
	for _, c := range readCalls(t, filepath.Join(dir, "run.calls")) {
		if c.Cmdlet == "Set-PartnerApplication" {
			sets++
			if c.Parameters["Enabled"] != true {
				t.Errorf("Set-PartnerApplication -Enabled %v, want true", c.Parameters["Enabled"])
			}
		}
	}
	if sets != 1 {
		t.Errorf("the run called Set-PartnerApplication %d times, want 1", sets)
	}
	after := readJSON(t, filepath.Join(dir, "run.json"))
	if p, err := orgNamed(after, "partnerApplications", "name", "Exchange Online (wizard)"); err != nil || p["enabled"] != true {
		t.Errorf("after the run the partner application is %v (%v), want enabled", p, err)
	}
	if p, err := orgNamed(after, "partnerApplications", "name", "SharePoint"); err != nil || p["enabled"] != false {
		t.Errorf("after the run SharePoint's partner application is %v (%v), want it left disabled", p, err)
	}
	for _, c := range readCalls(t, filepath.Join(dir, "missing.calls")) {
		if c.Cmdlet == "New-PartnerApplication" || c.Cmdlet == "Set-PartnerApplication" {
			t.Errorf("the run without the partner application called %s", c.Cmdlet)
		}
	}
	if n := len(orgList(readJSON(t, filepath.Join(dir, "missing-after.json")), "partnerApplications")); n != 0 {
		t.Errorf("the run without the partner application left %d, want none created", n)
	}
}
