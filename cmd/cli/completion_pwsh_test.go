package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/golden/pscheck"
)

// pwshPath is pscheck.Pwsh.
func pwshPath(t testing.TB) string { return pscheck.Pwsh(t) }

// TestPowerShellCompletionStatic checks the PowerShell script without
// running PowerShell: pure ASCII, a clean parse by the PowerShell grammar,
// and only commands Windows PowerShell 5.1 has.
func TestPowerShellCompletionStatic(t *testing.T) {
	pscheck.Require(t)
	withProbeCommand(t)
	_, script, _ := run(t, "", "completion", "powershell")
	if at := pscheck.NonASCII([]byte(script)); at.Line > 0 {
		t.Errorf("%d:%d: a byte outside ASCII", at.Line, at.Col)
	}
	for _, f := range pscheck.SyntaxErrors([]byte(script)) {
		t.Errorf("syntax: %s", f)
	}
	for _, f := range pscheck.CheckCatalog([]byte(script), pscheck.Env{Online: true}) {
		t.Errorf("commands: %s", f)
	}
	for _, want := range []string{"Register-ArgumentCompleter -Native -CommandName hybridc, hybridc.exe -ScriptBlock {", "hybridc completion powershell | Out-String | Invoke-Expression"} {
		if !strings.Contains(script, want) {
			t.Errorf("the script lacks %q", want)
		}
	}
}

// TestPowerShellCompletes loads the script as the help says (Out-String |
// Invoke-Expression) under strict mode, after the PowerShell parser found
// no error in it, and asks TabExpansion2 what it completes, as Tab would.
func TestPowerShellCompletes(t *testing.T) {
	pwsh := pwshPath(t)
	withProbeCommand(t)
	_, script, _ := run(t, "", "completion", "powershell")
	dir := t.TempDir()
	scriptPath := writeFile(t, t.TempDir(), "hybridc.ps1", script)
	writeFile(t, dir, "hybrid.yaml", "")
	if err := os.Mkdir(filepath.Join(dir, "out dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		input string
		want  []string
	}{
		{"hybridc comp", []string{"compile", "completion"}},
		{"hybridc.exe comp", []string{"compile", "completion"}},
		{"hybridc ", []string{"batches", "compile", "completion", "export", "import", "init", "man", "plan", "schema", "sign", "validate", "verify", "version", "zz-probe", "help", "--help", "--version"}},
		{"hybridc compile --", []string{"--check", "--quiet", "--sign-cert", "--sign-hash", "--sign-key", "--sign-password-file", "--sign-pfx", "--timestamp-url"}},
		{"hybridc compile -", []string{"--check", "-o", "--quiet", "--sign-cert", "--sign-hash", "--sign-key", "--sign-password-file", "--sign-pfx", "--timestamp-url"}},
		{"hybridc compile --sign-p", []string{"--sign-password-file", "--sign-pfx"}},
		{"hybridc compile -o ", []string{"out dir"}},
		{"hybridc compile h", []string{"hybrid.yaml"}},
		{"hybridc verify --config ", []string{"hybrid.yaml", "out dir"}},
		{"hybridc validate --format ", []string{"text", "json", "sarif", "github"}},
		{"hybridc validate --format=s", []string{"--format=sarif"}},
		{"hybridc completion ", []string{"bash", "zsh", "fish", "powershell"}},
		{"hybridc help v", []string{"validate", "verify", "version"}},
		{"hybridc zz-probe --probe-", []string{"--probe-dir", "--probe-format"}},
		{"hybridc zz-probe --probe-dir ", []string{"out dir"}},
	}
	var driver strings.Builder
	driver.WriteString(`Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$tokens = $null
$errors = $null
[void][System.Management.Automation.Language.Parser]::ParseFile($args[0], [ref]$tokens, [ref]$errors)
foreach ($e in $errors) { 'PARSE ERROR: ' + $e.Extent.StartLineNumber + ': ' + $e.Message }
Get-Content -Raw -LiteralPath $args[0] | Out-String | Invoke-Expression
Set-Location -LiteralPath $args[1]
`)
	for _, tc := range tests {
		driver.WriteString("$in = " + psQuote(tc.input) + "\n")
		driver.WriteString("(@((TabExpansion2 -inputScript $in -cursorColumn $in.Length).CompletionMatches | ForEach-Object { $_.CompletionText }) -join '|')\n")
	}
	driverPath := writeFile(t, t.TempDir(), "driver.ps1", driver.String())
	cmd := exec.Command(pwsh, "-NoProfile", "-NonInteractive", "-File", driverPath, scriptPath, dir)
	cmd.Env = append(os.Environ(), "POWERSHELL_TELEMETRY_OPTOUT=1", "POWERSHELL_UPDATECHECK=Off", "NO_COLOR=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("pwsh: %v\n%s%s", err, out, stderr.Bytes())
	}
	lines := strings.Split(strings.TrimRight(strings.ReplaceAll(string(out), "\r\n", "\n"), "\n"), "\n")
	if len(lines) != len(tests) {
		t.Fatalf("pwsh printed %d lines for %d cases:\n%s", len(lines), len(tests), out)
	}
	for i, tc := range tests {
		var got []string
		for _, m := range strings.Split(lines[i], "|") {
			// Paths come as ./name, quoted when they hold a blank.
			got = append(got, strings.TrimPrefix(strings.TrimPrefix(strings.Trim(m, "'"), "./"), `.\`))
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q: completes %q, want %q", tc.input, lines[i], strings.Join(tc.want, "|"))
		}
	}
}
