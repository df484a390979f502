package compiler

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// TestIdentityCharactersRefused (issue 15, finding 4): invisible and
// non-spacing characters, and letters whose case Go and .NET fold
// differently, are refused in names and addresses at validate time, at the
// value; visible accented letters and the final sigma pass.
func TestIdentityCharactersRefused(t *testing.T) {
	tests := []struct {
		name, text string
		refused    bool
	}{
		{"emoji variation selector", "sales\uFE0F", true},
		{"combining grapheme joiner", "sales\u034F", true},
		{"Mongolian variation selector", "sales\u180B", true},
		{"variation selector supplement", "sales\U000E0100", true},
		{"combining acute accent", "sale\u0301s", true},
		{"enclosing circle", "sales\u20DD", true},
		{"Hangul filler", "sales\u3164", true},
		{"Kelvin sign", "\u212Aelvin", true},
		{"long s", "\u017Fales", true},
		{"dotless i", "s\u0131les", true},
		{"dotted capital I", "\u0130stanbul", true},
		{"Deseret letter", "\U00010400sales", true},
		{"precomposed accents", "Zoë-Müller", false},
		{"Greek with final sigma", "ομάδας", false},
		{"Cyrillic", "продажи", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			yaml := hybridYAML(toCloud, "  groups:\n    - name: Group\n      primarySmtpAddress: '"+tt.text+"@groups.contoso.com'\n")
			res := Analyze(Source{Name: "chars.yaml", Data: []byte(yaml)})
			var found *Diagnostic
			for i, d := range res.Diagnostics {
				if d.Code == CodeBadFormat && strings.Contains(d.Message, "primarySmtpAddress") {
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

// TestIdentityCharactersInNames: the rule covers names and members too.
func TestIdentityCharactersInNames(t *testing.T) {
	yaml := hybridYAML(toCloud, "  groups:\n    - name: \"Sales\u034F\"\n      primarySmtpAddress: sales@groups.contoso.com\n      members: [\"EXO\u212A\"]\n")
	res := Analyze(Source{Name: "names.yaml", Data: []byte(yaml)})
	var got []string
	for _, d := range res.Diagnostics {
		if d.Code == CodeBadFormat {
			got = append(got, fmt.Sprintf("%d:%d", d.Pos.Line, d.Pos.Col))
		}
	}
	if strings.Join(got, " ") != "16:13 18:17" {
		t.Errorf("refused at %q, want 16:13 (name) and 18:17 (member): %s", got, res.Diagnostics)
	}
}

// TestFoldIdentityAgreesWithDotNet: for every character of the Basic
// Multilingual Plane that names and addresses may hold, hybridc's fold
// (foldIdentity) is .NET's OrdinalIgnoreCase: the same upper case, and
// .NET calls the character and its upper case equal. Runs pwsh (PowerShell
// 7's .NET); skipped without it.
func TestFoldIdentityAgreesWithDotNet(t *testing.T) {
	pwsh := findPwsh(t)
	script := `$b = New-Object System.Text.StringBuilder
$c = [System.StringComparer]::OrdinalIgnoreCase
for ($i = 0x80; $i -le 0xFFFF; $i++) {
    if ($i -ge 0xD800 -and $i -le 0xDFFF) { continue }
    $s = [string][char]$i
    $u = $s.ToUpperInvariant()
    $null = $b.Append(('{0:X4} {1:X4} {2}' -f $i, [int][char]$u, [int]$c.Equals($s, $u))).Append("` + "`n" + `")
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
	checked, differ := 0, 0
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		f := strings.Fields(line)
		r64, _ := strconv.ParseUint(f[0], 16, 32)
		u64, _ := strconv.ParseUint(f[1], 16, 32)
		r, upper := rune(r64), rune(u64)
		if unicode.ToUpper(r) != upper {
			differ++
		}
		if HiddenIdentityRune(r) || CaseAmbiguousRune(r) {
			continue
		}
		checked++
		if got := []rune(foldIdentity(string(r)))[0]; got != upper || f[2] != "1" {
			t.Errorf("U+%04X: hybridc folds to U+%04X, .NET to U+%04X (OrdinalIgnoreCase equal: %s)", r, got, upper, f[2])
		}
	}
	t.Logf("%d characters checked; .NET and Go upper-case %d characters differently, all refused in names", checked, differ)
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
