package compiler

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/model"
)

// TestIdentityCharactersRefused (issue 15, finding 4): invisible
// characters (default-ignorable code points, format characters) are refused
// in names and addresses at validate time, at the value; visible letters of
// every script pass, their combining marks (Indic vowel signs and viramas,
// Thai marks, the Arabic shadda, combining accents) and the letters whose
// case .NET folds its own way (ı, İ, ſ, the Kelvin sign, Georgian) included:
// plan and engine compare them the same way (foldIdentity).
func TestIdentityCharactersRefused(t *testing.T) {
	tests := []struct {
		name, text string
		refused    bool
	}{
		{"emoji variation selector", "sales\uFE0F", true},
		{"combining grapheme joiner", "sales\u034F", true},
		{"Mongolian variation selector", "sales\u180B", true},
		{"Mongolian variation selector four", "sales\u180F", true},
		{"variation selector supplement", "sales\U000E0100", true},
		{"Hangul filler", "sales\u3164", true},
		{"Hangul choseong filler", "sales\u115F", true},
		{"Khmer inherent vowel", "sales\u17B4", true},
		{"halfwidth Hangul filler", "sales\uFFA0", true},
		{"combining acute accent", "sale\u0301s", false},
		{"enclosing circle", "sales\u20DD", false},
		{"Kelvin sign", "\u212Aelvin", false},
		{"long s", "\u017Fales", false},
		{"dotless i", "s\u0131les", false},
		{"dotted capital I", "\u0130stanbul", false},
		{"Turkish", "ınsan-kaynakları", false},
		{"Georgian", "გაყიდვები", false},
		{"Hindi vowel sign", "राजेश", false},
		{"Tamil virama", "தமிழ்", false},
		{"Thai", "ปฏิทิน", false},
		{"Arabic shadda", "محمّد", false},
		{"Deseret letter", "\U00010400sales", false},
		{"precomposed accents", "Zoë-Müller", false},
		{"Greek with final sigma", "ομάδας", false},
		{"Cyrillic", "продажи", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			yaml := hybridYAML(toCloud, "  groups:\n    - name: Group\n      primarySmtpAddress: \""+tt.text+"@groups.contoso.com\"\n")
			res := Analyze(load.Source{Name: "chars.yaml", Data: []byte(yaml)})
			var found *diag.Diagnostic
			for i, d := range res.Diagnostics {
				if d.Code == diag.CodeBadFormat && strings.Contains(d.Message, "primarySmtpAddress") {
					found = &res.Diagnostics[i]
				}
			}
			if !tt.refused {
				if found != nil {
					t.Fatalf("refused: %s", found)
				}
				return
			}
			if found == nil {
				t.Fatalf("not refused: %s", res.Diagnostics)
			}
			line := strings.Count(yaml[:strings.Index(yaml, "primarySmtpAddress")], "\n") + 1
			if found.Pos.Line != line || found.Pos.Col != 27 || found.Pos.File != "chars.yaml" {
				t.Errorf("at %s, want chars.yaml:%d:27", found.Pos, line)
			}
		})
	}
}

// TestIdentityCharactersInNames: the rule covers names and members too, but
// not a Microsoft 365 group's display name, which identifies nothing (the
// group is found by its address): it keeps the schema's rules for all text
// (a format character is refused there too).
func TestIdentityCharactersInNames(t *testing.T) {
	yaml := hybridYAML(toCloud, "  groups:\n    - name: \"Sales\u034F\"\n      primarySmtpAddress: sales@groups.contoso.com\n      members: [\"EXO\uFE0F\"]\n    - name: \"Sales\u200B\"\n      primarySmtpAddress: sales2@groups.contoso.com\n")
	res := Analyze(load.Source{Name: "names.yaml", Data: []byte(yaml)})
	var got []string
	for _, d := range res.Diagnostics {
		if d.Severity == diag.Error {
			got = append(got, fmt.Sprintf("%d:%d", d.Pos.Line, d.Pos.Col))
		}
	}
	if strings.Join(got, " ") != "18:17 19:13" {
		t.Errorf("refused at %q, want 18:17 (member) and 19:13 (format character in a display name): %s", got, res.Diagnostics)
	}
}

