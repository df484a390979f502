package compiler

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hybridc/hybridc/compiler/load"
	renderpkg "github.com/hybridc/hybridc/compiler/render"
)

// windows1252 is how Windows-1252 reads the bytes 0x80-0x9F (the bytes
// 0xA0-0xFF are U+00A0-U+00FF; the five undefined bytes are read as the C1
// control of the same number, as Windows does).
var windows1252 = [32]rune{
	0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
	0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
}

// decode1252 is src as Windows PowerShell 5.1 reads a script without a
// byte order mark on a Windows-1252 system.
func decode1252(src []byte) string {
	var b strings.Builder
	for _, c := range src {
		switch {
		case c < 0x80:
			b.WriteByte(c)
		case c < 0xA0:
			b.WriteRune(windows1252[c-0x80])
		default:
			b.WriteRune(rune(c))
		}
	}
	return b.String()
}

// ansiPayload is a 63-character organization name made of ordinary
// letters and punctuation: in UTF-8, ‑ (U+2011, E2 80 91) and đ (C4 91)
// end in 0x91, which Windows-1252 reads as ‘, a quote that ends a
// single-quoted string in PowerShell. Read so, it closes the organization's
// literal and the data section, runs Remove-Mailbox, and opens a new data
// section whose comment swallows the rest of the line.
const ansiPayload = "Kovács Ödön Ő‑}}Remove-Mailbox x -Confirm:$false;$Z=data{@{  #đ"

// TestScriptsSurviveANSICodePage reproduces issue 15's second finding: a
// script that loses its byte order mark is read by Windows PowerShell 5.1
// in the ANSI code page. Every byte after the byte order mark must be
// ASCII, so that the Windows-1252 reading is the script itself; and
// PowerShell's parser, given that reading, must find no Remove-Mailbox
// command (pwsh; skipped without it).
func TestScriptsSurviveANSICodePage(t *testing.T) {
	if n := utf8.RuneCountInString(ansiPayload); n != 63 {
		t.Fatalf("the payload has %d characters, want 63", n)
	}
	if !strings.ContainsRune(decode1252([]byte(ansiPayload)), '\u2018') {
		t.Fatal("the payload read as Windows-1252 holds no quote: not a reproducer")
	}
	yaml := `version: 1
onPremises:
  organization: '` + ansiPayload + `'
  exchangeVersion: SE
  primarySmtpDomains: [contoso.com]
  federatedDelegationNamespace: exchangedelegation.contoso.com
exchangeOnline:
  tenant: contoso.onmicrosoft.com
  routingDomain: contoso.mail.onmicrosoft.com
  serviceRoutingNamespace: service.contoso.com
  primarySmtpDomains: [contoso.com]
mailboxes:
  - {name: 'Đorđe Ő', location: onPremises}
  - {name: 'Kovács Ödön Ő‑', location: onPremises}
permissions:
  - {access: FullAccess, mailbox: 'Đorđe Ő', trustee: 'Kovács Ödön Ő‑'}
`
	res, err := Compile(load.Source{Name: "hybrid.yaml", Data: []byte(yaml)}, renderpkg.Options{ToolVersion: "test"})
	if err != nil || res.Files == nil {
		t.Fatalf("compile: %v\n%s", err, res.Diagnostics)
	}
	body := bytes.TrimPrefix(res.Files["onprem.ps1"], []byte("\xef\xbb\xbf"))
	if i := bytes.IndexFunc(body, func(r rune) bool { return r >= 0x80 }); i >= 0 {
		t.Errorf("onprem.ps1: byte 0x%02X outside ASCII at offset %d, in %q", body[i], i, body[max(0, i-40):min(len(body), i+40)])
	}
	ansi := decode1252(body)
	if ansi != string(body) {
		t.Error("onprem.ps1 reads differently in Windows-1252")
	}
	// PowerShell's own parser over the Windows-1252 reading.
	probe := "$text = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('" + base64.StdEncoding.EncodeToString([]byte(ansi)) + "'))\n" +
		"$errors = $null\n$tokens = $null\n$ast = [System.Management.Automation.Language.Parser]::ParseInput($text, [ref]$tokens, [ref]$errors)\n" +
		"foreach ($c in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true)) { 'command ' + $c.GetCommandName() }\n"
	for _, line := range strings.Split(string(runPwsh(t, []byte(probe))), "\n") {
		if strings.EqualFold(strings.TrimSpace(line), "command Remove-Mailbox") {
			t.Error("read as Windows-1252, onprem.ps1 runs Remove-Mailbox")
		}
	}
}
