package simulator

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// pesterVersion is the Pester the tests are written for (.ci/run restores
// it from NuGet).
const pesterVersion = "5.7.1"

// pesterModule returns the Pester module to import: HYBRIDC_PESTER, else
// Pester 5.7.1 as dotnet restores it into ~/.nuget/packages. Without one it
// skips the test, or fails it when HYBRIDC_REQUIRE_PWSH=1.
func pesterModule(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("HYBRIDC_PESTER"); p != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		p := filepath.Join(home, ".nuget", "packages", "pester", pesterVersion, "tools", "Pester.psd1")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("HYBRIDC_REQUIRE_PWSH") == "1" {
		t.Fatal("Pester not found and HYBRIDC_REQUIRE_PWSH=1 (set HYBRIDC_PESTER to its Pester.psd1)")
	}
	t.Skip("Pester not found: PowerShell unit tests skipped; restore the NuGet package Pester 5.7.1 with dotnet (see README)")
	return ""
}

// TestPesterSimulator runs the simulator's Pester tests (Simulator.Tests.ps1).
func TestPesterSimulator(t *testing.T) {
	pwsh := pwshPath(t)
	pester := pesterModule(t)
	tests, err := filepath.Abs("Simulator.Tests.ps1")
	if err != nil {
		t.Fatal(err)
	}
	script := `param($Pester, $Tests)
$ErrorActionPreference = 'Stop'
Import-Module -Name $Pester -MinimumVersion 5.0
$configuration = New-PesterConfiguration
$configuration.Run.Path = $Tests
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$result = Invoke-Pester -Configuration $configuration
if ($result.TotalCount -eq 0) { Write-Error 'no Pester test ran' }
exit $result.FailedCount`
	runner := filepath.Join(t.TempDir(), "run-pester.ps1")
	if err := os.WriteFile(runner, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(pwsh, "-NoProfile", "-NonInteractive", "-File", runner, "-Pester", pester, "-Tests", tests)
	cmd.Env = append(os.Environ(), "POWERSHELL_TELEMETRY_OPTOUT=1", "POWERSHELL_UPDATECHECK=Off", "NO_COLOR=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("Pester: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
