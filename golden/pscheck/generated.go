package pscheck

import (
	"bytes"
	"testing"
)

// Options switches on the behaviour rules of CheckGeneratedWith.
type Options struct {
	ErrorAction  bool // CheckErrorAction: every Exchange cmdlet call passes -ErrorAction
	WriteGuarded bool // CheckWriteGuarded: state-changing calls in functions, behind ShouldProcess
}

// CheckGeneratedWith asserts the contract every script hybridc generates
// keeps: a UTF-8 byte order mark and then pure ASCII (so that the script
// means the same in any code page, even if it loses its byte order mark),
// CRLF line endings only, a final
// newline, no signature marker in the body, a clean parse, every Exchange
// cmdlet call valid in env, and the behaviour rules opts switches on. It
// reports each breach through t.Errorf, named by name.
func CheckGeneratedWith(t testing.TB, name string, body []byte, env Env, opts Options) {
	t.Helper()
	Require(t)
	if !bytes.HasPrefix(body, []byte("\xef\xbb\xbf")) {
		t.Errorf("%s: no UTF-8 byte order mark", name)
	}
	if at := NonASCII(body); at.Line > 0 {
		t.Errorf("%s:%d:%d: a byte outside ASCII after the byte order mark", name, at.Line, at.Col)
	}
	crlf := bytes.Count(body, []byte("\r\n"))
	if bytes.Count(body, []byte("\n")) != crlf || bytes.Count(body, []byte("\r")) != crlf {
		t.Errorf("%s: line endings are not all CRLF", name)
	}
	if !bytes.HasSuffix(body, []byte("\r\n")) {
		t.Errorf("%s: no final newline", name)
	}
	if bytes.Contains(bytes.ToUpper(body), []byte("# SIG # BEGIN SIGNATURE BLOCK")) {
		t.Errorf("%s: the body holds the signature marker", name)
	}
	for _, f := range SyntaxErrors(body) {
		t.Errorf("%s:%d:%d: PowerShell syntax: %s", name, f.Line, f.Col, f.Msg)
	}
	for _, f := range CheckCatalog(body, env) {
		t.Errorf("%s:%d:%d: cmdlet catalog (%s): %s", name, f.Line, f.Col, env, f.Msg)
	}
	if opts.ErrorAction {
		for _, f := range CheckErrorAction(body) {
			t.Errorf("%s:%d:%d: error action: %s", name, f.Line, f.Col, f.Msg)
		}
	}
	if opts.WriteGuarded {
		for _, f := range CheckWriteGuarded(body) {
			t.Errorf("%s:%d:%d: write guard: %s", name, f.Line, f.Col, f.Msg)
		}
	}
}

// EnvFor is the environment a generated script runs in: onprem.ps1 in the
// on-premises Exchange version given (as the catalog spells it, "Exchange
// Server 2019"), every other script in Exchange Online.
func EnvFor(name, onPremVersion string) Env {
	if name == "onprem.ps1" {
		return Env{OnPremVersion: onPremVersion}
	}
	return Env{Online: true}
}

// NonASCII returns the position of the first byte of src at or above 0x80
// after an optional UTF-8 byte order mark, or a zero Pos when src is pure
// ASCII there. Such a byte changes meaning with the code page a copy of the
// script is read in: Windows PowerShell 5.1 reads a script without a byte
// order mark in the ANSI code page, where 0x82, 0x91 and 0x92 (bytes of
// ordinary letters in UTF-8) are quote characters.
func NonASCII(src []byte) Pos {
	start := 0
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		start = 3
	}
	for i := start; i < len(src); i++ {
		if src[i] >= 0x80 {
			line, col := lineCol(src, i)
			return Pos{Offset: i, Line: line, Col: col, In: "source"}
		}
	}
	return Pos{}
}
