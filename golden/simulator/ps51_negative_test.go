package simulator

import (
	"fmt"
	"strings"
	"testing"
)

// refused are constructs 5.1 lacks, one a line, each with what its one
// finding must say. ^ stands for the backtick a Go raw string cannot hold.
var refused = []struct{ line, message string }{
	{`$t = $a ? 1 : 2`, "ternary operator"},
	{`Get-Date && Get-Date`, "pipeline chain operator &&"},
	{`Get-Date || Get-Date`, "pipeline chain operator ||"},
	{`$n = $a ?? 'b'`, "null-coalescing operator ??"},
	{`$a ??= 1`, "null-coalescing assignment ??="},
	{`$m = ${a}?.Count`, "null-conditional member access ?."},
	{`${a}?.ToString()`, "null-conditional member access ?."},
	{`$i = ${a}?[0]`, "null-conditional index ?[]"},
	{`function F { process { } clean { } }`, "clean block"},
	{`1..2 | ForEach-Object -Parallel { $_ }`, "-Parallel of ForEach-Object"},
	{`1..2 | % -Par { $_ }`, "-Par of %"},
	{`Invoke-Thing -Parallel`, "-Parallel of Invoke-Thing"},
	{`Start-Sleep 1 &`, "background operator &"},
	{`$s = "^u{263A}"`, "escape `u{}"},
	{`$s = "^e[0m"`, "escape `e"},
	{`$s = "a $("^e") b"`, "escape `e"},
	{`$x = 0b101`, "number literal 0b101"},
	{`$x = 1u`, "number literal 1u"},
	{`$x = 2n`, "number literal 2n"},
	{`$x = 3s`, "number literal 3s"},
}

// accepted is 5.1 syntax that looks like the refused constructs.
const accepted = `$a = @(1)
$b = if ($a) { 1 } else { 2 }
Get-Date; if ($?) { Get-Date }
$n = $a.Count + ${a}.Count + $a[0]
function F { begin { } process { } end { } }
1..2 | ForEach-Object -Process { $_ } -PipelineVariable p
& $env:ComSpec
$j = Start-Job { 1 }
$s = "^^e ^^u{263A} ^t $($a) $('^e')"
$q = '^e ^u{263A}'
$x = 0x1F + 3kb + 1d + 2l + 1e3 + 1.5
$h = @"
^t$($a)
"@
`

// TestPs51SyntaxRefusesNewerSyntax proves the check cannot pass silently:
// each construct gives exactly one finding, on its line, and a parse error
// is one.
func TestPs51SyntaxRefusesNewerSyntax(t *testing.T) {
	pwsh := pwshPath(t)
	dir := t.TempDir()
	var lines []string
	want := map[string]string{}
	for i, r := range refused {
		lines = append(lines, r.line)
		want[fmt.Sprintf("newer.ps1:%d:", i+1)] = r.message
	}
	writeScript(t, dir, "newer.ps1", strings.Join(lines, "\n")+"\n")
	writeScript(t, dir, "broken.ps1", "$x = (1\n")
	want["broken.ps1:1:"] = "parse error: Missing closing ')'"

	findings, code := runPs51Check(t, pwsh, dir, []string{"newer.ps1", "broken.ps1"})
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	seen := map[string]bool{}
	for _, f := range findings {
		m := findingLine.FindStringSubmatch(f)
		at := m[1] + ":" + m[2] + ":"
		message, ok := want[at]
		switch {
		case !ok:
			t.Errorf("unexpected finding: %s", f)
		case seen[at]:
			t.Errorf("second finding for one construct: %s", f)
		case !strings.Contains(f, message):
			t.Errorf("finding %q does not say %q", f, message)
		}
		seen[at] = true
	}
	for at, message := range want {
		if !seen[at] {
			t.Errorf("%s: no finding, want %q", at, message)
		}
	}
}

// TestPs51SyntaxAcceptsPs51 proves the check does not refuse 5.1 syntax
// that looks like the newer constructs.
func TestPs51SyntaxAcceptsPs51(t *testing.T) {
	pwsh := pwshPath(t)
	dir := t.TempDir()
	writeScript(t, dir, "ps51.ps1", accepted)
	findings, code := runPs51Check(t, pwsh, dir, []string{"ps51.ps1"})
	for _, f := range findings {
		t.Errorf("5.1 syntax refused: %s", f)
	}
	if code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
}
