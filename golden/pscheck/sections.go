package pscheck

// Span is a byte range [Start, End) of the parsed source, with the 1-based
// line and byte column of Start.
type Span struct {
	Start, End int
	Line, Col  int
}

func spanOf(n *node) Span { return Span{Start: n.start, End: n.end, Line: n.line, Col: n.col} }

// DataSections returns the span of the body of every `data { ... }` section
// in src (tree-sitter node data_statement), in source order: from its { to
// its } inclusive, without the data keyword, the section name and
// -SupportedCommand. Inside a body PowerShell accepts only its restricted
// language (literals, hashtables, arrays, a few operators and the commands
// -SupportedCommand names), so data there cannot run as code. A section whose
// subtree holds syntax errors is returned all the same: SyntaxErrors reports
// those. The error is non-nil only when src cannot be parsed at all (no cgo).
func DataSections(src []byte) ([]Span, error) {
	root, err := parse(src)
	if err != nil {
		return nil, err
	}
	var out []Span
	for _, d := range dataBodies(root, false) {
		out = append(out, spanOf(d))
	}
	return out, nil
}

// dataBodies returns the statement_block of every data_statement under
// root; with clean set, only those whose data_statement has no ERROR or
// MISSING node.
func dataBodies(root *node, clean bool) []*node {
	var out []*node
	root.walk(func(n *node) bool {
		if n.kind != "data_statement" {
			return true
		}
		if body := n.firstOfKind("statement_block"); body != nil && (!clean || !hasSyntaxError(n)) {
			out = append(out, body)
		}
		return false
	})
	return out
}

// hasSyntaxError reports whether n's subtree holds an ERROR or MISSING node.
func hasSyntaxError(n *node) bool {
	found := false
	n.walk(func(m *node) bool {
		found = found || m.isError || m.isMissing
		return !found
	})
	return found
}

// Comments returns the span of every comment in src, in source order: `#`
// line comments (the lines of a signature block too) and `<# ... #>` block
// comments, comment-based help included (tree-sitter node kind comment), and
// #Requires lines (node kind requires_statement where the grammar reads them
// as such, at the top of a script). Nil without cgo.
func Comments(src []byte) []Span {
	root, err := parse(src)
	if err != nil {
		return nil
	}
	var out []Span
	for _, n := range commentNodes(root) {
		out = append(out, spanOf(n))
	}
	return out
}

// commentNodes returns the comment and requires_statement nodes under root.
func commentNodes(root *node) []*node {
	var out []*node
	root.walk(func(n *node) bool {
		if n.kind == "comment" || n.kind == "requires_statement" {
			out = append(out, n)
			return false
		}
		return true
	})
	return out
}
