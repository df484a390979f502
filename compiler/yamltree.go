package compiler

import (
	"slices"
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
	// index records where every value stands (doc.index); without it the
	// walker builds no JSON pointers at all. Load converts without it, and
	// the index is built by a second walk only when something asks for a
	// position by pointer (a schema error, a directory's merge).
	index bool
}

// child is the pointer of a value below pointer, or "" when the walker
// keeps no index.
func (w *walker) child(pointer, segment string) string {
	if !w.index {
		return ""
	}
	return pointer + "/" + segment
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
		w.diags.errorf(w.doc.pos(n), CodeUnsupportedYAML, "YAML tag !!binary is not supported: hybridc reads text only; write the value as a plain or quoted string")
		return false
	}
	w.diags.errorf(w.doc.pos(n), CodeUnsupportedYAML, "YAML tag %s is not supported: only the core tags !!str, !!int, !!float, !!bool, !!null, !!map and !!seq may be written", n.Tag)
	return false
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
		list := make([]any, 0, len(n.Content))
		for i, item := range n.Content {
			list = append(list, w.value(item, w.child(pointer, strconv.Itoa(i)), nil))
		}
		return list
	default:
		return w.scalar(n)
	}
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
	out := make(map[string]any, len(n.Content)/2)
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		switch k := n.Content[i]; {
		case isMergeKey(k) && len(merges) > 0:
			w.diags.errorf(w.doc.pos(k), CodeDuplicateKey, "duplicate key \"<<\": merge several mappings with one << and a list")
		case isMergeKey(k):
			merges = append(merges, n.Content[i+1])
		case k.Kind == yaml.ScalarNode && k.Tag == "!!merge":
			// yaml.v3 merges only at <<; a !!merge tag on another key would
			// have the schema check a tree the decoder does not read.
			w.diags.errorf(w.doc.pos(k), CodeUnsupportedYAML, "YAML tag !!merge is supported only on the merge key <<")
		}
	}
	for i := len(merges) - 1; i >= 0; i-- {
		w.merge(out, merges[i], pointer)
	}
	if w.index {
		w.doc.index[pointer] = nodeAt{key: w.doc.index[pointer].key, value: n}
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			continue // merged above, or refused
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
		out[name] = w.value(v, w.child(pointer, escapePointer(name)), k)
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
		var key *yaml.Node
		if w.index {
			key = w.doc.index[pointer].key
		}
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
	if !w.checkTag(k) {
		return "", false
	}
	return k.Value, true
}

// scalar converts a scalar by its resolved tag. Timestamps stay strings; an
// unknown tag is refused.
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

// merger merges the loaded files of a Bundle into one document: mappings
// key by key, lists joined in file order. A key whose value is not a
// mapping or a list in both files (a scalar, or values of different kinds)
// may be given by one file only; a second one is an error that names both
// positions. Every JSON pointer of the result keeps the nodes of the file
// that wrote it, so positions name the right file.
type merger struct {
	doc   *Document
	diags Diagnostics
	// index records every value's position by pointer. Without it the
	// merger only merges values, and notes a conflict (for a second pass
	// with the index to report it); LoadAll merges without, and the index
	// is built when a position is asked for by pointer.
	index    bool
	conflict bool
	started  bool
}

// newMerger starts an empty document for the bundle whose Source is src.
func newMerger(src Source, index bool) *merger {
	m := &merger{doc: &Document{Source: src}, index: index}
	if index {
		m.doc.index, m.doc.files = map[string]nodeAt{}, map[*yaml.Node]string{}
	}
	return m
}

// add merges one loaded file into the document.
func (m *merger) add(d *Document) {
	if m.index {
		d.indexed() // the merge copies the file's positions by pointer
		recordFile(m.doc.files, d.root, d.Source.Name)
	}
	if !m.started {
		m.started = true
		m.doc.tree = m.copyIn("", d, "", d.tree)
		return
	}
	m.doc.tree = m.merge("", m.doc.tree, d, "", d.tree)
}

// recordFile notes file as the file of n and of every node below it, as
// written.
func recordFile(files map[*yaml.Node]string, n *yaml.Node, file string) {
	if n == nil {
		return
	}
	files[n] = file
	for _, c := range n.Content {
		recordFile(files, c, file)
	}
}

// merge merges v, found at pointer src of file d, into have, the value the
// earlier files give at pointer at, and returns the merged value. Maps and
// lists are copied, never changed in place.
func (m *merger) merge(at string, have any, d *Document, src string, v any) any {
	switch h := have.(type) {
	case map[string]any:
		if add, ok := v.(map[string]any); ok {
			out := make(map[string]any, len(h)+len(add))
			for k, x := range h {
				out[k] = x
			}
			for _, k := range sortedKeys(add) {
				var child, from string
				if m.index {
					child, from = at+"/"+escapePointer(k), src+"/"+escapePointer(k)
				}
				if prev, ok := h[k]; ok {
					out[k] = m.merge(child, prev, d, from, add[k])
				} else {
					out[k] = m.copyIn(child, d, from, add[k])
				}
			}
			return out
		}
	case []any:
		if add, ok := v.([]any); ok {
			// Appended in place: the merged list belongs to the merger, and
			// copying it for every file made a directory of many files
			// quadratic.
			out := h
			if !m.index {
				return append(out, add...)
			}
			for i, x := range add {
				out = append(out, m.copyIn(at+"/"+strconv.Itoa(len(h)+i), d, src+"/"+strconv.Itoa(i), x))
			}
			return out
		}
	}
	if !m.index {
		m.conflict = true // reported by a second pass, with positions
		return have
	}
	first := m.doc.index[at]
	again := d.index[src]
	pos := d.pos(again.value)
	firstPos := m.doc.pos(first.value)
	if again.key != nil && first.key != nil {
		pos, firstPos = d.pos(again.key), m.doc.pos(first.key)
	}
	m.diags.errorf(pos, CodeMergeConflict, "%s is given in two files (first at %s): the files of a directory merge mappings key by key and join lists, but any other value may be given only once",
		dottedPath(at), firstPos)
	return have
}

// copyIn records the index entries of v, found at pointer src of file d,
// under pointer at of the merged document, and returns v.
func (m *merger) copyIn(at string, d *Document, src string, v any) any {
	if !m.index {
		return v
	}
	m.doc.index[at] = d.index[src]
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			m.copyIn(at+"/"+escapePointer(k), d, src+"/"+escapePointer(k), x)
		}
	case []any:
		for i, x := range v {
			m.copyIn(at+"/"+strconv.Itoa(i), d, src+"/"+strconv.Itoa(i), x)
		}
	}
	return v
}

// sortedKeys returns a map's keys in order, so that diagnostics come out in
// the same order on every run.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// dottedPath writes a JSON pointer as the path a reader knows from the
// file: exchangeOnline.partners[1].domain, or "the top level".
func dottedPath(pointer string) string {
	if pointer == "" {
		return "the top level"
	}
	var b strings.Builder
	for _, part := range strings.Split(pointer[1:], "/") {
		part = unescapePointer(part)
		switch {
		case isIndex(part):
			b.WriteString("[" + part + "]")
		case b.Len() > 0:
			b.WriteString("." + part)
		default:
			b.WriteString(part)
		}
	}
	return b.String()
}
