package load

// FlowKeys follows the flow collection starting at data[start] to its end,
// counting the entries of each flow mapping in it. It returns the offset of
// the entry beyond maxMappingKeys of a mapping that has more (or -1), and
// the offset of the collection's last byte (len(data) when it does not
// end). Quoted strings are skipped over lines and escapes, comments to
// their line's end. A quote starts a string only where YAML starts a
// scalar (flowScan); elsewhere it is part of a plain scalar and the scan
// goes on counting, so the count stays an upper bound.
func FlowKeys(data []byte, start int) (at, end int) {
	var stack []int // entries of each open collection; -1 for a list
	f := flowScan{start: true}
	for j := start; j < len(data); j++ {
		c := data[j]
		switch c {
		case ' ', '\t', '\r', '\n':
			f.blank()
			continue
		case '"', '\'':
			if f.start {
				j = quotedEnd(data, j)
				f.word(false, true)
				continue
			}
		case '#':
			if f.blankBefore {
				f.Comment()
				j = lineEndAt(data, j) - 1
				continue
			}
		case '{', '[':
			if c == '{' {
				stack = append(stack, 1)
			} else {
				stack = append(stack, -1)
			}
			f.indicator()
			continue
		case '}', ']':
			if len(stack) <= 1 {
				return -1, j
			}
			stack = stack[:len(stack)-1]
			f.word(false, true)
			continue
		case ',':
			if n := len(stack); n > 0 && stack[n-1] > 0 {
				if stack[n-1]++; stack[n-1] > maxMappingKeys {
					return j + 1, j
				}
			}
			f.indicator()
			continue
		case ':', '?':
			// A value or key indicator where a token starts (as yaml.v3
			// reads flow context) or when a blank or the end follows;
			// inside a plain scalar (a:'b) it is part of the scalar.
			if f.indicates(byteAt(data, j+1)) {
				f.indicator()
				continue
			}
		}
		f.word(c == '&' || c == '!', false)
	}
	return -1, len(data)
}

// flowScan is where flowKeys is in the text of a flow collection, as
// yaml.v3's scanner reads it: whether a scalar may start at the next
// non-blank byte (after { [ , or a ? or : indicator, or after an anchor
// or a tag there), whether a plain scalar is open (it goes on over
// blanks and line breaks, so a quote or a ':' there is part of it),
// whether a blank came last (a # after one starts a comment), and
// whether a run of non-blank bytes is being read (a property's when
// prop).
type flowScan struct {
	start, plain, blankBefore, inRun, prop bool
}

// blank is a space, tab or line break: it ends a run.
func (f *flowScan) blank() {
	if f.inRun && f.prop {
		f.start = true // an anchor or tag: the scalar comes after it
	}
	f.inRun, f.prop, f.blankBefore = false, false, true
}

// indicator is { [ , or a ? or : indicator: a scalar may start next.
func (f *flowScan) indicator() {
	*f = flowScan{start: true}
}

// Comment is a # after a blank: it ends a plain scalar (where a scalar
// could start before it, one still can after it).
func (f *flowScan) Comment() {
	*f = flowScan{start: f.start}
}

// word is any other byte: a plain scalar's (or a property's, & or !, at a
// scalar's start), or the end of a quoted string or a collection (closed).
func (f *flowScan) word(prop, closed bool) {
	if !f.inRun {
		f.prop = prop && f.start
	}
	f.inRun = !closed
	f.plain = !closed && !f.prop
	f.start, f.blankBefore = false, false
}

// indicates reports whether a ':' or '?' is an indicator: where no plain
// scalar or property is being read (as yaml.v3 reads flow context), or
// when a blank or the end follows.
func (f *flowScan) indicates(next byte) bool {
	return !f.plain && !f.inRun || next == ' ' || next == '\t' || next == '\r' || next == '\n' || next == 0
}

// byteAt is data[i], or 0 beyond its end.
func byteAt(data []byte, i int) byte {
	if i < len(data) {
		return data[i]
	}
	return 0
}

// lineEndAt is the offset of the line break (\n, \r or \r\n, as YAML
// reads them) ending the line that holds offset, or len(data).
func lineEndAt(data []byte, offset int) int {
	for j := offset; j < len(data); j++ {
		if data[j] == '\n' || data[j] == '\r' {
			return j
		}
	}
	return len(data)
}

// quotedEnd is the offset of the quote closing the quoted string that
// starts at data[start] (len(data) when none does): over lines, past
// backslash escapes in a double-quoted string and ” in a single-quoted
// one.
func quotedEnd(data []byte, start int) int {
	q := data[start]
	for j := start + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			if q == '"' {
				j++
			}
		case q:
			if q == '\'' && j+1 < len(data) && data[j+1] == q {
				j++ // '' is a quote inside the string
				continue
			}
			return j
		}
	}
	return len(data)
}

// MaxNodes is the most node starts (nodeStarts) a file may have: 8 times
// scalegen's 50,000 mailboxes and 50,000 permissions (1.2 million), and
// above the README's largest benchmark, 50,000 mailboxes and 500,000
// permissions (53 MB, 7.9 million). Parsing costs at most about 320 bytes
// per start whatever the text (measured), so about 3.2 GB at the cap: no
// more than a valid configuration of that size needs. A var so that tests
// can lower it.
var MaxNodes = 10_000_000

// nodeClass sorts bytes for nodeStarts: blanks, indicators that may start
// or imply a node (counted each), closing brackets, and the rest.
var nodeClass = func() (t [256]byte) {
	for i := range t {
		t[i] = classWord
	}
	for _, c := range []byte(" \t\r\n") {
		t[c] = classBlank
	}
	for _, c := range []byte("-?:,[{") {
		t[c] = classIndicator
	}
	t[']'], t['}'] = classClose, classClose
	return t
}()

const (
	classWord = iota
	classBlank
	classIndicator
	classClose
)

// nodeStarts counts every place in data where yaml.v3 could start or imply
// a node: each indicator - ? : , [ { (list items, keys and values, empty
// values, collections) and each word (a run of other characters after a
// blank, an indicator or a closing bracket: a scalar, an alias, a quoted
// string's start). It ignores nothing (comments, quoted strings and block
// scalars count too), so the count is an upper bound whatever the text
// means. A ? or a : that follows no key counts three (the mapping, the
// empty key and its value it can imply), so that no shape of text builds
// more than about two nodes, and 300 bytes, per count. It returns the
// offset where the count passes limit, or -1.
func nodeStarts(data []byte, limit int) int {
	n := 0
	prev := byte(classBlank)
	for i, c := range data {
		switch k := nodeClass[c]; k {
		case classIndicator:
			n++
			if c == '?' || c == ':' && prev != classWord && prev != classClose {
				n += 2 // an explicit or empty key: a mapping, a key and a value
			}
			prev = k
		case classWord:
			if prev != classWord {
				n++
			}
			prev = k
		default:
			prev = k
		}
		if n > limit {
			return i
		}
	}
	return -1
}
