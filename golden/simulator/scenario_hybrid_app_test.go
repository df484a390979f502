package simulator

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
)

// The auth certificates of the scenarios: testdata/auth-current.cer and
// testdata/auth-next.cer (public parts of two self-signed certificates).
const (
	authCurrent = "13E5794218ADECFF17FE8308A2B637BB4089C0A7"
	authNext    = "9C9EF907922AACA4D880813450AEE4A416738352"
	// otherFirstParty is the simulated first-party principal's own key
	// credential, which no auth certificate is (Sim.Graph.ps1).
	otherFirstParty = "00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF"
)

// hybridAppYAML is a configuration with the dedicated hybrid application;
// next adds the next auth certificate.
func hybridAppYAML(next bool) string {
	cert := "  authCertificate:\n    thumbprint: " + authCurrent + "\n"
	if next {
		cert += "    next:\n      thumbprint: " + authNext + "\n      effectiveDate: \"2029-01-01\"\n"
	}
	return `version: 1
onPremises:
  organization: Contoso
  exchangeVersion: SE
  primarySmtpDomains: [contoso.com]
  federatedDelegationNamespace: exchangedelegation.contoso.com
` + cert + `exchangeOnline:
  tenant: contoso.onmicrosoft.com
  routingDomain: contoso.mail.onmicrosoft.com
  serviceRoutingNamespace: service.contoso.com
  primarySmtpDomains: [contoso.com]
  hybridApplication:
    displayName: ExchangeServerApp-6a1b2c3d-0000-4000-8000-00000000abcd
    exchangePermissions: [full_access_as_app]
    graphPermissions: [User.Read.All]
    cleanUpFirstPartyKeyCredentials: true
`
}

