package pscheck

import (
	"errors"
	"strings"
)

// errNoTree is returned when tree-sitter gives back no tree at all.
var errNoTree = errors.New("pscheck: tree-sitter returned no syntax tree")

// node is a Go copy of one tree-sitter syntax node. The grammar copies the
// whole tree into these values and frees the C tree at once, so everything
// else in the package is plain Go and builds without cgo.
type node struct {
	kind      string
	field     string // field name in the parent, "" if none
	start     int    // byte offsets into the parsed source
	end       int
	line, col int // 1-based; col counts bytes
	named     bool
	isError   bool
	isMissing bool
	parent    *node
	children  []*node
}

// text returns the node's source text.
func (n *node) text(src []byte) string { return string(src[n.start:n.end]) }

// walk visits n and its subtree in source order; fn returns false to skip
// the children of the node it was given.
func (n *node) walk(fn func(*node) bool) {
	if !fn(n) {
		return
	}
	for _, c := range n.children {
		c.walk(fn)
	}
}

// namedKids returns the named children of n, comments left out.
func (n *node) namedKids() []*node {
	var out []*node
	for _, c := range n.children {
		if c.named && c.kind != "comment" {
			out = append(out, c)
		}
	}
	return out
}

// byField returns the first child with the given field name, or nil.
func (n *node) byField(field string) *node {
	for _, c := range n.children {
		if c.field == field {
			return c
		}
	}
	return nil
}

// firstOfKind returns the first child of the given kind, or nil.
func (n *node) firstOfKind(kind string) *node {
	for _, c := range n.children {
		if c.kind == kind {
			return c
		}
	}
	return nil
}

// contains reports whether m lies inside n's byte range.
func (n *node) contains(m *node) bool { return n.start <= m.start && m.end <= n.end }

// unwrap descends through wrapper nodes that hold exactly one named child
// (pipelines of one element, unary expressions, statement lists, ...), so
// that `@('a')`, `('a')` and `'a'` all reach the same string node.
func unwrap(n *node) *node {
	for n != nil {
		switch n.kind {
		case "unary_expression", "pipeline", "pipeline_chain", "assignment_value",
			"statement_list", "key_expression", "parenthesized_expression",
			"argument_expression", "left_assignment_expression", "redirected_file_name":
			kids := n.namedKids()
			if len(kids) != 1 {
				return n
			}
			n = kids[0]
		default:
			return n
		}
	}
	return nil
}

// varName normalises a variable reference: `$Script:Desired`, `@desired` and
// `${desired}` all become "desired".
func varName(raw string) string {
	s := strings.TrimLeft(raw, "$@")
	s = strings.TrimSuffix(strings.TrimPrefix(s, "{"), "}")
	s = strings.ToLower(s)
	for _, scope := range []string{"script:", "global:", "local:", "private:", "using:"} {
		s = strings.TrimPrefix(s, scope)
	}
	return s
}

// lineCol converts a byte offset in src into a 1-based line and byte column.
func lineCol(src []byte, off int) (line, col int) {
	line, lineStart := 1, 0
	for i := 0; i < off && i < len(src); i++ {
		if src[i] == '\n' {
			line++
			lineStart = i + 1
		}
	}
	return line, off - lineStart + 1
}
