//go:build cgo

package pscheck

import (
	"testing"

	sitter "github.com/tree-sitter/go-tree-sitter"
	powershell "github.com/wharflab/tree-sitter-powershell/bindings/go"
)

// Require skips the test when the grammar is unavailable (no cgo). With cgo
// it does nothing.
func Require(t testing.TB) { t.Helper() }

// parse parses src with the tree-sitter PowerShell grammar and returns a Go
// copy of the syntax tree. A UTF-8 BOM and CRLF line endings are handled by
// the grammar itself, so offsets stay those of src. All C memory (parser,
// tree, cursor) is released before parse returns.
func parse(src []byte) (*node, error) {
	p := sitter.NewParser()
	defer p.Close()
	if err := p.SetLanguage(sitter.NewLanguage(powershell.Language())); err != nil {
		return nil, err
	}
	tree := p.Parse(src, nil)
	if tree == nil {
		return nil, errNoTree
	}
	defer tree.Close()
	c := tree.Walk()
	defer c.Close()
	return copyNode(c, nil), nil
}

// copyNode copies the node under the cursor and its subtree.
func copyNode(c *sitter.TreeCursor, parent *node) *node {
	n := c.Node()
	pos := n.StartPosition()
	out := &node{
		kind:      n.Kind(),
		field:     c.FieldName(),
		start:     int(n.StartByte()),
		end:       int(n.EndByte()),
		line:      int(pos.Row) + 1,
		col:       int(pos.Column) + 1,
		named:     n.IsNamed(),
		isError:   n.IsError(),
		isMissing: n.IsMissing(),
		parent:    parent,
	}
	if c.GotoFirstChild() {
		for {
			out.children = append(out.children, copyNode(c, out))
			if !c.GotoNextSibling() {
				break
			}
		}
		c.GotoParent()
	}
	return out
}
