package load

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"gopkg.in/yaml.v3"

	"github.com/hybridc/hybridc/compiler/config"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// Compiled returns the embedded schema, compiled once per process.
func Compiled() (*jsonschema.Schema, error) { return compiledAt("") }

// Validate checks a loaded document against the JSON Schema. Every violation
// becomes a diagnostic at the offending node: an unknown key at the key, a
// missing key at the mapping that lacks it, a bad value at the value. Lists
// of domain names and addresses must not repeat an item in another letter
// case either. Long lists are checked item by item (see longList), and the
// check stops once it has more findings than the diagnostic limit.
func Validate(doc *Document) diag.Diagnostics {
	return ValidateWith(doc, nil)
}

// ValidateWith is Validate telling report (if set) how many items of the long
// lists it has validated.
func ValidateWith(doc *Document, report func(diag.Step)) diag.Diagnostics {
	diag.Stage(report, "validating", 0, "")
	diags := append(foldedDuplicates(doc), invisibleBeyondBMP(doc)...)
	diags = append(diags, identityCharacters(doc)...)
	more := 0
	if !validatePart(doc, doc.Tree, "", "", &diags, report) {
		more = -1
	}
	return diag.Limited(diags, more)
}

// validatePart validates v, found at the pointer at, against the schema at
// the pointer sptr ("" for the whole schema), appending what is wrong to
// diags; long lists are taken out and their items validated one by one,
// counted to report (nil: not counted; nested parts are not).
// It returns false when it stopped, with more findings than the limit,
// before looking at everything.
func validatePart(doc *Document, v any, sptr, at string, diags *diag.Diagnostics, report func(diag.Step)) bool {
	sch, err := compiledAt(sptr)
	if err != nil {
		panic(fmt.Sprintf("hybridc: embedded schema does not compile: %v", err))
	}
	if lazy, ok := v.(*LazyList); ok {
		v = lazy.values() // a list of long lists: validated whole
	}
	var parts []listPart
	restore := func() {}
	if HoldsLong(v) {
		restore = splitLists(v, sptr, at, &parts)
	}
	err = sch.Validate(v)
	restore()
	if !explainAll(doc, err, at, diags) {
		return false
	}
	items := 0
	for _, p := range parts {
		items += p.len()
	}
	var count *diag.Counter
	if items > 0 {
		count = diag.Stage(report, "validating", items, "list items")
	}
	for _, p := range parts {
		before := len(*diags)
		count.Add(1) // the first item, validated with v
		for i := 1; i < p.len(); i++ {
			if len(*diags) > diag.DiagnosticLimit() {
				return false
			}
			if !validatePart(doc, p.itemAt(i), p.item, p.at+"/"+strconv.Itoa(i), diags, nil) {
				return false
			}
			count.Add(1)
		}
		if p.whole && len(*diags) == before {
			// The items are valid: the list's own keywords (uniqueItems)
			// on the whole list.
			whole, err := compiledAt(p.list2)
			if err != nil {
				panic(fmt.Sprintf("hybridc: embedded schema does not compile: %v", err))
			}
			if !explainAll(doc, whole.Validate(p.all()), p.at, diags) {
				return false
			}
		}
	}
	return true
}

// explainAll appends the diagnostics of a validation error of the value at
// the pointer at (nil: none). It returns false when it stopped at the
// diagnostic limit with findings it did not count (the caller says "and
// more", not a number).
func explainAll(doc *Document, err error, at string, diags *diag.Diagnostics) bool {
	if err == nil {
		return true
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		*diags = append(*diags, diag.Diagnostic{Pos: doc.At(at, false), Severity: diag.Error, Code: diag.CodeSchemaOther, Message: err.Error()})
		return true
	}
	for _, leaf := range leaves(ve) {
		if len(*diags) > diag.DiagnosticLimit() {
			return false
		}
		ds, all := explain(doc, leaf, at)
		*diags = append(*diags, ds...)
		if !all {
			return false
		}
	}
	return true
}

