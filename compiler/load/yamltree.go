package load

import (
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// walker converts a yaml.v3 node tree into plain values (map[string]any,
// []any, string, bool, numbers, nil) for the JSON Schema validator, resolving
// aliases and << merge keys and recording where every value stands. Values
// reached through an alias point at the anchored text, where they are written.
type walker struct {
	doc       *Document
	diags     diag.Diagnostics
	budget    int
	overspent bool
	// stopped is set once the walker has more findings than the
	// diagnostic limit: it looks at nothing more.
	stopped bool
	// index records where every value stands (doc.index); without it the
	// walker builds no JSON pointers at all. Load converts without it, and
	// the index is built by a second walk only when something asks for a
	// position by pointer (a schema error, a directory's merge).
	index bool
	// lazy leaves every list of more than longList items as a *lazyList:
	// its items are checked now (checkOnly) but converted only when
	// validation reaches them, one at a time, so that the plain values of
	// a large file are never held beside its node tree.
	lazy bool
	// checkOnly makes the walker check values without converting them:
	// it reports what it would report and returns nil.
	checkOnly bool
	// aliased is set once the walker followed an alias.
	aliased bool
	// countLater leaves budget unlimited until the first alias: without
	// one, the walk visits each node once and cannot overspend, and the
	// nodes are counted (aliasBudget) only for a file that uses one.
	countLater bool
	// nonASCII is set once a value checked without converting it holds a
	// character beyond ASCII (see lazyList.nonASCII).
	nonASCII bool
	// mappings are the JSON pointers of the document's mappings, built
	// from its index on the first duplicate key of a walk without one
	// (keyPointer).
	mappings map[*yaml.Node]string
}

// child is the pointer of a value below pointer, or "" when the walker
// keeps no index.
func (w *walker) child(pointer, segment string) string {
	if !w.index {
		return ""
	}
	return pointer + "/" + segment
}

// keyChild is the pointer of the value under the key name, or "" (child):
// without an index, the key is not even escaped.
func (w *walker) keyChild(pointer, name string) string {
	if !w.index {
		return ""
	}
	return w.child(pointer, escapePointer(name))
}

// itemChild is the pointer of list item i, or "" (child): without an
// index, the number is not even formatted.
func (w *walker) itemChild(pointer string, i int) string {
	if !w.index {
		return ""
	}
	return w.child(pointer, strconv.Itoa(i))
}

// coreTags are the only tags a file may write explicitly: those of the YAML
// core schema. Any other tag, !!binary included, is refused (see checkTag).
var coreTags = map[string]bool{
	"!!str": true, "!!int": true, "!!float": true, "!!bool": true,
	"!!null": true, "!!map": true, "!!seq": true,
}

// plainTags are the tags a plain scalar may resolve to without one written:
// the core ones, and !!timestamp for a date, which stays a string.
var plainTags = map[string]bool{
	"!!str": true, "!!int": true, "!!float": true, "!!bool": true,
	"!!null": true, "!!timestamp": true,
}

// checkTag refuses an explicitly written tag outside the core schema. A
// !!binary value would be checked as its base64 text while meaning other
// bytes (control characters, invalid UTF-8), and a custom tag means nothing
// to hybridc: both are errors at the tag's node, never decoded.
func (w *walker) checkTag(n *yaml.Node) bool {
	if n.Style&yaml.TaggedStyle == 0 || coreTags[n.Tag] {
		return true
	}
	if n.Tag == "!!binary" {
		w.diags.Errorf(w.doc.pos(n), diag.CodeUnsupportedYAML, "YAML tag !!binary is not supported: hybridc reads text only; write the value as a plain or quoted string")
		return false
	}
	w.diags.Errorf(w.doc.pos(n), diag.CodeUnsupportedYAML, "YAML tag %s is not supported: only the core tags !!str, !!int, !!float, !!bool, !!null, !!map and !!seq may be written", n.Tag)
	return false
}

// value converts n, found at pointer under key (nil for the root and list
// items).
func (w *walker) value(n *yaml.Node, pointer string, key *yaml.Node) any {
	if w.stopped || len(w.diags) > diag.DiagnosticLimit() {
		w.stopped = true
		return nil
	}
	if w.budget--; w.budget < 0 {
		if !w.overspent {
			w.overspent = true
			w.diags.Errorf(w.doc.pos(n), diag.CodeUnsupportedYAML, "aliases expand the file to more than %d values; refusing it", aliasBudget(w.doc.Root))
		}
		return nil
	}
	if n.Kind == yaml.AliasNode {
		w.followAlias()
		return w.value(n.Alias, pointer, key)
	}
	if w.index {
		w.doc.index[pointer] = nodeAt{key: key, value: n}
	}
	if !w.checkTag(n) {
		return nil
	}
	switch n.Kind {
	case yaml.MappingNode:
		return w.mapping(n, pointer)
	case yaml.SequenceNode:
		return w.sequence(n, pointer)
	default:
		return w.scalar(n)
	}
}

// followAlias records that the walk follows an alias, and, the first
// time, gives the walk its budget (countLater): the nodes of the file less
// the values visited so far.
func (w *walker) followAlias() {
	w.aliased = true
	if w.countLater {
		w.countLater = false
		w.budget = aliasBudget(w.doc.Root) - (math.MaxInt - w.budget)
	}
}

// sequence converts a list; a long one, when the walker is lazy, is
// checked item by item and left as a *lazyList.
func (w *walker) sequence(n *yaml.Node, pointer string) any {
	if w.checkOnly || w.lazy && len(n.Content) > LongList {
		checking, outer := w.checkOnly, w.nonASCII
		w.checkOnly, w.nonASCII = true, false
		for i, item := range n.Content {
			w.value(item, w.itemChild(pointer, i), nil)
		}
		l := &LazyList{doc: w.doc, node: n, nonASCII: w.nonASCII}
		w.checkOnly, w.nonASCII = checking, outer || w.nonASCII
		if checking {
			return nil
		}
		return l
	}
	list := make([]any, 0, len(n.Content))
	for i, item := range n.Content {
		list = append(list, w.value(item, w.itemChild(pointer, i), nil))
	}
	return list
}

// isMergeKey reports whether k is the merge key <<, the only key yaml.v3
// merges at (with or without an explicit !!merge tag).
func isMergeKey(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.Tag == "!!merge" && k.Value == "<<"
}

// mapping converts a mapping. Merged mappings (<<) come first, the earliest
// winning; the mapping's own keys override them. Only its own keys can be
// duplicates.
func (w *walker) mapping(n *yaml.Node, pointer string) map[string]any {
	var out map[string]any
	if !w.checkOnly {
		out = make(map[string]any, len(n.Content)/2)
	}
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		switch k := n.Content[i]; {
		case isMergeKey(k) && len(merges) > 0:
			w.diags.Errorf(w.doc.pos(k), diag.CodeDuplicateKey, "duplicate key \"<<\": merge several mappings with one << and a list")
		case isMergeKey(k):
			merges = append(merges, n.Content[i+1])
		case k.Kind == yaml.ScalarNode && k.Tag == "!!merge":
			// yaml.v3 merges only at <<; a !!merge tag on another key would
			// have the schema check a tree the decoder does not read.
			w.diags.Errorf(w.doc.pos(k), diag.CodeUnsupportedYAML, "YAML tag !!merge is supported only on the merge key <<")
		}
	}
	for i := len(merges) - 1; i >= 0; i-- {
		w.merge(out, merges[i], pointer)
	}
	if w.index {
		w.doc.index[pointer] = nodeAt{key: w.doc.index[pointer].key, value: n}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			continue // merged above, or refused
		}
		name, ok := w.keyName(k)
		if !ok {
			continue
		}
		if first := earlierKey(n, i, name); first != nil {
			w.diags.Errorf(w.doc.pos(k), diag.CodeDuplicateKey, "duplicate key %q", name)
			w.diags.Relate(w.doc.pos(first), "first given here")
			w.diags.Point(w.keyPointer(n, pointer, name))
			continue
		}
		value := w.value(v, w.keyChild(pointer, name), k)
		if out != nil {
			out[name] = value
		}
	}
	return out
}

