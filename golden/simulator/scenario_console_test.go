package simulator

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestScenarioConsoleCommands: the engine's console lines (a result, a
// failure, the summary's failures) break '##[' as the command line does
// ('#\x23['), so that a name cannot forge a CI runner's command; the
// report keeps the name as it is.
func TestScenarioConsoleCommands(t *testing.T) {
	t.Parallel()
	pwsh := pwshPath(t)
	var script strings.Builder
	script.WriteString("$script:HybridcResults = New-Object -TypeName 'System.Collections.ArrayList'\n$script:HybridcStarted = [DateTime]::UtcNow\n$script:HybridcCalls = 0\n")
	script.WriteString("function Get-HybridcLabel { param($Item) return [string]$Item.Name }\nfunction Get-HybridcValue { param($Object, $Name) return $Object.$Name }\n")
	for _, f := range []string{"ConvertTo-HybridcConsoleText", "Add-HybridcResult", "Write-HybridcSummary"} {
		script.WriteString(engineFunction(t, "engine-core.ps1.tmpl", f))
	}
	script.WriteString(`$item = [pscustomobject]@{ Name = 'Ops ##[error]forged'; Source = 'h.yaml:3:9' }
Add-HybridcResult -Item $item -Status 'unchanged' -Detail 'see ##[warning]x'
Add-HybridcResult -Item $item -Status 'failed' -Detail '##[error]boom' 3>&1
$null = Write-HybridcSummary
[Console]::Out.WriteLine('report: ' + $script:HybridcResults[0].Resource)
`)
	file := filepath.Join(t.TempDir(), "console.ps1")
	if err := os.WriteFile(file, []byte(script.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pwsh, "-NoProfile", "-NonInteractive", "-File", file).CombinedOutput()
	if err != nil {
		t.Fatalf("pwsh: %v\n%s", err, out)
	}
	text := string(out)
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, "##[") && !strings.HasPrefix(line, "report: ") {
			t.Errorf("a console line holds ##[: %q", line)
		}
	}
	if !strings.Contains(text, `Ops #\x23[error]forged`) || !strings.Contains(text, "report: Ops ##[error]forged") {
		t.Errorf("the output:\n%s", text)
	}
}
