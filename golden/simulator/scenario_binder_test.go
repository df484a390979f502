package simulator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// binderScript is a hand-written script the simulator takes for a hybridc
// script of an environment (Get-SimScriptInfo: $HybridcShell and a data
// section): it makes calls PowerShell refuses before they reach Exchange
// and prints what each gave, one "BINDER <label> <result>" line each.
const binderScript = `$HybridcShell = '%SHELL%'
$HybridcDesired = data { @{ Organization = '%ORG%'; Steps = @() } }
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function Test-Binder {
    param([string]$Label, [scriptblock]$Call)
    try {
        $null = & $Call
        Write-Host ('BINDER ' + $Label + ' ran')
    }
    catch {
        Write-Host ('BINDER ' + $Label + ' ' + $_.Exception.GetType().Name + ': ' + $_.Exception.Message)
    }
}

foreach ($name in @('Add-RecipientPermission', 'Set-SendConnector')) {
    $defined = 'undefined'
    if ($null -ne (Get-Command -Name $name -ErrorAction SilentlyContinue)) {
        $defined = 'defined'
    }
    Write-Host ('BINDER ' + $name + ' ' + $defined)
}
Test-Binder 'control' { Get-Mailbox -ResultSize 'Unlimited' -ErrorAction Stop }
Test-Binder 'misspelled' { Set-Mailbox -Identity 'admin' -RoleAsignmentPolicy 'Default Role Assignment Policy' -ErrorAction Stop }
Test-Binder 'two-sets' { Add-MailboxPermission -Identity 'admin' -Owner 'admin' -AccessRights 'FullAccess' -ErrorAction Stop }
Test-Binder 'missing-mandatory' { Add-MailboxPermission -Identity 'admin' -User 'admin' -ErrorAction Stop }
Test-Binder 'not-here' { %NOTHERE% -Identity 'admin' -ErrorAction Stop }
exit 0
`

// TestBinderRefusesWhatExchangeRefuses proves that the simulator's cmdlets
// have the catalog's parameters and parameter sets, and only the cmdlets
// of their environment: a misspelled parameter, parameters of two sets and
// a missing mandatory parameter fail as PowerShell fails them, without a
// call reaching the organization, and a cmdlet of the other environment is
// not defined.
func TestBinderRefusesWhatExchangeRefuses(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	envs := []struct {
		script, shell, org string
		defined, notHere   string
	}{
		{"onprem-binder.ps1", "The Exchange Management Shell", "Contoso", "Set-SendConnector", "Add-RecipientPermission"},
		{"online-binder.ps1", "Exchange Online PowerShell", "contoso.onmicrosoft.com", "Add-RecipientPermission", "Set-SendConnector"},
	}
	var runs []run
	for _, e := range envs {
		text := strings.NewReplacer("%SHELL%", e.shell, "%ORG%", e.org, "%NOTHERE%", e.notHere).Replace(binderScript)
		if err := os.WriteFile(filepath.Join(dir, e.script), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		runs = append(runs, run{Script: e.script, OutState: e.script + ".json", CallLog: e.script + ".calls"})
	}
	got := simulate(t, dir, runs)
	data, err := os.ReadFile(filepath.Join(dir, "output.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// The lines of each run, in order.
	var lines [][]string
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.HasPrefix(line, "BINDER Add-RecipientPermission ") {
			lines = append(lines, nil)
		}
		if strings.HasPrefix(line, "BINDER ") && len(lines) > 0 {
			lines[len(lines)-1] = append(lines[len(lines)-1], strings.TrimPrefix(line, "BINDER "))
		}
	}
	if len(lines) != len(envs) {
		t.Fatalf("found the output of %d runs, want %d:\n%s", len(lines), len(envs), data)
	}
	for i, e := range envs {
		if got[i].ExitCode != 0 {
			t.Errorf("%s exited %d, want 0", e.script, got[i].ExitCode)
		}
		state := map[string]string{e.defined: " defined", e.notHere: " undefined"}
		want := []string{
			"Add-RecipientPermission" + state["Add-RecipientPermission"],
			"Set-SendConnector" + state["Set-SendConnector"],
			"control ran",
			"misspelled ParameterBindingException: A parameter cannot be found that matches parameter name 'RoleAsignmentPolicy'.",
			"two-sets ParameterBindingException: Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.",
			"missing-mandatory ParameterBindingException: Cannot process command because of one or more missing mandatory parameters: AccessRights.",
			"not-here CommandNotFoundException: The term '" + e.notHere + "' is not recognized as a name of a cmdlet, function, script file, or executable program.",
		}
		have := lines[i]
		if len(have) != len(want) {
			t.Errorf("%s printed %d lines, want %d:\n%s", e.script, len(have), len(want), strings.Join(have, "\n"))
			continue
		}
		for j := range want {
			if !strings.HasPrefix(have[j], want[j]) {
				t.Errorf("%s:\n got %s\nwant %s", e.script, have[j], want[j])
			}
		}
		calls := readCalls(t, filepath.Join(dir, e.script+".calls"))
		if len(calls) != 1 || calls[0].Cmdlet != "Get-Mailbox" {
			t.Errorf("%s: the refused calls reached the organization: %v", e.script, calls)
		}
	}
}