// leaves returns the innermost errors: the ones that say what is wrong.
func leaves(ve *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(ve.Causes) == 0 {
		return []*jsonschema.ValidationError{ve}
	}
	var out []*jsonschema.ValidationError
	for _, c := range ve.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

var quoted = pstext.LazyRegexp(`'([^']*)'`)

// explain turns one schema error into diagnostics with positions and
// messages written for administrators; all is false when it left out
// unknown keys beyond the diagnostic limit (uncounted).
func explain(doc *Document, ve *jsonschema.ValidationError, at string) (diags diag.Diagnostics, all bool) {
	all = true
	ptr := at + ve.InstanceLocation
	keyword := ve.KeywordLocation[strings.LastIndexByte(ve.KeywordLocation, '/')+1:]
	field := fieldName(ptr)
	switch keyword {
	case "additionalProperties":
		known := knownKeys(ve.AbsoluteKeywordLocation)
		names := undeclaredKeys(doc, ptr, known, diag.DiagnosticLimit()+1)
		all = len(names) <= diag.DiagnosticLimit()
		if len(names) == 0 {
			diags.Errorf(doc.At(ptr, false), diag.CodeUnknownKey, "%s: %s", field, ve.Message)
		}
		for _, name := range names {
			diags.Errorf(doc.At(ptr+"/"+escapePointer(name), true), diag.CodeUnknownKey, "unknown key %q%s%s", name, where(ptr), didYouMean(name, known))
			diags.Point(ptr + "/" + escapePointer(name))
		}
	case "required":
		names := quoted().FindAllStringSubmatch(ve.Message, -1)
		for _, m := range names {
			diags.Errorf(doc.At(ptr, true), diag.CodeMissingKey, "missing required key %q%s", m[1], where(ptr))
		}
	case "type":
		if d, ok := notAString(doc, ve, ptr, field); ok {
			diags = append(diags, d)
			break
		}
		diags.Errorf(doc.At(ptr, false), diag.CodeWrongType, "%s: %s", field, typeMessage(doc, ptr, ve.Message))
	case "enum", "const":
		diags.Errorf(doc.At(ptr, false), diag.CodeNotAllowed, "%s: %s is not allowed; use one of: %s", field, valueText(doc, ptr), allowed(ve.Message))
	case "pattern":
		typ := patternType(ve)
		if slices.Contains(config.WildcardTypes, typ) && strings.ContainsAny(scalarText(doc, ptr), "*?") {
			diags.Errorf(doc.At(ptr, false), diag.CodeWildcard,
				"%s: %s holds a wildcard (* or ?): Exchange matches it against every object of its kind (Get-MailUser -Identity '*' is every mail user), so name exactly one object", field, valueText(doc, ptr))
			break
		}
		form := "of the required form"
		if p, ok := config.Patterns[typ]; ok {
			form = p.Form
		}
		diags.Errorf(doc.At(ptr, false), diag.CodeBadFormat, "%s: %s is not %s", field, valueText(doc, ptr), form)
	case "minLength", "maxLength":
		diags.Errorf(doc.At(ptr, false), diag.CodeBadFormat, "%s: %s", field, ve.Message)
	case "minItems", "maxItems", "uniqueItems":
		diags.Errorf(doc.At(ptr, false), diag.CodeBadList, "%s: %s", field, ve.Message)
	default:
		diags.Errorf(doc.At(ptr, false), diag.CodeSchemaOther, "%s: %s", field, ve.Message)
	}
	for i := range diags {
		if diags[i].Pointer == "" {
			diags[i].Pointer = ptr
		}
	}
	return diags, all
}

// undeclaredKeys returns the keys of the mapping at ptr that are not known,
// at most limit of them in order, from the document itself: the schema
// library's message quotes them with ', which a key may hold.
func undeclaredKeys(doc *Document, ptr string, known []string, limit int) []string {
	var keys []string
	if doc.parts != nil || doc.index != nil {
		prefix := ptr + "/"
		for p := range doc.indexed() {
			if rest, ok := strings.CutPrefix(p, prefix); ok && !strings.Contains(rest, "/") {
				keys = append(keys, unescapePointer(rest))
			}
		}
	} else if at, ok := doc.Lookup(ptr); ok && at.value.Kind == yaml.MappingNode {
		for k := range doc.pairsOf(at.value) {
			keys = append(keys, k)
		}
	}
	keys = slices.DeleteFunc(keys, func(k string) bool { return slices.Contains(known, k) })
	slices.Sort(keys)
	return keys[:min(len(keys), limit)]
}

// fieldName is the last key of a pointer, or the dotted path to a list item
// ("dependsOn[1]"), for messages.
func fieldName(ptr string) string {
	parts := strings.Split(ptr, "/")[1:]
	if len(parts) == 0 {
		return "the file"
	}
	name := ""
	for i := len(parts) - 1; i >= 0; i-- {
		p := unescapePointer(parts[i])
		if isIndex(p) {
			name = "[" + p + "]" + name
			continue
		}
		return p + name
	}
	return name
}

// where names the mapping a key belongs to, for messages about keys.
func where(ptr string) string {
	if ptr == "" {
		return " at the top level"
	}
	return " in " + fieldName(ptr)
}

func isIndex(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// valueText quotes the offending value as written in the file.
func valueText(doc *Document, ptr string) string {
	if at, ok := doc.Lookup(ptr); ok && at.value.Kind == yaml.ScalarNode {
		return fmt.Sprintf("%q", at.value.Value)
	}
	return "the value"
}

// typeMessage explains a type mismatch, with the YAML 1.1 pitfall spelled out.
func typeMessage(doc *Document, ptr, msg string) string {
	want, got := "", ""
	if _, err := fmt.Sscanf(strings.ReplaceAll(msg, ",", ""), "expected %s but got %s", &want, &got); err != nil {
		return msg
	}
	text := valueText(doc, ptr)
	expected := article(want)
	if want == "boolean" {
		expected = "true or false"
	}
	switch {
	case got == "null":
		return fmt.Sprintf("expected %s, got nothing (an empty value)", expected)
	case want == "boolean" && got == "string" && isYAML11Bool(doc, ptr):
		return fmt.Sprintf("expected true or false, got %s (yes/no/on/off are strings in YAML 1.2: write true or false)", text)
	case want == "integer" && got == "string":
		return fmt.Sprintf("expected an integer, got a string %s (leave out the quotes)", text)
	case text == "the value":
		return fmt.Sprintf("expected %s, got %s", expected, yamlTypeName(got))
	default:
		return fmt.Sprintf("expected %s, got %s %s", expected, article(got), text)
	}
}

// yamlTypeName names a JSON type as YAML writes it: "a list", "a mapping".
func yamlTypeName(jsonType string) string {
	switch jsonType {
	case "array":
		return "a list"
	case "object":
		return "a mapping"
	}
	return article(jsonType)
}

func isYAML11Bool(doc *Document, ptr string) bool {
	at, ok := doc.Lookup(ptr)
	return ok && slices.Contains([]string{"yes", "no", "on", "off", "y", "n"}, strings.ToLower(at.value.Value))
}

// article puts "a" or "an" before a word: "an integer".
func article(word string) string {
	if strings.IndexByte("aeiou", word[0]) >= 0 {
		return "an " + word
	}
	return "a " + word
}

// allowed lists the values of an enum or const message ("value must be one
// of "None", "Limited"", formatted with %#v) as the user would write them:
// quoted where YAML would read them unquoted as something else than a
// string ("2019", SE).
func allowed(msg string) string {
	var vals []string
	for _, m := range goString().FindAllString(msg, -1) {
		if v, err := strconv.Unquote(m); err == nil && !slices.Contains(vals, pstext.YAMLString(v)) {
			vals = append(vals, pstext.YAMLString(v))
		}
	}
	if len(vals) == 0 {
		// numeric: "value must be 1"
		return strings.TrimSpace(msg[strings.LastIndex(msg, " ")+1:])
	}
	return strings.Join(vals, ", ")
}

var goString = pstext.LazyRegexp(`"(?:[^"\\]|\\.)*"`)

// patternType names the string type of compiler/config whose pattern
// failed ("DomainName"), from the schema location of the failed keyword
// (".../$defs/DomainName/pattern"), or "" when it is not one of them.
func patternType(ve *jsonschema.ValidationError) string {
	loc := ve.AbsoluteKeywordLocation
	const defs = "/$defs/"
	i := strings.LastIndex(loc, defs)
	if i < 0 {
		return ""
	}
	name, _, _ := strings.Cut(loc[i+len(defs):], "/")
	if _, ok := config.Patterns[name]; !ok {
		return ""
	}
	return name
}

// scalarText is the offending value as written, or "" when it is not a
// scalar.
func scalarText(doc *Document, ptr string) string {
	if at, ok := doc.Lookup(ptr); ok && at.value.Kind == yaml.ScalarNode {
		return at.value.Value
	}
	return ""
}
