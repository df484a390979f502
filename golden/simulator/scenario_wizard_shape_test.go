package simulator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScenarioWizardShape runs golden/cases/wizard-shape (readable names,
// no adopt key) on an organization the Hybrid Configuration Wizard set up:
// its two relationships under their GUID names (on-premises towards the
// coexistence domain only; online with the on-premises federation
// application URI) and its send connector, each differing from the
// configuration in a value. -Check first reports them as existing under
// the wizard's names; the run adopts them by default (Set- only, no New-),
// leaves exactly the wizard's objects, and a second run changes nothing.
func TestScenarioWizardShape(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join("..", "cases", "wizard-shape", "input.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "adopt:") {
		t.Fatal("wizard-shape must rely on adoption by default: it sets adopt")
	}
	dir := t.TempDir()
	scripts := compileYAML(t, "wizard-shape", data).scripts(t, dir)
	seeds := map[string]map[string]any{
		"onprem.ps1": {
			"organizationRelationships": []any{map[string]any{"name": wizardOnPremRelationship, "enabled": true,
				"domainNames": []any{"contoso.mail.onmicrosoft.com"}, "freeBusyAccessEnabled": false, "freeBusyAccessLevel": "None",
				"targetApplicationUri": "outlook.com", "targetAutodiscoverEpr": "https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc/WSSecurity"}},
			"sendConnectors": []any{map[string]any{"name": wizardConnector, "addressSpaces": []any{}, "cloudServicesMailEnabled": true, "sourceTransportServers": []any{"EX01"}}},
		},
		"online.ps1": {
			"organizationRelationships": []any{map[string]any{"name": wizardOnlineRelationship, "enabled": true,
				"domainNames": []any{"exchangedelegation.contoso.com", "contoso.com"}, "freeBusyAccessEnabled": true, "freeBusyAccessLevel": "AvailabilityOnly",
				"targetApplicationUri": "FYDIBOHF25SPDLT.exchangedelegation.contoso.com", "targetSharingEpr": "https://mail.contoso.com/EWS/Exchange.asmx"}},
		},
	}
	wizardName := map[string]string{"onprem.ps1": wizardOnPremRelationship, "online.ps1": wizardOnlineRelationship}
	declared := map[string]string{"onprem.ps1": "organizationRelationship/To Cloud", "online.ps1": "organizationRelationship/To On-Premises"}
	report := func(name string) map[string]any { return map[string]any{"ReportPath": name + ".report.json"} }
	var runs []run
	for _, s := range scripts {
		runs = append(runs,
			run{Script: s, Mode: "Check", Add: seeds[s], ScriptParameters: report(s + ".check"), OutState: s + ".check.json", CallLog: s + ".check.calls"},
			run{Script: s, Add: seeds[s], ScriptParameters: report(s + ".run"), OutState: s + ".after.json", CallLog: s + ".run.calls"},
			run{Script: s, State: s + ".after.json", ScriptParameters: report(s + ".again"), OutState: s + ".again.json", CallLog: s + ".again.calls"})
	}
	got := simulate(t, dir, runs)
	path := func(name string) string { return filepath.Join(dir, name) }
	for i, s := range scripts {
		if seeds[s] == nil {
			continue
		}
		check := readReport(t, path(s+".check.report.json"))
		adoptDetail(t, s+" -Check", check, declared[s], "drifted", "exists as '"+wizardName[s]+"'")
		r := readReport(t, path(s+".run.report.json"))
		if got[3*i+1].ExitCode != 0 {
			t.Errorf("%s exited %d on the wizard's organization, want 0\n%s", s, got[3*i+1].ExitCode, describe(r))
		}
		for _, c := range changes(readCalls(t, path(s+".run.calls"))) {
			if c != "Set-OrganizationRelationship" && c != "Set-SendConnector" && c != "Enable-OrganizationCustomization" {
				t.Errorf("%s: %s called; want only the wizard's objects updated", s, c)
			}
		}
		adoptDetail(t, s, r, declared[s], "updated", "exists as '"+wizardName[s]+"'")
		after := readJSON(t, path(s+".after.json"))
		rel := adoptOne(t, s, after, "organizationRelationships", "name", wizardName[s])
		if rel["freeBusyAccessEnabled"] != true || orgStr(rel, "freeBusyAccessLevel") != "LimitedDetails" {
			t.Errorf("%s: the wizard's relationship was not updated: %v", s, rel)
		}
		if s == "onprem.ps1" {
			adoptOne(t, s, after, "sendConnectors", "name", wizardConnector)
		}
		again := readReport(t, path(s+".again.report.json"))
		if st := again.statuses(); got[3*i+2].ExitCode != 0 || st["unchanged"] != len(again.Results) {
			t.Errorf("%s: a second run exited %d with %v, want 0 and nothing changed\n%s", s, got[3*i+2].ExitCode, st, describe(again))
		}
		if c := changes(readCalls(t, path(s+".again.calls"))); len(c) != 0 {
			t.Errorf("%s: a second run called %v, want no change", s, c)
		}
		adoptDetail(t, s+" again", again, declared[s], "unchanged", "exists as '"+wizardName[s]+"': adopted")
	}
}
