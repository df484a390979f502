package load

import (
	"github.com/hybridc/hybridc/compiler/diag"
)

import "strings"

// tabIndentation recognizes a yaml.v3 error caused by a tab in a line's
// indentation and returns where that tab is. yaml.v3 says "found a tab
// character that violates indentation" (at the line before, its 0-based
// context mark), "found a tab character where an indentation space is
// expected", or, for a line starting with a tab, "found character that
// cannot start any token"; none gives a column, and the last says nothing
// of a tab. line is the line yaml.v3 named. ok is false when the error is
// not about a tab or no such line holds one.
func tabIndentation(data []byte, msg string, line int) (pos diag.Pos, ok bool) {
	var lines []int
	switch {
	case strings.Contains(msg, "tab character that violates indentation"):
		lines = []int{line + 1, line}
	case strings.Contains(msg, "tab character"):
		lines = []int{line, line + 1}
	case strings.Contains(msg, "found character that cannot start any token"):
		lines = []int{line}
	default:
		return pos, false
	}
	for _, l := range lines {
		if col := indentTab(data, l); col > 0 {
			return diag.Pos{Line: l, Col: col}, true
		}
	}
	return pos, false
}

// indentTab is the 1-based column of the first tab in the indentation of
// a 1-based line (its leading spaces and tabs, and the "- " of list items
// in it), or 0 when there is none. Lines end at \n, \r\n or a lone \r, as
// YAML reads them.
func indentTab(data []byte, line int) int {
	start := 0
	for n := 1; n < line; n++ {
		if start >= len(data) {
			return 0
		}
		start = afterBreak(data, lineEndAt(data, start))
	}
	text := data[start:lineEndAt(data, start)]
	for i := 0; i < len(text); i++ {
		switch {
		case text[i] == '\t':
			return i + 1
		case text[i] == ' ':
		case text[i] == '-' && i+1 < len(text) && (text[i+1] == ' ' || text[i+1] == '\t'):
		default:
			return 0
		}
	}
	return 0
}
