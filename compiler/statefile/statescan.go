package statefile

import (
	"fmt"
	"strconv"
	"strings"
)

// Caps on what one state file may hold, so that decoding it takes memory
// in proportion to a real organization's state, whatever the file. The
// 50,000-mailbox benchmark's states hold 433,338 list entries each (50,000
// recipients, 383,334 permission entries) and 383,334 list items inside
// entries, in 120 MB.
const (
	// MaxStateEntries caps the entries of a state's lists together
	// (recipients, permissions, ...): about 9 times the benchmark's.
	MaxStateEntries = 4_000_000
	// maxStateItems caps the items of the lists inside entries together
	// (addresses, members, access rights): about 25 times the benchmark's.
	maxStateItems = 10_000_000
	// MaxStateDepth caps the nesting of objects and arrays: the format
	// nests four deep; unknown fields of later versions get some room.
	MaxStateDepth = 64
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
func scanState(data []byte) *stateProblem { return ScanJSON(data, nil) }

// ScanJSON is scanState, calling visit (when not nil) with every string
// value (not key), decoded, its offset and a function giving its JSON
// pointer.
func ScanJSON(data []byte, visit func(value []byte, off int, pointer func() string)) *stateProblem {
	s := &jsonScanner{data: data, visit: visit}
	for i := 0; i < len(data); {
		var p *stateProblem
		switch c := data[i]; c {
		case ' ', '\t', '\n', '\r', ':':
			i++
			continue
		case ',':
			s.next()
			i++
			continue
		case '{', '[':
			p = s.open(i, c == '{')
			i++
		case '}', ']':
			p = s.close(i, c == '}')
			i++
		case '"':
			i, p = s.Str(i)
		default:
			i, p = s.literal(i)
		}
		if p != nil {
			return p
		}
	}
	return nil
}

// jsonScanner is the state of scanJSON: the open objects and arrays
// (stack[:depth], the frames beyond kept for reuse) and the counts of
// list elements the caps limit.
type jsonScanner struct {
	data           []byte
	visit          func(value []byte, off int, pointer func() string)
	stack          []scanFrame
	depth          int
	entries, items int
}

// problem is a problem at off, in the value the open frames point at.
func (s *jsonScanner) problem(off int, syntax bool, format string, args ...any) *stateProblem {
	return &stateProblem{off: off, pointer: s.pointer(), message: fmt.Sprintf(format, args...), syntax: syntax}
}

// pointer is the JSON pointer of the current value.
func (s *jsonScanner) pointer() string { return scanPointer(s.stack[:s.depth]) }

// element counts a value that starts in an array.
func (s *jsonScanner) element(off int) *stateProblem {
	if s.depth == 0 || s.stack[s.depth-1].object {
		return nil
	}
	if s.depth <= 2 {
		if s.entries++; s.entries > MaxStateEntries {
			return s.problem(off, false, "more than %d entries in the lists of one state file: not a state hybridc reads", MaxStateEntries)
		}
	} else if s.items++; s.items > maxStateItems {
		return s.problem(off, false, "more than %d items in the lists inside entries of one state file: not a state hybridc reads", maxStateItems)
	}
	return nil
}

// next moves past a comma: to the next key of an object, or the next
// element of an array.
func (s *jsonScanner) next() {
	if s.depth == 0 {
		return
	}
	if f := &s.stack[s.depth-1]; f.object {
		f.expectKey = true
	} else {
		f.index++
	}
}

// open opens the object or array that starts at off.
func (s *jsonScanner) open(off int, object bool) *stateProblem {
	if p := s.element(off); p != nil {
		return p
	}
	if s.depth == MaxStateDepth {
		return s.problem(off, false, "objects and arrays nested more than %d deep: not a state hybridc reads", MaxStateDepth)
	}
	if s.depth == len(s.stack) {
		s.stack = append(s.stack, scanFrame{})
	}
	f := &s.stack[s.depth]
	*f = scanFrame{object: object, expectKey: object, keys: f.keys[:0]}
	s.depth++
	return nil
}

// close closes the object or array that the byte at off ends.
func (s *jsonScanner) close(off int, object bool) *stateProblem {
	if s.depth == 0 || s.stack[s.depth-1].object != object {
		c := byte(']')
		if object {
			c = '}'
		}
		return s.problem(off, true, "unbalanced %q", c)
	}
	s.depth--
	return nil
}

// Str reads the string that starts at off, a key or a value, and returns
// the offset after it.
func (s *jsonScanner) Str(off int) (int, *stateProblem) {
	end, name, p := scanString(s.data, off)
	if p != nil {
		p.pointer = s.pointer()
		return end, p
	}
	if s.depth > 0 && s.stack[s.depth-1].object && s.stack[s.depth-1].expectKey {
		if p := s.stack[s.depth-1].addKey(s.data, name, off); p != nil {
			p.pointer = s.pointer()
			return end, p
		}
		return end, nil
	}
	if p := s.element(off); p != nil {
		return end, p
	}
	if s.visit != nil {
		s.visit(name, off, s.pointer)
	}
	return end, nil
}

// literal reads the number, true, false or null that starts at off, and
// returns the offset after it.
func (s *jsonScanner) literal(off int) (int, *stateProblem) {
	if p := s.element(off); p != nil {
		return off, p
	}
	data, i := s.data, off
	for i < len(data) && !scanDelimiter(data[i]) {
		i++
	}
	if i == off {
		return i, s.problem(i, true, "unexpected byte")
	}
	return i, nil
}

// scanDelimiter reports whether b ends a number or literal.
func scanDelimiter(b byte) bool {
	switch b {
	case ' ', '\t', '\r', '\n', ',', ':', ']', '}', '[', '{', '"':
		return true
	}
	return false
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

// valueBefore returns the JSON pointer and the offset of the last value
// (not key) of data that starts before off, in a file scanState accepted:
// the value encoding/json's UnmarshalTypeError.Offset, just past it (or
// past its opening bracket), is about. The pointer has the keys as written
// and the indexes of arrays, as the error's Field has neither.
func valueBefore(data []byte, off int) (pointer string, start int) {
	s := &jsonScanner{data: data}
	start = -1
	for i := 0; i < len(data) && i < off; {
		switch c := data[i]; c {
		case ' ', '\t', '\n', '\r', ':':
			i++
		case ',':
			s.next()
			i++
		case '{', '[':
			pointer, start = s.pointer(), i
			s.open(i, c == '{')
			i++
		case '}', ']':
			s.close(i, c == '}')
			i++
		case '"':
			if s.depth == 0 || !s.stack[s.depth-1].object || !s.stack[s.depth-1].expectKey {
				pointer, start = s.pointer(), i
			}
			i, _ = s.Str(i)
		default:
			pointer, start = s.pointer(), i
			i, _ = s.literal(i)
		}
	}
	return pointer, start
}
