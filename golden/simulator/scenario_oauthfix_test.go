package simulator

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The tenant of golden/cases/oauth's auth server, and its legacy shape:
// the wizard's "EvoSTS" with the tenant's domain in its metadata URL.
const oauthTenantID = "2f4a9b7c-1d3e-4f5a-8b6c-7d8e9f0a1b2c"

// callIndex is the index of the first call of cmdlet in calls, or -1.
func callIndex(calls []call, cmdlet string) int {
	return slices.IndexFunc(calls, func(c call) bool { return c.Cmdlet == cmdlet })
}

// TestScenarioOAuthFixOrder: on-premises, the auth server is created
// before the setting override that turns the dedicated application on,
// and both before the intra-organization connector, which makes Exchange
// use OAuth towards its domains once enabled.
func TestScenarioOAuthFixOrder(t *testing.T) {
	t.Parallel()
	_, dir := goldenCase(t, "oauth")
	if got := simulate(t, dir, []run{{Script: "onprem.ps1", OutState: "first.json", CallLog: "first.calls"}}); got[0].ExitCode != 0 {
		t.Fatalf("the first run exited %d, want 0", got[0].ExitCode)
	}
	calls := readCalls(t, filepath.Join(dir, "first.calls"))
	server, override, connector := callIndex(calls, "New-AuthServer"), callIndex(calls, "New-SettingOverride"), callIndex(calls, "New-IntraOrganizationConnector")
	if server < 0 || override < 0 || connector < 0 || server >= override || override >= connector {
		t.Errorf("New-AuthServer at %d, New-SettingOverride at %d, New-IntraOrganizationConnector at %d: want them in this order", server, override, connector)
	}
}

// TestScenarioOAuthFixGates: when Set-AuthServer -ApplicationIdentifier
// fails, the override is not turned on (its item fails, saying why); when
// New-AuthServer fails, the on-premises connector is not created enabled
// either. Each refusal reads the auth servers back.
func TestScenarioOAuthFixGates(t *testing.T) {
	t.Parallel()
	_, dir := goldenCase(t, "oauth")
	noAppID := writeFaults(t, dir, "appid.json", fault{Cmdlet: "Set-AuthServer", Kind: "denied"})
	noServer := writeFaults(t, dir, "server.json", fault{Cmdlet: "New-AuthServer", Kind: "denied"})
	got := simulate(t, dir, []run{
		{Script: "onprem.ps1", Faults: noAppID, ScriptParameters: reportFor("appid.report.json"), OutState: "appid.json.out", CallLog: "appid.calls"},
		{Script: "onprem.ps1", Faults: noServer, ScriptParameters: reportFor("server.report.json"), OutState: "server.json.out", CallLog: "server.calls"},
	})
	if got[0].ExitCode == 0 || got[1].ExitCode == 0 {
		t.Fatalf("the runs with a failed auth server exited %d and %d, want failures", got[0].ExitCode, got[1].ExitCode)
	}
	appid := readReport(t, filepath.Join(dir, "appid.report.json")).byResource()
	if r := appid["dedicatedApplication/"+kindsDedicatedOverride]; r[0] != "failed" || !strings.Contains(r[1], "refused to turn the dedicated Exchange hybrid application on") {
		t.Errorf("after Set-AuthServer failed, the override's result is %v, want failed, refused", r)
	}
	if callIndex(readCalls(t, filepath.Join(dir, "appid.calls")), "New-SettingOverride") >= 0 {
		t.Errorf("after Set-AuthServer failed, the run still created the setting override")
	}
	server := readReport(t, filepath.Join(dir, "server.report.json")).byResource()
	if r := server["intraOrganizationConnector/HybridIOC - Contoso to Cloud"]; r[0] != "failed" || !strings.Contains(r[1], "refused to enable the intra-organization connector") {
		t.Errorf("after New-AuthServer failed, the connector's result is %v, want failed, refused", r)
	}
	calls := readCalls(t, filepath.Join(dir, "server.calls"))
	if callIndex(calls, "New-IntraOrganizationConnector") >= 0 || callIndex(calls, "New-SettingOverride") >= 0 {
		t.Errorf("after New-AuthServer failed, the run still created the connector or the override: %v", changes(calls))
	}
}

