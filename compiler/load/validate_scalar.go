package load

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"gopkg.in/yaml.v3"

	"github.com/hybridc/hybridc/compiler/config"

	"github.com/hybridc/hybridc/compiler/diag"
)

// yamlKinds names what YAML reads a plain scalar as, by its resolved tag,
// for the scalars that are not strings.
var yamlKinds = map[string]string{
	"!!int":   "a number",
	"!!float": "a number",
	"!!bool":  "a boolean",
	"!!null":  "null (no value)",
}

// notAString explains a YAML scalar that is not a string (a number, a
// boolean, an explicit null such as ~) where the schema wants a string:
// ve is the failed "type" keyword of the value at ptr. Every string-typed
// field of the schema fails so, enumerations and the version included,
// so that 2016.0 or 0x7E0 never pass as 2016 nor reach the model as
// "2016.0". The message shows the quoted form to write when that string is
// valid there, and otherwise the allowed strings or the form required. ok
// is false when the value is no such scalar (a mapping, a list, an empty
// value), which the generic type message explains.
func notAString(doc *Document, ve *jsonschema.ValidationError, ptr, field string) (d diag.Diagnostic, ok bool) {
	at, found := doc.Lookup(ptr)
	if !found || at.value.Kind != yaml.ScalarNode || at.value.Value == "" {
		return d, false
	}
	n := at.value
	kind, isKind := yamlKinds[n.Tag]
	if !isKind || !strings.HasPrefix(ve.Message, "expected string,") {
		return d, false
	}
	quotedForm := strconv.Quote(n.Value)
	written := n.Value // as written, unless it needs escapes (a tagged !!null "...")
	if quotedForm != `"`+written+`"` {
		written = quotedForm
	}
	frag := schemaFragment(ve.AbsoluteKeywordLocation)
	var msg string
	switch enum := enumAt(frag); {
	case stringFits(frag, n.Value):
		msg = fmt.Sprintf("use a string: %s (unquoted, %s is %s in YAML)", quotedForm, written, kind)
	case len(enum) > 0:
		msg = fmt.Sprintf("%s is %s in YAML, not a string; use one of: %s", written, kind, quoteAll(enum))
	default:
		form := "a string (in quotes)"
		if p, ok := config.Patterns[defName(frag)]; ok {
			form = p.Form
		}
		msg = fmt.Sprintf("%s is %s in YAML, not a string; write %s", written, kind, form)
	}
	return diag.Diagnostic{Pos: doc.pos(n), Severity: diag.Error, Code: diag.CodeNotString, Message: field + ": " + msg}, true
}

// schemaFragment is the JSON pointer, within the schema, of the schema
// object holding a failed keyword ("…#/$defs/Name/type" gives
// "/$defs/Name").
func schemaFragment(absoluteKeywordLocation string) string {
	_, frag, _ := strings.Cut(absoluteKeywordLocation, "#")
	if i := strings.LastIndexByte(frag, '/'); i >= 0 {
		return frag[:i]
	}
	return ""
}

// stringFits reports whether the string s is valid against the schema
// object at frag: whether quoting the value is all it takes.
func stringFits(frag, s string) bool {
	if frag == "" {
		return false
	}
	sch, err := compiledAt(frag)
	return err == nil && sch.Validate(s) == nil
}

// enumAt returns the allowed strings of the schema object at frag, or nil
// when it is no enumeration.
func enumAt(frag string) []string {
	_, m := schemaAt(frag)
	var out []string
	list, _ := m["enum"].([]any)
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// defName is the definition a schema pointer names ("/$defs/DomainName"
// gives "DomainName"), or "".
func defName(frag string) string {
	name, ok := strings.CutPrefix(frag, "/$defs/")
	if !ok || strings.Contains(name, "/") {
		return ""
	}
	return name
}

// quoteAll lists strings in double quotes, as YAML needs them written.
func quoteAll(vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}
