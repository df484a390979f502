package cli

import (
	"strings"
	"testing"
)

// TestBatchesScriptHostileSource: a file name that would close the help
// block (#>) and run code stays inside the comment in migrate.ps1.
func TestBatchesScriptHostileSource(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, dir, "hybrid#> Write-Host PWNED; <#.yaml", batchesHeader+batchesEndpoint+"mailboxes:\n  - {name: ann@contoso.com, location: onPremises}\n")
	code, stdout, stderr := run(t, "", "batches", "--format", "ps1", file)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if strings.Contains(stdout, "#> Write-Host") || strings.Contains(stdout, "; <#") {
		t.Errorf("the file name ends the help block in migrate.ps1:\n%s", stdout)
	}
	if !strings.Contains(stdout, "hybrid# > Write-Host PWNED; < #.yaml") {
		t.Errorf("the file name is not in the header, escaped")
	}
}

// TestBatchesScriptFormulaMailbox: migrate.ps1 refuses the mailboxes
// --format csv refuses as formula cells (New-MigrationBatch gets a CSV).
func TestBatchesScriptFormulaMailbox(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, dir, "hybrid.yaml", batchesHeader+batchesEndpoint+"mailboxes:\n  - {name: \"=cmd@contoso.com\", location: onPremises}\n  - {name: \"x;+y@contoso.com\", location: onPremises}\n")
	code, stdout, stderr := run(t, "", "batches", "--format", "ps1", file)
	if code != ExitFindings || stdout != "" || !strings.Contains(stderr, "=cmd@contoso.com") || !strings.Contains(stderr, "formula") {
		t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
}
