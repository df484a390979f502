package reflector

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
)

// ReferenceFile is where go generate ./schema writes the YAML reference,
// relative to schema/.
const ReferenceFile = "reference.md"

// Reference renders the schema as the YAML reference in Markdown: one
// section per object type, in the order the top level reaches them, each a
// table of its keys (type, whether and when required, description), then
// the value forms of the patterned strings. It reads only the schema, so
// the reference says what validation enforces and cannot drift from it.
func Reference(schemaJSON []byte) ([]byte, error) {
	root, err := parseOrdered(schemaJSON)
	if err != nil {
		return nil, err
	}
	defs := root.get("$defs")
	top := refName(root.get("$ref").str())
	if defs.get(top) == nil {
		return nil, fmt.Errorf("schema: top-level $ref %q has no definition", top)
	}
	r := &reference{defs: defs, when: map[string]map[string]string{}, paths: map[string][]string{}}
	r.conditions(top, root)
	for _, name := range defs.keys {
		r.conditions(name, defs.get(name))
	}
	r.walk(top)
	var b bytes.Buffer
	r.writeHeader(&b, top)
	for _, name := range r.order {
		r.writeObject(&b, name)
	}
	r.writeForms(&b)
	return b.Bytes(), nil
}

// reference is the walk's state: the definitions, the conditional
// requirements per type and key, the object types in walk order with the
// YAML paths that reach them, and the value forms used.
type reference struct {
	defs  *node
	when  map[string]map[string]string
	order []string
	paths map[string][]string
	forms []string
}

// refName is the definition name of a "#/$defs/Name" reference.
func refName(ref string) string {
	return strings.TrimPrefix(ref, "#/$defs/")
}

// isObject reports whether a definition is an object type with keys.
func (r *reference) isObject(name string) bool {
	return r.defs.get(name).get("properties") != nil
}

// target is the definition a property refers to, directly or through its
// items, or "".
func target(p *node) string {
	if ref := p.get("$ref").str(); ref != "" {
		return refName(ref)
	}
	if it := p.get("items"); it != nil {
		return target(it)
	}
	return ""
}

// walk visits the object types breadth-first from top, recording each one's
// paths (onPremises.organizationRelationships[]) and the value forms used.
func (r *reference) walk(top string) {
	r.paths[top] = []string{""}
	queue := []string{top}
	seenForm := map[string]bool{}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		r.order = append(r.order, name)
		props := r.defs.get(name).get("properties")
		for _, key := range props.keys {
			p := props.get(key)
			t := target(p)
			if t == "" {
				continue
			}
			if !r.isObject(t) {
				if !seenForm[t] {
					seenForm[t] = true
					r.forms = append(r.forms, t)
				}
				continue
			}
			path := key
			if parent := r.paths[name][0]; parent != "" {
				path = parent + "." + key
			}
			if p.get("items") != nil {
				path += "[]"
			}
			if _, seen := r.paths[t]; !seen {
				queue = append(queue, t)
			}
			r.paths[t] = append(r.paths[t], path)
		}
	}
	sort.Strings(r.forms)
}

// conditions records the requirements a definition's if/then/else adds to
// its keys ("unless ensure: absent", "when access: Folder"); a then that
// requires keys of a property's type (the top level requiring the tenant's
// routing namespaces of a hybrid) is recorded on that type.
func (r *reference) conditions(name string, d *node) {
	cond := condition(d.get("if"))
	if cond == "" {
		return
	}
	for _, key := range d.get("then").get("required").strings() {
		r.require(name, key, "when "+cond)
	}
	for _, key := range d.get("else").get("required").strings() {
		r.require(name, key, "unless "+cond)
	}
	props := r.defs.get(name).get("properties")
	nested := d.get("then").get("properties")
	for _, key := range nested.keysOrNil() {
		t := target(props.get(key))
		for _, k := range nested.get(key).get("required").strings() {
			r.require(t, k, "when "+cond)
		}
	}
}

// keysOrNil returns an object node's keys (nil for nil).
func (n *node) keysOrNil() []string {
	if n == nil {
		return nil
	}
	return n.keys
}

func (r *reference) require(def, key, text string) {
	if r.when[def] == nil {
		r.when[def] = map[string]string{}
	}
	r.when[def][key] = text
}

// condition renders an if schema: a key's constant ("`access: Folder`") or
// a key being present ("`onPremises` is declared").
func condition(ifs *node) string {
	if ifs == nil {
		return ""
	}
	var parts []string
	props := ifs.get("properties")
	for _, key := range props.keysOrNil() {
		if c := props.get(key).get("const"); c != nil {
			parts = append(parts, fmt.Sprintf("`%s: %s`", key, c.str()))
		}
	}
	if len(parts) == 0 {
		for _, key := range ifs.get("required").strings() {
			parts = append(parts, fmt.Sprintf("`%s` is declared", key))
		}
	}
	return strings.Join(parts, " and ")
}
