package pscheck

import "testing"

func TestCheckWriteGuarded(t *testing.T) {
	Require(t)
	const top = "1:1: Set-Mailbox: state-changing call outside any function"
	const unguarded = "Set-Mailbox: state-changing call not guarded"
	tests := []struct {
		name string
		src  string
		want []string // "line:col: message" prefixes
	}{
		{
			name: "if on ShouldProcess",
			src:  "function F {\n    if ($PSCmdlet.ShouldProcess('a', 'Set')) { Set-Mailbox -Identity 'a' }\n}\n",
		},
		{
			name: "elseif, -and, parentheses, pipelines and script blocks",
			src:  "function F {\n    if ($null -eq $x) { Write-Host 'none' }\n    elseif ($null -ne $x -and ($PSCmdlet.ShouldProcess('a'))) {\n        Get-User | Set-User -Identity 'a'\n        @(1) | ForEach-Object { Set-Mailbox -Identity $_ }\n    }\n}\n",
		},
		{
			name: "early exit",
			src:  "function F {\n    if (-not $PSCmdlet.ShouldProcess('a')) { Write-Verbose 'skipped'; return }\n    Set-Mailbox -Identity 'a'\n    foreach ($g in $gs) {\n        if (!$PSCmdlet.ShouldProcess($g)) { continue }\n        Remove-UnifiedGroupLinks -Identity $g -LinkType Subscribers -Links 'a'\n    }\n}\n",
		},
		{
			name: "function called only from guarded places",
			src:  "function Set-Inner { Set-Mailbox -Identity 'a' }\nfunction Invoke-Outer {\n    if ($PSCmdlet.ShouldProcess('a')) { Set-Inner }\n}\nif ($PSCmdlet.ShouldProcess('b')) { set-inner }\n",
		},
		{
			name: "reads need no guard",
			src:  "Get-Mailbox -Identity 'a'\nTest-OAuthConnectivity -Service EWS -TargetUri 'x'\nSet-StrictMode -Version 2.0\n",
		},
		{
			name: "top level, unguarded",
			src:  "Set-Mailbox -Identity 'a'\n",
			want: []string{top, "1:1: " + unguarded},
		},
		{
			name: "top level inside an if on ShouldProcess",
			src:  "if ($PSCmdlet.ShouldProcess('a')) {\nSet-Mailbox -Identity 'a'\n}\n",
			want: []string{"2:1: Set-Mailbox: state-changing call outside any function"},
		},
		{
			name: "no guard in a function",
			src:  "function F {\n    Set-Mailbox -Identity 'a'\n}\n",
			want: []string{"2:5: " + unguarded},
		},
		{
			name: "guard in the wrong place",
			src:  "function F {\n    if ($PSCmdlet.ShouldProcess('a')) { Write-Host 'ok' }\n    Set-Mailbox -Identity 'a'\n    if ($PSCmdlet.ShouldProcess('a')) { } else { Set-Mailbox -Identity 'b' }\n}\n",
			want: []string{"3:5: " + unguarded, "4:50: " + unguarded},
		},
		{
			name: "-or, -not and comparisons are no guard",
			src:  "function F {\n    if ($Force -or $PSCmdlet.ShouldProcess('a')) { Set-Mailbox -Identity 'a' }\n    if (-not $PSCmdlet.ShouldProcess('a')) { Set-Mailbox -Identity 'b' }\n    if ($PSCmdlet.ShouldProcess('a') -eq $false) { Set-Mailbox -Identity 'c' }\n}\n",
			want: []string{"2:52: " + unguarded, "3:46: " + unguarded, "4:52: " + unguarded},
		},
		{
			name: "early exit that does not exit",
			src:  "function F {\n    if (-not $PSCmdlet.ShouldProcess('a')) { Write-Warning 'no' }\n    Set-Mailbox -Identity 'a'\n}\n",
			want: []string{"3:5: " + unguarded},
		},
		{
			name: "ShouldContinue or another object is not ShouldProcess",
			src:  "function F {\n    if ($PSCmdlet.ShouldContinue('a', 'b')) { Set-Mailbox -Identity 'a' }\n    if ($other.ShouldProcess('a')) { Set-Mailbox -Identity 'b' }\n}\n",
			want: []string{"2:47: " + unguarded, "3:38: " + unguarded},
		},
		{
			name: "function never called, or called once unguarded",
			src:  "function Set-A { Set-Mailbox -Identity 'a' }\nfunction Set-B { Set-User -Identity 'b' }\nif ($PSCmdlet.ShouldProcess('b')) { Set-B }\nSet-B\n",
			want: []string{"1:18: " + unguarded, "2:18: Set-User: state-changing call not guarded"},
		},
		{
			name: "recursion gives up",
			src:  "function F { F; Set-Mailbox -Identity 'a' }\n",
			want: []string{"1:17: " + unguarded},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantFindings(t, CheckWriteGuarded([]byte(tt.src)), tt.want)
		})
	}
}

// TestCheckWriteGuardedBlocks: a script block passed to a function that
// runs it only after ShouldProcess approved (the engine's
// Invoke-HybridcChange -Change { ... }), through $PSCmdlet kept in a script
// variable and an early exit joined by -or.
func TestCheckWriteGuardedBlocks(t *testing.T) {
	Require(t)
	const (
		cmdlet    = "$script:C = $PSCmdlet\n"
		exit      = "    if ($Check -or -not $script:C.ShouldProcess('a')) { return }\n"
		run       = "    $null = & $Change\n"
		caller    = "function F { G -Change { Set-Mailbox -Identity 'a' } }\n"
		unguarded = "Set-Mailbox: state-changing call not guarded"
	)
	guard := func(body string) string {
		return "function G {\n    param([scriptblock]$Change)\n" + body + "}\n"
	}
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			name: "run after the early exit, also passed through another function",
			src:  cmdlet + guard(exit+run) + caller + "function P {\n    param($Grant)\n    G -Change $Grant\n}\nfunction F2 { P -Grant { Set-User -Identity 'b' } }\n",
		},
		{
			name: "the guarding function also keeps the block",
			src:  cmdlet + guard(exit+run+"    $script:kept = $Change\n") + caller,
			want: []string{"8:26: " + unguarded},
		},
		{
			name: "run before the early exit",
			src:  cmdlet + guard(run+exit) + caller,
			want: []string{"7:26: " + unguarded},
		},
		{
			name: "never run",
			src:  cmdlet + guard(exit) + caller,
			want: []string{"6:26: " + unguarded},
		},
		{
			name: "-and in the early exit",
			src:  cmdlet + guard("    if ($Check -and -not $script:C.ShouldProcess('a')) { return }\n"+run) + caller,
			want: []string{"7:26: " + unguarded},
		},
		{
			name: "a variable that may hold something else than $PSCmdlet",
			src:  cmdlet + "function H { $script:C = $Host }\n" + guard(exit+run) + caller,
			want: []string{"8:26: " + unguarded},
		},
		{
			name: "a block passed to a function this script does not define",
			src:  "function F { Invoke-Elsewhere -Change { Set-Mailbox -Identity 'a' } }\n",
			want: []string{"1:41: " + unguarded},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantFindings(t, CheckWriteGuarded([]byte(tt.src)), tt.want)
		})
	}
}
