package load

import (
	"sort"
	"unicode/utf8"

	"github.com/hybridc/hybridc/compiler/diag"
)

// LineIndex finds the line and column of byte offsets in one text in
// time logarithmic in its lines, where OffsetPos rescans the text from its
// start: a caller placing many offsets in one text (import tracing every
// error back to a state file) builds one.
type LineIndex struct {
	name   string
	data   []byte
	starts []int // byte offsets of the lines' starts, the first 0
}

// NewLineIndex indexes the lines of data, named name in positions.
// \n, \r\n and a lone \r each end a line, as YAML reads them.
func NewLineIndex(name string, data []byte) *LineIndex {
	starts := []int{0}
	for i, c := range data {
		if c == '\n' || c == '\r' && (i+1 >= len(data) || data[i+1] != '\n') {
			starts = append(starts, i+1)
		}
	}
	return &LineIndex{name: name, data: data, starts: starts}
}

// Pos is the 1-based line and column (in characters, each invalid UTF-8
// byte one) of byte offset off, clamped to the text: OffsetPos's result.
func (x *LineIndex) Pos(off int) diag.Pos {
	off = max(0, min(off, len(x.data)))
	// The line is the last whose start is at or before off.
	line := sort.Search(len(x.starts), func(k int) bool { return x.starts[k] > off })
	start := x.starts[line-1]
	return diag.Pos{File: x.name, Line: line, Col: 1 + utf8.RuneCount(x.data[start:off])}
}
