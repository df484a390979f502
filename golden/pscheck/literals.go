package pscheck

// Literal is one string literal of a script.
type Literal struct {
	Span // the whole literal, quotes (or @' '@ lines) included
	// Value is the decoded value when Constant (see LiteralStrings for how
	// quotes and backticks decode, and where PowerShell ends a string whose
	// quotes are not doubled), else "".
	Value string
	// Expandable is true for double-quoted strings and here-strings, in
	// which PowerShell expands $variables, $(subexpressions) and backtick
	// escapes; false for single-quoted (verbatim) ones.
	Expandable bool
	Here       bool // a here-string (@'...'@ or @"..."@)
	// Constant is true when the literal expands nothing: always for
	// single-quoted literals, for double-quoted ones when they hold no
	// variable and no subexpression.
	Constant bool
	InData   bool // inside the body of a data section (DataSections)
}

// StringLiterals returns every string literal in src (tree-sitter node
// string_literal), in source order, those nested in the subexpressions of
// expandable strings included. Nil without cgo.
func StringLiterals(src []byte) []Literal {
	root, err := parse(src)
	if err != nil {
		return nil
	}
	data := dataBodies(root, false)
	var out []Literal
	root.walk(func(n *node) bool {
		if n.kind != "string_literal" {
			return true
		}
		l := Literal{Span: spanOf(n)}
		kind := literalKind(n)
		l.Expandable = kind == "expandable_string_literal" || kind == "expandable_here_string_literal"
		l.Here = kind == "verbatim_here_string_characters" || kind == "expandable_here_string_literal"
		l.Value, _, l.Constant = decodeString(n, src)
		for _, d := range data {
			l.InData = l.InData || d.contains(n)
		}
		out = append(out, l)
		return true
	})
	return out
}

// literalKind is the kind of a string_literal's inner node:
// verbatim_string_characters, verbatim_here_string_characters,
// expandable_string_literal or expandable_here_string_literal.
func literalKind(n *node) string {
	if kids := n.namedKids(); len(kids) > 0 {
		return kids[0].kind
	}
	return n.kind
}

// describeLiteral names a literal kind for Pos.In.
func describeLiteral(kind string) string {
	switch kind {
	case "verbatim_string_characters":
		return "single-quoted string"
	case "verbatim_here_string_characters":
		return "single-quoted here-string"
	case "expandable_string_literal":
		return "double-quoted string"
	case "expandable_here_string_literal":
		return "double-quoted here-string"
	}
	return "string"
}

// verbatim reports whether a literal kind expands nothing by construction.
func verbatim(kind string) bool {
	return kind == "verbatim_string_characters" || kind == "verbatim_here_string_characters"
}
