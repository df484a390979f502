package pstext

import (
	"fmt"
	"strings"
)

// URLASCII is s with, when it is a URL (it holds "://"), every rune outside
// printable ASCII written as \uXXXX (\UXXXXXXXX beyond the BMP), so that a
// lookalike host never reads as another; any other text is returned as it
// is.
func URLASCII(s string) string {
	if !strings.Contains(s, "://") || !strings.ContainsFunc(s, func(r rune) bool { return r > 0x7e }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r <= 0x7e:
			b.WriteRune(r)
		case r > 0xffff:
			fmt.Fprintf(&b, `\U%08x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}
