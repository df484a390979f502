package simulator

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
)

// The Hybrid Configuration Wizard's objects: names as the wizard gives them.
const (
	wizardOnlineRelationship = "O365 to On-premises - 3f6c2d1e-7a8b-4c9d-8e0f-1a2b3c4d5e6f"
	wizardOnPremRelationship = "On-premises to O365 - 8d5e4b2a-3c1f-4e6a-9b7d-2f1a0c9e8b71"
	wizardConnector          = "Outbound to Office 365 - 5b7c9d1e-2f3a-4b5c-8d6e-7f8a9b0c1d2e"
)

// TestAdoptWizardObjects runs golden/cases/adopt-wizard-objects on an
// organization the wizard set up: its relationships (the on-premises one
// under the name the configuration gives, the tenant's under the wizard's
// name, with the same domains) and its send connector, which differ from
// the configuration in a value each. The run adopts them: it updates them
// under their own names, creates no relationship and no connector, and a
// -Check afterwards finds nothing to change. The same configuration
// without adopt refuses, naming the wizard's objects, and creates nothing.
func TestAdoptWizardObjects(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join("..", "cases", "adopt-wizard-objects", "input.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	noAdopt := strings.ReplaceAll(string(data), "adopt: true", "adopt: false")
	if strings.Count(string(data), "adopt: true") != 2 {
		t.Fatalf("adopt-wizard-objects no longer sets adopt: true twice; update this test")
	}
	dir := t.TempDir()
	adopt := compileYAML(t, "adopt-wizard-objects", data)
	refuse := compileYAML(t, "adopt-wizard-objects without adopt", []byte(noAdopt))
	scripts := adopt.scripts(t, dir)
	if err := os.Mkdir(filepath.Join(dir, "noadopt"), 0o755); err != nil {
		t.Fatal(err)
	}
	refuse.scripts(t, filepath.Join(dir, "noadopt"))
	var runs []run
	for _, s := range scripts {
		seed := adoptSeed(t, adopt, s)
		report := func(name string) map[string]any { return map[string]any{"ReportPath": name + ".report.json"} }
		runs = append(runs,
			run{Script: s, Add: seed, ScriptParameters: report(s + ".run"), OutState: s + ".after.json", CallLog: s + ".run.calls"},
			run{Script: s, Mode: "Check", State: s + ".after.json", ScriptParameters: report(s + ".insync"), OutState: s + ".insync.json", CallLog: s + ".insync.calls"},
			run{Script: "noadopt/" + s, Add: seed, ScriptParameters: report("noadopt/" + s + ".run"), OutState: "noadopt/" + s + ".after.json", CallLog: "noadopt/" + s + ".run.calls"})
	}
	got := simulate(t, dir, runs)
	for i, s := range scripts {
		path := func(name string) string { return filepath.Join(dir, name) }
		// The adopting run.
		r := readReport(t, path(s+".run.report.json"))
		calls := readCalls(t, path(s+".run.calls"))
		if got[3*i].ExitCode != 0 {
			t.Errorf("%s exited %d with the wizard's objects, want 0\n%s", s, got[3*i].ExitCode, describe(r))
		}
		for _, c := range changes(calls) {
			if c != "Set-OrganizationRelationship" && c != "Set-SendConnector" && c != "Enable-OrganizationCustomization" {
				t.Errorf("%s: %s called; want only the wizard's objects updated", s, c)
			}
		}
		after := readJSON(t, path(s+".after.json"))
		adoptOne(t, s, after, "organizationRelationships", "name", adoptWizardName(adopt, s))
		if s == "onprem.ps1" {
			connector := adoptOne(t, s, after, "sendConnectors", "name", wizardConnector)
			if _, held := orgDrop(connector["addressSpaces"], "SMTP:contoso.mail.onmicrosoft.com;1"); !held {
				t.Errorf("%s: the wizard's connector lacks the declared address space: %v", s, connector["addressSpaces"])
			}
			adoptDetail(t, s, r, "sendConnector/Outbound to Office 365", "updated", "'"+wizardConnector+"'")
		} else {
			rel := adoptOne(t, s, after, "organizationRelationships", "name", wizardOnlineRelationship)
			if rel["freeBusyAccessEnabled"] != true || orgStr(rel, "freeBusyAccessLevel") != "LimitedDetails" {
				t.Errorf("%s: the adopted relationship was not updated: %v", s, rel)
			}
			adoptDetail(t, s, r, "organizationRelationship/To On-Premises", "updated", "exists as '"+wizardOnlineRelationship+"': adopted")
		}
		ri := readReport(t, path(s+".insync.report.json"))
		if st := ri.statuses(); got[3*i+1].ExitCode != 0 || st["unchanged"] != len(ri.Results) {
			t.Errorf("%s -Check after adopting exited %d with %v, want 0 and nothing to change\n%s", s, got[3*i+1].ExitCode, st, describe(ri))
		}
		// The run without adopt.
		s2 := "noadopt/" + s
		r2 := readReport(t, path(s2+".run.report.json"))
		if got[3*i+2].ExitCode != 1 {
			t.Errorf("%s without adopt exited %d, want 1 (refused)\n%s", s, got[3*i+2].ExitCode, describe(r2))
		}
		for _, c := range changes(readCalls(t, path(s2+".run.calls"))) {
			if strings.HasPrefix(c, "New-") || strings.HasPrefix(c, "Add-") || c == "Set-SendConnector" {
				t.Errorf("%s without adopt: %s called; want nothing created or taken over", s, c)
			}
		}
		after2 := readJSON(t, path(s2+".after.json"))
		adoptOne(t, s2, after2, "organizationRelationships", "name", adoptWizardName(adopt, s))
		if s == "onprem.ps1" {
			adoptOne(t, s2, after2, "sendConnectors", "name", wizardConnector)
			adoptDetail(t, s2, r2, "sendConnector/Outbound to Office 365", "failed", "exists as '"+wizardConnector+"'")
		} else {
			adoptDetail(t, s2, r2, "organizationRelationship/To On-Premises", "failed", "exists as '"+wizardOnlineRelationship+"'")
		}
	}
}

// compileYAML compiles a configuration that must have no errors.
func compileYAML(t *testing.T, label string, data []byte) config {
	t.Helper()
	src := compiler.Source{Name: "input.yaml", Data: data}
	res, err := compiler.Compile(src, compiler.Options{ToolVersion: "0.0.0-test"})
	if err != nil {
		t.Fatalf("%s: compile: %v", label, err)
	}
	if res.Diagnostics.HasErrors() {
		t.Fatalf("%s:\n%s", label, res.Diagnostics.String())
	}
	return config{Label: label, YAML: data, Files: res.Files, Schedule: compiler.Analyze(src).Schedule}
}

// adoptWizardName is the name the wizard gave the relationship a script
// declares: the declared one when it is the wizard's.
func adoptWizardName(c config, script string) string {
	for _, sp := range c.Schedule.Scripts {
		for _, r := range sp.Resources {
			if sp.Target.File == script && r.Kind == compiler.KindOrganizationRelationship {
				switch {
				case strings.HasPrefix(r.Name, "On-premises to O365 - ") || strings.HasPrefix(r.Name, "O365 to On-premises - "):
					return r.Name
				case sp.Target.Online:
					return wizardOnlineRelationship
				default:
					return wizardOnPremRelationship
				}
			}
		}
	}
	return ""
}

// adoptSeed is what the wizard created for what a script declares, in the
// state format: the relationship with the declared domains (free/busy still
// off) and the send connector with CloudServicesMailEnabled (no address
// space yet).
func adoptSeed(t *testing.T, c config, script string) map[string]any {
	t.Helper()
	seed := map[string]any{}
	for _, sp := range c.Schedule.Scripts {
		if sp.Target.File != script {
			continue
		}
		for _, r := range sp.Resources {
			switch r.Kind {
			case compiler.KindOrganizationRelationship:
				domains := driftSpec(r)["DomainNames"]
				seed["organizationRelationships"] = []any{map[string]any{"name": adoptWizardName(c, script), "enabled": true, "domainNames": domains,
					"freeBusyAccessEnabled": false, "freeBusyAccessLevel": "None", "mailTipsAccessEnabled": false, "deliveryReportEnabled": false}}
			case compiler.KindSendConnector:
				seed["sendConnectors"] = []any{map[string]any{"name": wizardConnector, "addressSpaces": []any{}, "cloudServicesMailEnabled": true, "sourceTransportServers": []any{"EX01"}}}
			}
		}
	}
	if len(seed) == 0 {
		t.Fatalf("%s declares neither a relationship nor a send connector", script)
	}
	return seed
}

// adoptOne checks that an organization holds exactly one object of a list,
// named so, and returns it.
func adoptOne(t *testing.T, script string, st map[string]any, list, field, name string) map[string]any {
	t.Helper()
	if n := len(orgList(st, list)); n != 1 {
		t.Errorf("%s: the organization holds %d %s, want exactly the wizard's one", script, n, list)
	}
	object, err := orgNamed(st, list, field, name)
	if err != nil {
		t.Errorf("%s: %v", script, err)
		return map[string]any{}
	}
	return object
}

// adoptDetail checks a resource's status and that its detail says a text.
func adoptDetail(t *testing.T, script string, r report, resource, status, text string) {
	t.Helper()
	for _, res := range r.Results {
		if res.Resource == resource {
			if res.Status != status || !strings.Contains(res.Detail, text) {
				t.Errorf("%s: %s is %s (%s), want %s saying %q", script, resource, res.Status, res.Detail, status, text)
			}
			return
		}
	}
	t.Errorf("%s: the report does not name %s\n%s", script, resource, describe(r))
}

// safetyYAML declares Organization Management in both organizations with
// two members each, exclusive or not.
func safetyYAML(exclusive bool) []byte {
	flag := ""
	if exclusive {
		flag = "\n      exclusive: true"
	}
	return []byte(`version: 1
onPremises:
  organization: Contoso
  exchangeVersion: SE
  primarySmtpDomains: [contoso.com]
  federatedDelegationNamespace: exchangedelegation.contoso.com
  roleGroups:
    - name: Organization Management` + flag + `
      members: [ADMIN1, ADMIN2]
exchangeOnline:
  tenant: contoso.onmicrosoft.com
  routingDomain: contoso.mail.onmicrosoft.com
  serviceRoutingNamespace: service.contoso.com
  primarySmtpDomains: [contoso.com]
  roleGroups:
    - name: Organization Management` + flag + `
      members: [EXO1, EXO2]
mailboxes:
  - {name: ADMIN1, location: onPremises}
  - {name: ADMIN2, location: onPremises}
  - {name: EXO1, location: exchangeOnline}
  - {name: EXO2, location: exchangeOnline}
`)
}

// safetyOrganization is an organization whose Organization Management
// holds the running account (admin named so; another name when the
// running account must not be found), another user (OTHER1) and a group
// (Tier2 Admins), and not yet the declared members.
func safetyOrganization(online bool, admin string) map[string]any {
	kind, org, declared := "onPremises", "Contoso", []string{"ADMIN1", "ADMIN2"}
	if online {
		kind, org, declared = "exchangeOnline", "contoso.onmicrosoft.com", []string{"EXO1", "EXO2"}
	}
	var recipients []any
	add := func(n int, name, details string) string {
		guid := fmt.Sprintf("5afe0000-0000-4000-8000-%012d", n)
		address := name + "@contoso.com"
		if name == admin && online {
			address = name + "@contoso.onmicrosoft.com"
		}
		alias := strings.ReplaceAll(name, " ", "")
		r := map[string]any{"guid": guid, "name": name, "alias": alias, "samAccountName": alias}
		if online {
			r["externalDirectoryObjectId"] = fmt.Sprintf("5afe0000-0000-4000-9000-%012d", n)
			r["identity"] = name
		} else {
			r["distinguishedName"] = "CN=" + name + ",OU=Users,DC=contoso,DC=com"
			r["identity"] = "contoso.com/Users/" + name
			r["sid"] = fmt.Sprintf("S-1-5-21-1004336348-1177238915-682003330-%d", 7000+n)
		}
		if details != "UniversalSecurityGroup" {
			r["primarySmtpAddress"] = address
			r["emailAddresses"] = []any{"SMTP:" + address}
			r["userPrincipalName"] = address
			if online && details != "MailUniversalSecurityGroup" {
				r["windowsLiveID"] = address
			}
		}
		if details != "" {
			r["recipientTypeDetails"] = details
		}
		if details == "UserMailbox" {
			r["roleAssignmentPolicy"] = "Default Role Assignment Policy"
			r["grantSendOnBehalfTo"] = []any{}
		}
		recipients = append(recipients, r)
		return guid
	}
	group := "UniversalSecurityGroup"
	if online {
		group = "MailUniversalSecurityGroup"
	}
	members := []any{add(1, admin, ""), add(2, "OTHER1", ""), add(3, "Tier2 Admins", group)}
	for i, name := range declared {
		add(4+i, name, "UserMailbox")
	}
	config := map[string]any{"name": org}
	if online {
		config["isDehydrated"] = false
	} else {
		config["aclableSyncedObjectEnabled"] = false
	}
	st := map[string]any{"formatVersion": 1, "kind": kind, "organization": org, "organizationConfig": config, "recipients": recipients,
		"roleGroups": []any{
			map[string]any{"name": "Organization Management", "members": members, "roles": []any{"Organization Client Access", "Role Management", "Mail Recipients"}},
			map[string]any{"name": "Recipient Management", "members": []any{}, "roles": []any{}},
		},
		"roleAssignmentPolicies": []any{map[string]any{"name": "Default Role Assignment Policy", "isDefault": true, "assignedRoles": []any{"MyBaseOptions"}}}}
	for _, list := range []string{"folders", "federatedDomains", "acceptedDomains", "organizationRelationships", "availabilityAddressSpaces", "sendConnectors", "unifiedGroups", "permissions", "messageConfigurations"} {
		st[list] = []any{}
	}
	if !online {
		st["exchangeVersion"] = "Version 15.2 (Build 2562.17)"
	}
	return st
}

// safetyMembers are the names of Organization Management's members.
func safetyMembers(t *testing.T, st map[string]any) []string {
	t.Helper()
	group, err := orgNamed(st, "roleGroups", "name", "Organization Management")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, guid := range orgAnyList(group["members"]) {
		r, err := orgRecipient(st, fmt.Sprint(guid))
		if err != nil {
			t.Fatalf("member %v: %v", guid, err)
		}
		out = append(out, orgStr(r, "name"))
	}
	return out
}

// safetyAccounts are the running account of each script, as the
// simulator's Get-ConnectionInformation (online) and the stand-in for
// Get-HybridcCurrentAccountSid (on-premises) name it.
var safetyAccounts = map[string]string{"onprem.ps1": "Administrator", "online.ps1": "admin"}

// TestSafetyBuiltInRoleGroupAdditive: without exclusive, declaring
// Organization Management adds the declared members and removes none of
// the others (the running account, another user, a group).
func TestSafetyBuiltInRoleGroupAdditive(t *testing.T) {
	t.Parallel()
	c := compileYAML(t, "Organization Management, additive", safetyYAML(false))
	dir := t.TempDir()
	scripts := c.scripts(t, dir)
	var runs []run
	for _, s := range scripts {
		writeJSON(t, filepath.Join(dir, s+".org.json"), safetyOrganization(s == "online.ps1", safetyAccounts[s]))
		runs = append(runs, run{Script: s, State: s + ".org.json", ScriptParameters: map[string]any{"ReportPath": s + ".report.json"}, OutState: s + ".after.json", CallLog: s + ".calls"})
	}
	got := simulate(t, dir, runs)
	for i, s := range scripts {
		r := readReport(t, filepath.Join(dir, s+".report.json"))
		if got[i].ExitCode != 0 {
			t.Errorf("%s exited %d, want 0\n%s", s, got[i].ExitCode, describe(r))
		}
		if ch := changes(readCalls(t, filepath.Join(dir, s+".calls"))); strings.Join(ch, ",") != "Add-RoleGroupMember,Add-RoleGroupMember" {
			t.Errorf("%s made %v, want two Add-RoleGroupMember and nothing removed", s, ch)
		}
		before := safetyMembers(t, readJSON(t, filepath.Join(dir, s+".org.json")))
		after := safetyMembers(t, readJSON(t, filepath.Join(dir, s+".after.json")))
		for _, m := range before {
			if !driftContainsFold(after, m) {
				t.Errorf("%s removed %s from Organization Management without exclusive: %v", s, m, after)
			}
		}
		if len(after) != len(before)+2 {
			t.Errorf("%s: Organization Management holds %v, want %v and the two declared members", s, after, before)
		}
	}
}

// TestSafetyBuiltInRoleGroupExclusive: with exclusive, -Check and -WhatIf
// name the removal and remove nothing; a run removes the undeclared user
// only, keeping the running account (online the admin@<tenant> of
// Get-ConnectionInformation, on-premises Administrator, whose SID the
// stand-in for Get-HybridcCurrentAccountSid gives) and the group; -Check
// afterwards finds nothing. When the running account cannot be told, the
// run refuses and changes nothing.
func TestSafetyBuiltInRoleGroupExclusive(t *testing.T) {
	t.Parallel()
	c := compileYAML(t, "Organization Management, exclusive", safetyYAML(true))
	dir := t.TempDir()
	scripts := c.scripts(t, dir)
	var runs []run
	for _, s := range scripts {
		online := s == "online.ps1"
		writeJSON(t, filepath.Join(dir, s+".org.json"), safetyOrganization(online, safetyAccounts[s]))
		writeJSON(t, filepath.Join(dir, s+".unknown.json"), safetyOrganization(online, "svc-hybrid"))
		report := func(name string) map[string]any { return map[string]any{"ReportPath": s + "." + name + ".report.json"} }
		runs = append(runs,
			run{Script: s, Mode: "Check", State: s + ".org.json", ScriptParameters: report("check"), OutState: s + ".check.json", CallLog: s + ".check.calls"},
			run{Script: s, Mode: "WhatIf", State: s + ".org.json", ScriptParameters: report("whatif"), OutState: s + ".whatif.json", CallLog: s + ".whatif.calls"},
			run{Script: s, State: s + ".org.json", ScriptParameters: report("run"), OutState: s + ".after.json", CallLog: s + ".run.calls"},
			run{Script: s, Mode: "Check", State: s + ".after.json", ScriptParameters: report("insync"), OutState: s + ".insync.json", CallLog: s + ".insync.calls"},
			run{Script: s, State: s + ".unknown.json", ScriptParameters: report("unknown"), OutState: s + ".unknown.after.json", CallLog: s + ".unknown.calls"})
	}
	got := simulate(t, dir, runs)
	output, err := os.ReadFile(filepath.Join(dir, "output.txt"))
	if err != nil {
		t.Fatal(err)
	}
	const label = "roleGroup/Organization Management"
	for i, s := range scripts {
		path := func(name string) string { return filepath.Join(dir, s+"."+name) }
		org := readJSON(t, path("org.json"))
		before := safetyMembers(t, org)
		account := safetyAccounts[s]
		// -Check and -WhatIf name the removal and change nothing.
		for j, mode := range []string{"check", "whatif"} {
			r := readReport(t, path(mode+".report.json"))
			status, code := "drifted", 2
			if mode == "whatif" {
				status, code = "skipped", 0
			}
			if got[5*i+j].ExitCode != code {
				t.Errorf("%s -%s exited %d, want %d", s, mode, got[5*i+j].ExitCode, code)
			}
			adoptDetail(t, s+" -"+mode, r, label, status, "remove members (exclusive) OTHER1")
			adoptDetail(t, s+" -"+mode, r, label, status, "kept the account running this script, the group Tier2 Admins")
			if ch := changes(readCalls(t, path(mode+".calls"))); len(ch) > 0 {
				t.Errorf("%s -%s made state-changing calls: %v", s, mode, ch)
			}
			if !reflect.DeepEqual(driftNormalize(org), driftNormalize(readJSON(t, path(mode+".json")))) {
				t.Errorf("%s -%s changed the organization:\n%s", s, mode, driftDiff(driftNormalize(org), driftNormalize(readJSON(t, path(mode+".json")))))
			}
		}
		if !strings.Contains(string(output), "remove members (exclusive) OTHER1") {
			t.Errorf("the output does not name the removal:\n%s", output)
		}
		// The run removes OTHER1 only.
		r := readReport(t, path("run.report.json"))
		if got[5*i+2].ExitCode != 0 {
			t.Errorf("%s exited %d, want 0\n%s", s, got[5*i+2].ExitCode, describe(r))
		}
		calls := readCalls(t, path("run.calls"))
		other, _ := orgRecipient(org, "OTHER1")
		for _, c := range calls {
			if strings.HasPrefix(c.Cmdlet, "Remove-") && (c.Cmdlet != "Remove-RoleGroupMember" || fmt.Sprint(c.Parameters["Member"]) != orgStr(other, "guid")) {
				t.Errorf("%s: %s %v; want only OTHER1 removed", s, c.Cmdlet, c.Parameters)
			}
		}
		after := safetyMembers(t, readJSON(t, path("after.json")))
		if driftContainsFold(after, "OTHER1") || !driftContainsFold(after, account) || !driftContainsFold(after, "Tier2 Admins") || len(after) != 4 {
			t.Errorf("%s: Organization Management holds %v after the run; want %s, Tier2 Admins and the declared members", s, after, account)
		}
		if !driftContainsFold(before, account) {
			t.Fatalf("%s: the running account %s is no member to begin with: %v", s, account, before)
		}
		ri := readReport(t, path("insync.report.json"))
		if st := ri.statuses(); got[5*i+3].ExitCode != 0 || st["unchanged"] != len(ri.Results) {
			t.Errorf("%s -Check after the run exited %d with %v, want 0\n%s", s, got[5*i+3].ExitCode, st, describe(ri))
		}
		// The running account cannot be told: nothing is changed.
		ru := readReport(t, path("unknown.report.json"))
		if got[5*i+4].ExitCode != 1 {
			t.Errorf("%s with an unknown running account exited %d, want 1\n%s", s, got[5*i+4].ExitCode, describe(ru))
		}
		adoptDetail(t, s+" (unknown account)", ru, label, "failed", "cannot tell which account runs this script")
		if ch := changes(readCalls(t, path("unknown.calls"))); len(ch) > 0 {
			t.Errorf("%s with an unknown running account made %v, want nothing", s, ch)
		}
	}
}

// orgList is a list of a state.
func orgList(st map[string]any, key string) []any { return orgAnyList(st[key]) }

// orgAnyList is a JSON value as a list (nil when it is none).
func orgAnyList(v any) []any {
	l, _ := v.([]any)
	return l
}

// orgMap is an object of a state.
func orgMap(st map[string]any, key string) (map[string]any, error) {
	m, ok := st[key].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("the state has no %s", key)
	}
	return m, nil
}

