package load

import (
	"github.com/hybridc/hybridc/compiler/diag"
)

import "bytes"

// maxMappingKeys is how many keys a mapping may have: no object of the
// schema has more than 15, all of them closed (additionalProperties:
// false), so a mapping with more is wrong whatever its keys, and only
// a file made to exhaust memory has thousands.
const maxMappingKeys = 64

// Prescan refuses, from the raw text and before yaml.v3 builds a node for
// every value, a file that would parse into more nodes than maxNodes allows
// (HC0111, counted by nodeStarts, an upper bound that never gives up) or
// that has a mapping of more than maxMappingKeys keys (HC0110). Keys are
// counted where the text shows them: block mappings by indentation (in
// every document of the file), flow mappings by their commas, lines ending
// at \n, \r\n or a lone \r as YAML reads them; quoted
// strings over several lines, block scalars and comments are skipped. What
// the key count cannot follow exactly (a tab-indented line, a directive)
// is still counted by nodeStarts, so no input reaches the parser with more
// nodes than the cap.
func Prescan(src Source) diag.Diagnostics {
	var diags diag.Diagnostics
	s := keyScan{data: src.Data}
	if at, flow := s.Run(); at >= 0 {
		kind := "block"
		if flow {
			kind = "flow"
		}
		diags.Errorf(OffsetPos(src.Name, src.Data, at), diag.CodeTooManyKeys,
			"this %s mapping has more than %d keys (no hybridc object has more than 15): the file is refused before it is read in full",
			kind, maxMappingKeys)
		return diags
	}
	if at := nodeStarts(src.Data, MaxNodes); at >= 0 {
		diags.Errorf(OffsetPos(src.Name, src.Data, at), diag.CodeTooManyNodes,
			"the file has more than %d places where a value, key, list item or collection could start (a configuration of 50,000 mailboxes and 500,000 permissions has 7.9 million): it is refused before it is parsed", MaxNodes)
	}
	return diags
}

// level is an open block mapping: its indentation and its keys so far.
type level struct{ indent, keys int }

// keyScan counts the keys of the mappings of a YAML text, line by line.
type keyScan struct {
	data  []byte
	stack []level
}

// off is the offset in s.data of b, a non-empty slice of it.
func (s *keyScan) off(b []byte) int { return cap(s.data) - cap(b) }

// Run returns the offset of the key beyond maxMappingKeys of the first
// mapping that has more, and whether that mapping is a flow mapping; -1
// when there is none.
func (s *keyScan) Run() (int, bool) {
	blockScalar := -1 // indentation a block scalar's lines must exceed, or -1
	for start := 0; start < len(s.data); {
		end := lineEndAt(s.data, start)
		line := s.data[start:end]
		start = afterBreak(s.data, end)
		text := bytes.TrimLeft(line, " ")
		indent := len(line) - len(text)
		if blockScalar >= 0 {
			if len(text) == 0 || indent > blockScalar {
				continue
			}
			blockScalar = -1
		}
		if len(text) == 0 || text[0] == '#' || text[0] == '\t' || (indent == 0 && text[0] == '%') {
			continue // tabs and directives: nodeStarts counts them
		}
		if indent == 0 && (marker(text, "---") || marker(text, "...")) {
			s.stack = s.stack[:0] // a new document
			if text = bytes.TrimLeft(text[3:], " "); len(text) == 0 {
				continue
			}
		}
		at, flow, resume, bs := s.Line(text, indent)
		if at >= 0 {
			return at, flow
		}
		if resume > start {
			start = resume
		}
		if bs >= 0 {
			blockScalar = bs
		}
	}
	return -1, false
}

// marker reports whether text starts with a document marker m (--- or ...)
// followed by a space or the end of the line.
func marker(text []byte, m string) bool {
	return bytes.HasPrefix(text, []byte(m)) && (len(text) == 3 || text[3] == ' ' || text[3] == '\t')
}