// keyPointer is the JSON pointer of the key name of the mapping n at
// pointer, for a diagnostic: keyChild, or, when the walker builds no
// pointers, the mapping's pointer in the document's index (built then: a
// finding's path, not a valid file's).
func (w *walker) keyPointer(n *yaml.Node, pointer, name string) string {
	if w.index {
		return w.keyChild(pointer, name)
	}
	if w.mappings == nil {
		w.mappings = map[*yaml.Node]string{}
		for p, at := range w.doc.indexed() {
			if prev, ok := w.mappings[at.value]; at.value != nil && at.value.Kind == yaml.MappingNode && (!ok || p < prev) {
				w.mappings[at.value] = p
			}
		}
	}
	if p, ok := w.mappings[n]; ok {
		return p + "/" + escapePointer(name)
	}
	return ""
}

// earlierKey returns the first key of the mapping n before the one at
// index i that has the same name, or nil: a search of the keys written
// before, without a set of them per mapping (a mapping has at most
// maxMappingKeys keys, hybridc's objects at most 15).
func earlierKey(n *yaml.Node, i int, name string) *yaml.Node {
	for j := 0; j < i; j += 2 {
		k := n.Content[j]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			continue
		}
		if prev, ok := plainKey(k); ok && prev == name {
			return k
		}
	}
	return nil
}

