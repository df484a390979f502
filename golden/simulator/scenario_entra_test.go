package simulator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
)

// entraYAML is a configuration whose entra-connect.ps1 the scenarios run;
// extra is added under entraConnect.
func entraYAML(extra string) string {
	return `version: 1
onPremises:
  organization: Contoso
  exchangeVersion: SE
  primarySmtpDomains: [contoso.com]
  federatedDelegationNamespace: exchangedelegation.contoso.com
  entraConnect:
    version: 2.4.129.0
    groupWriteback: true
    connectorAccountDN: CN=AAD_7c3b1e2a9f10,CN=Users,DC=contoso,DC=com
` + extra + `exchangeOnline:
  tenant: contoso.onmicrosoft.com
  routingDomain: contoso.mail.onmicrosoft.com
  serviceRoutingNamespace: service.contoso.com
  primarySmtpDomains: [contoso.com]
`
}

// runEntra compiles yaml, runs its entra-connect.ps1 once on an Entra
// Connect server whose state is state, and returns the exit code, the
// output, the grants after the run and the state-changing calls.
func runEntra(t *testing.T, yaml string, state map[string]any) (int, string, []string, []string) {
	t.Helper()
	return runEntraWith(t, yaml, state)
}

// runEntraWith is runEntra with more arguments for the simulator (-Mode,
// -ScriptParameters).
func runEntraWith(t *testing.T, yaml string, state map[string]any, args ...string) (int, string, []string, []string) {
	t.Helper()
	res, err := compiler.Compile(compiler.Source{Name: "input.yaml", Data: []byte(yaml)}, compiler.Options{ToolVersion: "0.0.0-test"})
	if err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("compile: %v %s", err, res.Diagnostics.String())
	}
	script := res.Files["entra-connect.ps1"]
	if script == nil {
		t.Fatal("no entra-connect.ps1")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "entra-connect.ps1"), script, 0o644); err != nil {
		t.Fatal(err)
	}
	st := map[string]any{"formatVersion": 1, "kind": "entraConnect", "groupWritebackPermissions": []any{}, "connectorAccountName": "AAD_7c3b1e2a9f10"}
	for k, v := range state {
		st[k] = v
	}
	writeJSON(t, filepath.Join(dir, "state.json"), st)
	code, out := runOne(t, dir, append([]string{"-Script", "entra-connect.ps1", "-State", "state.json", "-OutState", "out.json", "-CallLog", "calls.jsonl"}, args...)...)
	var grants []string
	if after, err := os.ReadFile(filepath.Join(dir, "out.json")); err == nil && len(after) > 0 {
		for _, g := range list(readJSON(t, filepath.Join(dir, "out.json"))["groupWritebackPermissions"]) {
			grants = append(grants, g.(map[string]any)["scope"].(string))
		}
	}
	return code, out, grants, changes(readCalls(t, filepath.Join(dir, "calls.jsonl")))
}

// TestGuardEntraConnectForest: the Entra Connect script refuses a server
// that does not synchronize the forest its data names, and changes
// nothing.
func TestGuardEntraConnectForest(t *testing.T) {
	code, out, _, ch := runEntra(t, entraYAML("    forest: contoso.com\n    writebackOU: OU=Groups,DC=contoso,DC=com\n"),
		map[string]any{"organization": "fabrikam.com"})
	if code != 1 || !strings.Contains(out, "does not synchronize the forest 'contoso.com'") || !strings.Contains(out, "'fabrikam.com'") {
		t.Errorf("exit %d, want 1 and the forest refusal:\n%s", code, out)
	}
	if len(ch) > 0 {
		t.Errorf("state-changing calls after the refusal: %v", ch)
	}
}

