package model

import "unicode/utf8"

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

// LookupFolded returns m[foldIdentity(name)], folding an ASCII name in a
// buffer on the stack instead of a new string: lookups by name run once or
// twice per permission.
func LookupFolded[V any, S ~string](m map[string]V, name S) V {
	var arr [128]byte
	if len(name) <= len(arr) {
		if b, ok := appendFoldASCII(arr[:0], string(name)); ok {
			return m[string(b)]
		}
	}
	return m[FoldIdentity(name)]
}