// kindsDedicatedOverride is the name of the dedicated application's
// resource in golden/cases/oauth.
const kindsDedicatedOverride = "EnableExchangeHybrid3PAppFeature"

// TestScenarioOAuthFixRefresh: a refresh of the variant configuration that
// fails after New-SettingOverride fails the item; the next run, finding
// the override in place, refreshes again (a run cannot know whether the
// servers read it); -Check does not refresh and says so.
func TestScenarioOAuthFixRefresh(t *testing.T) {
	t.Parallel()
	_, dir := goldenCase(t, "oauth")
	refresh := writeFaults(t, dir, "refresh.json", fault{Cmdlet: "Get-ExchangeDiagnosticInfo", Kind: "denied"})
	got := simulate(t, dir, []run{
		{Script: "onprem.ps1", Faults: refresh, ScriptParameters: reportFor("first.report.json"), OutState: "first.json", CallLog: "first.calls"},
		{Script: "onprem.ps1", Mode: "Check", State: "first.json", ScriptParameters: reportFor("check.report.json"), OutState: "check.json", CallLog: "check.calls"},
		{Script: "onprem.ps1", State: "first.json", ScriptParameters: reportFor("again.report.json"), OutState: "again.json", CallLog: "again.calls"},
	})
	if got[0].ExitCode == 0 || got[1].ExitCode != 0 || got[2].ExitCode != 0 {
		t.Fatalf("the run with a failed refresh exited %d (want a failure), -Check %d (want 0), the next run %d (want 0)", got[0].ExitCode, got[1].ExitCode, got[2].ExitCode)
	}
	key := "dedicatedApplication/" + kindsDedicatedOverride
	if r := readReport(t, filepath.Join(dir, "first.report.json")).byResource()[key]; r[0] != "failed" || !strings.Contains(r[1], "refreshing the variant configuration") {
		t.Errorf("the failed refresh: %v, want the item failed", r)
	}
	if r := readReport(t, filepath.Join(dir, "check.report.json")).byResource()[key]; r[0] != "unchanged" || !strings.Contains(r[1], "cannot be verified") {
		t.Errorf("-Check: %v, want unchanged, not verifiable", r)
	}
	if callIndex(readCalls(t, filepath.Join(dir, "check.calls")), "Get-ExchangeDiagnosticInfo") >= 0 {
		t.Errorf("-Check refreshed the variant configuration")
	}
	calls := readCalls(t, filepath.Join(dir, "again.calls"))
	if callIndex(calls, "Get-ExchangeDiagnosticInfo") < 0 || callIndex(calls, "New-SettingOverride") >= 0 || callIndex(calls, "Set-SettingOverride") >= 0 {
		t.Errorf("the next run: %v, want the refresh without a change of the override", changes(calls))
	}
	if r := readReport(t, filepath.Join(dir, "again.report.json")).byResource()[key]; r[0] != "unchanged" {
		t.Errorf("the next run: %v, want unchanged", r)
	}
}