// TestEntraConnectAdminForest: an administrator signed in with an account
// of an admin forest runs the script on the Entra Connect server of
// contoso.com; the forest check asks Entra Connect which forests it
// synchronizes, not Windows for the signed-in account's forest, so the
// grant is made. A forest derived from the DN of a child domain's account
// is accepted too.
func TestEntraConnectAdminForest(t *testing.T) {
	for name, extra := range map[string]string{
		"declared": "    forest: contoso.com\n    writebackOU: OU=Groups,DC=contoso,DC=com\n",
		"derived":  "    writebackOU: OU=Groups,DC=emea,DC=contoso,DC=com\n",
	} {
		t.Run(name, func(t *testing.T) {
			yaml := entraYAML(extra)
			if name == "derived" {
				yaml = strings.Replace(yaml, "DC=contoso,DC=com\n", "DC=emea,DC=contoso,DC=com\n", 1)
			}
			state := map[string]any{"organization": "contoso.com", "signedInForest": "admin.contoso.net", "domains": []any{"contoso.com", "emea.contoso.com"}}
			if name == "derived" {
				state["connectorAccountDomain"] = "emea.contoso.com"
			}
			code, out, grants, _ := runEntra(t, yaml, state)
			if code != 0 || len(grants) != 1 || !strings.HasPrefix(grants[0], "OU=Groups,") {
				t.Errorf("exit %d, grants %v; want 0 and the grant on the writeback OU:\n%s", code, grants, out)
			}
		})
	}
}

// TestEntraConnectLeastPrivilege: the writeback permissions go on the
// writeback OU only and never on AdminSDHolder unless adminSdHolder: true;
// without a writeback OU, on every domain root (what Microsoft's module
// does, and what warning HC0339 says). Under both generations of the
// AdSyncConfig module: 2.x (Azure AD Connect 2.0.3.0 and later) has only
// -IncludeAdminSdHolders, 1.x only -SkipAdminSdHolders (review finding 1:
// -SkipAdminSdHolders made every 2.x run fail at parameter binding). With
// a writeback OU the module never stamps AdminSDHolder.
func TestEntraConnectLeastPrivilege(t *testing.T) {
	domains := []any{"contoso.com", "emea.contoso.com"}
	stamped := []string{"CN=AdminSDHolder,CN=System,DC=contoso,DC=com", "CN=AdminSDHolder,CN=System,DC=emea,DC=contoso,DC=com"}
	for _, module := range []string{"2", "1"} {
		for _, tt := range []struct {
			name, extra string
			want        []string
		}{
			{"writeback OU", "    forest: contoso.com\n    writebackOU: OU=Groups,DC=contoso,DC=com\n", []string{"OU=Groups,DC=contoso,DC=com"}},
			{"no OU", "    forest: contoso.com\n", []string{"DC=contoso,DC=com", "DC=emea,DC=contoso,DC=com"}},
			{"AdminSDHolder asked", "    forest: contoso.com\n    adminSdHolder: true\n", append([]string{"DC=contoso,DC=com", "DC=emea,DC=contoso,DC=com"}, stamped...)},
			{"AdminSDHolder asked with OU", "    forest: contoso.com\n    writebackOU: OU=Groups,DC=contoso,DC=com\n    adminSdHolder: true\n", []string{"OU=Groups,DC=contoso,DC=com"}},
		} {
			t.Run("module "+module+"/"+tt.name, func(t *testing.T) {
				code, out, grants, _ := runEntra(t, entraYAML(tt.extra), map[string]any{"organization": "contoso.com", "domains": domains, "adSyncConfigModule": module})
				if code != 0 || strings.Join(grants, "|") != strings.Join(tt.want, "|") {
					t.Errorf("exit %d, grants\n%v\nwant\n%v\n%s", code, grants, tt.want, out)
				}
				if strings.Contains(tt.name, "with OU") && !strings.Contains(out, "AdminSDHolder is not stamped with a writeback OU") {
					t.Errorf("the run does not say AdminSDHolder is not stamped:\n%s", out)
				}
			})
		}
	}
}

