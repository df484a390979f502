package load

import (
	"encoding/json"
	"strconv"
	"strings"
	"sync"

	"github.com/hybridc/hybridc/schema"

	"github.com/hybridc/hybridc/compiler/diag"
)

// foldedDefs are the schema definitions whose values compare
// case-insensitively, as DNS and Exchange compare them: a list of them
// holding "fabrikam.com" and "Fabrikam.com" repeats an item, although JSON
// Schema's uniqueItems, which compares exactly, lets it pass.
var foldedDefs = map[string]bool{
	"#/$defs/DomainName":  true,
	"#/$defs/SMTPAddress": true,
}

// schemaDefs returns the embedded schema as plain JSON values (parsed once,
// shared with knownKeys).
func schemaDefs() map[string]any {
	schemaTreeOnce.Do(func() { _ = json.Unmarshal(schema.JSON, &schemaTree) })
	return schemaTree
}

// foldedDuplicates reports, in every list of domain names or SMTP addresses
// the schema defines, an item that repeats an earlier one in another letter
// case (HC0206, as an exact repeat is). Exact repeats are left to the
// schema's uniqueItems, so that no repeat is reported twice.
func foldedDuplicates(doc *Document) diag.Diagnostics {
	if !MayRepeatFolded(doc.Tree) {
		return nil // the usual case, found without reading the schema
	}
	var diags diag.Diagnostics
	root := schemaDefs()
	var walk func(sch any, v any, ptr string)
	walk = func(sch any, v any, ptr string) {
		s := resolveRef(root, sch)
		switch v := v.(type) {
		case map[string]any:
			props, _ := s["properties"].(map[string]any)
			for _, k := range sortedKeys(v) {
				if p, ok := props[k]; ok {
					walk(p, v[k], ptr+"/"+escapePointer(k))
				}
			}
		case []any:
			items, _ := s["items"].(map[string]any)
			if ref, _ := items["$ref"].(string); foldedDefs[ref] {
				diags = append(diags, repeatsIgnoringCase(doc, v, ptr)...)
				return
			}
			if !foldedWithin(root, items, nil) {
				return // no such list in the items: 500,000 permissions are not walked
			}
			for i, x := range v {
				walk(items, x, ptr+"/"+strconv.Itoa(i))
			}
		case *LazyList:
			items, _ := s["items"].(map[string]any)
			if ref, _ := items["$ref"].(string); foldedDefs[ref] {
				diags = append(diags, repeatsIgnoringCase(doc, v.values(), ptr)...)
				return
			}
			if !foldedWithin(root, items, nil) {
				return
			}
			for i := range v.len() {
				walk(items, v.item(i), ptr+"/"+strconv.Itoa(i))
			}
		}
	}
	walk(root, doc.Tree, "")
	return diags
}

var foldedCache sync.Map // $ref → whether foldedWithin

// foldedWithin reports whether a value of schema sch can hold, through
// properties and items as foldedDuplicates walks them, a list of domain
// names or addresses (foldedDefs). visiting guards against recursive
// definitions.
func foldedWithin(root map[string]any, sch any, visiting map[string]bool) bool {
	m, _ := sch.(map[string]any)
	ref, _ := m["$ref"].(string)
	if ref != "" {
		if found, ok := foldedCache.Load(ref); ok {
			return found.(bool)
		}
		if visiting[ref] {
			return true // a recursive definition: assume so, never skip wrongly
		}
		if visiting == nil {
			visiting = map[string]bool{}
		}
		visiting[ref] = true
	}
	s := resolveRef(root, sch)
	found := false
	if items, ok := s["items"].(map[string]any); ok {
		itemRef, _ := items["$ref"].(string)
		found = foldedDefs[itemRef] || foldedWithin(root, items, visiting)
	}
	props, _ := s["properties"].(map[string]any)
	for _, p := range props {
		found = found || foldedWithin(root, p, visiting)
	}
	if ref != "" {
		foldedCache.Store(ref, found)
	}
	return found
}

// resolveRef follows a local $ref ("#/$defs/Name") of a schema object.
func resolveRef(root map[string]any, sch any) map[string]any {
	s, _ := sch.(map[string]any)
	for range 8 { // refs to refs, bounded
		ref, ok := s["$ref"].(string)
		if !ok {
			break
		}
		name, ok := strings.CutPrefix(ref, "#/$defs/")
		if !ok {
			break
		}
		defs, _ := root["$defs"].(map[string]any)
		s, _ = defs[name].(map[string]any)
	}
	return s
}

// repeatsIgnoringCase reports each string item of list that equals an
// earlier one except in letter case.
func repeatsIgnoringCase(doc *Document, list []any, ptr string) diag.Diagnostics {
	var diags diag.Diagnostics
	first := map[string]int{}
	for i, x := range list {
		if len(diags) > diag.DiagnosticLimit() {
			break // Validate reports the limit
		}
		s, ok := x.(string)
		if !ok {
			continue
		}
		key := strings.ToLower(s)
		j, seen := first[key]
		if !seen {
			first[key] = i
			continue
		}
		if prev, _ := list[j].(string); prev != s {
			diags.Errorf(doc.At(ptr+"/"+strconv.Itoa(i), false), diag.CodeBadList,
				"%s: items at index %d and %d are equal ignoring case (%q and %q): domain names and addresses compare case-insensitively",
				fieldName(ptr), j, i, prev, s)
			diags.Point(ptr + "/" + strconv.Itoa(i))
			diags.Relate(doc.At(ptr+"/"+strconv.Itoa(j), false), "the item it repeats")
		}
	}
	return diags
}

// MayRepeatFolded reports whether v may hold a list with two strings
// equal but for letter case, as repeatsIgnoringCase compares them: any
// list, whatever its schema (a lazy list may, unread). Without one,
// foldedDuplicates has nothing to find and needs no schema.
func MayRepeatFolded(v any) bool {
	switch v := v.(type) {
	case *LazyList:
		return true
	case map[string]any:
		for _, x := range v {
			if MayRepeatFolded(x) {
				return true
			}
		}
	case []any:
		for i, x := range v {
			s, ok := x.(string)
			if !ok {
				if MayRepeatFolded(x) {
					return true
				}
				continue
			}
			for _, y := range v[:i] {
				if t, ok := y.(string); ok && t != s && strings.ToLower(t) == strings.ToLower(s) {
					return true
				}
			}
		}
	}
	return false
}
