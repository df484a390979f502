package compiler

import (
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/hybridc/hybridc/schema"
)

// longList is how many items a list may have before Validate checks it
// item by item instead of in one piece: jsonschema/v5 builds every error of
// a value before returning, so a list of a million wrong items would give a
// million errors at once. Item by item, validation stops at the diagnostic
// limit.
const longList = 64

// listPart is a long list taken out of a value to be validated item by
// item: the list, its pointer in the document, and the schema pointers of
// the list and of its items.
type listPart struct {
	list        []any
	at          string
	list2, item string
	// whole is set when the list's schema has keywords of its own
	// (uniqueItems, minItems, maxItems) to check on the whole list.
	whole bool
}

// listKeywords are the keywords a list's schema may use for the list to be
// validated item by item: the list keywords other than items are checked
// on the whole list once its items are valid.
var listKeywords = map[string]bool{"type": true, "items": true, "description": true, "uniqueItems": true, "minItems": true, "maxItems": true}

// splitLists replaces, in v (whose schema is at the pointer sptr), every
// long list whose schema allows it by its first item, records it in parts,
// and returns the function that puts the lists back.
func splitLists(v any, sptr, at string, parts *[]listPart) (restore func()) {
	var undo []func()
	var walk func(v any, sptr, at string)
	walk = func(v any, sptr, at string) {
		sptr, s := schemaAt(sptr)
		switch v := v.(type) {
		case map[string]any:
			props, _ := s["properties"].(map[string]any)
			for k, x := range v {
				if _, ok := props[k]; !ok {
					continue
				}
				kp := sptr + "/properties/" + escapePointer(k)
				if list, ok := x.([]any); ok && len(list) > longList && splittable(kp) {
					*parts = append(*parts, listPart{list: list, at: at + "/" + escapePointer(k), list2: kp, item: kp + "/items", whole: ownKeywords(kp)})
					v[k] = list[:1]
					undo = append(undo, func() { v[k] = list })
					continue
				}
				walk(x, kp, at+"/"+escapePointer(k))
			}
		case []any:
			if _, ok := s["items"]; !ok {
				return
			}
			for i, x := range v {
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

var subSchemas sync.Map // schema pointer → *jsonschema.Schema

// compiledAt compiles the embedded schema's part at a JSON pointer, once.
func compiledAt(sptr string) (*jsonschema.Schema, error) {
	if sptr == "" {
		return compiled()
	}
	if s, ok := subSchemas.Load(sptr); ok {
		return s.(*jsonschema.Schema), nil
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	if err := c.AddResource(schema.ID, strings.NewReader(string(schema.JSON))); err != nil {
		return nil, err
	}
	s, err := c.Compile(schema.ID + "#" + sptr)
	if err != nil {
		return nil, err
	}
	subSchemas.Store(sptr, s)
	return s, nil
}