// TestGuardEntraConnectAccount: the forest check compares only the forest
// Entra Connect reports for its AD connectors (not the account's domain,
// not a parent domain of a declared forest), fails closed when the module
// reports no forest, and the connector account DN must name the account of
// that connector by its logon name, not its CN, and fails closed when
// Active Directory does not say which (review findings 10 and A3, second
// review point 2). Nothing is changed.
func TestGuardEntraConnectAccount(t *testing.T) {
	const ou = "    writebackOU: OU=Groups,DC=contoso,DC=com\n"
	for _, tt := range []struct {
		name, yaml string
		state      map[string]any
		want       string
	}{
		{"separate forest below the synchronized one", strings.ReplaceAll(entraYAML("    forest: eu.contoso.com\n"), "DC=contoso,DC=com", "DC=eu,DC=contoso,DC=com"),
			map[string]any{"organization": "contoso.com", "connectorAccountDomain": "eu.contoso.com"},
			"does not synchronize the forest 'eu.contoso.com' this script is for: its AD connectors synchronize 'contoso.com'"},
		{"account domain is not the forest", entraYAML("    forest: contoso.com\n" + ou),
			map[string]any{"organization": "fabrikam.com", "connectorAccountDomain": "contoso.com"},
			"does not synchronize the forest 'contoso.com'"},
		{"no forest property", entraYAML("    forest: contoso.com\n" + ou),
			map[string]any{"organization": "contoso.com", "connectorAccountProperties": "legacy"},
			"Get-ADSyncADConnectorAccount reports no forest (ADConnectorForest)"},
		{"another account", strings.Replace(entraYAML("    forest: contoso.com\n"), "CN=AAD_7c3b1e2a9f10,CN=Users", "CN=helpdesk-svc,OU=Staff", 1),
			map[string]any{"organization": "contoso.com"},
			"connectorAccountDN 'CN=helpdesk-svc,OU=Staff,DC=contoso,DC=com' (account 'CONTOSO\\helpdesk-svc' of 'contoso.com') is not the account of the AD connector for the forest 'contoso.com', which reports 'contoso.com\\AAD_7c3b1e2a9f10'"},
		// Second review, point 2: the CN is the object's name, not its
		// logon name; Active Directory's msDS-PrincipalName decides.
		{"CN is the account name, the logon name is not", entraYAML("    forest: contoso.com\n" + ou),
			map[string]any{"organization": "contoso.com", "accountPrincipalNames": map[string]any{"CN=AAD_7c3b1e2a9f10,CN=Users,DC=contoso,DC=com": "CONTOSO\\helpdesk-svc"}},
			"(account 'CONTOSO\\helpdesk-svc' of 'contoso.com') is not the account of the AD connector"},
		{"the account cannot be read", entraYAML("    forest: contoso.com\n" + ou),
			map[string]any{"organization": "contoso.com", "accountPrincipalNames": map[string]any{}},
			"hybridc cannot read the account connectorAccountDN 'CN=AAD_7c3b1e2a9f10,CN=Users,DC=contoso,DC=com' names from Active Directory (msDS-PrincipalName: "},
		{"account of another domain", entraYAML("    forest: contoso.com\n" + ou),
			map[string]any{"organization": "contoso.com", "connectorAccountDomain": "emea.contoso.com"},
			"is not the account of the AD connector"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, grants, ch := runEntra(t, tt.yaml, tt.state)
			if code != 1 || !strings.Contains(out, tt.want) || !strings.Contains(out, "Nothing was changed.") {
				t.Errorf("exit %d, want 1 and %q:\n%s", code, tt.want, out)
			}
			if len(ch) > 0 || len(grants) > 0 {
				t.Errorf("changes after the refusal: %v %v", ch, grants)
			}
		})
	}
}

