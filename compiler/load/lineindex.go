package load

import (
	"sort"
	"unicode/utf8"

	"github.com/hybridc/hybridc/compiler/diag"
)

// LineIndex finds the line and column of byte offsets in one text in
// time logarithmic in its lines, where OffsetPos rescans the text from its
// start: a caller placing many offsets in one text (import tracing every
// error back to a state file) builds one. Placing offsets in increasing
// order (as a scan of the text finds them) costs, in all, one pass over a
// line however long: a one-line JSON file is one line. It is not safe for
// concurrent use.
type LineIndex struct {
	name   string
	data   []byte
	starts []int // byte offsets of the lines' starts, the first 0
	// last is the previous offset placed, its line and column: the next
	// one on that line counts characters from there.
	last struct{ off, line, col int }
	// counted is how many bytes Pos has read counting characters (the
	// work a test bounds).
	counted int
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
	from, col := start, 1
	// Counts add up from the previous offset when it starts a character
	// (or an invalid byte): no character spans it.
	if l := x.last; l.line == line && start <= l.off && l.off <= off && (l.off == len(x.data) || utf8.RuneStart(x.data[l.off])) {
		from, col = l.off, l.col
	}
	col += utf8.RuneCount(x.data[from:off])
	x.counted += off - from
	x.last.off, x.last.line, x.last.col = off, line, col
	return diag.Pos{File: x.name, Line: line, Col: col}
}
