package compiler

import "bytes"

// flowKeys follows the flow collection starting at data[start] to its end,
// counting the entries of each flow mapping in it. It returns the offset of
// the entry beyond maxMappingKeys of a mapping that has more (or -1), and
// the offset of the collection's last byte (len(data) when it does not
// end). Quoted strings are skipped over lines and escapes, comments to
// their line's end.
func flowKeys(data []byte, start int) (at, end int) {
	var stack []int // entries of each open collection; -1 for a list
	for j := start; j < len(data); j++ {
		switch c := data[j]; c {
		case '"', '\'':
			if scalarStart(data, j) {
				j = quotedEnd(data, j)
			}
		case '#':
			if j == 0 || data[j-1] == ' ' || data[j-1] == '\t' || data[j-1] == '\n' {
				if k := bytes.IndexByte(data[j:], '\n'); k >= 0 {
					j += k
				} else {
					j = len(data)
				}
			}
		case '{':
			stack = append(stack, 1)
		case '[':
			stack = append(stack, -1)
		case '}', ']':
			if len(stack) <= 1 {
				return -1, j
			}
			stack = stack[:len(stack)-1]
		case ',':
			if n := len(stack); n > 0 && stack[n-1] > 0 {
				if stack[n-1]++; stack[n-1] > maxMappingKeys {
					return j + 1, j
				}
			}
		}
	}
	return -1, len(data)
}

// quotedEnd is the offset of the quote closing the quoted string that
// starts at data[start] (len(data) when none does): over lines, past
// backslash escapes in a double-quoted string (a single-quoted one's ”
// closes and reopens it, which ends at the same quote).
func quotedEnd(data []byte, start int) int {
	q := data[start]
	for j := start + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			if q == '"' {
				j++
			}
		case q:
			return j
		}
	}
	return len(data)
}

// scalarStart reports whether data[j] starts a scalar in a flow
// collection: the first character other than a blank after { [ , or :, or
// the first of its line.
func scalarStart(data []byte, j int) bool {
	for j--; j >= 0 && (data[j] == ' ' || data[j] == '\t'); j-- {
	}
	return j < 0 || bytes.IndexByte([]byte("{[,:\n"), data[j]) >= 0
}

// maxNodes is the most node starts (nodeStarts) a file may have: 8 times
// scalegen's 50,000 mailboxes and 50,000 permissions (1.2 million), and
// above the README's largest benchmark, 50,000 mailboxes and 500,000
// permissions (53 MB, 7.9 million). Parsing costs at most about 320 bytes
// per start whatever the text (measured), so about 3.2 GB at the cap: no
// more than a valid configuration of that size needs. A var so that tests
// can lower it.
var maxNodes = 10_000_000

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
