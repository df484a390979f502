package pscheck

import "strings"

// constValues returns the element values of an argument when it is a
// constant: a string literal that expands nothing, a number, $true, $false
// or $null, a bareword, or an array of those ('a','b' or @('a','b')).
// Strings are decoded; $true/$false/$null are returned lower-case with their
// "$". ok is false for anything that needs evaluation (variables,
// subexpressions, commands, casts, hashtables, script blocks).
func constValues(n *node, src []byte) (vals []string, ok bool) {
	n = unwrap(n)
	if n == nil {
		return nil, false
	}
	switch n.kind {
	case "string_literal":
		s, _, ok := decodeString(n, src)
		if !ok {
			return nil, false
		}
		return []string{s}, true
	case "integer_literal", "real_literal":
		return []string{n.text(src)}, true
	case "variable":
		switch t := strings.ToLower(n.text(src)); t {
		case "$true", "$false", "$null":
			return []string{t}, true
		}
	case "generic_token":
		t := n.text(src)
		if !strings.ContainsAny(t, "$`\"'\u2018\u2019\u201A\u201B\u201C\u201D\u201E") {
			return []string{t}, true
		}
	case "array_literal_expression":
		for _, k := range n.namedKids() {
			v, ok := constValues(k, src)
			if !ok {
				return nil, false
			}
			vals = append(vals, v...)
		}
		return vals, true
	case "array_expression":
		body := n.byField("statements")
		if body == nil {
			return []string{}, true // @()
		}
		return constValues(body, src)
	case "expression_with_unary_operator":
		kids := n.namedKids()
		if len(n.children) == 2 && len(kids) == 1 && (n.children[0].kind == "-" || n.children[0].kind == "+") {
			num := unwrap(kids[0])
			if num.kind == "integer_literal" || num.kind == "real_literal" {
				return []string{n.children[0].kind + num.text(src)}, true
			}
		}
	}
	return nil, false
}
