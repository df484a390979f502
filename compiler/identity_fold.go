package compiler

import (
	"strings"
	"unicode/utf8"
)

// foldIdentity is the form in which hybridc compares names, addresses and
// other identities: every character mapped to its simple uppercase letter,
// one character to one (identityUpper), which is what .NET's
// StringComparer.OrdinalIgnoreCase does (measured on PowerShell 7 over every
// code point: TestFoldIdentityAgreesWithDotNet), and what the engine's
// identity tables use. Go's strings.EqualFold and strings.ToUpper differ
// from it (the dotless i is "I" to them, not to .NET).
//
// ASCII text, nearly every name and address, is folded without decoding
// runes, and without allocating when it has no lower-case letter.
func foldIdentity[S ~string](s S) string {
	str := string(s)
	lower := false
	for i := 0; i < len(str); i++ {
		c := str[i]
		if c >= utf8.RuneSelf {
			return strings.Map(identityUpper, str)
		}
		lower = lower || 'a' <= c && c <= 'z'
	}
	if !lower {
		return str
	}
	var b strings.Builder
	b.Grow(len(str))
	for i := 0; i < len(str); i++ {
		b.WriteByte(asciiUpper(str[i]))
	}
	return b.String()
}

// asciiUpper is the upper case of an ASCII byte.
func asciiUpper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

// appendFoldASCII appends foldIdentity(s) to buf when s is ASCII, and
// reports whether it was: a map keyed by folded identities is then looked
// up with m[string(buf)], which allocates nothing (see lookupFolded).
func appendFoldASCII(buf []byte, s string) ([]byte, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return buf, false
		}
		buf = append(buf, asciiUpper(c))
	}
	return buf, true
}

// lookupFolded returns m[foldIdentity(name)], folding an ASCII name in a
// buffer on the stack instead of a new string: lookups by name run once or
// twice per permission.
func lookupFolded[V any, S ~string](m map[string]V, name S) V {
	var arr [128]byte
	if len(name) <= len(arr) {
		if b, ok := appendFoldASCII(arr[:0], string(name)); ok {
			return m[string(b)]
		}
	}
	return m[foldIdentity(name)]
}
