package pstext

import (
	"fmt"
	"strings"
	"unicode/utf16"
)

// A script is pure ASCII, so that it means the same whatever code page
// reads it: Windows PowerShell 5.1 reads a script without a byte order mark
// in the system's ANSI code page, where the UTF-8 bytes of ordinary letters
// (ő is C5 91, đ C4 91) include quote characters (0x91, 0x92 and 0x82 in
// Windows-1252) that would end a literal. A data-section string that holds
// a character outside ASCII is therefore written escaped: escapeMarker,
// then the text with every backslash written \\ and every UTF-16 code unit
// outside ASCII written \uXXXX. The engine (templates/data-escape.ps1.tmpl)
// decodes such strings with [regex]::Unescape once, right after the data
// section, before anything reads them. A string that begins with the
// marker itself is escaped too, so that decoding is never ambiguous.
const EscapeMarker = "~u~"

// escapeNeeded reports whether s must be written escaped: it holds a
// character outside ASCII or begins with escapeMarker.
func escapeNeeded(s string) bool {
	if strings.HasPrefix(s, EscapeMarker) {
		return true
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}

// escapeText is s in its escaped form: escapeMarker, then s with \ as \\
// and each UTF-16 code unit outside ASCII as \uXXXX (a character beyond
// U+FFFF as its surrogate pair). Every backslash of the result starts one
// of these two escapes, so [regex]::Unescape reads nothing else in it.
func escapeText(s string) string {
	var b strings.Builder
	b.Grow(len(EscapeMarker) + 2*len(s))
	b.WriteString(EscapeMarker)
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r < 0x80:
			b.WriteRune(r)
		default:
			for _, u := range utf16.AppendRune(nil, r) {
				fmt.Fprintf(&b, `\u%04X`, u)
			}
		}
	}
	return b.String()
}
