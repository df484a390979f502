package simulator

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestScenarioRemoteDomain: a first run creates each declared remote
// domain and sets its settings (New-RemoteDomain takes none of them), so
// the organization then holds the declared values; a setting changed
// since is drift for -Check and set back by a run.
func TestScenarioRemoteDomain(t *testing.T) {
	t.Parallel()
	_, dir := goldenCase(t, "remote-domains")
	if got := simulate(t, dir, []run{{Script: "onprem.ps1", OutState: "first.json", CallLog: "first.calls"}}); got[0].ExitCode != 0 {
		t.Fatalf("the first run exited %d", got[0].ExitCode)
	}
	// The new object's settings are set on the object New-RemoteDomain
	// returned, by its key, never by the YAML name.
	for _, c := range readCalls(t, filepath.Join(dir, "first.calls")) {
		if id, _ := c.Parameters["Identity"].(string); c.Cmdlet == "Set-RemoteDomain" && !guidShaped(id) {
			t.Errorf("Set-RemoteDomain -Identity %q, want the Guid New-RemoteDomain returned", id)
		}
	}
	// -Check on the empty organization shows the settings it would set.
	check := simulate(t, dir, []run{{Script: "onprem.ps1", Mode: "Check", ScriptParameters: reportFor("empty-check.report.json"), OutState: "empty-check.json", CallLog: "empty-check.calls"}})
	if check[0].ExitCode != 2 {
		t.Fatalf("-Check of the empty organization exited %d, want 2", check[0].ExitCode)
	}
	found := false
	for _, res := range readReport(t, filepath.Join(dir, "empty-check.report.json")).Results {
		if res.Resource == "remoteDomain/Hybrid Domain - contoso.mail.onmicrosoft.com" {
			found = true
			if !strings.Contains(res.Detail, "New-RemoteDomain; set ") || !strings.Contains(res.Detail, "TargetDeliveryDomain=") {
				t.Errorf("-Check of a new remote domain says %q, want New-RemoteDomain; set X=...", res.Detail)
			}
		}
	}
	if !found {
		t.Errorf("-Check reported no remote domain")
	}
	st := readJSON(t, filepath.Join(dir, "first.json"))
	rd, err := orgNamed(st, "remoteDomains", "domainName", "contoso.mail.onmicrosoft.com")
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]any{"targetDeliveryDomain": true, "trustedMailOutboundEnabled": true, "trustedMailInboundEnabled": true,
		"allowedOOFType": "InternalLegacy", "autoReplyEnabled": true, "autoForwardEnabled": true, "name": "Hybrid Domain - contoso.mail.onmicrosoft.com"} {
		if rd[key] != want {
			t.Errorf("after the first run %s = %v, want %v", key, rd[key], want)
		}
	}
	// One declared without settings keeps New-RemoteDomain's defaults
	// (Microsoft's Set-RemoteDomain page: automatic replies and forwards on).
	plain, err := orgNamed(st, "remoteDomains", "domainName", "contoso.onmicrosoft.com")
	if err != nil {
		t.Fatal(err)
	}
	if plain["autoReplyEnabled"] != true || plain["autoForwardEnabled"] != true || plain["allowedOOFType"] != "External" {
		t.Errorf("a new remote domain has autoReplyEnabled %v, autoForwardEnabled %v, allowedOOFType %v; want true, true, External",
			plain["autoReplyEnabled"], plain["autoForwardEnabled"], plain["allowedOOFType"])
	}
	rd["allowedOOFType"] = "External"
	writeJSON(t, filepath.Join(dir, "seed.json"), st)
	got := simulate(t, dir, []run{
		{Script: "onprem.ps1", Mode: "Check", State: "seed.json", OutState: "check.json", CallLog: "check.calls"},
		{Script: "onprem.ps1", State: "seed.json", OutState: "run.json", CallLog: "run.calls"},
	})
	if got[0].ExitCode != 2 || got[1].ExitCode != 0 {
		t.Fatalf("-Check exited %d (want 2, drift), the run %d (want 0)", got[0].ExitCode, got[1].ExitCode)
	}
	after, err := orgNamed(readJSON(t, filepath.Join(dir, "run.json")), "remoteDomains", "domainName", "contoso.mail.onmicrosoft.com")
	if err != nil || after["allowedOOFType"] != "InternalLegacy" {
		t.Errorf("after the run allowedOOFType = %v (%v), want InternalLegacy", after["allowedOOFType"], err)
	}
}

// guidShaped reports whether s has a Guid's form.
func guidShaped(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range s {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
				return false
			}
		}
	}
	return true
}

