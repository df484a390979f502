package compiler

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// runPwsh runs a script with PowerShell 7 and returns its output: pwsh on
// PATH, else $HOME/.dotnet/tools/pwsh (as golden/simulator finds it).
// Without pwsh it skips the test, or fails it when HYBRIDC_REQUIRE_PWSH=1.
func runPwsh(t testing.TB, script []byte) []byte {
	t.Helper()
	pwsh, err := exec.LookPath("pwsh")
	if err != nil {
		name := "pwsh"
		if runtime.GOOS == "windows" {
			name = "pwsh.exe"
		}
		home, _ := os.UserHomeDir()
		pwsh = filepath.Join(home, ".dotnet", "tools", name)
		if info, err := os.Stat(pwsh); err != nil || info.IsDir() {
			if os.Getenv("HYBRIDC_REQUIRE_PWSH") == "1" {
				t.Fatal("pwsh not found and HYBRIDC_REQUIRE_PWSH=1")
			}
			t.Skip("pwsh not found: PowerShell tests skipped")
		}
	}
	path := filepath.Join(t.TempDir(), "test.ps1")
	if err := os.WriteFile(path, script, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(pwsh, "-NoProfile", "-NonInteractive", "-File", path)
	cmd.Env = append(os.Environ(), "POWERSHELL_TELEMETRY_OPTOUT=1", "POWERSHELL_UPDATECHECK=Off", "NO_COLOR=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pwsh: %v\n%s%s", err, out, stderr.Bytes())
	}
	return out
}
