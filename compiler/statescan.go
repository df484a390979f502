package compiler

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Caps on what one state file may hold, so that decoding it takes memory
// in proportion to a real organization's state, whatever the file. The
// 50,000-mailbox benchmark's states hold 433,338 list entries each (50,000
// recipients, 383,334 permission entries) and 383,334 list items inside
// entries, in 120 MB.
const (
	// maxStateEntries caps the entries of a state's lists together
	// (recipients, permissions, ...): about 9 times the benchmark's.
	maxStateEntries = 4_000_000
	// maxStateItems caps the items of the lists inside entries together
	// (addresses, members, access rights): about 25 times the benchmark's.
	maxStateItems = 10_000_000
	// maxStateDepth caps the nesting of objects and arrays: the format
	// nests four deep; unknown fields of later versions get some room.
	maxStateDepth = 64
	// maxStateKeys caps the keys of one object: the format's objects have
	// fewer than 30, and keys count toward no other cap.
	maxStateKeys = 1024
)

// stateProblem is what scanState found wrong: where, the JSON pointer of
// the value, and why. syntax marks JSON that is not well formed, which
// encoding/json reports better.
type stateProblem struct {
	off     int
	pointer string
	message string
	syntax  bool
	// first is the offset of the earlier key a repeated key repeats (0:
	// none; a key never starts a file).
	first int
}

// scanFrame is one open object or array of scanState.
type scanFrame struct {
	object    bool
	expectKey bool      // object: the next string is a key
	key       string    // object: the current key, for pointers
	index     int       // array: the current element
	keys      []scanKey // object: its keys so far
	folded    map[string]int
}

// scanKey is a key of an object: as written (escapes decoded) and where.
type scanKey struct {
	name []byte
	off  int
}

// smallObject is the number of keys from which an object's keys are
// looked up by their folded form rather than compared one by one.
const smallObject = 16

// scanState checks, in one pass over a state file and before anything is
// decoded, what encoding/json would let pass or turn into something else:
// invalid UTF-8 and lone UTF-16 surrogate escapes (it reads them as
// U+FFFD), keys that repeat in an object or differ only in letter case (it
// matches keys ignoring case, and the last one wins), and lists beyond the
// caps. It returns the first problem, or nil. JSON that is not well formed
// is reported as a syntax problem, for encoding/json to describe.
func scanState(data []byte) *stateProblem { return scanJSON(data, nil) }

// scanJSON is scanState, calling visit (when not nil) with every string
// value (not key), decoded, its offset and a function giving its JSON
// pointer.
func scanJSON(data []byte, visit func(value []byte, off int, pointer func() string)) *stateProblem {
	var stack []scanFrame
	depth, entries, items := 0, 0, 0
	problem := func(off int, syntax bool, format string, args ...any) *stateProblem {
		return &stateProblem{off: off, pointer: scanPointer(stack[:depth]), message: fmt.Sprintf(format, args...), syntax: syntax}
	}
	// element counts a value that starts in an array.
	element := func(off int) *stateProblem {
		if depth == 0 || stack[depth-1].object {
			return nil
		}
		if depth <= 2 {
			if entries++; entries > maxStateEntries {
				return problem(off, false, "more than %d entries in the lists of one state file: not a state hybridc reads", maxStateEntries)
			}
		} else if items++; items > maxStateItems {
			return problem(off, false, "more than %d items in the lists inside entries of one state file: not a state hybridc reads", maxStateItems)
		}
		return nil
	}
	for i := 0; i < len(data); {
		c := data[i]
		switch c {
		case ' ', '\t', '\n', '\r', ':':
			i++
		case ',':
			if depth > 0 {
				if f := &stack[depth-1]; f.object {
					f.expectKey = true
				} else {
					f.index++
				}
			}
			i++
		case '{', '[':
			if p := element(i); p != nil {
				return p
			}
			if depth == maxStateDepth {
				return problem(i, false, "objects and arrays nested more than %d deep: not a state hybridc reads", maxStateDepth)
			}
			if depth == len(stack) {
				stack = append(stack, scanFrame{})
			}
			f := &stack[depth]
			*f = scanFrame{object: c == '{', expectKey: c == '{', keys: f.keys[:0]}
			depth++
			i++
		case '}', ']':
			if depth == 0 || stack[depth-1].object != (c == '}') {
				return problem(i, true, "unbalanced %q", c)
			}
			depth--
			i++
		case '"':
			end, name, p := scanString(data, i)
			if p != nil {
				p.pointer = scanPointer(stack[:depth])
				return p
			}
			if depth > 0 && stack[depth-1].object && stack[depth-1].expectKey {
				if p := stack[depth-1].addKey(data, name, i); p != nil {
					p.pointer = scanPointer(stack[:depth])
					return p
				}
			} else {
				if p := element(i); p != nil {
					return p
				}
				if visit != nil {
					visit(name, i, func() string { return scanPointer(stack[:depth]) })
				}
			}
			i = end
		default:
			if p := element(i); p != nil {
				return p
			}
			start := i
			for i < len(data) && !scanDelimiter(data[i]) {
				i++
			}
			if i == start {
				return problem(i, true, "unexpected byte")
			}
		}
	}
	return nil
}

// scanDelimiter reports whether b ends a number or literal.
func scanDelimiter(b byte) bool {
	switch b {
	case ' ', '\t', '\r', '\n', ',', ':', ']', '}', '[', '{', '"':
		return true
	}
	return false
}

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

// scanPointer is the JSON pointer of the value the open frames lead to.
func scanPointer(frames []scanFrame) string {
	var b strings.Builder
	for _, f := range frames {
		b.WriteByte('/')
		if f.object {
			b.WriteString(strings.NewReplacer("~", "~0", "/", "~1").Replace(f.key))
		} else {
			b.WriteString(strconv.Itoa(f.index))
		}
	}
	return b.String()
}
