package pscheck

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Finding is one problem found in a script. Line and Col are 1-based; Col
// counts bytes.
type Finding struct {
	Line, Col int
	Msg       string
}

// String formats the finding as "line:col: msg".
func (f Finding) String() string { return fmt.Sprintf("%d:%d: %s", f.Line, f.Col, f.Msg) }

// SyntaxErrors parses src (which may start with a UTF-8 BOM and use CRLF line
// endings) and returns every ERROR and MISSING node of the tree-sitter
// grammar, plus every string that PowerShell would end earlier than the
// grammar does: the grammar knows only ' and " as quotes, while PowerShell
// also ends strings at an undoubled ‘ ’ ‚ ‛ (single-quoted) or “ ” „
// (double-quoted), which is exactly how a badly quoted value breaks out.
// Known blind spot of the grammar: `try {}` without catch/finally passes.
// Without cgo it returns a single finding saying so.
func SyntaxErrors(src []byte) []Finding {
	root, err := parse(src)
	if err != nil {
		return []Finding{{Line: 1, Col: 1, Msg: err.Error()}}
	}
	var out []Finding
	seen := map[Finding]bool{}
	add := func(f Finding) {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	root.walk(func(n *node) bool {
		switch {
		case n.isMissing:
			add(Finding{Line: n.line, Col: n.col, Msg: "syntax error: missing " + missingWhat(n)})
		case n.isError:
			add(Finding{Line: n.line, Col: n.col, Msg: "syntax error near " + snippet(n.text(src))})
		case n.kind == "string_literal":
			if _, early, _ := decodeString(n, src); early >= 0 {
				r, _ := utf8.DecodeRune(src[early:])
				line, col := lineCol(src, early)
				add(Finding{Line: line, Col: col, Msg: fmt.Sprintf("PowerShell ends this string here at %U %c, the grammar does not: double every quote character inside a quoted value", r, r)})
			}
		}
		return true
	})
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Line != out[j].Line {
			return out[i].Line < out[j].Line
		}
		return out[i].Col < out[j].Col
	})
	return out
}

// missingWhat names what a MISSING node stands for.
func missingWhat(n *node) string {
	if n.named {
		return n.kind
	}
	return fmt.Sprintf("%q", n.kind)
}

// snippet shortens source text for a message.
func snippet(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return fmt.Sprintf("%q", s)
}
