package load

import (
	"reflect"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/hybridc/hybridc/compiler/diag"
)

// merger merges the loaded files of a Bundle into one document: mappings
// key by key, lists joined in file order. A key whose value is not a
// mapping or a list in both files (a scalar, or values of different kinds)
// may be given by one file only; a second one is an error that names both
// positions. Every JSON pointer of the result keeps the nodes of the file
// that wrote it, so positions name the right file.
type merger struct {
	Doc   *Document
	diags diag.Diagnostics
	// index records every value's position by pointer. Without it the
	// merger only merges values, and notes a conflict (for a second pass
	// with the index to report it); LoadAll merges without, and the index
	// is built when a position is asked for by pointer.
	index    bool
	conflict bool
	started  bool
	// owned holds the maps the merger made (by address), which it may
	// change in place.
	owned map[uintptr]bool
}

// NewMerger starts an empty document for the bundle whose Source is src.
func NewMerger(src Source, index bool) *merger {
	m := &merger{Doc: &Document{Source: src}, index: index}
	if index {
		m.Doc.index, m.Doc.files = map[string]nodeAt{}, map[*yaml.Node]string{}
	}
	return m
}

// Add merges one loaded file into the document.
func (m *merger) Add(d *Document) {
	if m.index {
		d.indexed() // the merge copies the file's positions by pointer
		recordFile(m.Doc.files, d.Root, d.Source.Name)
	}
	if !m.started {
		m.started = true
		m.Doc.Tree = m.copyIn("", d, "", d.Tree)
		return
	}
	m.Doc.Tree = m.merge("", m.Doc.Tree, d, "", d.Tree)
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
// earlier files give at pointer at, and returns the merged value. A file's
// maps are copied before they change (own); lists are appended to (see
// below).
func (m *merger) merge(at string, have any, d *Document, src string, v any) any {
	switch h := have.(type) {
	case map[string]any:
		if add, ok := v.(map[string]any); ok {
			out := m.own(h, len(add))
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
	first := m.Doc.index[at]
	again := d.index[src]
	pos := d.pos(again.value)
	firstPos := m.Doc.pos(first.value)
	if again.key != nil && first.key != nil {
		pos, firstPos = d.pos(again.key), m.Doc.pos(first.key)
	}
	if at == "" {
		m.diags.Errorf(pos, diag.CodeMergeConflict, "this file and %s do not both hold a mapping at the top level: every file of a directory is a mapping of top-level keys (version, onPremises, exchangeOnline)", firstPos.File)
		m.diags.Relate(firstPos, "the other file's top level")
		return have
	}
	if have == nil || v == nil {
		m.diags.Errorf(pos, diag.CodeMergeConflict, "%s is given in two files, and one of them leaves it empty (null): the files of a directory merge mappings key by key and join lists; remove the empty one",
			dottedPath(at))
		m.diags.Relate(firstPos, "first given here")
		return have
	}
	m.diags.Errorf(pos, diag.CodeMergeConflict, "%s is given in two files: the files of a directory merge mappings key by key and join lists, but any other value may be given only once",
		dottedPath(at))
	m.diags.Relate(firstPos, "first given here")
	return have
}

// own returns h if the merger made it, or else a copy with room for extra
// more keys that the merger owns from then on: a file's own maps are never
// changed, and a mapping many files add keys to is copied once, not once
// per file.
func (m *merger) own(h map[string]any, extra int) map[string]any {
	if m.owned[reflect.ValueOf(h).Pointer()] {
		return h
	}
	out := make(map[string]any, len(h)+extra)
	for k, x := range h {
		out[k] = x
	}
	if m.owned == nil {
		m.owned = map[uintptr]bool{}
	}
	m.owned[reflect.ValueOf(out).Pointer()] = true
	return out
}

// copyIn records the index entries of v, found at pointer src of file d,
// under pointer at of the merged document, and returns v.
func (m *merger) copyIn(at string, d *Document, src string, v any) any {
	if !m.index {
		return v
	}
	m.Doc.index[at] = d.index[src]
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
