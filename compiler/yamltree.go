package compiler

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// walker converts a yaml.v3 node tree into plain values (map[string]any,
// []any, string, bool, numbers, nil) for the JSON Schema validator, resolving
// aliases and << merge keys and recording where every value stands. Values
// reached through an alias point at the anchored text, where they are written.
type walker struct {
	doc       *Document
	diags     Diagnostics
	budget    int
	overspent bool
}

// plainTags are the YAML tags hybridc accepts on scalars.
var plainTags = map[string]bool{
	"!!str": true, "!!int": true, "!!float": true, "!!bool": true,
	"!!null": true, "!!timestamp": true, "!!binary": true,
}

// value converts n, found at pointer under key (nil for the root and list
// items).
func (w *walker) value(n *yaml.Node, pointer string, key *yaml.Node) any {
	if w.budget--; w.budget < 0 {
		if !w.overspent {
			w.overspent = true
			w.diags.errorf(w.doc.pos(n), CodeUnsupportedYAML, "aliases expand the file to more than %d values; refusing it", aliasBudget(w.doc.root))
		}
		return nil
	}
	if n.Kind == yaml.AliasNode {
		return w.value(n.Alias, pointer, key)
	}
	w.doc.index[pointer] = nodeAt{key: key, value: n}
	switch n.Kind {
	case yaml.MappingNode:
		return w.mapping(n, pointer)
	case yaml.SequenceNode:
		list := make([]any, 0, len(n.Content))
		for i, item := range n.Content {
			list = append(list, w.value(item, pointer+"/"+strconv.Itoa(i), nil))
		}
		return list
	default:
		return w.scalar(n)
	}
}

// mapping converts a mapping. Merged mappings (<<) come first, the earliest
// winning; the mapping's own keys override them. Only its own keys can be
// duplicates.
func (w *walker) mapping(n *yaml.Node, pointer string) map[string]any {
	out := make(map[string]any, len(n.Content)/2)
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			merges = append(merges, n.Content[i+1])
		}
	}
	for i := len(merges) - 1; i >= 0; i-- {
		w.merge(out, merges[i], pointer)
	}
	w.doc.index[pointer] = nodeAt{key: w.doc.index[pointer].key, value: n}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			continue
		}
		name, ok := w.keyName(k)
		if !ok {
			continue
		}
		if first, dup := seen[name]; dup {
			w.diags.errorf(w.doc.pos(k), CodeDuplicateKey, "duplicate key %q (first at line %d, column %d)", name, first.Line, first.Column)
			continue
		}
		seen[name] = k
		out[name] = w.value(v, pointer+"/"+escapePointer(name), k)
	}
	return out
}

// merge adds the pairs of a << source (a mapping, or a list of mappings,
// earlier ones winning) to out.
func (w *walker) merge(out map[string]any, src *yaml.Node, pointer string) {
	for src.Kind == yaml.AliasNode {
		src = src.Alias
	}
	switch src.Kind {
	case yaml.SequenceNode:
		for i := len(src.Content) - 1; i >= 0; i-- {
			w.merge(out, src.Content[i], pointer)
		}
	case yaml.MappingNode:
		key := w.doc.index[pointer].key
		if m, ok := w.value(src, pointer, key).(map[string]any); ok {
			for k, v := range m {
				out[k] = v
			}
		}
	default:
		w.diags.errorf(w.doc.pos(src), CodeUnsupportedYAML, "<< merges only mappings")
	}
}

// keyName returns a mapping key as a string; complex keys are refused.
func (w *walker) keyName(k *yaml.Node) (string, bool) {
	for k.Kind == yaml.AliasNode {
		k = k.Alias
	}
	if k.Kind != yaml.ScalarNode {
		w.diags.errorf(w.doc.pos(k), CodeUnsupportedYAML, "a mapping key must be a plain string")
		return "", false
	}
	return k.Value, true
}

// scalar converts a scalar by its resolved tag. Timestamps and binary stay
// strings; an unknown tag is refused.
func (w *walker) scalar(n *yaml.Node) any {
	if !plainTags[n.Tag] {
		w.diags.errorf(w.doc.pos(n), CodeUnsupportedYAML, "YAML tag %s is not supported", n.Tag)
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
