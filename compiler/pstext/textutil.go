package pstext

import (
	"regexp"
	"sync"

	"unicode/utf8"

	"strings"

	"cmp"
	"slices"

	"strconv"
)

// LazyRegexp compiles expr on its first use: only import and a few
// findings use these expressions, and compiling them all when the process
// starts took over a millisecond of every run.
func LazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// IsASCII reports whether s holds ASCII characters only.
func IsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// ContainsFold reports whether list holds s, ignoring case.
func ContainsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// SortedFold sorts names case-insensitively and drops duplicates. Each
// name is lower-cased once, not at each comparison.
func SortedFold[S ~string](in []S) []S {
	type sorted struct {
		lower string
		name  S
	}
	keyed := make([]sorted, len(in))
	for i, s := range in {
		keyed[i] = sorted{strings.ToLower(string(s)), s}
	}
	slices.SortFunc(keyed, func(a, b sorted) int { return cmp.Or(cmp.Compare(a.lower, b.lower), cmp.Compare(a.name, b.name)) })
	for i, k := range keyed {
		in[i] = k.name
	}
	return slices.CompactFunc(in, func(a, b S) bool { return strings.EqualFold(string(a), string(b)) })
}

func IsTrue(b *bool) bool { return b != nil && *b }

// DottedVersion parses 1.1.553.0; ok is false for anything else.
func DottedVersion(s string) ([]int, bool) {
	var out []int
	for _, p := range strings.Split(s, ".") {
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil, false
		}
		out = append(out, n)
	}
	return out, true
}

// VersionLess compares dotted versions, missing parts counting as zero.
func VersionLess(a, b []int) bool {
	for i := 0; i < max(len(a), len(b)); i++ {
		var x, y int
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			return x < y
		}
	}
	return false
}

// YAMLString writes a string as a YAML scalar: plain where that is
// unambiguous, double-quoted with escapes otherwise (control characters,
// quotes, line separators and all).
func YAMLString(s string) string {
	if PlainScalar(s) && !specialScalar(s) {
		return s
	}
	return strconv.Quote(s)
}

// DomainOf is an address's domain.
func DomainOf(address string) string { return address[strings.LastIndexByte(address, '@')+1:] }

func asciiDigit(c byte) bool { return '0' <= c && c <= '9' }

// asciiLetter and asciiDigit test for an ASCII letter and digit.
func asciiLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// PlainScalar reports whether YAML reads s as the same string without
// quotes in block and flow context alike: a letter or underscore alone, or
// ASCII letters, digits and _ . @ / \ + - (spaces inside), starting with a
// letter, digit or underscore (the expression
// ^[A-Za-z0-9_][A-Za-z0-9 ._@/\\+-]*[A-Za-z0-9_.@/\\+-]$|^[A-Za-z_]$).
func PlainScalar(s string) bool {
	n := len(s)
	switch {
	case n == 0:
		return false
	case n == 1:
		return asciiLetter(s[0]) || s[0] == '_'
	case !asciiLetter(s[0]) && !asciiDigit(s[0]) && s[0] != '_':
		return false
	}
	for i := 1; i < n; i++ {
		c := s[i]
		if !asciiLetter(c) && !asciiDigit(c) && !strings.ContainsRune("_.@/\\+-", rune(c)) && (c != ' ' || i == n-1) {
			return false
		}
	}
	return true
}

// specialScalar reports whether a plain scalar is one YAML would read as
// another type, ignoring case: true, false, yes, no, on, off, y, n, null,
// ~, .inf, .nan, or a sign, a digit and then digits, letters a-f, x, o and
// . _ + - (a number in some notation).
func specialScalar(s string) bool {
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ".inf", ".nan":
		return true
	}
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if s == "" || !asciiDigit(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i] | 0x20; !asciiDigit(s[i]) && !strings.ContainsRune("._+-", rune(s[i])) && !('a' <= c && c <= 'f' || c == 'x' || c == 'o') {
			return false
		}
	}
	return true
}