// orgStr is a string field of an object, or "".
func orgStr(v any, key string) string {
	m, _ := v.(map[string]any)
	s, _ := m[key].(string)
	return s
}

// orgNamed is the one entry of a list whose field is name, ignoring case.
func orgNamed(st map[string]any, list, field, name string) (map[string]any, error) {
	var found []map[string]any
	for _, e := range orgList(st, list) {
		if m, ok := e.(map[string]any); ok && strings.EqualFold(orgStr(m, field), name) {
			found = append(found, m)
		}
	}
	if len(found) != 1 {
		return nil, fmt.Errorf("%s: %d entries with %s %q", list, len(found), field, name)
	}
	return found[0], nil
}

// orgRecipient is the one recipient a name resolves to in any of the
// stable identity forms, ignoring case.
func orgRecipient(st map[string]any, name string) (map[string]any, error) {
	var found []map[string]any
	for _, e := range orgList(st, "recipients") {
		m, _ := e.(map[string]any)
		match := false
		for _, f := range []string{"guid", "externalDirectoryObjectId", "distinguishedName", "identity", "name", "alias", "primarySmtpAddress", "userPrincipalName", "windowsLiveID", "samAccountName", "sid"} {
			match = match || (orgStr(m, f) != "" && strings.EqualFold(orgStr(m, f), name))
		}
		for _, a := range orgAnyList(m["emailAddresses"]) {
			s, _ := a.(string)
			match = match || (strings.HasPrefix(strings.ToLower(s), "smtp:") && strings.EqualFold(s[5:], name))
		}
		if match {
			found = append(found, m)
		}
	}
	if len(found) != 1 {
		return nil, fmt.Errorf("%d recipients answer to %q", len(found), name)
	}
	return found[0], nil
}