// TestScenarioRemoteDomainSetAfterCreate: New-RemoteDomain makes a domain
// with Exchange's defaults (automatic forwarding and replies on), so the
// Set-RemoteDomain that follows matters. One that fails transiently (or
// does not find the new object yet) is tried once more and the domain
// converges; one that keeps failing fails the item with a message that
// says the domain has Exchange's defaults, and the run exits non-zero.
func TestScenarioRemoteDomainSetAfterCreate(t *testing.T) {
	t.Parallel()
	_, dir := goldenCase(t, "remote-domains")
	const resource = "remoteDomain/Hybrid Domain - contoso.mail.onmicrosoft.com"
	once := writeFaults(t, dir, "once.json", fault{Cmdlet: "Set-RemoteDomain", Kind: "transient", Times: 1})
	always := writeFaults(t, dir, "always.json", fault{Cmdlet: "Set-RemoteDomain", Kind: "notFound"})
	got := simulate(t, dir, []run{
		{Script: "onprem.ps1", Faults: once, ScriptParameters: reportFor("once.report.json"), OutState: "once.json.out", CallLog: "once.calls"},
		{Script: "onprem.ps1", Faults: always, ScriptParameters: reportFor("always.report.json"), OutState: "always.json.out", CallLog: "always.calls"},
	})
	if got[0].ExitCode != 0 {
		t.Errorf("a Set-RemoteDomain that failed once: the run exited %d, want 0 (retried)", got[0].ExitCode)
	}
	if r := readReport(t, filepath.Join(dir, "once.report.json")).byResource()[resource]; r[0] != "created" {
		t.Errorf("a Set-RemoteDomain that failed once: %s is %q (%s), want created", resource, r[0], r[1])
	}
	rd, err := orgNamed(readJSON(t, filepath.Join(dir, "once.json.out")), "remoteDomains", "domainName", "contoso.mail.onmicrosoft.com")
	if err != nil || rd["allowedOOFType"] != "InternalLegacy" || rd["trustedMailInboundEnabled"] != true {
		t.Errorf("after the retried Set: allowedOOFType %v, trustedMailInboundEnabled %v (%v); want InternalLegacy, true", rd["allowedOOFType"], rd["trustedMailInboundEnabled"], err)
	}
	sets := 0
	for _, c := range readCalls(t, filepath.Join(dir, "always.calls")) {
		if c.Cmdlet == "Set-RemoteDomain" {
			sets++
		}
	}
	if sets != 2 {
		t.Errorf("a Set-RemoteDomain that keeps failing was called %d times, want 2 (one retry)", sets)
	}
	if got[1].ExitCode == 0 {
		t.Errorf("a Set-RemoteDomain that keeps failing: the run exited 0, want non-zero")
	}
	r := readReport(t, filepath.Join(dir, "always.report.json")).byResource()[resource]
	if r[0] != "failed" || !strings.Contains(r[1], "created with Exchange's defaults for a new remote domain (automatic forwarding and replies allowed") || !strings.Contains(r[1], "run the script again") {
		t.Errorf("a Set-RemoteDomain that keeps failing: %s is %q (%s), want failed, saying the domain has Exchange's defaults", resource, r[0], r[1])
	}
}

// TestScenarioRemoteDomainTwoObjects: an organization with two remote
// domains of the declared domain (another case, another name): the run
// fails the item naming both and changes neither.
func TestScenarioRemoteDomainTwoObjects(t *testing.T) {
	t.Parallel()
	_, dir := goldenCase(t, "remote-domains")
	if got := simulate(t, dir, []run{{Script: "onprem.ps1", OutState: "first.json", CallLog: "first.calls"}}); got[0].ExitCode != 0 {
		t.Fatalf("the first run exited %d", got[0].ExitCode)
	}
	st := readJSON(t, filepath.Join(dir, "first.json"))
	rd, err := orgNamed(st, "remoteDomains", "domainName", "contoso.mail.onmicrosoft.com")
	if err != nil {
		t.Fatal(err)
	}
	rd["allowedOOFType"] = "External"
	dup := map[string]any{"name": "Second", "domainName": "CONTOSO.mail.onmicrosoft.com", "allowedOOFType": "External"}
	st["remoteDomains"] = append(orgList(st, "remoteDomains"), dup)
	writeJSON(t, filepath.Join(dir, "seed.json"), st)
	got := simulate(t, dir, []run{{Script: "onprem.ps1", State: "seed.json", ScriptParameters: reportFor("run.report.json"), OutState: "run.json", CallLog: "run.calls"}})
	if got[0].ExitCode == 0 {
		t.Errorf("the run exited 0, want non-zero")
	}
	r := readReport(t, filepath.Join(dir, "run.report.json")).byResource()["remoteDomain/Hybrid Domain - contoso.mail.onmicrosoft.com"]
	if r[0] != "failed" || !strings.Contains(r[1], "'Hybrid Domain - contoso.mail.onmicrosoft.com', 'Second'") {
		t.Errorf("the remote domain is %q (%s), want failed, naming both objects", r[0], r[1])
	}
	for _, c := range readCalls(t, filepath.Join(dir, "run.calls")) {
		if c.Cmdlet == "Set-RemoteDomain" || c.Cmdlet == "New-RemoteDomain" {
			t.Errorf("the run called %s on an ambiguous remote domain", c.Cmdlet)
		}
	}
}
