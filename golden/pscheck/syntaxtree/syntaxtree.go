// Package syntaxtree is the plain Go syntax tree that a PowerShell grammar
// hands to package pscheck. It lives apart from both so that the grammar
// (cgo, in pscheck/testdata/grammar, which the go tool's ./... leaves out)
// and pscheck (pure Go) need not import each other: test packages join
// them with pscheck.UseGrammar(grammar.Parse).
package syntaxtree

// Node is a copy of one syntax node of a parsed script.
type Node struct {
	Kind      string // the grammar's node type, e.g. "command"
	Field     string // the field name in the parent, "" if none
	Start     int    // byte offsets into the parsed source
	End       int
	Line, Col int // 1-based; Col counts bytes
	Named     bool
	IsError   bool
	IsMissing bool
	Children  []*Node
}

// Parser parses a script into a tree, or fails.
type Parser func(src []byte) (*Node, error)
