package pscheck

import (
	"strings"
	"unicode/utf8"
)

// isSingleQuote reports whether PowerShell treats r as a single quote:
// ' and U+2018 ‘, U+2019 ’, U+201A ‚, U+201B ‛.
func isSingleQuote(r rune) bool {
	return r == '\'' || r == '\u2018' || r == '\u2019' || r == '\u201A' || r == '\u201B'
}

// isDoubleQuote reports whether PowerShell treats r as a double quote:
// " and U+201C “, U+201D ”, U+201E „.
func isDoubleQuote(r rune) bool {
	return r == '"' || r == '\u201C' || r == '\u201D' || r == '\u201E'
}

// LiteralStrings returns the decoded value of every constant string literal
// in the script, in source order: single-quoted strings (two quote runes in a
// row, each ' or ‘’‚‛, stand for the second one), single-quoted here-strings, and
// double-quoted strings or here-strings that expand nothing (backtick escapes
// decoded as Windows PowerShell 5.1 does). Strings are decoded the way
// PowerShell tokenises them, not the way the grammar does: where an undoubled
// ‘’‚‛ (or “”„) would end the string early in PowerShell, the value stops
// there, so a test that looks for a hostile value as one whole literal fails
// as it should (SyntaxErrors reports the same spot). Nil without cgo.
func LiteralStrings(src []byte) []string {
	root, err := parse(src)
	if err != nil {
		return nil
	}
	var out []string
	root.walk(func(n *node) bool {
		if n.kind != "string_literal" {
			return true
		}
		if s, _, ok := decodeString(n, src); ok {
			out = append(out, s)
		}
		return false
	})
	return out
}

// decodeString decodes a string_literal node. ok is false when the string
// expands variables or subexpressions. early is the byte offset (in src) where
// PowerShell would end the string before the grammar does, or -1.
func decodeString(n *node, src []byte) (val string, early int, ok bool) {
	inner := n
	if kids := n.namedKids(); len(kids) > 0 && n.kind == "string_literal" {
		inner = kids[0]
	}
	raw := inner.text(src)
	switch inner.kind {
	case "verbatim_string_characters":
		v, end := scanQuoted(raw, isSingleQuote, false)
		return v, earlyEnd(inner.start, end, len(raw)-1), true
	case "verbatim_here_string_characters":
		v, end := scanHere(raw, isSingleQuote, false)
		return v, earlyEnd(inner.start, end, len(raw)-2), true
	case "expandable_string_literal", "expandable_here_string_literal":
		for _, k := range inner.namedKids() {
			if k.kind == "variable" || k.kind == "sub_expression" {
				return "", -1, false
			}
		}
		if inner.kind == "expandable_here_string_literal" {
			v, end := scanHere(raw, isDoubleQuote, true)
			return v, earlyEnd(inner.start, end, len(raw)-2), true
		}
		v, end := scanQuoted(raw, isDoubleQuote, true)
		return v, earlyEnd(inner.start, end, len(raw)-1), true
	}
	return "", -1, false
}

// earlyEnd turns the end found by a scanner into the absolute offset of an
// early end, or -1 when PowerShell ends the string where the grammar does
// (at byte index want of the node's text).
func earlyEnd(base, end, want int) int {
	if end < 0 || end >= want {
		return -1
	}
	return base + end
}

// scanQuoted decodes a quoted string the way PowerShell's tokenizer does:
// the first rune opens it; a quote rune followed by another quote rune is one
// literal quote (the second); a lone quote rune ends it. In expandable
// strings a backtick escapes the next rune. end is the byte index in raw of
// the closing quote (-1 if none).
func scanQuoted(raw string, quote func(rune) bool, expandable bool) (val string, end int) {
	var b strings.Builder
	_, w := utf8.DecodeRuneInString(raw)
	for i := w; i < len(raw); {
		r, size := utf8.DecodeRuneInString(raw[i:])
		switch {
		case expandable && r == '`' && i+size < len(raw):
			e, esize := utf8.DecodeRuneInString(raw[i+size:])
			b.WriteString(backtickEscape(e))
			i += size + esize
			continue
		case quote(r):
			next, nsize := utf8.DecodeRuneInString(raw[i+size:])
			if i+size < len(raw) && quote(next) {
				b.WriteRune(next)
				i += size + nsize
				continue
			}
			return b.String(), i
		}
		b.WriteRune(r)
		i += size
	}
	return b.String(), -1
}

// scanHere decodes a here-string (@'...'@ or @"..."@): the text between the
// header line and the line that starts with a quote rune followed by '@',
// without the line break before that line; inner line breaks stay as written.
// PowerShell accepts any of its quote runes there, so an earlier line that
// starts with ’@ ends the here-string early. end is the byte index in raw of
// the closing quote rune (-1 if none).
func scanHere(raw string, quote func(rune) bool, expandable bool) (val string, end int) {
	nl := strings.IndexByte(raw, '\n')
	if nl < 0 {
		return "", -1
	}
	bodyStart := nl + 1
	end = -1
	for pos := bodyStart; pos < len(raw); {
		r, size := utf8.DecodeRuneInString(raw[pos:])
		if quote(r) && strings.HasPrefix(raw[pos+size:], "@") {
			end = pos
			break
		}
		lineEnd := strings.IndexByte(raw[pos:], '\n')
		if lineEnd < 0 {
			break
		}
		pos += lineEnd + 1
	}
	bodyEnd := len(raw)
	if end >= 0 {
		bodyEnd = end - 1 // the \n before the closing line
		if bodyEnd > bodyStart && raw[bodyEnd-1] == '\r' {
			bodyEnd--
		}
	}
	body := ""
	if bodyEnd > bodyStart {
		body = raw[bodyStart:bodyEnd]
	}
	if expandable {
		body, _ = scanQuoted("\""+body, func(rune) bool { return false }, true)
	}
	return body, end
}

// backtickEscape decodes one Windows PowerShell 5.1 escape sequence (`n, `t,
// ...); `e and `u{} are PowerShell 6+ and stay literal letters here.
func backtickEscape(r rune) string {
	switch r {
	case '0':
		return "\x00"
	case 'a':
		return "\a"
	case 'b':
		return "\b"
	case 'f':
		return "\f"
	case 'n':
		return "\n"
	case 'r':
		return "\r"
	case 't':
		return "\t"
	case 'v':
		return "\v"
	}
	return string(r)
}
