package load

import (
	"math"

	"gopkg.in/yaml.v3"
)

// LazyList is a long list (more than longList items) as Load leaves it
// among a document's plain values: its node, whose items the loader
// checked (tags, keys, aliases) but did not convert. Validate converts
// each item when it validates it (see splitLists) and lets it go, so that
// a file of 500,000 permissions is never held twice, as nodes and as
// values; whatever needs the list whole converts it (values).
type LazyList struct {
	doc  *Document
	node *yaml.Node
	// nonASCII records whether a value in the list holds a character
	// beyond ASCII (as the loader found when it checked the items), for
	// the checks that only such text can fail.
	nonASCII bool
}

// len is the number of items.
func (l *LazyList) len() int { return len(l.node.Content) }

// item converts item i, leaving its own long lists lazy.
func (l *LazyList) item(i int) any {
	w := walker{doc: l.doc, budget: math.MaxInt, lazy: true}
	return w.value(l.node.Content[i], "", nil)
}

// values converts the whole list, long lists within it too.
func (l *LazyList) values() []any {
	w := walker{doc: l.doc, budget: math.MaxInt}
	out := make([]any, len(l.node.Content))
	for i, item := range l.node.Content {
		out[i] = w.value(item, "", nil)
	}
	return out
}

// Materialize returns v with every lazy list in it converted: what
// consumers of whole values (a directory's merge, the schema's validation
// of a value it does not split) get.
func Materialize(v any) any {
	switch v := v.(type) {
	case *LazyList:
		return v.values()
	case map[string]any:
		for k, x := range v {
			switch x.(type) {
			case *LazyList, map[string]any, []any:
				v[k] = Materialize(x)
			}
		}
	case []any:
		for i, x := range v {
			v[i] = Materialize(x)
		}
	}
	return v
}

// nodesHold reports whether any scalar below n (keys included, aliases
// followed) satisfies holds: a check of a lazy list's text without
// converting it. It may say true for a key, where a check of values would
// not: callers use it only to skip work.
func nodesHold(n *yaml.Node, holds func(string) bool) bool {
	followed := map[*yaml.Node]bool{}
	var walk func(n *yaml.Node) bool
	walk = func(n *yaml.Node) bool {
		if n.Kind == yaml.AliasNode {
			if followed[n.Alias] {
				return false
			}
			followed[n.Alias] = true
			return walk(n.Alias)
		}
		if n.Kind == yaml.ScalarNode {
			return holds(n.Value)
		}
		for _, c := range n.Content {
			if walk(c) {
				return true
			}
		}
		return false
	}
	return walk(n)
}
