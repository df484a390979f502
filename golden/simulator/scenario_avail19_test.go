package simulator

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
)

// compileToDir compiles a configuration and writes its scripts into a new
// directory, which it returns.
func compileToDir(t *testing.T, yaml string) string {
	t.Helper()
	res, err := compiler.Compile(compiler.Source{Name: "input.yaml", Data: []byte(yaml)}, compiler.Options{ToolVersion: "0.0.0-test"})
	if err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("compile: %v %s", err, res.Diagnostics.String())
	}
	dir := t.TempDir()
	config{Files: res.Files}.scripts(t, dir)
	return dir
}

// caseYAML is a golden case's input.
func caseYAML(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "cases", name, "input.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// wantResult fails unless a report holds the resource with the status and
// a detail containing each part.
func wantResult(t *testing.T, label string, r report, resource, status string, parts ...string) {
	t.Helper()
	got, ok := r.byResource()[resource]
	if !ok {
		t.Errorf("%s: no result for %s:\n%s", label, resource, describe(r))
		return
	}
	if got[0] != status {
		t.Errorf("%s: %s is %s (%s), want %s", label, resource, got[0], got[1], status)
	}
	for _, p := range parts {
		if !strings.Contains(got[1], p) {
			t.Errorf("%s: %s's detail %q lacks %q", label, resource, got[1], p)
		}
	}
}

// countCalls is how many calls of a log call the cmdlet.
func countCalls(calls []call, cmdlet string) int {
	n := 0
	for _, c := range calls {
		if c.Cmdlet == cmdlet {
			n++
		}
	}
	return n
}

// TestScenarioCustomizationPending (issue 19 point 10): a new tenant whose
// organization customization takes hours. The first run enables it, finds
// the tenant still dehydrated after a short re-check, and reports the
// customization and the relationship that needs it 'pending' (exit 3)
// instead of attempting the relationship; the second run, where enabling
// again answers "has not yet taken effect", is pending too, never failed;
// once hydrated, the third run creates the relationship. A relationship
// Exchange itself refuses as dehydrated is pending as well.
func TestScenarioCustomizationPending(t *testing.T) {
	dir := compileToDir(t, caseYAML(t, "hybrid-free-busy"))
	delayed := map[string]any{"hydration": "delayed"}
	faults := writeFaults(t, dir, "again.json", fault{Cmdlet: "Enable-OrganizationCustomization", Kind: "notYetEffective"})
	refused := writeFaults(t, dir, "refused.json", fault{Cmdlet: "New-OrganizationRelationship", Kind: "notYetEffective"})
	runs := []run{
		{Script: "online.ps1", Add: map[string]any{"organizationConfig": map[string]any{"isDehydrated": true}}, Variant: delayed,
			ScriptParameters: reportFor("first.report.json"), OutState: "first.json", CallLog: "first.calls"},
		{Script: "online.ps1", State: "first.json", Variant: delayed, Faults: faults,
			ScriptParameters: reportFor("second.report.json"), OutState: "second.json", CallLog: "second.calls"},
		{Script: "online.ps1", State: "hydrated.json", ScriptParameters: reportFor("third.report.json"), OutState: "third.json", CallLog: "third.calls"},
		{Script: "online.ps1", State: "hydrated.json", Faults: refused, ScriptParameters: reportFor("refused.report.json"), OutState: "refused.json", CallLog: "refused.calls"},
	}
	got := simulate(t, dir, runs[:2])
	st := readJSON(t, filepath.Join(dir, "second.json"))
	st["organizationConfig"].(map[string]any)["isDehydrated"] = false // hydrated meanwhile
	writeJSON(t, filepath.Join(dir, "hydrated.json"), st)
	got = append(got, simulate(t, dir, runs[2:])...)

	for i, name := range []string{"first", "second"} {
		r := readReport(t, filepath.Join(dir, name+".report.json"))
		if got[i].ExitCode != 3 {
			t.Errorf("%s run exited %d, want 3 (pending)\n%s", name, got[i].ExitCode, describe(r))
		}
		wantResult(t, name, r, "organizationCustomization", "pending", "run the script again later")
		wantResult(t, name, r, "organizationRelationship/To On-Premises", "pending", "organization customization", "New-OrganizationRelationship")
		if countCalls(readCalls(t, filepath.Join(dir, name+".calls")), "New-OrganizationRelationship") > 0 {
			t.Errorf("%s run attempted New-OrganizationRelationship on a dehydrated tenant", name)
		}
	}
	third := readReport(t, filepath.Join(dir, "third.report.json"))
	if got[2].ExitCode != 0 {
		t.Errorf("the run after hydration exited %d, want 0\n%s", got[2].ExitCode, describe(third))
	}
	wantResult(t, "third", third, "organizationRelationship/To On-Premises", "created")
	refusedReport := readReport(t, filepath.Join(dir, "refused.report.json"))
	if got[3].ExitCode != 3 {
		t.Errorf("a relationship refused as dehydrated: exit %d, want 3\n%s", got[3].ExitCode, describe(refusedReport))
	}
	wantResult(t, "refused", refusedReport, "organizationRelationship/To On-Premises", "pending", "has not yet taken effect")
	if n := countCalls(readCalls(t, filepath.Join(dir, "refused.calls")), "New-OrganizationRelationship"); n != 1 {
		t.Errorf("a change refused as dehydrated was called %d times, want once (no retry within the run)", n)
	}
}

// TestScenarioSendConnectorWhatIf (issue 19 point 9): with the hybrid send
// connector missing, or there only under the wizard's name without adopt,
// -WhatIf reports the connector as -Check does (skipped, naming why a run
// would fail) and exits 0; -Check reports it drifted (exit 2), as plan
// --state counts it; only a run fails.
func TestScenarioSendConnectorWhatIf(t *testing.T) {
	dir := compileToDir(t, caseYAML(t, "send-connector-settings"))
	wizard := map[string]any{"sendConnectors": []any{map[string]any{"name": "Outbound to Office 365 - 1f2e3d4c", "addressSpaces": []any{},
		"cloudServicesMailEnabled": true, "sourceTransportServers": []any{"EX01"}}}}
	runs := []run{
		{Script: "onprem.ps1", Mode: "WhatIf", ScriptParameters: reportFor("missing.whatif.json"), OutState: "o1.json", CallLog: "c1.calls"},
		{Script: "onprem.ps1", Mode: "Check", ScriptParameters: reportFor("missing.check.json"), OutState: "o2.json", CallLog: "c2.calls"},
		{Script: "onprem.ps1", Mode: "WhatIf", Add: wizard, ScriptParameters: reportFor("wizard.whatif.json"), OutState: "o3.json", CallLog: "c3.calls"},
		{Script: "onprem.ps1", Mode: "Check", Add: wizard, ScriptParameters: reportFor("wizard.check.json"), OutState: "o4.json", CallLog: "c4.calls"},
		{Script: "onprem.ps1", ScriptParameters: reportFor("missing.run.json"), OutState: "o5.json", CallLog: "c5.calls"},
	}
	got := simulate(t, dir, runs)
	const id = "sendConnector/Outbound to Office 365"
	for i, c := range []struct{ report, status, detail string }{
		{"missing.whatif.json", "skipped", "Hybrid Configuration Wizard"},
		{"missing.check.json", "drifted", "Hybrid Configuration Wizard"},
		{"wizard.whatif.json", "skipped", "exists as 'Outbound to Office 365 - 1f2e3d4c'"},
		{"wizard.check.json", "drifted", "exists as 'Outbound to Office 365 - 1f2e3d4c'"},
		{"missing.run.json", "failed", "Hybrid Configuration Wizard"},
	} {
		want := map[string]int{"skipped": 0, "drifted": 2, "failed": 1}[c.status]
		r := readReport(t, filepath.Join(dir, c.report))
		if got[i].ExitCode != want {
			t.Errorf("%s: exit %d, want %d\n%s", c.report, got[i].ExitCode, want, describe(r))
		}
		wantResult(t, c.report, r, id, c.status, c.detail)
	}
}

// TestScenarioSendConnectorMisrouted (issue 19 point 14): a hybrid send
// connector whose source servers, TLS settings and smart hosts differ from
// the declared ones is drift (-Check exits 2 naming each), a run corrects it
// with one Set-SendConnector (smart hosts with DNS routing off), and -Check
// then finds it in sync, with Exchange's renderings (an IP smart host in
// brackets, a source server as a canonical name, the certificate's issuer
// and subject spaced otherwise: review finding 7) taken as the same
// values. RequireTLS is set with the TLS level, which the simulated
// Exchange refuses without it (review finding 5).
func TestScenarioSendConnectorMisrouted(t *testing.T) {
	dir := compileToDir(t, caseYAML(t, "send-connector-settings"))
	misrouted := map[string]any{"sendConnectors": []any{map[string]any{"name": "Outbound to Office 365",
		"addressSpaces": []any{"SMTP:contoso.mail.onmicrosoft.com;1"}, "cloudServicesMailEnabled": true,
		"sourceTransportServers": []any{"EX01", "EDGE01"}, "tlsAuthLevel": "EncryptionOnly", "tlsDomain": "relay.fabrikam.com",
		"tlsCertificateName": "<I>CN=Other CA<S>CN=mail.contoso.com", "smartHosts": []any{}, "dnsRoutingEnabled": true}}}
	rendered := map[string]any{"sendConnectors": []any{map[string]any{"name": "Outbound to Office 365",
		"addressSpaces": []any{"SMTP:contoso.mail.onmicrosoft.com;1"}, "cloudServicesMailEnabled": true,
		"sourceTransportServers": []any{"contoso.com/Configuration/Servers/ex01", "contoso.com/Configuration/Servers/EX02"},
		"tlsAuthLevel":           "DomainValidation", "tlsDomain": "mail.protection.outlook.com",
		"tlsCertificateName": "<I>CN=Contoso Issuing CA,O=Contoso,C=US<S>cn=mail.contoso.com,O=Contoso,C=US", "requireTLS": true,
		"smartHosts": []any{"[10.0.0.25]", "smtp-relay.contoso.com"}, "dnsRoutingEnabled": false}}}
	runs := []run{
		{Script: "onprem.ps1", Mode: "Check", Add: misrouted, ScriptParameters: reportFor("drift.json"), OutState: "start.json", CallLog: "c1.calls"},
		{Script: "onprem.ps1", State: "start.json", ScriptParameters: reportFor("run.json"), OutState: "after.json", CallLog: "c2.calls"},
		{Script: "onprem.ps1", Mode: "Check", State: "after.json", ScriptParameters: reportFor("insync.json"), OutState: "o3.json", CallLog: "c3.calls"},
		{Script: "onprem.ps1", Mode: "Check", Add: rendered, ScriptParameters: reportFor("rendered.json"), OutState: "o4.json", CallLog: "c4.calls"},
	}
	got := simulate(t, dir, runs)
	const id = "sendConnector/Outbound to Office 365"
	drift := readReport(t, filepath.Join(dir, "drift.json"))
	if got[0].ExitCode != 2 {
		t.Errorf("-Check on a misrouted connector exited %d, want 2\n%s", got[0].ExitCode, describe(drift))
	}
	wantResult(t, "drift", drift, id, "drifted", "SourceTransportServers", "EDGE01", "TlsAuthLevel", "TlsDomain", "TlsCertificateName", "SmartHosts")
	wantResult(t, "run", readReport(t, filepath.Join(dir, "run.json")), id, "updated")
	var set []call
	for _, c := range readCalls(t, filepath.Join(dir, "c2.calls")) {
		if c.Cmdlet == "Set-SendConnector" {
			set = append(set, c)
		}
	}
	if len(set) != 1 {
		t.Fatalf("the run made %d Set-SendConnector calls, want 1", len(set))
	}
	for _, p := range []string{"SourceTransportServers", "RequireTLS", "TlsAuthLevel", "TlsDomain", "TlsCertificateName", "SmartHosts", "DNSRoutingEnabled"} {
		if _, ok := set[0].Parameters[p]; !ok {
			t.Errorf("Set-SendConnector lacks -%s: %v", p, set[0].Parameters)
		}
	}
	if _, ok := set[0].Parameters["AddressSpaces"]; ok {
		t.Errorf("Set-SendConnector replaced the address spaces it already had: %v", set[0].Parameters)
	}
	for i, name := range []string{"insync.json", "rendered.json"} {
		r := readReport(t, filepath.Join(dir, name))
		if got[2+i].ExitCode != 0 {
			t.Errorf("%s: -Check exited %d, want 0 (in sync)\n%s", name, got[2+i].ExitCode, describe(r))
		}
	}
}

// TestScenarioSendConnectorSourceServersIncluded (review finding 4): the
// declared source servers are included, not exact: a run adds the missing
// one and keeps a server the YAML does not declare; only with
// exclusiveSourceServers: true is that server removed.
func TestScenarioSendConnectorSourceServersIncluded(t *testing.T) {
	yaml := caseYAML(t, "send-connector-settings")
	connector := map[string]any{"sendConnectors": []any{map[string]any{"name": "Outbound to Office 365",
		"addressSpaces": []any{"SMTP:contoso.mail.onmicrosoft.com;1"}, "cloudServicesMailEnabled": true,
		"sourceTransportServers": []any{"EX01", "EX03"}, "tlsAuthLevel": "DomainValidation", "tlsDomain": "mail.protection.outlook.com", "requireTLS": true,
		"tlsCertificateName": "<I>CN=Contoso Issuing CA, O=Contoso, C=US<S>CN=mail.contoso.com, O=Contoso, C=US",
		"smartHosts":         []any{"[10.0.0.25]", "smtp-relay.contoso.com"}, "dnsRoutingEnabled": false}}}
	for _, tt := range []struct {
		name, yaml string
		want       []any
	}{
		{"included", yaml, []any{"EX01", "EX03", "EX02"}},
		{"exclusive", strings.Replace(yaml, "    sourceServers:\n", "    exclusiveSourceServers: true\n    sourceServers:\n", 1), []any{"EX01", "EX02"}},
	} {
		dir := compileToDir(t, tt.yaml)
		got := simulate(t, dir, []run{
			{Script: "onprem.ps1", Add: connector, ScriptParameters: reportFor("run.json"), OutState: "after.json", CallLog: "c1.calls"},
			{Script: "onprem.ps1", Mode: "Check", State: "after.json", ScriptParameters: reportFor("insync.json"), OutState: "o2.json", CallLog: "c2.calls"},
		})
		const id = "sendConnector/Outbound to Office 365"
		wantResult(t, tt.name, readReport(t, filepath.Join(dir, "run.json")), id, "updated", "SourceTransportServers")
		scs, _ := readJSON(t, filepath.Join(dir, "after.json"))["sendConnectors"].([]any)
		servers := scs[0].(map[string]any)["sourceTransportServers"]
		if fmt.Sprint(servers) != fmt.Sprint(tt.want) {
			t.Errorf("%s: source servers after the run %v, want %v", tt.name, servers, tt.want)
		}
		if got[1].ExitCode != 0 {
			t.Errorf("%s: -Check after the run exited %d, want 0\n%s", tt.name, got[1].ExitCode, describe(readReport(t, filepath.Join(dir, "insync.json"))))
		}
	}
}

// TestScenarioAddressSpaceReplacementWithoutUserName (review finding 8):
// an OrgWideFB address space without the service account holds credentials
// even when Exchange shows no UserName: it is not replaced either.
func TestScenarioAddressSpaceReplacementWithoutUserName(t *testing.T) {
	withCredentials := map[string]any{"availabilityAddressSpaces": []any{map[string]any{"forestName": "service.contoso.com",
		"accessMethod": "OrgWideFB", "useServiceAccount": false}}}
	dir := compileToDir(t, addressSpaceYAML("      accessMethod: InternalProxy\n"))
	got := simulate(t, dir, []run{
		{Script: "onprem.ps1", Mode: "Check", Add: withCredentials, ScriptParameters: reportFor("check.json"), OutState: "o1.json", CallLog: "c1.calls"},
		{Script: "onprem.ps1", Add: withCredentials, ScriptParameters: reportFor("run.json"), OutState: "after.json", CallLog: "c2.calls"},
	})
	const id = "availabilityAddressSpace/service.contoso.com"
	if got[0].ExitCode != 2 || got[1].ExitCode != 1 {
		t.Errorf("credentials kept: -Check exited %d (want 2), the run %d (want 1)", got[0].ExitCode, got[1].ExitCode)
	}
	wantResult(t, "run", readReport(t, filepath.Join(dir, "run.json")), id, "failed", "holds credentials", "promptForCredentials")
	if ch := changes(readCalls(t, filepath.Join(dir, "c2.calls"))); len(ch) > 0 {
		t.Errorf("an address space holding credentials was changed: %v", ch)
	}
}

// addressSpaceYAML is an on-premises organization with one availability
// address space, declared by the lines given.
func addressSpaceYAML(lines string) string {
	return `version: 1
onPremises:
  organization: Contoso
  exchangeVersion: "2016"
  primarySmtpDomains: [contoso.com]
  federatedDelegationNamespace: exchangedelegation.contoso.com
  availabilityAddressSpaces:
    - forestName: service.contoso.com
` + lines + `exchangeOnline:
  tenant: contoso.onmicrosoft.com
  routingDomain: contoso.mail.onmicrosoft.com
  serviceRoutingNamespace: service.contoso.com
  primarySmtpDomains: [contoso.com]
`
}

// TestScenarioAddressSpaceReplacement (issue 19 point 1): Exchange has no
// Set-AvailabilityAddressSpace, so a change removes and adds. An address
// space holding credentials (Exchange never returns the password) is not
// replaced when the new one gets none: nothing is removed, the run fails
// naming why, -Check reports drift. When adding the new one fails, the old
// one comes back with its own settings only: not the credentials entered
// for the new one, and UseServiceAccount only where it was set.
func TestScenarioAddressSpaceReplacement(t *testing.T) {
	withCredentials := map[string]any{"availabilityAddressSpaces": []any{map[string]any{"forestName": "service.contoso.com",
		"accessMethod": "OrgWideFB", "useServiceAccount": false, "userName": "CONTOSO\\fbproxy"}}}
	refuse := compileToDir(t, addressSpaceYAML("      accessMethod: InternalProxy\n"))
	got := simulate(t, refuse, []run{
		{Script: "onprem.ps1", Mode: "Check", Add: withCredentials, ScriptParameters: reportFor("check.json"), OutState: "o1.json", CallLog: "c1.calls"},
		{Script: "onprem.ps1", Add: withCredentials, ScriptParameters: reportFor("run.json"), OutState: "after.json", CallLog: "c2.calls"},
	})
	const id = "availabilityAddressSpace/service.contoso.com"
	if got[0].ExitCode != 2 || got[1].ExitCode != 1 {
		t.Errorf("credentials kept: -Check exited %d (want 2), the run %d (want 1)", got[0].ExitCode, got[1].ExitCode)
	}
	wantResult(t, "check", readReport(t, filepath.Join(refuse, "check.json")), id, "drifted", "CONTOSO\\fbproxy")
	wantResult(t, "run", readReport(t, filepath.Join(refuse, "run.json")), id, "failed", "CONTOSO\\fbproxy", "promptForCredentials")
	if ch := changes(readCalls(t, filepath.Join(refuse, "c2.calls"))); len(ch) > 0 {
		t.Errorf("an address space holding credentials was changed: %v", ch)
	}

	wizard := map[string]any{"availabilityAddressSpaces": []any{map[string]any{"forestName": "service.contoso.com",
		"accessMethod": "InternalProxy", "useServiceAccount": false}}}
	restore := compileToDir(t, addressSpaceYAML("      accessMethod: OrgWideFB\n      promptForCredentials: true\n"))
	faults := writeFaults(t, restore, "add.json", fault{Cmdlet: "Add-AvailabilityAddressSpace", Kind: "denied", Times: 1})
	got = simulate(t, restore, []run{
		{Script: "onprem.ps1", Add: wizard, Faults: faults, ScriptParameters: reportFor("run.json"), OutState: "after.json", CallLog: "c.calls"},
	})
	wantResult(t, "restore", readReport(t, filepath.Join(restore, "run.json")), id, "failed", "the previous one was restored")
	var adds []call
	for _, c := range readCalls(t, filepath.Join(restore, "c.calls")) {
		if c.Cmdlet == "Add-AvailabilityAddressSpace" {
			adds = append(adds, c)
		}
	}
	if len(adds) != 2 {
		t.Fatalf("%d Add-AvailabilityAddressSpace calls, want the new one and the restore", len(adds))
	}
	if _, ok := adds[0].Parameters["Credentials"]; !ok {
		t.Errorf("the new address space was added without the credentials asked for: %v", adds[0].Parameters)
	}
	for _, p := range []string{"Credentials", "UseServiceAccount"} {
		if _, ok := adds[1].Parameters[p]; ok {
			t.Errorf("the restore passed -%s, which the previous address space did not have: %v", p, adds[1].Parameters)
		}
	}
	if adds[1].Parameters["AccessMethod"] != "InternalProxy" {
		t.Errorf("the restore added %v, want the previous InternalProxy", adds[1].Parameters)
	}
	spaces, _ := readJSON(t, filepath.Join(restore, "after.json"))["availabilityAddressSpaces"].([]any)
	if len(spaces) != 1 || spaces[0].(map[string]any)["accessMethod"] != "InternalProxy" {
		t.Errorf("after the failed replacement the organization holds %v, want the previous address space", spaces)
	}
}

// TestScenarioExportEWSUrl (issue 19 point 15): the on-premises export
// records the EWS virtual directories' external URLs in the state and
// prints the values to copy into the tenant's relationship towards
// on-premises, whose default targetAutodiscoverEpr is only a guess.
func TestScenarioExportEWSUrl(t *testing.T) {
	dir := t.TempDir()
	files, err := compiler.RenderExport(compiler.ExportOptions{ToolVersion: "0.0.0-test"})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files.Names() {
		if err := os.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	org := map[string]any{"$schema": "https://hybridc.dev/schema/state.schema.json", "formatVersion": 1, "kind": "onPremises", "organization": "Contoso",
		"folders": []any{}, "organizationConfig": map[string]any{"name": "Contoso"}, "federatedDomains": []any{},
		"ewsExternalUrls": []any{"https://mail.contoso.com/EWS/Exchange.asmx"}, "acceptedDomains": []any{}, "organizationRelationships": []any{},
		"availabilityAddressSpaces": []any{}, "sendConnectors": []any{}, "recipients": []any{}, "unifiedGroups": []any{}, "roleGroups": []any{},
		"roleAssignmentPolicies": []any{}, "permissions": []any{}, "messageConfigurations": []any{}}
	writeJSON(t, filepath.Join(dir, "org.json"), org)
	got := simulate(t, dir, []run{{Script: compiler.ExportOnPremisesScript, State: "org.json",
		ScriptParameters: map[string]any{"StatePath": "exported.json", "Organization": "Contoso"}, OutState: "o.json", CallLog: "c.calls"}})
	if got[0].ExitCode != 0 {
		t.Fatalf("the export exited %d:\n%s", got[0].ExitCode, readOutput(t, dir))
	}
	urls, _ := readJSON(t, filepath.Join(dir, "exported.json"))["ewsExternalUrls"].([]any)
	if len(urls) != 1 || urls[0] != "https://mail.contoso.com/EWS/Exchange.asmx" {
		t.Errorf("the state records ewsExternalUrls %v", urls)
	}
	out := readOutput(t, dir)
	for _, want := range []string{"targetSharingEpr: https://mail.contoso.com/EWS/Exchange.asmx/WSSecurity",
		"targetAutodiscoverEpr, if mail.contoso.com also publishes Autodiscover: https://mail.contoso.com/autodiscover/autodiscover.svc/WSSecurity"} {
		if !strings.Contains(out, want) {
			t.Errorf("the export's output lacks %q:\n%s", want, out)
		}
	}
}