// TestScenarioOAuthFixLegacyAuthServer: the wizard's legacy "EvoSTS" for
// the tenant (Type AzureAD, Realm the tenant id, a metadata URL naming the
// tenant's domain) is the declared "EvoSts - <tenant id>": adopted under
// its name, no second Entra ID auth server for the realm; with both
// present the script refuses to choose.
func TestScenarioOAuthFixLegacyAuthServer(t *testing.T) {
	t.Parallel()
	_, dir := goldenCase(t, "oauth")
	legacy := map[string]any{"name": "EvoSTS", "type": "AzureAD", "realm": oauthTenantID, "enabled": true,
		"authMetadataUrl": "https://login.windows.net/contoso.onmicrosoft.com/federationmetadata/2007-06/federationmetadata.xml"}
	writeJSON(t, filepath.Join(dir, "legacy.json"), map[string]any{"formatVersion": 1, "kind": "onPremises", "organization": "Contoso", "exchangeVersion": "2019", "authServers": []any{legacy}})
	both := map[string]any{"name": "EvoSts - " + oauthTenantID, "type": "AzureAD", "realm": oauthTenantID, "enabled": true,
		"authMetadataUrl": "https://login.microsoftonline.com/" + oauthTenantID + "/federationmetadata/2007-06/federationmetadata.xml"}
	writeJSON(t, filepath.Join(dir, "both.json"), map[string]any{"formatVersion": 1, "kind": "onPremises", "organization": "Contoso", "exchangeVersion": "2019", "authServers": []any{legacy, both}})
	simulate(t, dir, []run{
		{Script: "onprem.ps1", State: "legacy.json", ScriptParameters: reportFor("legacy.report.json"), OutState: "legacy.out.json", CallLog: "legacy.calls"},
		{Script: "onprem.ps1", State: "both.json", ScriptParameters: reportFor("both.report.json"), OutState: "both.out.json", CallLog: "both.calls"},
	})
	if callIndex(readCalls(t, filepath.Join(dir, "legacy.calls")), "New-AuthServer") >= 0 {
		t.Errorf("the run created a second Entra ID auth server beside the legacy EvoSTS")
	}
	list := orgList(readJSON(t, filepath.Join(dir, "legacy.out.json")), "authServers")
	if len(list) != 1 {
		t.Fatalf("after the run: %d auth servers, want the legacy one alone", len(list))
	}
	if a := list[0].(map[string]any); a["name"] != "EvoSTS" || a["applicationIdentifier"] != "6c1f3e2a-9b8d-4e7f-a1c2-3d4e5f6a7b8c" {
		t.Errorf("after the run the auth server is %v, want EvoSTS with the dedicated application's ID", a)
	}
	if r := readReport(t, filepath.Join(dir, "legacy.report.json")).byResource()["authServer/EvoSts - "+oauthTenantID]; !strings.Contains(r[1], "exists as 'EvoSTS'") {
		t.Errorf("the legacy auth server's result is %v, want it reported as exists as 'EvoSTS'", r)
	}
	if r := readReport(t, filepath.Join(dir, "both.report.json")).byResource()["authServer/EvoSts - "+oauthTenantID]; r[0] != "failed" || !strings.Contains(r[1], "several auth servers") {
		t.Errorf("with two auth servers of the realm: %v, want failed, several", r)
	}
	calls := readCalls(t, filepath.Join(dir, "both.calls"))
	if callIndex(calls, "New-AuthServer") >= 0 || callIndex(calls, "Set-AuthServer") >= 0 {
		t.Errorf("with two auth servers of the realm the run changed one: %v", changes(calls))
	}
}

// TestScenarioOAuthFixGraphScopes: entra-app.ps1 accepts broader delegated
// scopes than the ones it asks for (Directory.ReadWrite.All for
// Application.ReadWrite.All, Directory.Read.All for Organization.Read.All)
// and refuses an app-only session, saying so.
func TestScenarioOAuthFixGraphScopes(t *testing.T) {
	t.Parallel()
	_, dir := goldenCase(t, "hybrid-application")
	writeJSON(t, filepath.Join(dir, "broader.json"), map[string]any{"formatVersion": 1, "kind": "entraId", "organization": "contoso.onmicrosoft.com",
		"scopes": []any{"Directory.ReadWrite.All", "AppRoleAssignment.ReadWrite.All", "Directory.Read.All"}})
	writeJSON(t, filepath.Join(dir, "apponly.json"), map[string]any{"formatVersion": 1, "kind": "entraId", "organization": "contoso.onmicrosoft.com", "authType": "AppOnly"})
	_, out := runOne(t, dir, "-Script", "entra-app.ps1", "-State", "broader.json", "-OutState", "out.json", "-CallLog", "calls.jsonl")
	if strings.Contains(out, "lacks the") || strings.Contains(out, "Nothing was changed") {
		t.Errorf("broader scopes were refused:\n%s", out)
	}
	code, out := runOne(t, dir, "-Script", "entra-app.ps1", "-State", "apponly.json", "-OutState", "out.json", "-CallLog", "calls.jsonl")
	if code != 1 || !strings.Contains(out, "app-only") || !strings.Contains(out, "Nothing was changed") {
		t.Errorf("an app-only session: exit %d, want 1 and app-only refused:\n%s", code, out)
	}
	if ch := changes(readCalls(t, filepath.Join(dir, "calls.jsonl"))); len(ch) > 0 {
		t.Errorf("an app-only session: changes %v", ch)
	}
}
