package pscheck

import (
	"errors"
	"testing"

	"github.com/hybridc/hybridc/golden/pscheck/syntaxtree"
)

const (
	noCgo     = "pscheck needs cgo (tree-sitter PowerShell grammar): build the tests with CGO_ENABLED=1 and a C compiler"
	noGrammar = "pscheck has no grammar: the test package must call pscheck.UseGrammar(grammar.Parse) (package github.com/hybridc/hybridc/golden/pscheck/testdata/grammar)"
)

// registered is the parser UseGrammar registered; nil until then, and nil
// without cgo.
var registered syntaxtree.Parser

// UseGrammar registers the PowerShell parser, grammar.Parse of the
// test-only package golden/pscheck/testdata/grammar, which is nil without
// cgo. Every test package that checks scripts calls it from an init
// function in a _test.go file, so that no non-test package links the cgo
// grammar.
func UseGrammar(p syntaxtree.Parser) { registered = p }

// Require skips the test when the grammar is unavailable because cgo is
// off, and fails it when cgo is on but no grammar was registered (a test
// package that forgot UseGrammar would otherwise check nothing).
func Require(t testing.TB) {
	t.Helper()
	switch {
	case registered != nil:
	case cgoEnabled:
		t.Fatal(noGrammar)
	default:
		t.Skip(noCgo)
	}
}

// parse parses src with the registered grammar into pscheck's tree.
func parse(src []byte) (*node, error) {
	if registered == nil {
		if cgoEnabled {
			return nil, errors.New(noGrammar)
		}
		return nil, errors.New(noCgo)
	}
	root, err := registered(src)
	if err != nil {
		return nil, err
	}
	if root == nil {
		return nil, errNoTree
	}
	return fromSyntaxTree(root, nil), nil
}

// fromSyntaxTree copies a syntaxtree.Node and its subtree into nodes.
func fromSyntaxTree(s *syntaxtree.Node, parent *node) *node {
	n := &node{
		kind: s.Kind, field: s.Field, start: s.Start, end: s.End, line: s.Line, col: s.Col,
		named: s.Named, isError: s.IsError, isMissing: s.IsMissing, parent: parent,
	}
	for _, c := range s.Children {
		n.children = append(n.children, fromSyntaxTree(c, n))
	}
	return n
}
