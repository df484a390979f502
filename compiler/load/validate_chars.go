package load

import (
	"fmt"
	"strconv"
	"unicode"

	"github.com/hybridc/hybridc/compiler/diag"
)

// invisibleBeyondBMP reports every string value that holds a format
// character (Unicode category Cf) beyond the Basic Multilingual Plane, such
// as the tag characters U+E0001 to U+E007F: the schema's patterns refuse
// the others, but cannot name these in the regular expressions editors read.
// Such characters make names that look alike differ, and never reach a
// script (the data writer refuses them too).
func invisibleBeyondBMP(doc *Document) diag.Diagnostics {
	if !holdsInvisible(doc.Tree) {
		return nil // the usual case, found without building a pointer
	}
	var diags diag.Diagnostics
	var walk func(v any, pointer string)
	walk = func(v any, pointer string) {
		switch v := v.(type) {
		case map[string]any:
			for _, k := range sortedKeys(v) {
				walk(v[k], pointer+"/"+escapePointer(k))
			}
		case []any:
			for i, x := range v {
				walk(x, pointer+"/"+strconv.Itoa(i))
			}
		case *LazyList:
			walk(v.values(), pointer)
		case string:
			for _, r := range v {
				if r > 0xFFFF && unicode.Is(unicode.Cf, r) {
					diags.Errorf(doc.At(pointer, false), diag.CodeBadFormat, "%s holds the invisible format character %s: names must be visible text", fmt.Sprintf("%q", v), fmt.Sprintf("U+%04X", r))
					diags.Point(pointer)
					return
				}
			}
		}
	}
	walk(doc.Tree, "")
	return diags
}

// holdsInvisible reports whether any string in v holds a format character
// beyond the Basic Multilingual Plane.
func holdsInvisible(v any) bool {
	switch v := v.(type) {
	case map[string]any:
		for _, x := range v {
			if holdsInvisible(x) {
				return true
			}
		}
	case []any:
		for _, x := range v {
			if holdsInvisible(x) {
				return true
			}
		}
	case *LazyList:
		return v.nonASCII && nodesHold(v.node, invisibleText)
	case string:
		return invisibleText(v)
	}
	return false
}

// invisibleText reports whether s holds a format character beyond the
// Basic Multilingual Plane.
func invisibleText(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xF0 { // a 4-byte UTF-8 sequence: beyond the plane
			for _, r := range s {
				if r > 0xFFFF && unicode.Is(unicode.Cf, r) {
					return true
				}
			}
			return false
		}
	}
	return false
}
