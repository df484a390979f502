package reflector

import (
	"bytes"
	"fmt"
	"strings"
)

// writeHeader writes the title, how the file is made, and the contents.
func (r *reference) writeHeader(b *bytes.Buffer, top string) {
	b.WriteString("# hybridc YAML reference\n\n")
	b.WriteString("<!-- Generated from hybrid.schema.json by `go generate ./schema`: do not edit. -->\n\n")
	b.WriteString("Every key hybridc accepts, generated from the JSON Schema that `hybridc validate` ")
	b.WriteString("enforces (`hybridc schema` prints it), so this page cannot drift from what is checked. ")
	b.WriteString("A file starts at [" + top + "](#" + anchor(top) + "). Keys are case-sensitive and a key ")
	b.WriteString("not listed in its table is an error. \"Required\" says when a key must be written; ")
	b.WriteString("a key without it may be left out, and the description says what leaving it out means.\n\n")
	b.WriteString("## Contents\n\n")
	for _, name := range r.order {
		where := "the top level"
		if p := r.paths[name][0]; p != "" {
			where = "`" + p + "`"
		}
		fmt.Fprintf(b, "- [%s](#%s): %s\n", name, anchor(name), where)
	}
	if len(r.forms) > 0 {
		b.WriteString("- [Value forms](#value-forms)\n")
	}
	b.WriteString("\n")
}

// writeObject writes one object type's section.
func (r *reference) writeObject(b *bytes.Buffer, name string) {
	d := r.defs.get(name)
	fmt.Fprintf(b, "## %s\n\n", name)
	if paths := r.paths[name]; paths[0] != "" {
		quoted := make([]string, len(paths))
		for i, p := range paths {
			quoted[i] = "`" + p + "`"
		}
		fmt.Fprintf(b, "At %s.\n\n", strings.Join(quoted, ", "))
	}
	if desc := d.get("description").str(); desc != "" {
		b.WriteString(desc + "\n\n")
	}
	b.WriteString("| Key | Type | Required | Description |\n|---|---|---|---|\n")
	required := map[string]bool{}
	for _, k := range d.get("required").strings() {
		required[k] = true
	}
	props := d.get("properties")
	for _, key := range props.keys {
		p := props.get(key)
		req := r.when[name][key]
		if required[key] {
			req = "required"
		}
		fmt.Fprintf(b, "| `%s` | %s | %s | %s |\n", key, cell(r.typeText(p)), cell(req), cell(p.get("description").str()))
	}
	b.WriteString("\n")
}

// writeForms writes the value forms: what each patterned string accepts.
func (r *reference) writeForms(b *bytes.Buffer) {
	if len(r.forms) == 0 {
		return
	}
	b.WriteString("## Value forms\n\n")
	b.WriteString("Strings of these forms are checked by a pattern in the schema (not repeated here): ")
	b.WriteString("control, format and invisible characters are refused in all of them.\n\n")
	b.WriteString("| Form | Accepts | Length |\n|---|---|---|\n")
	for _, name := range r.forms {
		d := r.defs.get(name)
		length := ""
		lo, hi := d.get("minLength").str(), d.get("maxLength").str()
		switch {
		case lo != "" && hi != "":
			length = lo + " to " + hi
		case hi != "":
			length = "at most " + hi
		}
		fmt.Fprintf(b, "| <a id=\"%s\"></a>%s | %s | %s |\n", anchor(name), name, cell(d.get("description").str()), length)
	}
	b.WriteString("\n")
}

// typeText describes a property's type: a link to its object type or value
// form, a list of it, the allowed values, or the JSON type.
func (r *reference) typeText(p *node) string {
	if ref := p.get("$ref").str(); ref != "" {
		name := refName(ref)
		return "[" + name + "](#" + anchor(name) + ")"
	}
	if items := p.get("items"); items != nil {
		s := "list of " + r.typeText(items)
		var notes []string
		if n := p.get("minItems").str(); n != "" && n != "0" {
			notes = append(notes, "at least "+n)
		}
		if p.get("uniqueItems").str() == "true" {
			notes = append(notes, "no duplicates")
		}
		if len(notes) > 0 {
			s += " (" + strings.Join(notes, ", ") + ")"
		}
		return s
	}
	if enum := p.get("enum"); enum != nil {
		vals := make([]string, 0, len(enum.items))
		for _, v := range enum.items {
			vals = append(vals, literal(v))
		}
		return "one of " + strings.Join(vals, ", ")
	}
	if c := p.get("const"); c != nil {
		return literal(c)
	}
	switch t := p.get("type").str(); t {
	case "boolean":
		return "`true` or `false`"
	case "integer", "number":
		lo, hi := p.get("minimum").str(), p.get("maximum").str()
		switch {
		case lo != "" && hi != "":
			return fmt.Sprintf("%s, %s to %s", t, lo, hi)
		case lo != "":
			return fmt.Sprintf("%s, at least %s", t, lo)
		}
		return t
	case "":
		return "any"
	default:
		return t
	}
}

// literal writes an enum or const value as YAML would: strings that YAML
// would read as another type quoted.
func literal(v *node) string {
	if s, ok := v.value.(string); ok {
		if quoteNeeded(s) {
			return "`\"" + s + "\"`"
		}
		return "`" + s + "`"
	}
	return "`" + v.str() + "`"
}

// quoteNeeded reports whether a plain YAML scalar s would not read as the
// string s (a number, a boolean, null, or empty).
func quoteNeeded(s string) bool {
	if s == "" {
		return true
	}
	switch strings.ToLower(s) {
	case "true", "false", "null", "~", "yes", "no", "on", "off":
		return true
	}
	return strings.IndexFunc(s, func(r rune) bool {
		return !(r >= '0' && r <= '9' || r == '.' || r == '-' || r == '+' || r == 'e' || r == 'E')
	}) < 0
}

// anchor is the Markdown heading anchor of a type name.
func anchor(name string) string {
	return strings.ToLower(name)
}

// cell makes text safe inside a Markdown table cell.
func cell(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	return strings.ReplaceAll(s, "|", "\\|")
}
