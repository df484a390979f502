package pscheck

import (
	"strings"
	"testing"
)

// crlfBOM returns s with CRLF line endings and a UTF-8 BOM, as hybridc
// writes scripts.
func crlfBOM(s string) []byte {
	return []byte("\uFEFF" + strings.ReplaceAll(s, "\n", "\r\n"))
}

func TestSyntaxErrorsAcceptsValidConstructs(t *testing.T) {
	Require(t)
	tests := []struct {
		name string
		src  string
	}{
		{name: "comment-based help", src: "<#\n.SYNOPSIS\n    Configures the hybrid.\n.PARAMETER Force\n    Forces.\n#>\nparam()\n"},
		{name: "script CmdletBinding param block", src: "[CmdletBinding(SupportsShouldProcess = $true)]\nparam(\n    [Parameter(Mandatory = $false)]\n    [switch]$Force,\n    [string]$Name = 'x'\n)\nSet-StrictMode -Version 2.0\n$ErrorActionPreference = 'Stop'\n"},
		{name: "function with CmdletBinding", src: "function Compare-HybridcState {\n    [CmdletBinding(SupportsShouldProcess = $true)]\n    param(\n        [Parameter(Mandatory = $true)] $Current,\n        [hashtable]$Desired,\n        [string[]]$SetProperties = @()\n    )\n    $drift = [ordered]@{}\n    foreach ($key in $Desired.Keys) {\n        if ($SetProperties -contains $key) { $drift[$key] = $Desired[$key] }\n    }\n    return $drift\n}\n"},
		{name: "try catch finally", src: "try {\n    Get-Mailbox -Identity 'x'\n}\ncatch [System.Exception] {\n    Write-Error -Message $_.Exception.Message\n    exit 1\n}\nfinally {\n    Write-Verbose 'done'\n}\n"},
		{name: "if elseif else", src: "if ($null -eq $current) {\n    Write-Output 'new'\n} elseif ($current.Enabled -ne $true) {\n    Write-Output 'drift'\n} else {\n    Write-Output 'same'\n}\n"},
		{name: "ShouldProcess", src: "if ($PSCmdlet.ShouldProcess('To Cloud', 'Set-OrganizationRelationship')) {\n    Set-OrganizationRelationship -Identity 'To Cloud' -Enabled:$true\n}\n"},
		{name: "verbatim here-string", src: "$text = @'\nHere 'quoted' $notExpanded `n\n'@\n"},
		{name: "expandable here-string", src: "$text = @\"\nName: $($current.Name)\n\"@\n"},
		{name: "hashtable and ordered", src: "$h = @{ A = 1; 'B C' = 'x' }\n$o = [ordered]@{\n    DomainNames = @('service.contoso.com', 'contoso.com')\n    Enabled     = $true\n}\n"},
		{name: "colon switches", src: "Set-Mailbox -Identity 'x' -Confirm:$false -HiddenFromAddressListsEnabled:$true\n"},
		{name: "pipeline and script blocks", src: "Get-Mailbox -ResultSize Unlimited | Where-Object { $_.Alias -like 'a*' } | ForEach-Object { $_.Name } | Sort-Object\n"},
		{name: "line continuation", src: "Set-Mailbox -Identity 'x' `\n    -HiddenFromAddressListsEnabled:$true\n"},
		{name: "multi-line switch", src: "switch ($x) {\n    'a' { Write-Output 1 }\n    default { Write-Output 2 }\n}\n"},
		{name: "doubled quotes", src: "Write-Output 'it''s' 'it’’s' '‘‘q’’'\n"},
		{name: "format and subexpression", src: "Write-Host ('{0} is {1}' -f $a, $b)\nWrite-Output \"$(Get-Date -Format 'o') done\"\n"},
		{name: "redirection and casts", src: "$null = Get-AcceptedDomain 2>&1\n[void](Get-Date)\n[string[]]$list = @()\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for variant, src := range map[string][]byte{"LF": []byte(tt.src), "CRLF+BOM": crlfBOM(tt.src)} {
				if got := SyntaxErrors(src); len(got) != 0 {
					t.Errorf("%s: SyntaxErrors = %v, want none", variant, got)
				}
			}
		})
	}
}

func TestSyntaxErrorsCatchesBrokenInput(t *testing.T) {
	Require(t)
	tests := []struct {
		name     string
		src      string
		wantLine int    // line of the first finding
		wantMsg  string // substring of some finding
	}{
		{name: "unclosed brace", src: "if ($x) {\n    Write-Output 1\n", wantLine: 2, wantMsg: `missing "}"`},
		{name: "unclosed single-quoted string", src: "Write-Output 'ok'\nWrite-Output 'oops\n", wantLine: 2, wantMsg: "syntax error"},
		{name: "unclosed double-quoted string", src: "Write-Output \"oops\n", wantLine: 1, wantMsg: "syntax error"},
		{name: "unclosed here-string", src: "$a = @'\ntext\n", wantLine: 1, wantMsg: "syntax error"},
		{name: "unclosed paren", src: "Write-Host ('{0}' -f $a\n", wantLine: 1, wantMsg: "syntax error"},
		{name: "undoubled right single quote", src: "Write-Output 'ok'\nSet-User -Identity 'O’Brien'\n", wantLine: 2, wantMsg: "U+2019"},
		{name: "undoubled low-9 quote", src: "Write-Output 'a‚b'\n", wantLine: 1, wantMsg: "U+201A"},
		{name: "undoubled curly double quote", src: "Write-Output \"a“b\"\n", wantLine: 1, wantMsg: "U+201C"},
		{name: "here-string ended by curly quote", src: "$a = @'\nx\n’@\nRemove-Mailbox 'y'\n'@\n", wantLine: 3, wantMsg: "U+2019"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for variant, src := range map[string][]byte{"LF": []byte(tt.src), "CRLF+BOM": crlfBOM(tt.src)} {
				got := SyntaxErrors(src)
				if len(got) == 0 {
					t.Fatalf("%s: no findings, want %q", variant, tt.wantMsg)
				}
				if got[0].Line != tt.wantLine {
					t.Errorf("%s: first finding at line %d, want %d: %v", variant, got[0].Line, tt.wantLine, got)
				}
				if !anyContains(got, tt.wantMsg) {
					t.Errorf("%s: findings %v lack %q", variant, got, tt.wantMsg)
				}
			}
		})
	}
}

func TestSyntaxErrorsPositions(t *testing.T) {
	Require(t)
	// The BOM counts: the column of the bad quote is a byte column in src.
	src := crlfBOM("Write-Output 'a’b'\n")
	got := SyntaxErrors(src)
	want := Finding{Line: 1, Col: 3 + len("Write-Output 'a") + 1}
	if len(got) != 1 || got[0].Line != want.Line || got[0].Col != want.Col {
		t.Fatalf("SyntaxErrors = %v, want one finding at %d:%d", got, want.Line, want.Col)
	}
	if s := got[0].String(); !strings.HasPrefix(s, "1:19: ") {
		t.Errorf("String() = %q, want prefix 1:19: ", s)
	}
}

func anyContains(fs []Finding, sub string) bool {
	for _, f := range fs {
		if strings.Contains(f.Msg, sub) {
			return true
		}
	}
	return false
}
