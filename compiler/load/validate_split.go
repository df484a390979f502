package load

import (
	"bytes"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/hybridc/hybridc/schema"
)

// LongList is how many items a list may have before Validate checks it
// item by item instead of in one piece: jsonschema/v5 builds every error of
// a value before returning, so a list of a million wrong items would give a
// million errors at once. Item by item, validation stops at the diagnostic
// limit.
const LongList = 64

// listPart is a long list taken out of a value to be validated item by
// item: the list (or the lazy list Load left), its pointer in the
// document, and the schema pointers of the list and of its items.
type listPart struct {
	list        []any
	lazy        *LazyList
	at          string
	list2, item string
	// whole is set when the list's schema has keywords of its own
	// (uniqueItems, minItems, maxItems) to check on the whole list.
	whole bool
}

// len is the number of items.
func (p *listPart) len() int {
	if p.lazy != nil {
		return p.lazy.len()
	}
	return len(p.list)
}

// itemAt is item i, converted now for a lazy list.
func (p *listPart) itemAt(i int) any {
	if p.lazy != nil {
		return p.lazy.item(i)
	}
	return p.list[i]
}

// all is the whole list, converted now for a lazy list.
func (p *listPart) all() []any {
	if p.lazy != nil {
		return p.lazy.values()
	}
	return p.list
}

// listKeywords are the keywords a list's schema may use for the list to be
// validated item by item: the list keywords other than items are checked
// on the whole list once its items are valid.
var listKeywords = map[string]bool{"type": true, "items": true, "description": true, "uniqueItems": true, "minItems": true, "maxItems": true}

// splitLists replaces, in v (whose schema is at the pointer sptr), every
// long list whose schema allows it by its first item, records it in parts,
// and returns the function that puts the lists back. A lazy list it does
// not split is converted in place, so that the schema sees plain values
// only.
func splitLists(v any, sptr, at string, parts *[]listPart) (restore func()) {
	var undo []func()
	var walk func(v any, sptr, at string)
	walk = func(v any, sptr, at string) {
		sptr, s := schemaAt(sptr)
		switch v := v.(type) {
		case map[string]any:
			props := propertyPointers(sptr, s)
			for k, x := range v {
				switch x.(type) {
				case map[string]any, []any, *LazyList:
				default:
					continue // a scalar holds no list
				}
				kp, ok := props[k]
				if !ok {
					v[k] = Materialize(x)
					continue
				}
				lazy, _ := x.(*LazyList)
				list, _ := x.([]any)
				if (lazy != nil || len(list) > LongList) && splittable(kp) {
					p := listPart{list: list, lazy: lazy, at: at + "/" + escapePointer(k), list2: kp, item: kp + "/items", whole: ownKeywords(kp)}
					*parts = append(*parts, p)
					v[k] = []any{p.itemAt(0)}
					undo = append(undo, func() { v[k] = x })
					continue
				}
				if lazy != nil {
					x = lazy.values()
					v[k] = x
				}
				walk(x, kp, at+"/"+escapePointer(k))
			}
		case []any:
			if _, ok := s["items"]; !ok {
				Materialize(v)
				return
			}
			for i, x := range v {
				if lazy, ok := x.(*LazyList); ok {
					x = lazy.values()
					v[i] = x
				}
				walk(x, sptr+"/items", at+"/"+strconv.Itoa(i))
			}
		}
	}
	walk(v, sptr, at)
	return func() {
		for _, u := range undo {
			u()
		}
	}
}

var propertyCache sync.Map // schema pointer → map[string]string

// propertyPointers maps the properties of the schema s, found at the
// pointer sptr, to their schema pointers ("<sptr>/properties/<key>"),
// made once per schema object rather than once per item of a long list.
func propertyPointers(sptr string, s map[string]any) map[string]string {
	if m, ok := propertyCache.Load(sptr); ok {
		return m.(map[string]string)
	}
	props, _ := s["properties"].(map[string]any)
	m := make(map[string]string, len(props))
	for k := range props {
		m[k] = sptr + "/properties/" + escapePointer(k)
	}
	propertyCache.Store(sptr, m)
	return m
}

