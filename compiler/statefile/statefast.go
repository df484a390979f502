package statefile

import (
	"reflect"
	"unicode/utf8"

	"github.com/hybridc/hybridc/compiler/state"
)

// fastDecoder decodes a state file in one pass over its bytes, straight
// into the state's structs, checking as it goes what scanState and
// decodeState check (UTF-8, lone surrogates, repeated and case-variant
// keys, the caps, entries that identify nothing). It does not explain:
// at anything it does not expect (an error, but also a key that matches a
// field only ignoring case, a number where none is usual) it gives up, and
// LoadState reads the file again with the careful decoder, which reports
// the problem at its position, or decodes what encoding/json would. So a
// state the fast decoder returns is the one the careful decoder would
// return (TestFastStateSame), and every message is the careful decoder's.
type fastDecoder struct {
	data           []byte
	i              int
	depth          int
	entries, items int
	buf            []byte // an unescaped string
	// recent are short strings decoded lately, by a hash of their bytes:
	// the values entries repeat (access rights, recipient types, system
	// accounts) are shared instead of copied for each entry.
	recent [1024]string
}

// fastRecentMax is the longest string kept in fastDecoder.recent.
const fastRecentMax = 32

// FastDecodeState decodes a state file (its byte order mark removed), or
// returns nil when the careful decoder must read it.
func FastDecodeState(data []byte) *state.State {
	obj := FastStateObject()
	if obj == nil {
		return nil
	}
	d := &fastDecoder{data: data}
	var st state.State
	d.ws()
	if !d.object(reflect.ValueOf(&st).Elem(), obj) {
		return nil
	}
	if d.ws(); d.i != len(d.data) {
		return nil
	}
	return &st
}

