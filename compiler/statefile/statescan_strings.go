package statefile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// scanString reads the string that starts at data[start] (a quote): the
// offset after it and its text (escapes decoded; otherwise the bytes
// between the quotes). It reports invalid UTF-8 and lone surrogate escapes
// at their byte.
func scanString(data []byte, start int) (int, []byte, *stateProblem) {
	escaped := false
	for j := start + 1; j < len(data); {
		b := data[j]
		switch {
		case b == '"':
			if !escaped {
				return j + 1, data[start+1 : j], nil
			}
			var s string
			if err := json.Unmarshal(data[start:j+1], &s); err != nil {
				return 0, nil, &stateProblem{off: start, syntax: true}
			}
			return j + 1, []byte(s), nil
		case b == '\\':
			escaped = true
			if j+1 < len(data) && data[j+1] == 'u' {
				r, ok := hex4(data, j+2)
				if ok && utf16IsSurrogate(r) {
					low, lowOK := rune(0), false
					if r < 0xdc00 && j+7 < len(data) && data[j+6] == '\\' && data[j+7] == 'u' {
						low, lowOK = hex4(data, j+8)
					}
					if !lowOK || low < 0xdc00 || low > 0xdfff {
						return 0, nil, &stateProblem{off: j, message: fmt.Sprintf(`a lone UTF-16 surrogate \u%04x: not a character (encoding/json would read U+FFFD)`, r)}
					}
					j += 12
					continue
				}
			}
			j += 2
		case b < utf8.RuneSelf:
			j++
		default:
			r, size := utf8.DecodeRune(data[j:])
			if r == utf8.RuneError && size == 1 {
				return 0, nil, &stateProblem{off: j, message: fmt.Sprintf("invalid UTF-8 (byte 0x%02x): a state file is UTF-8; export again", b)}
			}
			j += size
		}
	}
	return 0, nil, &stateProblem{off: start, syntax: true, message: "unterminated string"}
}

// hex4 reads four hexadecimal digits at data[i:].
func hex4(data []byte, i int) (rune, bool) {
	if i+4 > len(data) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(data[i:i+4]), 16, 16)
	return rune(n), err == nil
}

// utf16IsSurrogate reports whether r is a UTF-16 surrogate code unit.
func utf16IsSurrogate(r rune) bool { return 0xd800 <= r && r <= 0xdfff }

// addKey records a key of an object, found at off, refusing one that
// repeats an earlier key or differs from it only in letter case, as
// encoding/json compares keys (bytes.EqualFold).
func (f *scanFrame) addKey(data, name []byte, off int) *stateProblem {
	f.expectKey = false
	first := -1
	if f.folded != nil {
		if at, ok := f.folded[foldKey(name)]; ok {
			first = at
		}
	} else {
		for _, k := range f.keys {
			if bytes.EqualFold(k.name, name) {
				first = k.off
				break
			}
		}
	}
	if first >= 0 {
		f.key = string(name)
		what := "repeats the key"
		if other := firstKeyName(f, first); other != string(name) {
			what = fmt.Sprintf("differs only in letter case from the key %q", other)
		}
		return &stateProblem{off: off, first: first, message: fmt.Sprintf("key %q %s: encoding/json would keep only the last; a state file names each key once", name, what)}
	}
	if len(f.keys) == maxStateKeys {
		return &stateProblem{off: off, message: fmt.Sprintf("an object with more than %d keys: not a state hybridc reads (its objects have a few dozen)", maxStateKeys)}
	}
	f.key = string(name)
	f.keys = append(f.keys, scanKey{name: name, off: off})
	if len(f.keys) == smallObject {
		f.folded = make(map[string]int, 2*smallObject)
		for _, k := range f.keys {
			f.folded[foldKey(k.name)] = k.off
		}
	} else if f.folded != nil {
		f.folded[foldKey(name)] = off
	}
	return nil
}

// firstKeyName is the name of the key of f recorded at off.
func firstKeyName(f *scanFrame, off int) string {
	for _, k := range f.keys {
		if k.off == off {
			return string(k.name)
		}
	}
	return ""
}

// foldKey is a key with every character replaced by the smallest of its
// Unicode simple case folding orbit: two keys have the same foldKey
// exactly when bytes.EqualFold says they are equal.
func foldKey(name []byte) string {
	var b strings.Builder
	for _, r := range string(name) {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		b.WriteRune(least)
	}
	return b.String()
}
