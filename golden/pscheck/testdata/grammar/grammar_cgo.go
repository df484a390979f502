//go:build cgo

package grammar

import (
	"errors"

	sitter "github.com/tree-sitter/go-tree-sitter"
	powershell "github.com/wharflab/tree-sitter-powershell/bindings/go"

	"github.com/hybridc/hybridc/golden/pscheck/syntaxtree"
)

// Parse parses src with the tree-sitter PowerShell grammar and returns a Go
// copy of the syntax tree. A UTF-8 BOM and CRLF line endings are handled by
// the grammar itself, so offsets stay those of src. All C memory (parser,
// tree, cursor) is released before Parse returns.
var Parse syntaxtree.Parser = parse

// errNoTree is returned when tree-sitter gives back no tree at all.
var errNoTree = errors.New("grammar: tree-sitter returned no syntax tree")

func parse(src []byte) (*syntaxtree.Node, error) {
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
	return copyNode(c), nil
}

// copyNode copies the node under the cursor and its subtree.
func copyNode(c *sitter.TreeCursor) *syntaxtree.Node {
	n := c.Node()
	pos := n.StartPosition()
	out := &syntaxtree.Node{
		Kind:      n.Kind(),
		Field:     c.FieldName(),
		Start:     int(n.StartByte()),
		End:       int(n.EndByte()),
		Line:      int(pos.Row) + 1,
		Col:       int(pos.Column) + 1,
		Named:     n.IsNamed(),
		IsError:   n.IsError(),
		IsMissing: n.IsMissing(),
	}
	if c.GotoFirstChild() {
		for {
			out.Children = append(out.Children, copyNode(c))
			if !c.GotoNextSibling() {
				break
			}
		}
		c.GotoParent()
	}
	return out
}