// Line reads one line's content text, indented by indent: its list markers,
// its key, and the start of its value. It returns the offset of a key
// beyond the limit (or -1) and whether it is in a flow mapping; the offset
// to resume at when the value runs over later lines (a flow collection, a
// quoted string), else 0; and the indentation of a block scalar starting
// there, else -1.
func (s *keyScan) Line(text []byte, indent int) (at int, flow bool, resume, blockScalar int) {
	col := indent
	for len(text) > 0 && text[0] == '-' && (len(text) == 1 || text[1] == ' ') {
		s.Pop(col, true)
		rest := bytes.TrimLeft(text[1:], " ")
		col += len(text) - len(rest)
		text = rest
	}
	value, scalarIndent := text, indent
	if key, ok := blockKey(text); ok {
		s.Pop(col, false)
		if n := len(s.stack); n > 0 && s.stack[n-1].indent == col {
			s.stack[n-1].keys++
		} else {
			s.stack = append(s.stack, level{indent: col, keys: 1})
		}
		if s.stack[len(s.stack)-1].keys > maxMappingKeys {
			return s.off(text), false, 0, -1
		}
		value, scalarIndent = bytes.TrimLeft(text[key:], " "), col
	} else {
		s.Pop(col, false)
	}
	value = skipProperties(value)
	switch {
	case len(value) == 0:
	case value[0] == '|' || value[0] == '>':
		return -1, false, 0, scalarIndent
	case value[0] == '{' || value[0] == '[':
		at, end := FlowKeys(s.data, s.off(value))
		return at, true, nextLine(s.data, end), -1
	case value[0] == '"' || value[0] == '\'':
		end := quotedEnd(s.data, s.off(value))
		return -1, false, nextLine(s.data, end), -1
	}
	return -1, false, 0, -1
}

// Pop closes the mappings indented more than col (or as much, with same).
func (s *keyScan) Pop(col int, same bool) {
	for n := len(s.stack); n > 0 && (s.stack[n-1].indent > col || same && s.stack[n-1].indent == col); n-- {
		s.stack = s.stack[:n-1]
	}
}

// nextLine is the offset of the line after the one holding offset.
func nextLine(data []byte, offset int) int {
	if offset >= len(data) {
		return len(data)
	}
	return afterBreak(data, lineEndAt(data, offset))
}

// afterBreak is the offset after the line break at data[end] (\r\n, or a
// lone \n or \r, each a line break to YAML), or len(data).
func afterBreak(data []byte, end int) int {
	switch {
	case end >= len(data):
		return len(data)
	case data[end] == '\r' && end+1 < len(data) && data[end+1] == '\n':
		return end + 2
	}
	return end + 1
}

// skipProperties skips an anchor (&name) and a tag (!tag) before a value.
func skipProperties(value []byte) []byte {
	for len(value) > 0 && (value[0] == '&' || value[0] == '!') {
		end := bytes.IndexByte(value, ' ')
		if end < 0 {
			return nil
		}
		value = bytes.TrimLeft(value[end:], " ")
	}
	return value
}

// blockKey returns the length of a block mapping key and its colon at the
// start of text ("name:" followed by a space or the end of the line), for
// plain and quoted keys.
func blockKey(text []byte) (int, bool) {
	switch {
	case len(text) == 0 || bytes.IndexByte([]byte("#[]{},&*!|>%@`?"), text[0]) >= 0:
		return 0, false
	case text[0] == '"' || text[0] == '\'':
		end := bytes.IndexByte(text[1:], text[0])
		if end < 0 || bytes.IndexByte(text[1:end+1], '\\') >= 0 {
			return 0, false
		}
		text2 := text[end+2:]
		if len(text2) > 0 && text2[0] == ':' && (len(text2) == 1 || text2[1] == ' ') {
			return end + 3, true
		}
		return 0, false
	}
	for j := 0; j < len(text); j++ {
		switch text[j] {
		case ':':
			if j+1 == len(text) || text[j+1] == ' ' {
				return j + 1, true
			}
		case '#':
			if j > 0 && text[j-1] == ' ' {
				return 0, false
			}
		}
	}
	return 0, false
}

// OffsetPos is the 1-based line and column (in characters) of a byte
// offset. It reads data up to off: a caller placing many offsets in one
// text uses a LineIndex.
func OffsetPos(name string, data []byte, off int) diag.Pos {
	off = max(0, min(off, len(data)))
	line, start := 1, 0
	for i, c := range data[:off] {
		// \n, \r\n and a lone \r each end a line, as YAML reads them.
		if c == '\n' || c == '\r' && (i+1 >= len(data) || data[i+1] != '\n') {
			line, start = line+1, i+1
		}
	}
	return diag.Pos{File: name, Line: line, Col: 1 + len([]rune(string(data[start:off])))}
}