// orgDrop is a list without its first item equal to s (ignoring case), and
// whether it held one.
func orgDrop(v any, s string) ([]any, bool) {
	list := orgAnyList(v)
	for i, e := range list {
		if x, ok := e.(string); ok && strings.EqualFold(x, s) {
			return append(append([]any{}, list[:i]...), list[i+1:]...), true
		}
	}
	return list, false
}

// driftOther is the first option that is not the current value.
func driftOther(current string, options ...string) string {
	for _, o := range options {
		if !strings.EqualFold(o, current) {
			return o
		}
	}
	return current + "-drifted"
}

// driftLowerFirst is a cmdlet parameter's key in the state format.
func driftLowerFirst(s string) string { return strings.ToLower(s[:1]) + s[1:] }

// driftContainsFold reports whether list holds s, ignoring case.
func driftContainsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// TestSafetyBuiltInRoleGroupOneAccount (review finding 3): the declared
// members of an exclusive built-in role group pass HC0331 as two forms the
// compiler cannot tie together (an address and a distinguished name), yet
// resolve to one account at run time: the script refuses to replace the
// members, says to add another account, and changes nothing.
func TestSafetyBuiltInRoleGroupOneAccount(t *testing.T) {
	t.Parallel()
	yaml := strings.Replace(string(safetyYAML(true)), "members: [ADMIN1, ADMIN2]", "members: [admin1@contoso.com, 'CN=ADMIN1,OU=Users,DC=contoso,DC=com']", 1)
	c := compileYAML(t, "Organization Management, one account", []byte(yaml))
	dir := t.TempDir()
	c.scripts(t, dir)
	writeJSON(t, filepath.Join(dir, "org.json"), safetyOrganization(false, safetyAccounts["onprem.ps1"]))
	got := simulate(t, dir, []run{{Script: "onprem.ps1", State: "org.json", ScriptParameters: map[string]any{"ReportPath": "run.report.json"}, OutState: "after.json", CallLog: "run.calls"}})
	r := readReport(t, filepath.Join(dir, "run.report.json"))
	if got[0].ExitCode != 1 {
		t.Errorf("exited %d, want 1\n%s", got[0].ExitCode, describe(r))
	}
	adoptDetail(t, "onprem.ps1", r, "roleGroup/Organization Management", "failed", "resolve to 1 account(s) in this organization")
	adoptDetail(t, "onprem.ps1", r, "roleGroup/Organization Management", "failed", "add another administrator's account")
	if ch := changes(readCalls(t, filepath.Join(dir, "run.calls"))); len(ch) > 0 {
		t.Errorf("made %v, want nothing", ch)
	}
}
