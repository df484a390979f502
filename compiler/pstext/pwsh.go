package pstext

import (
	"fmt"
	"strings"
	"unicode"
)

// SignatureMarker is the line that starts an Authenticode signature block.
// Verifiers take its first occurrence as the end of the signed content, so
// it must never appear in a script body.
const SignatureMarker = "# SIG # Begin signature block"

// singleQuotes are the characters PowerShell treats as a single quote inside
// a single-quoted string: each must be doubled.
var singleQuotes = strings.NewReplacer("'", "''", "\u2018", "\u2018\u2018", "\u2019", "\u2019\u2019", "\u201A", "\u201A\u201A", "\u201B", "\u201B\u201B")

// Quote makes a string the compiler itself writes into a script's code (a
// cmdlet name, a classifier pattern, a message) a PowerShell literal: a
// single-quoted string in which nothing expands and the only escape is a
// doubled quote (PowerShell also treats ‘ ’ ‚ ‛ as quotes, so they are
// doubled too); control characters and the signature marker are spliced
// in with -join from pieces that are literals or [char] constants. Values
// of the configuration never go through it: they reach a script only as
// data-section literals (dataString).
func Quote(s string) string {
	if !needsSplice(s) {
		return "'" + singleQuotes.Replace(s) + "'"
	}
	var parts []string
	var run strings.Builder
	flush := func() {
		if run.Len() > 0 {
			parts = append(parts, "'"+singleQuotes.Replace(run.String())+"'")
			run.Reset()
		}
	}
	for _, r := range s {
		if unicode.IsControl(r) || isLineBreak(r) {
			flush()
			parts = append(parts, fmt.Sprintf("[char]0x%04X", r))
			continue
		}
		run.WriteRune(r)
		// Break the marker after "# SIG" so that no piece contains it.
		if strings.HasSuffix(strings.ToUpper(run.String()), "# SIG") {
			flush()
		}
	}
	flush()
	return "(-join @(" + strings.Join(parts, ", ") + "))"
}

func needsSplice(s string) bool {
	for _, r := range s {
		if unicode.IsControl(r) || isLineBreak(r) {
			return true
		}
	}
	return strings.Contains(strings.ToUpper(s), "# SIG")
}

// isLineBreak reports the Unicode line and paragraph separators, which some
// editors and tools treat as line ends.
func isLineBreak(r rune) bool { return r == '\u2028' || r == '\u2029' || r == '\u0085' }

// HiddenRune reports whether r is a control character, a Unicode line or
// paragraph separator, or an invisible format character (bidirectional
// controls, zero-width characters, the byte order mark): a rune that can
// break a line or change how it reads without being seen. Values and file
// names may not hold one; outputs for people show one escaped.
func HiddenRune(r rune) bool {
	return unicode.IsControl(r) || isLineBreak(r) || unicode.Is(unicode.Cf, r)
}

// Bool returns $true or $false.
func Bool(b bool) string {
	if b {
		return "$true"
	}
	return "$false"
}

// CommentText makes s safe to place in a # comment or a <# #> help block:
// control characters and line separators become visible escapes, so a value
// can never end the comment line, and "#>" and "<#", which would end or
// start a block comment, are broken with a space. The signature marker is
// broken too.
func CommentText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) || isLineBreak(r) {
			fmt.Fprintf(&b, "\\u%04X", r)
			continue
		}
		b.WriteRune(r)
	}
	out := strings.NewReplacer("#>", "# >", "<#", "< #").Replace(b.String())
	return sigInComment().ReplaceAllString(out, "#  $1")
}

var sigInComment = LazyRegexp(`(?i)# (SIG)`)
