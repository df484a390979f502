package compiler

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/golden/pscheck"

	"github.com/hybridc/hybridc/compiler/load"
	renderpkg "github.com/hybridc/hybridc/compiler/render"
)

// requiredList reads a rendered script's $HybridcRequiredCommands.
var requiredList = regexp.MustCompile(`(?s)\$HybridcRequiredCommands = @\((.*?)\r?\n\)`)

func requiredOf(t *testing.T, name string, script []byte) []string {
	t.Helper()
	m := requiredList.FindSubmatch(script)
	if m == nil {
		t.Fatalf("%s has no $HybridcRequiredCommands", name)
	}
	var out []string
	for _, q := range regexp.MustCompile(`'([^']*)'`).FindAllSubmatch(m[1], -1) {
		out = append(out, string(q[1]))
	}
	return out
}

// TestPreflightListsEveryCall: the preflight's required cmdlets of every
// generated script (every example, every valid golden case, the
// every-field configuration, both export scripts) are exactly the cmdlets
// its code calls that the session must provide, found by PowerShell's
// grammar (pscheck.SessionCommands), not by the scan that builds the list:
// a session without one of them (an RBAC-trimmed role) fails at the
// preflight, before anything changed, and no cmdlet the script never calls
// is asked for. Issue 19, point 16: Set-ADServerSettings, the revoke
// paths' Remove-*Permission and Get-EXOMailboxPermission were missing.
func TestPreflightListsEveryCall(t *testing.T) {
	pscheck.Require(t)
	inputs, _ := filepath.Glob(filepath.Join("..", "examples", "*.yaml"))
	cases, _ := filepath.Glob(filepath.Join("..", "golden", "cases", "*", "input.yaml"))
	inputs = append(append(inputs, cases...), filepath.Join("testdata", "every-field.yaml"))
	files := map[string][]byte{}
	for _, input := range inputs {
		data, err := os.ReadFile(input)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Compile(load.Source{Name: "input.yaml", Data: data}, renderpkg.Options{ToolVersion: "test"})
		if err != nil || res.Diagnostics.HasErrors() {
			continue
		}
		for name, body := range res.Files {
			if strings.HasSuffix(name, ".ps1") {
				files[input+": "+name] = body
			}
		}
	}
	export, err := renderpkg.RenderExport(renderpkg.ExportOptions{Organization: "Contoso", Tenant: "contoso.onmicrosoft.com", ToolVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range export {
		files["export: "+name] = body
	}
	seen := map[string]bool{}
	for name, body := range files {
		want, err := pscheck.SessionCommands(body)
		if err != nil {
			t.Fatal(err)
		}
		got := requiredOf(t, name, body)
		for _, c := range want {
			seen[c] = true
			if !slices.Contains(got, c) {
				t.Errorf("%s calls %s, which its preflight does not check (required: %s)", name, c, strings.Join(got, ", "))
			}
		}
		for _, c := range got {
			if !slices.Contains(want, c) {
				t.Errorf("%s's preflight requires %s, which it never calls", name, c)
			}
		}
	}
	// The calls the review found missing are among those checked.
	for _, c := range []string{"Set-ADServerSettings", "Get-EXOMailboxPermission", "Remove-MailboxPermission", "Remove-ADPermission", "Remove-RecipientPermission", "Remove-MailboxFolderPermission"} {
		if !seen[c] {
			t.Errorf("no configuration's script calls %s: the test no longer covers it", c)
		}
	}
}

// TestScriptCommands: the scan finds the command whose arguments pass
// -ErrorAction Stop through braces, parentheses and pipelines, and not in
// comments or strings.
func TestScriptCommands(t *testing.T) {
	src := strings.Join([]string{
		"# passes -ErrorAction Stop on every call",
		"$null = Invoke-HybridcCall -Change -Call { Set-UnifiedGroup -Identity $k -EmailAddresses @{ Remove = $x } -Confirm:$false -ErrorAction Stop }",
		"$a = Select-HybridcFirst -Items @(Invoke-HybridcCall -Call { $m | Get-MailboxMessageConfiguration -ErrorAction Stop })",
		"    $Chunk | Get-MailboxPermission -ErrorAction Stop | Select-Object -Property Identity",
		"    Import-Module -Name $Path -ErrorAction Stop",
		"    New-RoleGroup -Name ([string]$item.Name) @create -Confirm:$false -ErrorAction Stop",
		"    Write-Host 'x -ErrorAction Stop'",
	}, "\n")
	want := []string{"Get-MailboxMessageConfiguration", "Get-MailboxPermission", "New-RoleGroup", "Set-UnifiedGroup"}
	if got := renderpkg.ScriptCommands(src); !slices.Equal(got, want) {
		t.Errorf("scriptCommands = %v, want %v", got, want)
	}
}

// TestPreflightNamesWhatNeedsEachCmdlet checks that the preflight's message
// can name the step that needs a missing cmdlet (review point 13): a
// tenant declaring only a role group needs Enable-OrganizationCustomization
// for the customization step, and the script says so.
func TestPreflightNamesWhatNeedsEachCmdlet(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "golden", "cases", "rbac-empty-lists", "input.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Compile(load.Source{Name: "input.yaml", Data: data}, renderpkg.Options{ToolVersion: "test"})
	if err != nil || res.Files == nil {
		t.Fatalf("%v %s", err, res.Diagnostics)
	}
	body := string(res.Files["online.ps1"])
	for _, want := range []string{
		"    'Enable-OrganizationCustomization' = 'organizationCustomization'\r\n",
		"    'New-RoleGroup' = 'roleGroup'\r\n",
		"$_ + ' (' + [string]$HybridcCommandUses[$_] + ')'",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("online.ps1 lacks %q", want)
		}
	}
}