// plainKey is keyName without its findings: the name of a key that is a
// scalar (through an alias) with no tag or a core one.
func plainKey(k *yaml.Node) (string, bool) {
	k = resolve(k)
	if k.Kind != yaml.ScalarNode || k.Style&yaml.TaggedStyle != 0 && !coreTags[k.Tag] {
		return "", false
	}
	return k.Value, true
}

// merge adds the pairs of a << source (a mapping, or a list of mappings,
// earlier ones winning) to out.
func (w *walker) merge(out map[string]any, src *yaml.Node, pointer string) {
	for src.Kind == yaml.AliasNode {
		src = src.Alias
		// The merged source is reached twice (its anchor and here): the
		// document must not be consumed as it is decoded (see Decode).
		w.followAlias()
	}
	switch src.Kind {
	case yaml.SequenceNode:
		for i := len(src.Content) - 1; i >= 0; i-- {
			w.merge(out, src.Content[i], pointer)
		}
	case yaml.MappingNode:
		var key *yaml.Node
		if w.index {
			key = w.doc.index[pointer].key
		}
		if m, ok := w.value(src, pointer, key).(map[string]any); ok && out != nil {
			for k, v := range m {
				out[k] = v
			}
		}
	default:
		w.diags.Errorf(w.doc.pos(src), diag.CodeUnsupportedYAML, "<< merges only mappings")
	}
}

// keyName returns a mapping key as a string; complex keys are refused.
func (w *walker) keyName(k *yaml.Node) (string, bool) {
	for k.Kind == yaml.AliasNode {
		k = k.Alias
	}
	if k.Kind != yaml.ScalarNode {
		w.diags.Errorf(w.doc.pos(k), diag.CodeUnsupportedYAML, "a mapping key must be a plain string")
		return "", false
	}
	if !w.checkTag(k) {
		return "", false
	}
	return k.Value, true
}

// scalar converts a scalar by its resolved tag. Timestamps stay strings; an
// unknown tag is refused.
func (w *walker) scalar(n *yaml.Node) any {
	if !plainTags[n.Tag] {
		w.diags.Errorf(w.doc.pos(n), diag.CodeUnsupportedYAML, "YAML tag %s is not supported", n.Tag)
		return nil
	}
	if w.checkOnly {
		w.nonASCII = w.nonASCII || !pstext.IsASCII(n.Value)
		return nil
	}
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool", "!!int", "!!float":
		var v any
		if err := n.Decode(&v); err == nil {
			return v
		}
	}
	return n.Value
}

// escapePointer escapes a key for use in a JSON pointer (RFC 6901).
func escapePointer(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// unescapePointer reverses escapePointer.
func unescapePointer(s string) string {
	if !strings.Contains(s, "~") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
}
