package simulator

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// nonASCIIYAML names mailboxes, role groups, a role assignment policy and
// a folder with letters outside ASCII: Hungarian (ő is C5 91 in UTF-8,
// whose 0x91 Windows-1252 reads as a quote), Serbian Latin (đ, C4 91),
// Chinese, an emoji (a UTF-16 surrogate pair), a non-breaking hyphen
// (E2 80 91) and a typographic apostrophe.
const nonASCIIYAML = `version: 1
onPremises:
  organization: Kovács Kft
  exchangeVersion: SE
  primarySmtpDomains: [kovacs.hu]
  federatedDelegationNamespace: exchangedelegation.kovacs.hu
  roleGroups:
    - name: Címzett‑adminok Ő
      roles: [Mail Recipients]
      members: [Kovács Ödön Ő, 王小明]
  roleAssignmentPolicies:
    - name: Felhasználók đ
      roles: [MyBaseOptions, MyContactInformation]
      mailboxes: [Kovács Ödön Ő]
exchangeOnline:
  tenant: kovacs.onmicrosoft.com
  routingDomain: kovacs.mail.onmicrosoft.com
  serviceRoutingNamespace: service.kovacs.hu
  primarySmtpDomains: [kovacs.hu]
  roleGroups:
    - name: Đorđe’s admins 🚀
      roles: [Mail Recipients]
      members: [Đorđe Petrović]
mailboxes:
  - {name: Kovács Ödön Ő, location: onPremises}
  - {name: 王小明, location: onPremises}
  - {name: Đorđe Petrović, location: exchangeOnline}
permissions:
  - {access: FullAccess, mailbox: Kovács Ödön Ő, trustee: 王小明}
  - {access: SendAs, mailbox: 王小明, trustee: Kovács Ödön Ő}
  - {access: Folder, mailbox: Kovács Ödön Ő, trustee: 王小明, folder: Naptár, folderAccessRights: Editor}
`

// TestScenarioNonASCIINames: names with letters outside ASCII reach the
// simulated Exchange exactly as the configuration writes them, although the
// scripts are pure ASCII (the data section holds them escaped and the
// engine decodes them): the first run creates them under these names, then
// -Check and a second run find everything in sync, and plan --state, which
// compares in Go against the YAML, finds nothing to change.
func TestScenarioNonASCIINames(t *testing.T) {
	c := compileYAML(t, "non-ascii-names", []byte(nonASCIIYAML))
	for _, name := range c.Files.Names() {
		body := bytes.TrimPrefix(c.Files[name], []byte("\xef\xbb\xbf"))
		if i := bytes.IndexFunc(body, func(r rune) bool { return r >= 0x80 }); i >= 0 && filepath.Ext(name) == ".ps1" {
			t.Errorf("%s: a byte outside ASCII at offset %d", name, i)
		}
		if filepath.Ext(name) == ".ps1" && !bytes.Contains(body, []byte("$HybridcEscaped = $true")) {
			t.Errorf("%s: the script does not decode its data", name)
		}
	}
	dir := lifecycleWith(t, c, nil)
	want := map[string][][3]string{
		"onprem.ps1": {
			{"roleGroups", "name", "Címzett‑adminok Ő"},
			{"roleAssignmentPolicies", "name", "Felhasználók đ"},
			{"recipients", "name", "Kovács Ödön Ő"},
			{"recipients", "name", "王小明"},
		},
		"online.ps1": {
			{"roleGroups", "name", "Đorđe’s admins 🚀"},
			{"recipients", "name", "Đorđe Petrović"},
		},
	}
	for script, objects := range want {
		st := readJSON(t, filepath.Join(dir, script+".after.json"))
		for _, o := range objects {
			found := false
			for _, e := range orgList(st, o[0]) {
				found = found || orgStr(e, o[1]) == o[2]
			}
			if !found {
				t.Errorf("%s: no %s with %s %q (exactly) after the first run", script, o[0], o[1], o[2])
			}
		}
		labels := map[string]bool{}
		for _, r := range readReport(t, filepath.Join(dir, script+".run.report.json")).Results {
			labels[r.Resource] = true
		}
		if script == "onprem.ps1" && !labels["roleGroup/Címzett‑adminok Ő"] {
			t.Errorf("%s: the report does not name roleGroup/Címzett‑adminok Ő: %v", script, labels)
		}
	}
	policy, err := orgNamed(readJSON(t, filepath.Join(dir, "onprem.ps1.after.json")), "roleAssignmentPolicies", "name", "Felhasználók đ")
	if err != nil {
		t.Fatal(err)
	}
	if roles := orgAnyList(policy["assignedRoles"]); len(roles) != 2 {
		t.Errorf("the policy holds %v, want the two declared roles", roles)
	}
	if strings.Contains(nonASCIIYAML, "~u~") {
		t.Fatal("the configuration must not hold the escape marker itself")
	}
}