// certFiles are the testdata certificates as -CertificateFile's value.
func certFiles(t *testing.T, names ...string) []any {
	t.Helper()
	var out []any
	for _, n := range names {
		p, err := filepath.Abs(filepath.Join("testdata", n+".cer"))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// compileEntraApp writes yaml's entra-app.ps1 into dir.
func compileEntraApp(t *testing.T, dir, yaml string) {
	t.Helper()
	res, err := compiler.Compile(compiler.Source{Name: "input.yaml", Data: []byte(yaml)}, compiler.Options{ToolVersion: "0.0.0-test"})
	if err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("compile: %v %s", err, res.Diagnostics.String())
	}
	script := res.Files["entra-app.ps1"]
	if script == nil {
		t.Fatal("no entra-app.ps1")
	}
	if err := os.WriteFile(filepath.Join(dir, "entra-app.ps1"), script, 0o644); err != nil {
		t.Fatal(err)
	}
}

// keyThumbprints are the customKeyIdentifiers of a tenant's object: the
// application (appId "") or the service principal of appId.
func keyThumbprints(t *testing.T, state map[string]any, appID string) []string {
	t.Helper()
	list := "applications"
	if appID != "" {
		list = "servicePrincipals"
	}
	var out []string
	for _, e := range listOf(state[list]) {
		o := e.(map[string]any)
		if appID != "" && o["appId"] != appID {
			continue
		}
		for _, k := range listOf(o["keyCredentials"]) {
			out = append(out, k.(map[string]any)["customKeyIdentifier"].(string))
		}
	}
	slices.Sort(out)
	return out
}

// listOf is a JSON list, or none.
func listOf(v any) []any { return list(v) }

// jsonText is v as JSON, for -ScriptParameters.
func jsonText(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestScenarioHybridApplication: entra-app.ps1's life in a simulated
// tenant. -Check on an empty tenant reports every resource drifted and
// changes nothing; the first run creates the application asking for its
// permissions, its service principal, grants both permissions (admin
// consent), adds both auth certificates as key credentials and removes
// them, and only them, from the shared Office 365 Exchange Online
// principal; -Check then finds nothing to change and a second run changes
// nothing.
func TestScenarioHybridApplication(t *testing.T) {
	dir := t.TempDir()
	compileEntraApp(t, dir, hybridAppYAML(true))
	files := map[string]any{"CertificateFile": certFiles(t, "auth-current", "auth-next")}
	with := func(name string) map[string]any {
		m := map[string]any{"ReportPath": name + ".report.json"}
		for k, v := range files {
			m[k] = v
		}
		return m
	}
	got := simulate(t, dir, []run{
		{Script: "entra-app.ps1", Mode: "Check", ScriptParameters: with("check"), OutState: "start.json", CallLog: "check.calls"},
		{Script: "entra-app.ps1", State: "start.json", ScriptParameters: with("run"), OutState: "after.json", CallLog: "run.calls"},
		{Script: "entra-app.ps1", Mode: "Check", State: "after.json", ScriptParameters: with("insync"), OutState: "insync.json", CallLog: "insync.calls"},
		{Script: "entra-app.ps1", State: "after.json", ScriptParameters: with("second"), OutState: "second.json", CallLog: "second.calls"},
	})
	check := readReport(t, filepath.Join(dir, "check.report.json"))
	if got[0].ExitCode != 2 || check.statuses()["drifted"] != 7 {
		t.Errorf("-Check on an empty tenant exited %d with %v, want 2 and all 7 drifted\n%s", got[0].ExitCode, check.statuses(), describe(check))
	}
	if ch := changes(readCalls(t, filepath.Join(dir, "check.calls"))); len(ch) > 0 {
		t.Errorf("-Check made changes: %v", ch)
	}
	r := readReport(t, filepath.Join(dir, "run.report.json"))
	if got[1].ExitCode != 0 {
		t.Fatalf("first run exited %d\n%s", got[1].ExitCode, describe(r))
	}
	after := readJSON(t, filepath.Join(dir, "after.json"))
	apps := listOf(after["applications"])
	if len(apps) != 1 || apps[0].(map[string]any)["displayName"] != "ExchangeServerApp-6a1b2c3d-0000-4000-8000-00000000abcd" {
		t.Fatalf("applications after the first run: %v", apps)
	}
	if got := keyThumbprints(t, after, ""); !slices.Equal(got, []string{authCurrent, authNext}) {
		t.Errorf("the application's key credentials are %v, want both auth certificates", got)
	}
	if got := keyThumbprints(t, after, "00000002-0000-0ff1-ce00-000000000000"); !slices.Equal(got, []string{otherFirstParty}) {
		t.Errorf("the first-party principal's key credentials are %v, want only its own %s", got, otherFirstParty)
	}
	if n := len(listOf(after["appRoleAssignments"])); n != 2 {
		t.Errorf("%d app role assignments, want 2 (full_access_as_app, User.Read.All)", n)
	}
	insync := readReport(t, filepath.Join(dir, "insync.report.json"))
	if got[2].ExitCode != 0 || insync.statuses()["unchanged"] != 7 {
		t.Errorf("-Check after the run exited %d with %v, want 0 and 7 unchanged\n%s", got[2].ExitCode, insync.statuses(), describe(insync))
	}
	if ch := changes(readCalls(t, filepath.Join(dir, "second.calls"))); got[3].ExitCode != 0 || len(ch) > 0 {
		t.Errorf("second run exited %d with changes %v, want 0 and none", got[3].ExitCode, ch)
	}
}

// TestScenarioHybridApplicationNextCertificate: the next auth certificate,
// declared later, is added as a second key credential; the current one is
// kept (Graph replaces the list: the script sends it by keyId).
func TestScenarioHybridApplicationNextCertificate(t *testing.T) {
	dir := t.TempDir()
	compileEntraApp(t, dir, hybridAppYAML(false))
	got := simulate(t, dir, []run{{Script: "entra-app.ps1", ScriptParameters: map[string]any{"CertificateFile": certFiles(t, "auth-current")}, OutState: "first.json", CallLog: "first.calls"}})
	if got[0].ExitCode != 0 {
		t.Fatalf("first run exited %d", got[0].ExitCode)
	}
	compileEntraApp(t, dir, hybridAppYAML(true))
	got = simulate(t, dir, []run{
		{Script: "entra-app.ps1", Mode: "Check", State: "first.json", OutState: "check.json", CallLog: "check.calls"},
		{Script: "entra-app.ps1", State: "first.json", ScriptParameters: map[string]any{"CertificateFile": certFiles(t, "auth-next")}, OutState: "next.json", CallLog: "next.calls"},
	})
	if got[0].ExitCode != 2 {
		t.Errorf("-Check with the next certificate declared exited %d, want 2 (drift)", got[0].ExitCode)
	}
	if got[1].ExitCode != 0 {
		t.Fatalf("the run adding the next certificate exited %d", got[1].ExitCode)
	}
	after := readJSON(t, filepath.Join(dir, "next.json"))
	if k := keyThumbprints(t, after, ""); !slices.Equal(k, []string{authCurrent, authNext}) {
		t.Errorf("key credentials after adding the next certificate: %v, want both", k)
	}
	ch := changes(readCalls(t, filepath.Join(dir, "next.calls")))
	// The first run cleaned the first-party principal already: only the
	// key credential is added.
	if len(ch) != 1 || !strings.HasPrefix(ch[0], "Update-MgApplication") {
		t.Errorf("changes %v, want the key credential's Update-MgApplication alone", ch)
	}
}

// TestScenarioHybridApplicationRefusals: a certificate file the
// configuration does not declare, a session without the scopes and a
// session of another tenant change nothing; a declared certificate not yet
// a key credential without its file fails that item only.
func TestScenarioHybridApplicationRefusals(t *testing.T) {
	dir := t.TempDir()
	compileEntraApp(t, dir, hybridAppYAML(false))
	writeJSON(t, filepath.Join(dir, "noscope.json"), map[string]any{"formatVersion": 1, "kind": "entraId", "organization": "contoso.onmicrosoft.com", "scopes": []any{"Application.Read.All"}})
	writeJSON(t, filepath.Join(dir, "other.json"), map[string]any{"formatVersion": 1, "kind": "entraId", "organization": "contoso.onmicrosoft.com", "verifiedDomains": []any{"fabrikam.onmicrosoft.com"}})
	cases := []struct {
		name, state, want string
		files             []any
	}{
		{"an undeclared certificate", "", "which onPremises.authCertificate does not declare", certFiles(t, "auth-next")},
		{"missing scopes", "noscope.json", "lacks the scopes", nil},
		{"another tenant", "other.json", "but this script is for 'contoso.onmicrosoft.com'", nil},
	}
	for _, c := range cases {
		params := []string{"-Script", "entra-app.ps1", "-OutState", "out.json", "-CallLog", "calls.jsonl"}
		if c.state != "" {
			params = append(params, "-State", c.state)
		}
		if c.files != nil {
			params = append(params, "-ScriptParameters", jsonText(t, map[string]any{"CertificateFile": c.files}))
		}
		code, out := runOne(t, dir, params...)
		if code != 1 || !strings.Contains(out, c.want) || !strings.Contains(out, "Nothing was changed") {
			t.Errorf("%s: exit %d, want 1 and %q:\n%s", c.name, code, c.want, out)
		}
		if ch := changes(readCalls(t, filepath.Join(dir, "calls.jsonl"))); len(ch) > 0 {
			t.Errorf("%s: changes %v", c.name, ch)
		}
	}
	code, out := runOne(t, dir, "-Script", "entra-app.ps1", "-OutState", "out.json", "-CallLog", "calls.jsonl")
	if code != 1 || !strings.Contains(out, "pass it with -CertificateFile") {
		t.Errorf("without the certificate file: exit %d, want 1 and the key credential failed:\n%s", code, out)
	}
}

// lifecycleCertificates are the testdata certificates whose thumbprints
// entra-app.ps1 declares, for its -CertificateFile in a configuration's
// life; nil for any other script.
func lifecycleCertificates(t *testing.T, c config, script string) []any {
	t.Helper()
	if !strings.HasPrefix(script, "entra-app") {
		return nil
	}
	text := string(c.Files[script])
	var names []string
	for name, thumbprint := range map[string]string{"auth-current": authCurrent, "auth-next": authNext} {
		if strings.Contains(text, thumbprint) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return certFiles(t, names...)
}

// TestScenarioHybridApplicationByAppID: with appId declared the script finds
// the application by it, whatever its name, and sets the declared name; an
// appId no application has is never created: -Check reports it drifted and
// a run fails it, changing nothing.
func TestScenarioHybridApplicationByAppID(t *testing.T) {
	dir := t.TempDir()
	const appID = "11111111-2222-4333-8444-555555555555"
	yaml := strings.Replace(hybridAppYAML(false), "    exchangePermissions:", "    appId: "+appID+"\n    exchangePermissions:", 1)
	compileEntraApp(t, dir, yaml)
	app := map[string]any{"id": "aaaaaaaa-0000-4000-8000-000000000001", "appId": appID, "displayName": "Exchange hybrid (old name)",
		"requiredResourceAccess": []any{map[string]any{"resourceAppId": "00000002-0000-0ff1-ce00-000000000000", "resourceAccess": []any{map[string]any{"id": "dc890d15-9560-4a4c-9b7f-a736ec74ec40", "type": "Role"}}}},
		"keyCredentials":         []any{}}
	writeJSON(t, filepath.Join(dir, "existing.json"), map[string]any{"formatVersion": 1, "kind": "entraId", "organization": "contoso.onmicrosoft.com",
		"applications": []any{app}, "appRoleAssignments": []any{}, "servicePrincipals": []any{
			map[string]any{"id": "aaaaaaaa-0000-4000-8000-000000000002", "appId": "00000002-0000-0ff1-ce00-000000000000", "displayName": "Office 365 Exchange Online",
				"appRoles": []any{map[string]any{"id": "dc890d15-9560-4a4c-9b7f-a736ec74ec40", "value": "full_access_as_app"}}, "keyCredentials": []any{}},
			map[string]any{"id": "aaaaaaaa-0000-4000-8000-000000000003", "appId": "00000003-0000-0000-c000-000000000000", "displayName": "Microsoft Graph",
				"appRoles": []any{map[string]any{"id": "df021288-bdef-4463-88db-98f22de89214", "value": "User.Read.All"}}, "keyCredentials": []any{}}}})
	got := simulate(t, dir, []run{
		{Script: "entra-app.ps1", State: "existing.json", ScriptParameters: map[string]any{"ReportPath": "run.report.json", "CertificateFile": certFiles(t, "auth-current")}, OutState: "after.json", CallLog: "run.calls"},
	})
	r := readReport(t, filepath.Join(dir, "run.report.json"))
	if got[0].ExitCode != 0 {
		t.Fatalf("run exited %d\n%s", got[0].ExitCode, describe(r))
	}
	apps := listOf(readJSON(t, filepath.Join(dir, "after.json"))["applications"])
	if len(apps) != 1 || apps[0].(map[string]any)["displayName"] != "ExchangeServerApp-6a1b2c3d-0000-4000-8000-00000000abcd" || apps[0].(map[string]any)["appId"] != appID {
		t.Errorf("applications after the run: %v, want the one of appId %s renamed", apps, appID)
	}
	if ch := changes(readCalls(t, filepath.Join(dir, "run.calls"))); slices.Contains(ch, "New-MgApplication") {
		t.Errorf("the run created an application: %v", ch)
	}
	// In an empty tenant the declared appId names no application.
	code, out := runOne(t, dir, "-Script", "entra-app.ps1", "-OutState", "out.json", "-CallLog", "calls.jsonl")
	if code != 1 || !strings.Contains(out, "no application has the appId "+appID) {
		t.Errorf("an unknown appId: exit %d, want 1 and the refusal:\n%s", code, out)
	}
	if ch := changes(readCalls(t, filepath.Join(dir, "calls.jsonl"))); len(ch) > 0 {
		t.Errorf("an unknown appId: changes %v", ch)
	}
}

// TestScenarioHybridApplicationQuotedName: a display name with quotes and
// $(...) reaches Graph's filter as an OData string literal: the first run
// creates the application under exactly that name, and -Check then finds
// it (in sync), so the quote neither breaks the filter nor matches another
// application.
func TestScenarioHybridApplicationQuotedName(t *testing.T) {
	dir := t.TempDir()
	const name = `Exchange 'hybrid' $(app) "x"`
	yaml := strings.Replace(hybridAppYAML(false), "displayName: ExchangeServerApp-6a1b2c3d-0000-4000-8000-00000000abcd", "displayName: '"+strings.ReplaceAll(name, "'", "''")+"'", 1)
	compileEntraApp(t, dir, yaml)
	files := certFiles(t, "auth-current")
	got := simulate(t, dir, []run{
		{Script: "entra-app.ps1", ScriptParameters: map[string]any{"CertificateFile": files}, OutState: "after.json", CallLog: "run.calls"},
		{Script: "entra-app.ps1", Mode: "Check", State: "after.json", ScriptParameters: map[string]any{"ReportPath": "insync.report.json"}, OutState: "insync.json", CallLog: "insync.calls"},
	})
	apps := listOf(readJSON(t, filepath.Join(dir, "after.json"))["applications"])
	if got[0].ExitCode != 0 || len(apps) != 1 || apps[0].(map[string]any)["displayName"] != name {
		t.Fatalf("first run exited %d with applications %v, want 0 and one named %q", got[0].ExitCode, apps, name)
	}
	r := readReport(t, filepath.Join(dir, "insync.report.json"))
	if got[1].ExitCode != 0 {
		t.Errorf("-Check after the run exited %d, want 0\n%s", got[1].ExitCode, describe(r))
	}
}