// HoldsLong reports whether v is or holds a list of more than longList
// items (lazy or not): without one, splitLists has nothing to split and
// needs no schema.
func HoldsLong(v any) bool {
	switch v := v.(type) {
	case *LazyList:
		return true
	case map[string]any:
		for _, x := range v {
			if HoldsLong(x) {
				return true
			}
		}
	case []any:
		if len(v) > LongList {
			return true
		}
		for _, x := range v {
			if HoldsLong(x) {
				return true
			}
		}
	}
	return false
}

// splittable reports whether the list whose schema is at sptr can be
// validated item by item.
func splittable(sptr string) bool {
	_, s := schemaAt(sptr)
	if _, ok := s["items"]; !ok {
		return false
	}
	for k := range s {
		if !listKeywords[k] {
			return false
		}
	}
	return true
}

// ownKeywords reports whether the list schema at sptr checks the list as a
// whole, beyond its items.
func ownKeywords(sptr string) bool {
	_, s := schemaAt(sptr)
	for k := range s {
		if k != "type" && k != "items" && k != "description" {
			return true
		}
	}
	return false
}

// schemaAt returns the schema object at a JSON pointer into the embedded
// schema, following $refs (to "#/$defs/..."), with the pointer it ends at.
// The root's $ref leads to the configuration's definition.
func schemaAt(sptr string) (string, map[string]any) {
	if at, ok := schemaCache.Load(sptr); ok {
		at := at.(schemaNode)
		return at.sptr, at.s
	}
	to, s := findSchema(sptr)
	schemaCache.Store(sptr, schemaNode{to, s})
	return to, s
}

// schemaNode is a schema object and its pointer, as schemaAt found it.
type schemaNode struct {
	sptr string
	s    map[string]any
}

var schemaCache sync.Map // schema pointer → schemaNode

// findSchema is schemaAt without the cache.
func findSchema(sptr string) (string, map[string]any) {
	var s map[string]any
	for range 8 { // refs to refs, bounded
		var node any = schemaDefs()
		if sptr != "" {
			for _, p := range strings.Split(strings.TrimPrefix(sptr, "/"), "/") {
				m, _ := node.(map[string]any)
				node = m[unescapePointer(p)]
			}
		}
		s, _ = node.(map[string]any)
		ref, ok := s["$ref"].(string)
		if !ok || !strings.HasPrefix(ref, "#/") {
			break
		}
		sptr = strings.TrimPrefix(ref, "#")
	}
	return sptr, s
}

var (
	subSchemas sync.Map // schema pointer → *jsonschema.Schema
	// schemaCompiler compiles the embedded schema and its parts: one
	// compiler, so that the schema is parsed and checked against the
	// draft's meta-schema once per process, and its parts are those the
	// whole schema's compilation made.
	schemaCompiler struct {
		sync.Mutex
		c *jsonschema.Compiler
	}
)

// compiledAt compiles the embedded schema's part at a JSON pointer ("" for
// the whole schema), once.
func compiledAt(sptr string) (*jsonschema.Schema, error) {
	if s, ok := subSchemas.Load(sptr); ok {
		return s.(*jsonschema.Schema), nil
	}
	schemaCompiler.Lock()
	defer schemaCompiler.Unlock()
	if s, ok := subSchemas.Load(sptr); ok {
		return s.(*jsonschema.Schema), nil
	}
	if schemaCompiler.c == nil {
		c := jsonschema.NewCompiler()
		c.Draft = jsonschema.Draft2020
		if err := c.AddResource(schema.ID, bytes.NewReader(schema.JSON)); err != nil {
			return nil, err
		}
		schemaCompiler.c = c
	}
	url := schema.ID
	if sptr != "" {
		url += "#" + sptr
	}
	s, err := schemaCompiler.c.Compile(url)
	if err != nil {
		return nil, err
	}
	subSchemas.Store(sptr, s)
	return s, nil
}
