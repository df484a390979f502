package simulator

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// standIns are the engine functions the simulator stands in for, with their
// whole text: each must stay one Windows call or path check, so that what
// the simulator skips is exactly what it cannot run (the checks around them
// run as written). A change to one of them must change this list.
var standIns = map[string]string{
	"Get-HybridcCurrentAccountSid": "return [System.Security.Principal.WindowsIdentity]::GetCurrent().User.Value",
	"ConvertTo-HybridcAccountSid": "param([Parameter(Mandatory = $true)] [string]$Account)\n" +
		"try {\n" +
		"    return (New-Object -TypeName 'System.Security.Principal.NTAccount' -ArgumentList $Account).Translate([System.Security.Principal.SecurityIdentifier]).Value\n" +
		"}\n" +
		"catch {\n" +
		"    Write-Verbose ('Could not translate ' + $Account + ' to a SID: ' + $_.Exception.Message)\n" +
		"    return ''\n" +
		"}",
	"Test-HybridcAdSyncConfig":   "param([Parameter(Mandatory = $true)] [string]$Path)\nreturn (Test-Path -LiteralPath $Path)",
	"Import-HybridcAdSyncConfig": "param([Parameter(Mandatory = $true)] [string]$Path)\nImport-Module -Name $Path -ErrorAction Stop",
	"Get-HybridcPrincipalName": "param([Parameter(Mandatory = $true)] [string]$DN)\n" +
		"$entry = [adsi]('LDAP://' + $DN.Replace('/', '\\/'))\n" +
		"$entry.RefreshCache(@('msDS-PrincipalName'))\n" +
		"return [string]$entry.Properties['msDS-PrincipalName'].Value",
	"Get-HybridcDomainRoots": "param([Parameter(Mandatory = $true)] [string]$Forest)\n" +
		"$context = New-Object -TypeName 'System.DirectoryServices.ActiveDirectory.DirectoryContext' -ArgumentList 'Forest', $Forest\n" +
		"$domains = [System.DirectoryServices.ActiveDirectory.Forest]::GetForest($context).Domains\n" +
		"return @($domains | ForEach-Object { 'DC=' + (([string]$_.Name -split '\\.') -join ',DC=') })",
	"Get-HybridcDnSid": "param([Parameter(Mandatory = $true)] [string]$DN)\n" +
		"$entry = [adsi]('LDAP://' + $DN.Replace('/', '\\/'))\n" +
		"$entry.RefreshCache(@('objectSid'))\n" +
		"$bytes = [byte[]]$entry.Properties['objectSid'].Value\n" +
		"return (New-Object -TypeName 'System.Security.Principal.SecurityIdentifier' -ArgumentList $bytes, 0).Value",
	"Get-HybridcAccessRules": "param([Parameter(Mandatory = $true)] [string]$DN)\n" +
		"$entry = [adsi]('LDAP://' + $DN.Replace('/', '\\/'))\n" +
		"$rules = $entry.ObjectSecurity.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier])\n" +
		"foreach ($rule in $rules) {\n" +
		"    [pscustomobject]@{ Sid = [string]$rule.IdentityReference.Value; Rights = [long]$rule.ActiveDirectoryRights; Type = [string]$rule.AccessControlType; ObjectType = [string]$rule.ObjectType; InheritedObjectType = [string]$rule.InheritedObjectType; Inheritance = [string]$rule.InheritanceType }\n" +
		"}",
}

// functionBody is a function's code in a script: its lines without
// comments, unindented by one level.
func functionBody(script, name string) (string, bool) {
	m := regexp.MustCompile(`(?ms)^function ` + regexp.QuoteMeta(name) + ` \{\r?\n(.*?)^\}`).FindStringSubmatch(script)
	if m == nil {
		return "", false
	}
	var lines []string
	for _, line := range strings.Split(strings.ReplaceAll(m[1], "\r\n", "\n"), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "#") || strings.TrimSpace(line) == "" {
			continue
		}
		lines = append(lines, strings.TrimPrefix(line, "    "))
	}
	return strings.Join(lines, "\n"), true
}

// TestStandInsAreOneCall holds the functions the simulator stands in for to
// their text, in every script that has them.
func TestStandInsAreOneCall(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range configs(t) {
		for _, name := range c.Files.Names() {
			for fn, want := range standIns {
				got, ok := functionBody(string(c.Files[name]), fn)
				if !ok {
					continue
				}
				seen[fn] = true
				if got != want {
					t.Errorf("%s %s: %s is\n%s\nwant\n%s\n(the simulator stands in for it: keep it one Windows call, and the checks around it in the engine)", c.Label, name, fn, got, want)
				}
			}
		}
	}
	for fn := range standIns {
		if !seen[fn] {
			t.Errorf("no script holds %s: the list of stand-ins is stale", fn)
		}
	}
}

// runOne runs the simulator on one script and returns its exit code and
// output.
func runOne(t *testing.T, dir string, args ...string) (int, string) {
	t.Helper()
	entry, err := filepath.Abs("Invoke-HybridcSimulation.ps1")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(pwshPath(t), append([]string{"-NoProfile", "-NonInteractive", "-File", entry}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	out, err := cmd.CombinedOutput()
	if exit, ok := err.(*exec.ExitError); ok {
		return exit.ExitCode(), string(out)
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, string(out)
}

// TestGuardDataSection: the simulator evaluates only a hybridc data
// section, one without -SupportedCommand at the top level; it refuses any
// other script before running anything of it.
func TestGuardDataSection(t *testing.T) {
	scripts := map[string]string{
		"supported-command.ps1": "$HybridcShell = 'The Exchange Management Shell'\n$HybridcDesired = data -SupportedCommand Set-Content { Set-Content -Path marker -Value x; @{ Organization = 'Contoso'; Steps = @() } }\n",
		"nested.ps1":            "$HybridcShell = 'The Exchange Management Shell'\nif ($false) { $HybridcDesired = data { @{ Organization = 'Contoso'; Steps = @() } } }\n",
		"two-sections.ps1":      "$HybridcShell = 'The Exchange Management Shell'\n$HybridcDesired = data { @{ Organization = 'Contoso'; Steps = @() } }\nfunction f { data -SupportedCommand Set-Content { Set-Content -Path marker -Value x } }\n",
	}
	for name, text := range scripts {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			code, out := runOne(t, dir, "-Script", name, "-OutState", "out.json", "-CallLog", "calls.jsonl")
			if code == 0 || !strings.Contains(out, "is not a hybridc script") {
				t.Errorf("exit %d, want a refusal:\n%s", code, out)
			}
			if _, err := os.Stat(filepath.Join(dir, "marker")); err == nil {
				t.Error("the script's data section ran a command")
			}
		})
	}
}
