package simulator

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
	"github.com/hybridc/hybridc/compiler/model"
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
	cert := "  authCertificate:\n    thumbprint: " + authCurrent + "\n    notAfter: \"2031-01-01\"\n"
	if next {
		cert += "    next:\n      thumbprint: " + authNext + "\n      effectiveDate: \"2029-01-01\"\n      notAfter: \"2034-01-01\"\n"
	}
	return `version: 1
onPremises:
  organization: Contoso
  exchangeVersion: SE
  primarySmtpDomains: [contoso.com]
  federatedDelegationNamespace: exchangedelegation.contoso.com
` + cert + `  oauth:
    dedicatedApplication: true
    authServers:
      - name: EvoSts - 2f4a9b7c-1d3e-4f5a-8b6c-7d8e9f0a1b2c
        authMetadataUrl: https://login.microsoftonline.com/2f4a9b7c-1d3e-4f5a-8b6c-7d8e9f0a1b2c/federationmetadata/2007-06/federationmetadata.xml
exchangeOnline:
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
// changes nothing; the first run (no appId) creates the application asking
// for its permissions, its service principal, grants both permissions
// (admin consent) and adds both auth certificates as key credentials, but
// leaves the shared Office 365 Exchange Online principal alone without
// -CleanUpFirstParty. A second run without appId refuses the application
// it now finds by name. With the appId declared, -Check reports only the
// clean-up, a run with -CleanUpFirstParty removes the auth certificates,
// and only them, from the shared principal; -Check then finds nothing to
// change and a further run changes nothing.
func TestScenarioHybridApplication(t *testing.T) {
	dir := t.TempDir()
	compileEntraApp(t, dir, hybridAppYAML(true))
	files := certFiles(t, "auth-current", "auth-next")
	with := func(name string, cleanUp bool) map[string]any {
		return map[string]any{"ReportPath": name + ".report.json", "CertificateFile": files, "CleanUpFirstParty": cleanUp}
	}
	got := simulate(t, dir, []run{
		{Script: "entra-app.ps1", Mode: "Check", ScriptParameters: with("check", false), OutState: "start.json", CallLog: "check.calls"},
		{Script: "entra-app.ps1", State: "start.json", ScriptParameters: with("run", false), OutState: "after.json", CallLog: "run.calls"},
		{Script: "entra-app.ps1", State: "after.json", ScriptParameters: with("byname", true), OutState: "byname.json", CallLog: "byname.calls"},
	})
	check := readReport(t, filepath.Join(dir, "check.report.json"))
	if got[0].ExitCode != 2 || check.statuses()["drifted"] != 7 {
		t.Errorf("-Check on an empty tenant exited %d with %v, want 2 and all 7 drifted\n%s", got[0].ExitCode, check.statuses(), describe(check))
	}
	if ch := changes(readCalls(t, filepath.Join(dir, "check.calls"))); len(ch) > 0 {
		t.Errorf("-Check made changes: %v", ch)
	}
	r := readReport(t, filepath.Join(dir, "run.report.json"))
	if got[1].ExitCode != 0 || r.statuses()["skipped"] != 1 {
		t.Fatalf("first run exited %d with %v, want 0 and the clean-up skipped\n%s", got[1].ExitCode, r.statuses(), describe(r))
	}
	after := readJSON(t, filepath.Join(dir, "after.json"))
	apps := listOf(after["applications"])
	if len(apps) != 1 || apps[0].(map[string]any)["displayName"] != "ExchangeServerApp-6a1b2c3d-0000-4000-8000-00000000abcd" {
		t.Fatalf("applications after the first run: %v", apps)
	}
	if got := keyThumbprints(t, after, ""); !slices.Equal(got, []string{authCurrent, authNext}) {
		t.Errorf("the application's key credentials are %v, want both auth certificates", got)
	}
	if got := keyThumbprints(t, after, "00000002-0000-0ff1-ce00-000000000000"); !slices.Equal(got, []string{otherFirstParty, authCurrent, authNext}) {
		t.Errorf("without -CleanUpFirstParty the first-party principal's key credentials are %v, want all three kept", got)
	}
	if n := len(listOf(after["appRoleAssignments"])); n != 2 {
		t.Errorf("%d app role assignments, want 2 (full_access_as_app, User.Read.All)", n)
	}
	if byname := readReport(t, filepath.Join(dir, "byname.report.json")); got[2].ExitCode != 1 || !failedWith(byname, "never takes over an application found by its name") {
		t.Errorf("a run without appId after the creation exited %d, want 1 and the refusal\n%s", got[2].ExitCode, describe(byname))
	}
	if ch := changes(readCalls(t, filepath.Join(dir, "byname.calls"))); len(ch) > 0 {
		t.Errorf("a run without appId after the creation made changes: %v", ch)
	}

	compileEntraApp(t, dir, withAppID(hybridAppYAML(true), apps[0].(map[string]any)["appId"].(string)))
	got = simulate(t, dir, []run{
		{Script: "entra-app.ps1", Mode: "Check", State: "after.json", ScriptParameters: with("pending", false), OutState: "pending.json", CallLog: "pending.calls"},
		{Script: "entra-app.ps1", State: "after.json", ScriptParameters: with("cleanup", true), OutState: "cleaned.json", CallLog: "cleanup.calls"},
		{Script: "entra-app.ps1", Mode: "Check", State: "cleaned.json", ScriptParameters: with("insync", true), OutState: "insync.json", CallLog: "insync.calls"},
		{Script: "entra-app.ps1", State: "cleaned.json", OutState: "second.json", CallLog: "second.calls"},
	})
	pending := readReport(t, filepath.Join(dir, "pending.report.json"))
	if got[0].ExitCode != 2 || pending.statuses()["unchanged"] != 6 || pending.statuses()["drifted"] != 1 {
		t.Errorf("-Check with the appId exited %d with %v, want 2: 6 unchanged and the clean-up drifted\n%s", got[0].ExitCode, pending.statuses(), describe(pending))
	}
	if got[1].ExitCode != 0 {
		t.Fatalf("the clean-up run exited %d", got[1].ExitCode)
	}
	cleaned := readJSON(t, filepath.Join(dir, "cleaned.json"))
	if got := keyThumbprints(t, cleaned, "00000002-0000-0ff1-ce00-000000000000"); !slices.Equal(got, []string{otherFirstParty}) {
		t.Errorf("the first-party principal's key credentials are %v, want only its own %s", got, otherFirstParty)
	}
	insync := readReport(t, filepath.Join(dir, "insync.report.json"))
	if got[2].ExitCode != 0 || insync.statuses()["unchanged"] != 7 {
		t.Errorf("-Check after the clean-up exited %d with %v, want 0 and 7 unchanged\n%s", got[2].ExitCode, insync.statuses(), describe(insync))
	}
	if ch := changes(readCalls(t, filepath.Join(dir, "second.calls"))); got[3].ExitCode != 0 || len(ch) > 0 {
		t.Errorf("second run exited %d with changes %v, want 0 and none", got[3].ExitCode, ch)
	}
}

// failedWith says whether a report's only failure names text.
func failedWith(r report, text string) bool {
	n := 0
	for _, res := range r.Results {
		if res.Status == "failed" {
			n++
			if !strings.Contains(res.Detail, text) {
				return false
			}
		}
	}
	return n == 1
}

// withAppID is a hybridAppYAML configuration that declares appId.
func withAppID(yaml, appID string) string {
	return strings.Replace(yaml, "    exchangePermissions:", "    appId: "+appID+"\n    exchangePermissions:", 1)
}

// appIDIn is the appId of the only application of a state file.
func appIDIn(t *testing.T, path string) string {
	t.Helper()
	apps := listOf(readJSON(t, path)["applications"])
	if len(apps) != 1 {
		t.Fatalf("%s holds %d applications, want 1", path, len(apps))
	}
	return apps[0].(map[string]any)["appId"].(string)
}

// TestScenarioHybridApplicationNextCertificate: the next auth certificate,
// declared later (with the appId the first run printed), is added as a
// second key credential; the current one is kept (Graph replaces the list:
// the script sends it by keyId).
func TestScenarioHybridApplicationNextCertificate(t *testing.T) {
	dir := t.TempDir()
	compileEntraApp(t, dir, hybridAppYAML(false))
	got := simulate(t, dir, []run{{Script: "entra-app.ps1", ScriptParameters: map[string]any{"CertificateFile": certFiles(t, "auth-current")}, OutState: "first.json", CallLog: "first.calls"}})
	if got[0].ExitCode != 0 {
		t.Fatalf("first run exited %d", got[0].ExitCode)
	}
	compileEntraApp(t, dir, withAppID(hybridAppYAML(true), appIDIn(t, filepath.Join(dir, "first.json"))))
	got = simulate(t, dir, []run{
		{Script: "entra-app.ps1", Mode: "Check", State: "first.json", ScriptParameters: map[string]any{"ReportPath": "check.report.json"}, OutState: "check.json", CallLog: "check.calls"},
		{Script: "entra-app.ps1", State: "first.json", ScriptParameters: map[string]any{"ReportPath": "next.report.json", "CertificateFile": certFiles(t, "auth-next")}, OutState: "next.json", CallLog: "next.calls"},
	})
	if got[0].ExitCode != 2 {
		t.Errorf("-Check with the next certificate declared exited %d, want 2 (drift)\n%s", got[0].ExitCode, describe(readReport(t, filepath.Join(dir, "check.report.json"))))
	}
	if got[1].ExitCode != 0 {
		t.Fatalf("the run adding the next certificate exited %d\n%s", got[1].ExitCode, describe(readReport(t, filepath.Join(dir, "next.report.json"))))
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

// tenantWith writes a tenant holding the first-party service principals
// (Office 365 Exchange Online with the current auth certificate and a key
// credential of its own) and apps.
func tenantWith(t *testing.T, path string, apps ...map[string]any) {
	t.Helper()
	var list []any
	for _, a := range apps {
		list = append(list, a)
	}
	writeJSON(t, path, map[string]any{"formatVersion": 1, "kind": "entraId", "organization": "contoso.onmicrosoft.com",
		"applications": list, "appRoleAssignments": []any{}, "servicePrincipals": []any{
			map[string]any{"id": "aaaaaaaa-0000-4000-8000-000000000002", "appId": "00000002-0000-0ff1-ce00-000000000000", "displayName": "Office 365 Exchange Online",
				"appRoles": []any{map[string]any{"id": "dc890d15-9560-4a4c-9b7f-a736ec74ec40", "value": "full_access_as_app"}}, "keyCredentials": []any{
					map[string]any{"keyId": "aaaaaaaa-0000-4000-8000-0000000000c1", "customKeyIdentifier": authCurrent, "type": "AsymmetricX509Cert", "usage": "Verify"},
					map[string]any{"keyId": "aaaaaaaa-0000-4000-8000-0000000000c2", "customKeyIdentifier": otherFirstParty, "type": "AsymmetricX509Cert", "usage": "Verify"}}},
			map[string]any{"id": "aaaaaaaa-0000-4000-8000-000000000003", "appId": "00000003-0000-0000-c000-000000000000", "displayName": "Microsoft Graph",
				"appRoles": []any{map[string]any{"id": "df021288-bdef-4463-88db-98f22de89214", "value": "User.Read.All"}}, "keyCredentials": []any{}}}})
}

// existingApp is an application of the tenant, with what extra sets.
func existingApp(appID, name string, extra map[string]any) map[string]any {
	app := map[string]any{"id": "aaaaaaaa-0000-4000-8000-000000000001", "appId": appID, "displayName": name,
		"requiredResourceAccess": []any{}, "keyCredentials": []any{}, "passwordCredentials": []any{}}
	for k, v := range extra {
		app[k] = v
	}
	return app
}

// certKey is a testdata certificate's raw data as Graph's key (Base64).
func certKey(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name+".cer"))
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(b)
}

// keyCredential is a key credential of an application in the state.
func keyCredential(id, thumbprint, key string) map[string]any {
	return map[string]any{"keyId": id, "customKeyIdentifier": thumbprint, "type": "AsymmetricX509Cert", "usage": "Verify", "key": key}
}

const hybridAppName = "ExchangeServerApp-6a1b2c3d-0000-4000-8000-00000000abcd"

// TestScenarioHybridApplicationByAppID: with appId declared the script finds
// the application by it; one of another display name is refused, never
// renamed; an appId no application has is never created: a run fails it,
// changing nothing.
func TestScenarioHybridApplicationByAppID(t *testing.T) {
	dir := t.TempDir()
	const appID = "11111111-2222-4333-8444-555555555555"
	compileEntraApp(t, dir, withAppID(hybridAppYAML(false), appID))
	tenantWith(t, filepath.Join(dir, "existing.json"), existingApp(appID, hybridAppName, nil))
	tenantWith(t, filepath.Join(dir, "renamed.json"), existingApp(appID, "Exchange hybrid (old name)", nil))
	params := func(name string) map[string]any {
		return map[string]any{"ReportPath": name + ".report.json", "CertificateFile": certFiles(t, "auth-current"), "CleanUpFirstParty": true}
	}
	got := simulate(t, dir, []run{
		{Script: "entra-app.ps1", State: "existing.json", ScriptParameters: params("run"), OutState: "after.json", CallLog: "run.calls"},
		{Script: "entra-app.ps1", State: "renamed.json", ScriptParameters: params("renamed"), OutState: "renamed.after.json", CallLog: "renamed.calls"},
		{Script: "entra-app.ps1", ScriptParameters: params("unknown"), OutState: "unknown.json", CallLog: "unknown.calls"},
	})
	r := readReport(t, filepath.Join(dir, "run.report.json"))
	if got[0].ExitCode != 0 {
		t.Fatalf("run exited %d\n%s", got[0].ExitCode, describe(r))
	}
	after := readJSON(t, filepath.Join(dir, "after.json"))
	if ch := changes(readCalls(t, filepath.Join(dir, "run.calls"))); slices.Contains(ch, "New-MgApplication") {
		t.Errorf("the run created an application: %v", ch)
	}
	if k := keyThumbprints(t, after, ""); !slices.Equal(k, []string{authCurrent}) {
		t.Errorf("the application's key credentials are %v, want the auth certificate", k)
	}
	renamed := readReport(t, filepath.Join(dir, "renamed.report.json"))
	if got[1].ExitCode != 1 || !failedWith(renamed, "hybridc never renames an application") {
		t.Errorf("an application of the appId but another name: exit %d, want 1 and the refusal\n%s", got[1].ExitCode, describe(renamed))
	}
	if ch := changes(readCalls(t, filepath.Join(dir, "renamed.calls"))); len(ch) > 0 {
		t.Errorf("an application of the appId but another name: changes %v", ch)
	}
	unknown := readReport(t, filepath.Join(dir, "unknown.report.json"))
	if got[2].ExitCode != 1 || !failedWith(unknown, "no application has the appId "+appID) {
		t.Errorf("an unknown appId: exit %d, want 1 and the refusal\n%s", got[2].ExitCode, describe(unknown))
	}
	if ch := changes(readCalls(t, filepath.Join(dir, "unknown.calls"))); len(ch) > 0 {
		t.Errorf("an unknown appId: changes %v", ch)
	}
}

// TestScenarioHybridApplicationTakeover: the attacks on an application the
// script would grant full_access_as_app and hand Exchange's auth
// certificate. An application of the declared name registered first
// (appId not declared), and an application of the declared appId with a
// foreign owner, a client secret, a key credential whose identifier is the
// auth certificate's thumbprint but whose key is another certificate, or an
// undeclared certificate: each is refused before anything is granted, by a
// run and by -Check, and nothing changes (the shared principal keeps the
// auth certificate). The signed-in account as owner and the declared
// certificate verified by its key are accepted.
func TestScenarioHybridApplicationTakeover(t *testing.T) {
	dir := t.TempDir()
	const appID = "11111111-2222-4333-8444-555555555555"
	byName := filepath.Join(dir, "byname")
	if err := os.Mkdir(byName, 0o755); err != nil {
		t.Fatal(err)
	}
	compileEntraApp(t, byName, hybridAppYAML(false))
	compileEntraApp(t, dir, withAppID(hybridAppYAML(false), appID))
	mallory := []any{map[string]any{"id": "aaaaaaaa-0000-4000-8000-0000000000e1", "userPrincipalName": "mallory@contoso.com"}}
	cases := []struct {
		name, script string
		app          map[string]any
		want         string
	}{
		{"squatted name", "byname/entra-app.ps1", existingApp("99999999-2222-4333-8444-555555555555", hybridAppName, map[string]any{"owners": mallory}), "never takes over an application found by its name"},
		{"foreign owner", "entra-app.ps1", existingApp(appID, hybridAppName, map[string]any{"owners": mallory}), "owners other than the signed-in account: 'mallory@contoso.com'"},
		{"client secret", "entra-app.ps1", existingApp(appID, hybridAppName, map[string]any{"passwordCredentials": []any{map[string]any{"keyId": "aaaaaaaa-0000-4000-8000-0000000000d1", "displayName": "mine"}}}), "1 client secret(s)"},
		{"identifier with another key", "entra-app.ps1", existingApp(appID, hybridAppName, map[string]any{"keyCredentials": []any{keyCredential("aaaaaaaa-0000-4000-8000-0000000000d2", authCurrent, certKey(t, "auth-next"))}}), "whose key is not the certificate their identifier names: '" + authCurrent + "'"},
		{"undeclared certificate", "entra-app.ps1", existingApp(appID, hybridAppName, map[string]any{"keyCredentials": []any{keyCredential("aaaaaaaa-0000-4000-8000-0000000000d3", authNext, certKey(t, "auth-next"))}}), "'" + authNext + "'"},
	}
	var runs []run
	for i, c := range cases {
		tenantWith(t, filepath.Join(dir, fmt.Sprint(i, ".json")), c.app)
		for _, mode := range []string{"Run", "Check"} {
			runs = append(runs, run{Script: c.script, Mode: mode, State: fmt.Sprint(i, ".json"), OutState: fmt.Sprint(i, mode, ".after.json"), CallLog: fmt.Sprint(i, mode, ".calls"),
				ScriptParameters: map[string]any{"ReportPath": fmt.Sprint(i, mode, ".report.json"), "CertificateFile": certFiles(t, "auth-current"), "CleanUpFirstParty": true}})
		}
	}
	owner := []any{map[string]any{"id": "aaaaaaaa-0000-4000-8000-0000000000e2", "userPrincipalName": "Admin@contoso.onmicrosoft.com"}}
	tenantWith(t, filepath.Join(dir, "trusted.json"), existingApp(appID, hybridAppName, map[string]any{"owners": owner,
		"keyCredentials": []any{keyCredential("aaaaaaaa-0000-4000-8000-0000000000d4", authCurrent, certKey(t, "auth-current"))}}))
	runs = append(runs, run{Script: "entra-app.ps1", State: "trusted.json", OutState: "trusted.after.json", CallLog: "trusted.calls",
		ScriptParameters: map[string]any{"ReportPath": "trusted.report.json", "CleanUpFirstParty": true}})
	got := simulate(t, dir, runs)
	for i, c := range cases {
		for j, mode := range []string{"Run", "Check"} {
			o := got[2*i+j]
			r := readReport(t, filepath.Join(dir, fmt.Sprint(i, mode, ".report.json")))
			if o.ExitCode != 1 || !failedWith(r, c.want) {
				t.Errorf("%s (%s): exit %d, want 1 and the application refused with %q\n%s", c.name, mode, o.ExitCode, c.want, describe(r))
			}
			if ch := changes(readCalls(t, filepath.Join(dir, fmt.Sprint(i, mode, ".calls")))); len(ch) > 0 {
				t.Errorf("%s (%s): changes %v", c.name, mode, ch)
			}
		}
	}
	r := readReport(t, filepath.Join(dir, "trusted.report.json"))
	if o := got[len(got)-1]; o.ExitCode != 0 {
		t.Fatalf("the signed-in account as owner and the verified certificate: exit %d\n%s", o.ExitCode, describe(r))
	}
	if k := keyThumbprints(t, readJSON(t, filepath.Join(dir, "trusted.after.json")), "00000002-0000-0ff1-ce00-000000000000"); !slices.Equal(k, []string{otherFirstParty}) {
		t.Errorf("the first-party principal's key credentials after the clean-up: %v, want only %s", k, otherFirstParty)
	}
}

// TestScenarioHybridApplicationQuotedName: a display name with quotes and
// $(...) reaches Graph's filter as an OData string literal: the first run
// creates the application under exactly that name, and a -Check without
// appId then finds exactly it (and refuses it, found by name), so the quote
// neither breaks the filter nor matches another application.
func TestScenarioHybridApplicationQuotedName(t *testing.T) {
	dir := t.TempDir()
	const name = `Exchange 'hybrid' $(app) "x"`
	yaml := strings.Replace(hybridAppYAML(false), "displayName: ExchangeServerApp-6a1b2c3d-0000-4000-8000-00000000abcd", "displayName: '"+strings.ReplaceAll(name, "'", "''")+"'", 1)
	compileEntraApp(t, dir, yaml)
	files := certFiles(t, "auth-current")
	got := simulate(t, dir, []run{
		{Script: "entra-app.ps1", ScriptParameters: map[string]any{"CertificateFile": files}, OutState: "after.json", CallLog: "run.calls"},
		{Script: "entra-app.ps1", Mode: "Check", State: "after.json", ScriptParameters: map[string]any{"ReportPath": "found.report.json"}, OutState: "found.json", CallLog: "found.calls"},
	})
	apps := listOf(readJSON(t, filepath.Join(dir, "after.json"))["applications"])
	if got[0].ExitCode != 0 || len(apps) != 1 || apps[0].(map[string]any)["displayName"] != name {
		t.Fatalf("first run exited %d with applications %v, want 0 and one named %q", got[0].ExitCode, apps, name)
	}
	r := readReport(t, filepath.Join(dir, "found.report.json"))
	if want := "an application named '" + name + "' exists (appId " + apps[0].(map[string]any)["appId"].(string) + ")"; got[1].ExitCode != 1 || !failedWith(r, want) {
		t.Errorf("-Check after the run exited %d, want 1 and %q\n%s", got[1].ExitCode, want, describe(r))
	}
}

// hybridAppObject is the application a hybridApplication resource that
// declares appId names, as the operator created it (no permissions, no
// credentials, no owner): entra-app.ps1 refuses an application found by
// name, so a configuration's second run needs the appId, and its life
// starts from the application the appId names. nil for any other resource.
func hybridAppObject(r *model.Resource) map[string]any {
	if r.Kind != model.KindHybridApplication {
		return nil
	}
	for _, p := range r.Props {
		if id, ok := p.Value.(string); ok && p.Name == "AppId" {
			return map[string]any{"id": "aaaaaaaa-0000-4000-8000-0000000000a1", "appId": id, "displayName": r.Name,
				"requiredResourceAccess": []any{}, "keyCredentials": []any{}, "passwordCredentials": []any{}}
		}
	}
	return nil
}
