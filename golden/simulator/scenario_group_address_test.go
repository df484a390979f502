package simulator

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// groupAddressYAML declares one Microsoft 365 group at an address.
func groupAddressYAML(address string) []byte {
	return []byte(`version: 1
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
  groups:
    - name: Project Falcon
      alias: falcon
      primarySmtpAddress: ` + address + `
`)
}

// TestScenarioGroupNewPrimaryIsSecondary (review finding 2): the YAML
// gives a group a new primary address that the same group already has as
// a secondary one. The script finds the group by it and makes it the
// primary address (Set-UnifiedGroup -PrimarySmtpAddress): one group, the
// same one, with the old primary kept as a secondary address; -Check
// afterwards finds it in sync.
func TestScenarioGroupNewPrimaryIsSecondary(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	old := compileYAML(t, "group at falcon", groupAddressYAML("falcon@groups.contoso.com"))
	old.scripts(t, dir)
	if got := simulate(t, dir, []run{{Script: "online.ps1", OutState: "created.json", CallLog: "create.calls"}}); got[0].ExitCode != 0 {
		t.Fatalf("creating the group exited %d", got[0].ExitCode)
	}
	st := readJSON(t, filepath.Join(dir, "created.json"))
	group, err := orgNamed(st, "unifiedGroups", "primarySmtpAddress", "falcon@groups.contoso.com")
	if err != nil {
		t.Fatal(err)
	}
	guid := orgStr(group, "guid")
	group["emailAddresses"] = append(orgAnyList(group["emailAddresses"]), "smtp:eagle@groups.contoso.com")
	for _, r := range orgList(st, "recipients") {
		if m, _ := r.(map[string]any); orgStr(m, "guid") == guid {
			m["emailAddresses"] = group["emailAddresses"]
		}
	}
	writeJSON(t, filepath.Join(dir, "seed.json"), st)

	dir2 := t.TempDir()
	data, err := os.ReadFile(filepath.Join(dir, "seed.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir2, "seed.json"), data, 0o600); err != nil {
		t.Fatal(err)
	}
	renamed := compileYAML(t, "group at eagle", groupAddressYAML("eagle@groups.contoso.com"))
	renamed.scripts(t, dir2)
	got := simulate(t, dir2, []run{
		{Script: "online.ps1", State: "seed.json", ScriptParameters: map[string]any{"ReportPath": "run.report.json"}, OutState: "after.json", CallLog: "run.calls"},
		{Script: "online.ps1", Mode: "Check", State: "after.json", ScriptParameters: map[string]any{"ReportPath": "check.report.json"}, OutState: "check.json", CallLog: "check.calls"},
	})
	if got[0].ExitCode != 0 {
		t.Errorf("the run exited %d\n%s", got[0].ExitCode, describe(readReport(t, filepath.Join(dir2, "run.report.json"))))
	}
	set := false
	for _, c := range readCalls(t, filepath.Join(dir2, "run.calls")) {
		switch c.Cmdlet {
		case "Set-UnifiedGroup":
			set = set || fmt.Sprint(c.Parameters["PrimarySmtpAddress"]) == "eagle@groups.contoso.com"
		case "New-UnifiedGroup":
			t.Errorf("created a second group: %v", c.Parameters)
		}
	}
	if !set {
		t.Errorf("Set-UnifiedGroup -PrimarySmtpAddress eagle@groups.contoso.com was not called: %v", changes(readCalls(t, filepath.Join(dir2, "run.calls"))))
	}
	after := readJSON(t, filepath.Join(dir2, "after.json"))
	groups := orgList(after, "unifiedGroups")
	g, _ := groups[0].(map[string]any)
	if len(groups) != 1 || orgStr(g, "guid") != guid || orgStr(g, "primarySmtpAddress") != "eagle@groups.contoso.com" {
		t.Errorf("groups after the run: %v; want the one group %s at eagle@groups.contoso.com", groups, guid)
	}
	if addrs := fmt.Sprint(g["emailAddresses"]); !strings.Contains(addrs, "SMTP:eagle@groups.contoso.com") || !strings.Contains(addrs, "smtp:falcon@groups.contoso.com") {
		t.Errorf("addresses %s: want eagle primary and falcon kept as a secondary one", addrs)
	}
	r := readReport(t, filepath.Join(dir2, "check.report.json"))
	if st := r.statuses(); got[1].ExitCode != 0 || st["unchanged"] != len(r.Results) {
		t.Errorf("-Check after the run exited %d with %v, want 0\n%s", got[1].ExitCode, st, describe(r))
	}
}
