package cli

import (
	"strings"
	"testing"
)

// batchesEndpoint declares the tenant's remote move endpoint.
const batchesEndpoint = `  migrationEndpoints:
    - name: Hybrid Migration Endpoint
      remoteServer: mail.contoso.com
`

// TestBatchesScript: --format ps1 writes migrate.ps1 with the batches as
// data (names from --batch-prefix, addresses quoted, the declared endpoint
// and the routing domain), ASCII with CRLF; it starts and completes batches
// only with --auto-start/--auto-complete.
func TestBatchesScript(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, dir, "hybrid.yaml", batchesHeader+batchesEndpoint+`mailboxes:
  - {name: ann@contoso.com, location: onPremises}
  - {name: bob@contoso.com, location: onPremises}
  - {name: o'neil@contoso.com, location: onPremises}
permissions:
  - {access: FullAccess, mailbox: ann@contoso.com, trustee: bob@contoso.com}
`)
	code, stdout, stderr := run(t, "", "batches", "--format", "ps1", "--batch-prefix", "Wave ", file)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"SourceEndpoint       = 'Hybrid Migration Endpoint'", "DeliveryDomain       = 'contoso.mail.onmicrosoft.com'",
		"Organization         = 'contoso.onmicrosoft.com'", "AutoStart            = $false", "AutoComplete         = $false",
		"@{ Name = 'Wave 1'; Users = @('ann@contoso.com', 'bob@contoso.com') },", "@{ Name = 'Wave 2'; Users = @('o''neil@contoso.com') }",
		"-TargetDeliveryDomain ([string]$HybridcDesired.DeliveryDomain) -CSVData $csv @options -Confirm:$false -ErrorAction Stop"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("migrate.ps1 lacks %q", want)
		}
	}
	text, ok := strings.CutPrefix(stdout, "\ufeff")
	if !ok {
		t.Fatal("migrate.ps1 does not start with the byte order mark every hybridc script has")
	}
	for i := 0; i < len(text); i++ {
		if text[i] > 0x7e || text[i] == '\n' && (i == 0 || text[i-1] != '\r') {
			t.Fatalf("migrate.ps1 is not ASCII with CRLF at byte %d after its byte order mark", i)
		}
	}
	_, stdout, _ = run(t, "", "batches", "--format", "ps1", "--auto-start", "--auto-complete", file)
	if !strings.Contains(stdout, "AutoStart            = $true") || !strings.Contains(stdout, "AutoComplete         = $true") {
		t.Errorf("--auto-start/--auto-complete are not in the data")
	}
}

// TestBatchesScriptRefuses: without a declared endpoint (or two) and
// without --endpoint, with a mailbox that is no SMTP address, and with
// --state, --format ps1 writes nothing.
func TestBatchesScriptRefuses(t *testing.T) {
	dir := t.TempDir()
	none := writeFile(t, dir, "none.yaml", batchesHeader+"mailboxes:\n  - {name: a@contoso.com, location: onPremises}\n")
	code, stdout, stderr := run(t, "", "batches", "--format", "ps1", none)
	if code != ExitFindings || stdout != "" || !strings.Contains(stderr, "give --endpoint NAME") {
		t.Errorf("no endpoint: exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	if code, stdout, _ = run(t, "", "batches", "--format", "ps1", "--endpoint", "Given", none); code != ExitOK || !strings.Contains(stdout, "SourceEndpoint       = 'Given'") {
		t.Errorf("--endpoint: exit %d", code)
	}
	alias := writeFile(t, dir, "alias.yaml", batchesHeader+batchesEndpoint+"mailboxes:\n  - {name: ann, location: onPremises}\n")
	code, stdout, stderr = run(t, "", "batches", "--format", "ps1", alias)
	if code != ExitFindings || stdout != "" || !strings.Contains(stderr, "migrate.ps1 cannot hold ann") {
		t.Errorf("an alias: exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	if code, stdout, _ = run(t, "", "batches", "--state", "--format", "ps1", none); code != ExitUsage || stdout != "" {
		t.Errorf("--state --format ps1: exit %d, want %d", code, ExitUsage)
	}
}
