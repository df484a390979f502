package simulator

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hybridc/hybridc/compiler"
)

// authCertCase compiles an organization declaring the auth certificate
// and a next one taking over on effective, into a new directory.
func authCertCase(t *testing.T, effective string) string {
	t.Helper()
	yaml := "version: 1\nonPremises:\n  organization: Contoso\n  exchangeVersion: SE\n  primarySmtpDomains: [contoso.com]\n" +
		"  federatedDelegationNamespace: exchangedelegation.contoso.com\n  authCertificate:\n" +
		"    thumbprint: 3A5F1C2B4D6E8F90A1B2C3D4E5F60718293A4B5C\n    notAfter: \"2099-06-01\"\n    next:\n" +
		"      thumbprint: 9F8E7D6C5B4A39281706F5E4D3C2B1A098765432\n      effectiveDate: \"" + effective + "\"\n      notAfter: \"2104-05-01\"\n" +
		"exchangeOnline:\n  tenant: contoso.onmicrosoft.com\n  routingDomain: contoso.mail.onmicrosoft.com\n" +
		"  serviceRoutingNamespace: service.contoso.com\n  primarySmtpDomains: [contoso.com]\n"
	res, err := compiler.Compile(compiler.Source{Name: "input.yaml", Data: []byte(yaml)}, compiler.Options{ToolVersion: "0.0.0-test"})
	if err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("compile: %v %s", err, res.Diagnostics.String())
	}
	dir := t.TempDir()
	config{Label: "authcert", YAML: []byte(yaml), Files: res.Files}.scripts(t, dir)
	return dir
}

// TestScenarioAuthCertificate: a first run sets the declared next auth
// certificate (Set-AuthConfig -NewCertificateThumbprint
// -NewCertificateEffectiveDate -Force) and never the current one; -Check
// after it is clean; a current certificate expiring within 60 days (its
// real NotAfter, Get-ExchangeCertificate) is a warning in the result; an
// expired one, or another current certificate, fails the item with
// nothing changed; once the next certificate's date has come it is
// published (Set-AuthConfig -PublishCertificate) and becomes current.
func TestScenarioAuthCertificate(t *testing.T) {
	t.Parallel()
	dir := authCertCase(t, "2099-05-01")
	got := simulate(t, dir, []run{
		{Script: "onprem.ps1", OutState: "first.json", CallLog: "first.calls"},
		{Script: "onprem.ps1", Mode: "Check", State: "first.json", OutState: "check.json", CallLog: "check.calls"},
	})
	if got[0].ExitCode != 0 || got[1].ExitCode != 0 {
		t.Fatalf("the first run exited %d, -Check after it %d, want 0 and 0", got[0].ExitCode, got[1].ExitCode)
	}
	sets := 0
	for _, c := range readCalls(t, filepath.Join(dir, "first.calls")) {
		if c.Cmdlet == "Set-AuthConfig" {
			sets++
			if c.Parameters["NewCertificateThumbprint"] != "9F8E7D6C5B4A39281706F5E4D3C2B1A098765432" || c.Parameters["CertificateThumbprint"] != nil || c.Parameters["PublishCertificate"] != nil {
				t.Errorf("Set-AuthConfig %v, want only the next certificate", c.Parameters)
			}
		}
	}
	if sets != 1 {
		t.Errorf("the first run called Set-AuthConfig %d times, want 1", sets)
	}
	first := readJSON(t, filepath.Join(dir, "first.json"))
	if first["authCurrentCertificateThumbprint"] != "3A5F1C2B4D6E8F90A1B2C3D4E5F60718293A4B5C" || first["authNextCertificateThumbprint"] != "9F8E7D6C5B4A39281706F5E4D3C2B1A098765432" ||
		!strings.HasPrefix(fmt.Sprint(first["authNextCertificateEffectiveDate"]), "2099-05-01") {
		t.Fatalf("after the first run the auth configuration is %v %v %v", first["authCurrentCertificateThumbprint"], first["authNextCertificateThumbprint"], first["authNextCertificateEffectiveDate"])
	}
	soon := time.Now().UTC().AddDate(0, 0, 20).Format("2006-01-02T15:04:05Z")
	states := map[string]map[string]any{
		"expiring.json": {"authCurrentCertificateThumbprint": "3A5F1C2B4D6E8F90A1B2C3D4E5F60718293A4B5C", "authCurrentCertificateNotAfter": soon},
		"expired.json":  {"authCurrentCertificateThumbprint": "3A5F1C2B4D6E8F90A1B2C3D4E5F60718293A4B5C", "authCurrentCertificateNotAfter": "2020-01-01T00:00:00Z"},
		"other.json":    {"authCurrentCertificateThumbprint": "0123456789ABCDEF0123456789ABCDEF01234567", "authCurrentCertificateNotAfter": "2099-06-01T00:00:00Z"},
	}
	for name, a := range states {
		delete(first, "authNextCertificateThumbprint")
		delete(first, "authNextCertificateEffectiveDate")
		for k, v := range a {
			first[k] = v
		}
		writeJSON(t, filepath.Join(dir, name), first)
	}
	got = simulate(t, dir, []run{
		{Script: "onprem.ps1", State: "expiring.json", ScriptParameters: map[string]any{"ReportPath": "expiring.report.json"}, OutState: "expiring-after.json", CallLog: "expiring.calls"},
		{Script: "onprem.ps1", State: "expired.json", OutState: "expired-after.json", CallLog: "expired.calls"},
		{Script: "onprem.ps1", Mode: "Check", State: "other.json", OutState: "other-after.json", CallLog: "other.calls"},
	})
	if got[0].ExitCode != 0 || got[1].ExitCode == 0 || got[2].ExitCode == 0 {
		t.Fatalf("exit codes %d (expiring, want 0), %d (expired, want a failure), %d (another current certificate, want a failure)", got[0].ExitCode, got[1].ExitCode, got[2].ExitCode)
	}
	warned := false
	for _, r := range readReport(t, filepath.Join(dir, "expiring.report.json")).Results {
		warned = warned || strings.Contains(r.Detail, "the current auth certificate expires on "+soon[:10])
	}
	if !warned {
		t.Errorf("a certificate expiring in 20 days is not warned about in the result")
	}
	for _, log := range []string{"expired.calls", "other.calls"} {
		for _, c := range readCalls(t, filepath.Join(dir, log)) {
			if c.Cmdlet == "Set-AuthConfig" {
				t.Errorf("%s: Set-AuthConfig %v called for a failing item", log, c.Parameters)
			}
		}
	}
	// The next certificate's date has come: published, current.
	due := authCertCase(t, time.Now().UTC().AddDate(0, 0, -1).Format("2006-01-02"))
	data, err := os.ReadFile(filepath.Join(dir, "first.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(due, "set.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	got = simulate(t, due, []run{
		{Script: "onprem.ps1", State: "set.json", OutState: "published.json", CallLog: "published.calls"},
		{Script: "onprem.ps1", Mode: "Check", State: "published.json", OutState: "again.json", CallLog: "again.calls"},
	})
	if got[0].ExitCode != 0 || got[1].ExitCode != 0 {
		t.Fatalf("the run on the due date exited %d, -Check after it %d, want 0 and 0", got[0].ExitCode, got[1].ExitCode)
	}
	if current := readJSON(t, filepath.Join(due, "published.json"))["authCurrentCertificateThumbprint"]; current != "9F8E7D6C5B4A39281706F5E4D3C2B1A098765432" {
		t.Errorf("after the run on the due date the current auth certificate is %v, want the next one", current)
	}
}
