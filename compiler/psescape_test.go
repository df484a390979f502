package compiler

import (
	"encoding/base64"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hybridc/hybridc/compiler/pstext"
	renderpkg "github.com/hybridc/hybridc/compiler/render"
)

// TestDataStringEscapes: a value with characters outside ASCII, or that
// begins with the escape marker, is written escaped; every other value as
// before; every literal is ASCII.
func TestDataStringEscapes(t *testing.T) {
	tests := []struct {
		in, want string
		escaped  bool
	}{
		{in: "Contoso", want: "'Contoso'"},
		{in: `It's C:\u0041\`, want: `'It''s C:\u0041\'`},
		{in: "Kovács Ödön Ő", want: `'~u~Kov\u00E1cs \u00D6d\u00F6n \u0150'`, escaped: true},
		{in: "Đorđe", want: `'~u~\u0110or\u0111e'`, escaped: true},
		{in: "O’Brien's ‘a’ ‚b‛", want: `'~u~O\u2019Brien''s \u2018a\u2019 \u201Ab\u201B'`, escaped: true},
		{in: `ő\u0041\`, want: `'~u~\u0151\\u0041\\'`, escaped: true},
		{in: "😀", want: `'~u~\uD83D\uDE00'`, escaped: true},
		{in: "~u~plain", want: "'~u~~u~plain'", escaped: true},
		{in: "x~u~", want: "'x~u~'"},
		{in: "# SIG # Begin ő", want: `('~u~# SI' + 'G # Begin \u0151')`, escaped: true},
	}
	for _, tt := range tests {
		got, escaped, err := pstext.DataString(tt.in)
		if err != nil || got != tt.want || escaped != tt.escaped {
			t.Errorf("dataString(%q) = %s, %v, %v; want %s, %v", tt.in, got, escaped, err, tt.want, tt.escaped)
		}
		if i := renderpkg.NonASCII([]byte(got)); i >= 0 {
			t.Errorf("dataString(%q) = %s: not ASCII", tt.in, got)
		}
	}
}

// escapeRoundTrip are values that must come back from the script's decoder
// exactly: escapes written literally, backslashes anywhere, the marker,
// characters beyond U+FFFF, the quote characters PowerShell knows, the
// signature marker, text that would be code if it ran.
var escapeRoundTrip = []string{
	"Kovács Ödön Ő", "Đorđe Petrović", "王小明", "non‑breaking hyphen ‒ figure dash, en space",
	`C:\u0041\`, `ő\u0041\\u00E1\`, `\`, `ő\`, `\\ő\\`, "~u~", "~u~plain", "~u~Kovács", "x~u~ő", "~U~ő",
	"😀 emoji 🚀 𝄞", "O’Brien's ‘a’ ‚b‛ “c” „d", "# SIG # Begin signature block ő", "# sig ascii",
	"$(Remove-Item x) `n ${env:X} ő", `\x41\t\n\0\cA ő`, "", "plain ASCII",
}

// TestEscapeRoundTripPowerShell: the values, written into a data section
// as the compiler writes them (in a hashtable, an array, an inline list and
// nested), come back unchanged after the engine's Restore-HybridcText
// (templates/data-escape.ps1.tmpl) in PowerShell.
func TestEscapeRoundTripPowerShell(t *testing.T) {
	var values pstext.PSList
	for _, s := range escapeRoundTrip {
		values = append(values, s)
	}
	data := pstext.PSMap{
		{Key: "Values", Value: values},
		{Key: "Nested", Value: pstext.PSList{pstext.PSMap{{Key: "A", Value: escapeRoundTrip[0]}, {Key: "B", Value: []string{escapeRoundTrip[1], escapeRoundTrip[6]}}}}},
	}
	var b strings.Builder
	b.WriteString("Set-StrictMode -Version 3.0\n$ErrorActionPreference = 'Stop'\n$HybridcDesired = data {\n    ")
	escaped, err := pstext.WriteData(&b, data, 1)
	if err != nil || !escaped {
		t.Fatalf("writeData: %v, escaped %v", err, escaped)
	}
	b.WriteString("\n}\n")
	tmpl, err := renderpkg.ScriptTemplate()
	if err != nil {
		t.Fatal(err)
	}
	if err := tmpl.ExecuteTemplate(&b, "data-escape", renderpkg.ScriptView{EscapeMarker: pstext.Quote(pstext.EscapeMarker), Escaped: pstext.Bool(escaped)}); err != nil {
		t.Fatal(err)
	}
	b.WriteString(`
if ($HybridcEscaped) {
    Restore-HybridcText -Data $HybridcDesired
}
$all = @($HybridcDesired.Values) + @($HybridcDesired.Nested[0].A) + @($HybridcDesired.Nested[0].B)
foreach ($value in $all) {
    'v' + [Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes([string]$value))
}
`)
	script, err := renderpkg.Finish([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	want := append(append(append([]string{}, escapeRoundTrip...), escapeRoundTrip[0]), escapeRoundTrip[1], escapeRoundTrip[6])
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(string(runPwsh(t, script))), "\n") {
		raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(strings.TrimSpace(line), "v"))
		if err != nil || !utf8.Valid(raw) {
			t.Fatalf("output line %q: %v", line, err)
		}
		got = append(got, string(raw))
	}
	if len(got) != len(want) {
		t.Fatalf("PowerShell returned %d values, want %d: %q", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("value %d: PowerShell decoded %q, want %q", i, got[i], want[i])
		}
	}
}