// ws skips white space.
func (d *fastDecoder) ws() {
	for d.i < len(d.data) {
		switch d.data[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// next is the byte after white space, or 0 at the end.
func (d *fastDecoder) next() byte {
	d.ws()
	if d.i < len(d.data) {
		return d.data[d.i]
	}
	return 0
}

// open enters an object or array at d.i, within the nesting cap.
func (d *fastDecoder) open() bool {
	if d.depth == MaxStateDepth {
		return false
	}
	d.depth++
	d.i++
	return true
}

// element counts a value that starts in an array, as scanState does: an
// entry of a top-level list, or an item of a list inside an entry.
func (d *fastDecoder) element() bool {
	if d.depth <= 2 {
		d.entries++
		return d.entries <= MaxStateEntries
	}
	d.items++
	return d.items <= maxStateItems
}

// more reads what follows a member or element: true after a comma (more
// follow), false at the closing byte end (or anything else: ok false).
func (d *fastDecoder) more(end byte) (more, ok bool) {
	switch d.next() {
	case ',':
		d.i++
		return true, true
	case end:
		d.i++
		d.depth--
		return false, true
	}
	return false, false
}

// object decodes a JSON object into the struct v that obj describes.
func (d *fastDecoder) object(v reflect.Value, obj *fastObject) bool {
	if d.next() != '{' || !d.open() {
		return false
	}
	if d.next() == '}' {
		d.i++
		d.depth--
		return true
	}
	var seen uint64
	var unknown *scanFrame
	keys := 0
	for {
		if d.next() != '"' {
			return false
		}
		key, ok := d.string()
		if !ok || d.next() != ':' {
			return false
		}
		d.i++
		if keys++; keys > maxStateKeys {
			return false
		}
		if f, known := obj.byName[string(key)]; known {
			if seen&(1<<f) != 0 || !d.field(v, &obj.Fields[f]) {
				return false
			}
			seen |= 1 << f
		} else {
			if !asciiKey(key) || obj.loose[looseKey(string(key))] {
				return false
			}
			if unknown == nil {
				unknown = &scanFrame{object: true}
			}
			if p := unknown.addKey(d.data, []byte(string(key)), d.i); p != nil || !d.Skip() {
				return false
			}
		}
		more, ok := d.more('}')
		if !ok {
			return false
		}
		if !more {
			return true
		}
	}
}

// asciiKey reports whether a key is printable ASCII.
func asciiKey(key []byte) bool {
	for _, c := range key {
		if c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// field decodes the value of one field of the struct v.
func (d *fastDecoder) field(v reflect.Value, f *fastField) bool {
	c := d.next()
	if c == 'n' {
		// null leaves every field as it is, and a pointer nil.
		return d.literal("null")
	}
	fv := v.Field(f.index)
	switch f.Kind {
	case fastString:
		s, ok := d.text(c)
		fv.SetString(s)
		return ok
	case fastBool, fastBoolPtr:
		b, ok := d.Boolean(c)
		if f.Kind == fastBoolPtr {
			fv.Set(reflect.ValueOf(&b))
		} else {
			fv.SetBool(b)
		}
		return ok
	case fastInt:
		n, ok := d.integer()
		fv.SetInt(n)
		return ok
	case fastStrings:
		list, ok := d.strings(c)
		fv.Set(reflect.ValueOf(list))
		return ok
	case fastStruct:
		return d.object(fv, f.sub)
	}
	return d.entryList(fv, f)
}

// text is a string value.
func (d *fastDecoder) text(c byte) (string, bool) {
	if c != '"' {
		return "", false
	}
	b, ok := d.string()
	if !ok {
		return "", false
	}
	if len(b) > fastRecentMax {
		return string(b), true
	}
	h := uint32(2166136261)
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	slot := &d.recent[h%uint32(len(d.recent))]
	if *slot != string(b) {
		*slot = string(b)
	}
	return *slot, true
}

// Boolean is true or false.
func (d *fastDecoder) Boolean(c byte) (bool, bool) {
	if c == 't' {
		return true, d.literal("true")
	}
	return false, c == 'f' && d.literal("false")
}

// literal reads the literal word at d.i.
func (d *fastDecoder) literal(word string) bool {
	if len(d.data)-d.i < len(word) || string(d.data[d.i:d.i+len(word)]) != word {
		return false
	}
	d.i += len(word)
	return true
}

// integer reads a whole number of at most 18 digits, as JSON writes it
// (no leading zero, no fraction or exponent).
func (d *fastDecoder) integer() (int64, bool) {
	neg := d.i < len(d.data) && d.data[d.i] == '-'
	if neg {
		d.i++
	}
	start := d.i
	var n int64
	for d.i < len(d.data) && '0' <= d.data[d.i] && d.data[d.i] <= '9' {
		n = n*10 + int64(d.data[d.i]-'0')
		d.i++
	}
	digits := d.i - start
	if digits == 0 || digits > 18 || digits > 1 && d.data[start] == '0' {
		return 0, false
	}
	if d.i < len(d.data) && (d.data[d.i] == '.' || d.data[d.i] == 'e' || d.data[d.i] == 'E') {
		return 0, false
	}
	if neg {
		n = -n
	}
	return n, true
}

// strings is a list of strings; [] is an empty list, not nil, as
// encoding/json decodes it.
func (d *fastDecoder) strings(c byte) ([]string, bool) {
	if c != '[' || !d.open() {
		return nil, false
	}
	list := []string{}
	if d.next() == ']' {
		d.i++
		d.depth--
		return list, true
	}
	for {
		if !d.element() {
			return nil, false
		}
		s, ok := d.text(d.next())
		if !ok {
			return nil, false
		}
		list = append(list, s)
		more, ok := d.more(']')
		if !ok {
			return nil, false
		}
		if !more {
			return list, true
		}
	}
}

// entryList decodes a top-level list entry by entry, each checked as
// decodeList checks it; [] leaves the list nil, as decodeList does.
func (d *fastDecoder) entryList(list reflect.Value, f *fastField) bool {
	if d.next() != '[' || !d.open() {
		return false
	}
	if d.next() == ']' {
		d.i++
		d.depth--
		return true
	}
	for n := 0; ; n++ {
		if !d.element() || f.limit > 0 && n == f.limit {
			return false
		}
		if list.Len() == list.Cap() {
			list.Grow(max(8, list.Len()))
		}
		list.SetLen(n + 1)
		e := list.Index(n)
		if !d.object(e, f.sub) || checkEntry(e.Addr().Interface()) != "" {
			return false
		}
		more, ok := d.more(']')
		if !ok {
			return false
		}
		if !more {
			return true
		}
	}
}

// string reads the string at d.i (a quote): its text, escapes decoded,
// valid only until the next call. It gives up at invalid UTF-8, a control
// character, a lone surrogate escape or a malformed escape.
func (d *fastDecoder) string() ([]byte, bool) {
	start := d.i + 1
	j := start
	for j < len(d.data) {
		c := d.data[j]
		switch {
		case c == '"':
			d.i = j + 1
			return d.data[start:j], true
		case c == '\\':
			return d.escaped(start, j)
		case c < 0x20:
			return nil, false
		case c < utf8.RuneSelf:
			j++
		default:
			r, size := utf8.DecodeRune(d.data[j:])
			if r == utf8.RuneError && size == 1 {
				return nil, false
			}
			j += size
		}
	}
	return nil, false
}

// escaped reads the rest of a string that has an escape at j, decoding it
// into d.buf as encoding/json does.
func (d *fastDecoder) escaped(start, j int) ([]byte, bool) {
	d.buf = append(d.buf[:0], d.data[start:j]...)
	for j < len(d.data) {
		c := d.data[j]
		switch {
		case c == '"':
			d.i = j + 1
			return d.buf, true
		case c == '\\':
			if j+1 >= len(d.data) {
				return nil, false
			}
			if e := d.data[j+1]; e != 'u' {
				r, ok := fastEscapes[e]
				if !ok {
					return nil, false
				}
				d.buf = append(d.buf, r)
				j += 2
				continue
			}
			r, ok := hex4(d.data, j+2)
			if !ok {
				return nil, false
			}
			j += 6
			if utf16IsSurrogate(r) {
				low, lowOK := rune(0), false
				if r < 0xdc00 && j+1 < len(d.data) && d.data[j] == '\\' && d.data[j+1] == 'u' {
					low, lowOK = hex4(d.data, j+2)
				}
				if !lowOK || low < 0xdc00 || low > 0xdfff {
					return nil, false
				}
				r = 0x10000 + (r-0xd800)<<10 + (low - 0xdc00)
				j += 6
			}
			d.buf = utf8.AppendRune(d.buf, r)
		case c < 0x20:
			return nil, false
		case c < utf8.RuneSelf:
			d.buf = append(d.buf, c)
			j++
		default:
			r, size := utf8.DecodeRune(d.data[j:])
			if r == utf8.RuneError && size == 1 {
				return nil, false
			}
			d.buf = append(d.buf, d.data[j:j+size]...)
			j += size
		}
	}
	return nil, false
}

// fastEscapes are JSON's one-letter escapes.
var fastEscapes = map[byte]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// Skip reads a value of a key the format does not know, checking it as
// scanState checks everything.
func (d *fastDecoder) Skip() bool {
	switch c := d.next(); c {
	case '"':
		_, ok := d.string()
		return ok
	case 't':
		return d.literal("true")
	case 'f':
		return d.literal("false")
	case 'n':
		return d.literal("null")
	case '[':
		return d.skipArray()
	case '{':
		return d.skipObject()
	}
	return d.number()
}

// skipArray reads an array of a key the format does not know.
func (d *fastDecoder) skipArray() bool {
	if !d.open() {
		return false
	}
	if d.next() == ']' {
		d.i++
		d.depth--
		return true
	}
	for {
		if !d.element() || !d.Skip() {
			return false
		}
		more, ok := d.more(']')
		if !ok || !more {
			return ok
		}
	}
}

// skipObject reads an object of a key the format does not know: its keys
// checked as scanState checks them.
func (d *fastDecoder) skipObject() bool {
	if !d.open() {
		return false
	}
	if d.next() == '}' {
		d.i++
		d.depth--
		return true
	}
	frame := &scanFrame{object: true}
	for {
		if d.next() != '"' {
			return false
		}
		key, ok := d.string()
		if !ok || d.next() != ':' {
			return false
		}
		d.i++
		if p := frame.addKey(d.data, []byte(string(key)), d.i); p != nil || !d.Skip() {
			return false
		}
		more, ok := d.more('}')
		if !ok || !more {
			return ok
		}
	}
}

// number reads a JSON number.
func (d *fastDecoder) number() bool {
	digits := func() int {
		start := d.i
		for d.i < len(d.data) && '0' <= d.data[d.i] && d.data[d.i] <= '9' {
			d.i++
		}
		return d.i - start
	}
	if d.i < len(d.data) && d.data[d.i] == '-' {
		d.i++
	}
	start := d.i
	if n := digits(); n == 0 || n > 1 && d.data[start] == '0' {
		return false
	}
	if d.i < len(d.data) && d.data[d.i] == '.' {
		d.i++
		if digits() == 0 {
			return false
		}
	}
	if d.i < len(d.data) && (d.data[d.i] == 'e' || d.data[d.i] == 'E') {
		d.i++
		if d.i < len(d.data) && (d.data[d.i] == '+' || d.data[d.i] == '-') {
			d.i++
		}
		if digits() == 0 {
			return false
		}
	}
	return true
}