// TestLooseIdentityCollision: two identities of one kind that PowerShell 7
// tells apart but a .NET with other case tables (Windows PowerShell 5.1)
// could take for one are refused together, at the second with the first's
// position; each alone passes.
func TestLooseIdentityCollision(t *testing.T) {
	tests := []struct {
		name, a, b string
		refused    bool
	}{
		{"dotless i and i", "ışık", "işık", true},
		{"dotted capital I and I", "\u0130nsan", "insan", true},
		{"long s and s", "\u017Fales", "sales", true},
		{"Kelvin sign and k", "\u212Aelvin", "kelvin", true},
		{"Georgian scripts", "ა", "\u1C90", false}, // one group to both: declared twice
		{"different names", "ışık", "ısık", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			yaml := hybridYAML(toCloud, "  groups:\n    - name: A\n      primarySmtpAddress: \""+tt.a+"@groups.contoso.com\"\n    - name: B\n      primarySmtpAddress: \""+tt.b+"@groups.contoso.com\"\n")
			res := Analyze(load.Source{Name: "loose.yaml", Data: []byte(yaml)})
			var found []string
			for _, d := range res.Diagnostics {
				if d.Code == diag.CodeDuplicateName {
					found = append(found, d.String())
				}
			}
			if tt.refused != (len(found) == 1 && strings.Contains(found[0], "Windows PowerShell 5.1")) {
				t.Fatalf("refused %v, got %q (all: %s)", tt.refused, found, res.Diagnostics)
			}
			if tt.refused && !strings.Contains(found[0], "loose.yaml:18:") || tt.refused && !strings.Contains(found[0], "\n\tloose.yaml:16:") {
				t.Errorf("positions: %s", found[0])
			}
		})
	}
}

// TestFoldIdentityAgreesWithDotNet: for every character of the Basic
// Multilingual Plane and the Supplementary Multilingual Plane, hybridc's
// fold (foldIdentity) is .NET's OrdinalIgnoreCase: a character .NET calls
// equal to its invariant upper case folds to it, any other to itself (the
// dotless i and the long s, whose invariant upper case is ASCII, among
// them). Runs pwsh (PowerShell 7's .NET); skipped without it.
func TestFoldIdentityAgreesWithDotNet(t *testing.T) {
	pwsh := findPwsh(t)
	script := `$b = New-Object System.Text.StringBuilder
$c = [System.StringComparer]::OrdinalIgnoreCase
for ($i = 0x80; $i -le 0x1FFFF; $i++) {
    if ($i -ge 0xD800 -and $i -le 0xDFFF) { continue }
    $s = [char]::ConvertFromUtf32($i)
    $u = $s.ToUpperInvariant()
    if ([string]::Equals($s, $u, [System.StringComparison]::Ordinal)) { continue }
    $null = $b.Append(('{0:X4} {1:X4} {2}' -f $i, [char]::ConvertToUtf32($u, 0), [int]$c.Equals($s, $u))).Append("` + "`n" + `")
}
[System.IO.File]::WriteAllText($args[0], $b.ToString())`
	dir := t.TempDir()
	file, out := filepath.Join(dir, "fold.ps1"), filepath.Join(dir, "fold.txt")
	if err := os.WriteFile(file, []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command(pwsh, "-NoProfile", "-NonInteractive", "-File", file, out).CombinedOutput(); err != nil {
		t.Fatalf("pwsh: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	dotnet := map[rune]rune{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		f := strings.Fields(line)
		r64, _ := strconv.ParseUint(f[0], 16, 32)
		u64, _ := strconv.ParseUint(f[1], 16, 32)
		if f[2] == "1" {
			dotnet[rune(r64)] = rune(u64)
		}
	}
	if len(dotnet) < 1000 {
		t.Fatalf("only %d case mappings read from pwsh", len(dotnet))
	}
	checked := 0
	for r := rune(0x80); r <= 0x1FFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		want, ok := dotnet[r]
		if !ok {
			want = r
		}
		checked++
		if got := []rune(model.FoldIdentity(string(r)))[0]; got != want {
			t.Errorf("U+%04X %c: hybridc folds to U+%04X, .NET OrdinalIgnoreCase to U+%04X", r, r, got, want)
		}
	}
	t.Logf("%d characters checked, %d of them with an upper case in .NET", checked, len(dotnet))
}

// findPwsh is PowerShell 7 on PATH or in $HOME/.dotnet/tools, or skips.
func findPwsh(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("pwsh"); err == nil {
		return p
	}
	if home, err := os.UserHomeDir(); err == nil {
		p := filepath.Join(home, ".dotnet", "tools", "pwsh")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Skip("pwsh not found")
	return ""
}
