package pscheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// Pwsh returns the PowerShell 7 executable for a test that runs scripts:
// pwsh on PATH, else $HOME/.dotnet/tools/pwsh (where dotnet tool install
// --global puts it). Without one it skips the test, or fails it when
// HYBRIDC_REQUIRE_PWSH=1 (as CI sets it). Run it as pwsh -NoProfile
// -NonInteractive -File SCRIPT.
func Pwsh(t testing.TB) string {
	t.Helper()
	if p, err := exec.LookPath("pwsh"); err == nil {
		return p
	}
	if home, err := os.UserHomeDir(); err == nil {
		name := "pwsh"
		if runtime.GOOS == "windows" {
			name = "pwsh.exe"
		}
		p := filepath.Join(home, ".dotnet", "tools", name)
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			return p
		}
	}
	if os.Getenv("HYBRIDC_REQUIRE_PWSH") == "1" {
		t.Fatal("pwsh not found and HYBRIDC_REQUIRE_PWSH=1")
	}
	t.Skip("pwsh not found: PowerShell tests skipped; install with dotnet tool install --global PowerShell --version 7.6.10")
	return ""
}
