package load

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// identityDefs are the schema definitions of names and addresses: values
// that identify an object, which plan and the engine compare ordinally,
// ignoring case (foldIdentity).
var identityDefs = map[string]bool{
	"#/$defs/Name": true, "#/$defs/Identity": true, "#/$defs/SMTPAddress": true,
	"#/$defs/Alias": true, "#/$defs/FolderName": true, "#/$defs/ResourceRef": true,
}

// displayNames are, by the schema definition of an object, its properties
// that are names for people only, never what a script finds the object by:
// a Microsoft 365 group is found by its address. They get the schema's
// rules for all text, not the identity ones.
var displayNames = map[string]string{"#/$defs/UnifiedGroup": "name"}

// identityCharacters reports every name or address that holds a character
// plan and script could compare differently: an invisible one
// (HiddenIdentityRune), which PowerShell's culture comparisons and Exchange
// ignore and ordinal ones do not. One diagnostic per value, at the value.
func identityCharacters(doc *Document) diag.Diagnostics {
	if !holdsNonASCII(doc.Tree) {
		return nil // the usual case, found without building pointers
	}
	var diags diag.Diagnostics
	root := schemaDefs()
	var walk func(sch any, v any, ptr string)
	walk = func(sch any, v any, ptr string) {
		if len(diags) > diag.DiagnosticLimit() {
			return // enough to report; limited says there are more
		}
		m, _ := sch.(map[string]any)
		ref, _ := m["$ref"].(string)
		s := resolveRef(root, sch)
		switch v := v.(type) {
		case map[string]any:
			props, _ := s["properties"].(map[string]any)
			for _, k := range sortedKeys(v) {
				if p, ok := props[k]; ok && displayNames[ref] != k {
					walk(p, v[k], ptr+"/"+escapePointer(k))
				}
			}
		case []any:
			for i, x := range v {
				walk(s["items"], x, ptr+"/"+strconv.Itoa(i))
			}
		case *LazyList:
			walk(sch, v.values(), ptr)
		case string:
			if identityDefs[ref] {
				if msg := identityProblem(v); msg != "" {
					diags.Errorf(doc.At(ptr, false), diag.CodeBadFormat, "%s: %s %s", fieldName(ptr), visibleQuote(v), msg)
					diags.Point(ptr)
				}
			}
		}
	}
	walk(root, doc.Tree, "")
	return diags
}

// identityProblem says why a name or address is refused, or "".
func identityProblem(s string) string {
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Cf, r):
			return "" // refused by the schema's patterns and invisibleBeyondBMP
		case model.HiddenIdentityRune(r):
			return fmt.Sprintf("holds U+%04X, %s: names and addresses must be visible text, without variation selectors (write emoji without U+FE0F), joiners or other invisible characters, which PowerShell's comparisons and Exchange ignore and hybridc's do not", r, runeKind(r))
		}
	}
	return ""
}

// visibleQuote quotes a value for a message with the characters
// identityProblem refuses written as \u escapes, so that the message
// shows where they are.
func visibleQuote(s string) string {
	var b strings.Builder
	for _, r := range strconv.Quote(s) {
		if model.HiddenIdentityRune(r) {
			fmt.Fprintf(&b, `\u%04X`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// runeKind names the kind of an invisible character for messages.
func runeKind(r rune) string {
	switch {
	case unicode.Is(unicode.Variation_Selector, r):
		return "a variation selector"
	case r == 0x034F:
		return "the combining grapheme joiner"
	case unicode.Is(unicode.Cf, r):
		return "an invisible format character"
	}
	return "a default-ignorable (invisible) character"
}

// holdsNonASCII reports whether any string in v holds a character beyond
// ASCII.
func holdsNonASCII(v any) bool {
	switch v := v.(type) {
	case map[string]any:
		for _, x := range v {
			if holdsNonASCII(x) {
				return true
			}
		}
	case []any:
		for _, x := range v {
			if holdsNonASCII(x) {
				return true
			}
		}
	case *LazyList:
		return v.nonASCII
	case string:
		return !pstext.IsASCII(v)
	}
	return false
}