// TestEntraConnectServiceAccount (second review, point 2): a connector
// account made by hand, CN 'AAD Connect Sync' with logon name svc-aadc, in
// the domain whose NetBIOS name CORP is not its first DC= label. The
// connector reports it as CORP\svc-aadc (or with its DNS domain): the grant
// is made.
func TestEntraConnectServiceAccount(t *testing.T) {
	const dn = "CN=AAD Connect Sync,OU=Service Accounts,DC=contoso,DC=com"
	yaml := strings.Replace(entraYAML("    forest: contoso.com\n    writebackOU: OU=Groups,DC=contoso,DC=com\n"), "CN=AAD_7c3b1e2a9f10,CN=Users,DC=contoso,DC=com", dn, 1)
	for _, domain := range []string{"CORP", "contoso.com"} {
		t.Run(domain, func(t *testing.T) {
			state := map[string]any{"organization": "contoso.com", "connectorAccountName": "svc-aadc", "connectorAccountDomain": domain,
				"accountPrincipalNames": map[string]any{dn: "CORP\\svc-aadc"}}
			code, out, grants, _ := runEntra(t, yaml, state)
			if code != 0 || len(grants) != 1 || grants[0] != "OU=Groups,DC=contoso,DC=com" {
				t.Errorf("exit %d, grants %v; want 0 and the grant on the writeback OU:\n%s", code, grants, out)
			}
		})
	}
}

// TestEntraConnectConfirmHigh (second review, point 1): AdSyncConfig's
// Set-ADSyncUnifiedGroupWritebackPermissions is ConfirmImpact High, a
// module function that reads the global $ConfirmPreference: called without
// -Confirm:$false it prompts, which fails in a host without a console (the
// simulator runs pwsh -NonInteractive), even when the administrator ran the
// script with -Confirm:$false. The engine's own ShouldProcess decides and
// passes -Confirm:$false: the grant is made, with and without the
// script's -Confirm:$false.
func TestEntraConnectConfirmHigh(t *testing.T) {
	for name, args := range map[string][]string{
		"default":        nil,
		"-Confirm:false": {"-ScriptParameters", `{"Confirm": false}`},
	} {
		t.Run(name, func(t *testing.T) {
			code, out, grants, _ := runEntraWith(t, entraYAML("    forest: contoso.com\n    writebackOU: OU=Groups,DC=contoso,DC=com\n"), map[string]any{"organization": "contoso.com"}, args...)
			if code != 0 || len(grants) != 1 {
				t.Errorf("exit %d, grants %v; want 0 and the grant:\n%s", code, grants, out)
			}
		})
	}
}

// TestEntraConnectModuleWithoutSwitch (second review, point 6): an
// AdSyncConfig module with neither AdminSDHolder switch (adSyncConfigModule
// 0) fails the item in a run, but -WhatIf reports what the run would do
// (skipped, "a run would fail") instead of failing, exit 0; nothing is
// granted.
func TestEntraConnectModuleWithoutSwitch(t *testing.T) {
	yaml := entraYAML("    forest: contoso.com\n")
	state := map[string]any{"organization": "contoso.com", "adSyncConfigModule": "0"}
	code, out, grants, _ := runEntraWith(t, yaml, state, "-Mode", "WhatIf")
	if code != 0 || !strings.Contains(out, "a run would fail: Set-ADSyncUnifiedGroupWritebackPermissions has neither") || len(grants) > 0 {
		t.Errorf("-WhatIf: exit %d, grants %v; want 0, skipped and no grant:\n%s", code, grants, out)
	}
	code, out, grants, _ = runEntra(t, yaml, state)
	if code != 1 || !strings.Contains(out, "has neither -IncludeAdminSdHolders nor -SkipAdminSdHolders") || len(grants) > 0 {
		t.Errorf("run: exit %d, grants %v; want 1 and the failure:\n%s", code, grants, out)
	}
}

// TestEntraConnectProgramFiles (second review, point 7): Windows installed
// with its Program Files folder on D:. The engine looks for the AdSyncConfig
// module under $env:ProgramFiles, as the simulated server sets it, not
// under C:\Program Files.
func TestEntraConnectProgramFiles(t *testing.T) {
	code, out, grants, _ := runEntra(t, entraYAML("    forest: contoso.com\n    writebackOU: OU=Groups,DC=contoso,DC=com\n"), map[string]any{"organization": "contoso.com", "programFiles": "D:\\Program Files"})
	if code != 0 || len(grants) != 1 {
		t.Errorf("exit %d, grants %v; want 0 and the grant:\n%s", code, grants, out)
	}
}
