package pscheck

import "strings"

// assignment is one `$name = value` statement.
type assignment struct {
	stmt  *node // the assignment_expression
	value *node // its right side
}

// assignments indexes plain `=` assignments to variables by variable name,
// in source order.
type assignments struct {
	byVar map[string][]assignment
}

// indexAssignments collects every `$v = ...` (also `[type]$v = ...` and
// `$script:v = ...`); compound (+=) and element/member assignments are
// ignored.
func indexAssignments(root *node, src []byte) *assignments {
	a := &assignments{byVar: map[string][]assignment{}}
	root.walk(func(n *node) bool {
		if n.kind != "assignment_expression" {
			return true
		}
		op := n.firstOfKind("assignment_operator")
		left := n.firstOfKind("left_assignment_expression")
		value := n.byField("value")
		if op == nil || left == nil || value == nil || strings.TrimSpace(op.text(src)) != "=" {
			return true
		}
		if v := assignedVariable(left); v != nil {
			name := varName(v.text(src))
			a.byVar[name] = append(a.byVar[name], assignment{stmt: n, value: value})
		}
		return true
	})
	return a
}

// assignedVariable finds the variable on the left of an assignment, looking
// through casts such as [hashtable]$v; nil for $a[0], $a.b, ...
func assignedVariable(n *node) *node {
	for n != nil {
		switch n.kind {
		case "variable":
			return n
		case "left_assignment_expression", "unary_expression", "expression_with_unary_operator", "cast_expression":
			kids := n.namedKids()
			if len(kids) == 0 {
				return nil
			}
			n = kids[len(kids)-1]
		default:
			return nil
		}
	}
	return nil
}

// before returns the nearest assignment to name that ends before offset at.
func (a *assignments) before(name string, at int) *assignment {
	var best *assignment
	for i := range a.byVar[name] {
		x := &a.byVar[name][i]
		if x.stmt.end <= at && (best == nil || x.stmt.start > best.stmt.start) {
			best = x
		}
	}
	return best
}

// hashEntry is one `Key = value` of a hashtable literal.
type hashEntry struct {
	key   string
	at    *node // the key
	value *node // the value pipeline
}

// hashLiteral returns the entries of value when it is a hashtable literal
// (@{...}, [ordered]@{...}, [hashtable]@{...}) whose keys are all constants.
func hashLiteral(value *node, src []byte) ([]hashEntry, bool) {
	n := unwrap(value)
	if n != nil && n.kind == "expression_with_unary_operator" {
		if kids := n.namedKids(); len(kids) == 1 {
			n = kids[0]
		}
	}
	if n != nil && n.kind == "cast_expression" {
		kids := n.namedKids()
		if len(kids) != 2 || kids[0].kind != "type_literal" {
			return nil, false
		}
		switch t := strings.ToLower(strings.Trim(kids[0].text(src), "[] \t")); t {
		case "ordered", "hashtable", "system.collections.hashtable":
		default:
			return nil, false
		}
		n = unwrap(kids[1])
	}
	if n == nil || n.kind != "hash_literal_expression" {
		return nil, false
	}
	entries := []hashEntry{}
	body := n.firstOfKind("hash_literal_body")
	if body == nil {
		return entries, true // @{}
	}
	for _, e := range body.namedKids() {
		if e.kind != "hash_entry" {
			continue
		}
		k := e.firstOfKind("key_expression")
		v := e.firstOfKind("pipeline")
		if k == nil {
			return nil, false
		}
		key, ok := hashKey(k, src)
		if !ok {
			return nil, false
		}
		entries = append(entries, hashEntry{key: key, at: k, value: v})
	}
	return entries, true
}

// hashKey returns a constant hashtable key: a bare name, a string or a number.
func hashKey(k *node, src []byte) (string, bool) {
	inner := unwrap(k)
	if inner.kind == "simple_name" {
		return inner.text(src), true
	}
	vals, ok := constValues(inner, src)
	if !ok || len(vals) != 1 || inner.kind == "variable" {
		return "", false
	}
	return vals[0], true
}

// addSplat records splat @name at node at and adds the parameters it can be
// resolved to (see the package doc for the convention).
func (c *command) addSplat(name string, at *node, src []byte, assigns *assignments) {
	c.Splats = append(c.Splats, name)
	asg := assigns.before(name, c.node.start)
	if asg == nil {
		c.Unresolved = append(c.Unresolved, name)
		return
	}
	if entries, ok := hashLiteral(asg.value, src); ok {
		c.addEntries(name, entries, false, src)
		return
	}
	// Derived: the right side mentions variables that hold hashtable
	// literals; the splat passes some subset of their keys.
	c.Unresolved = append(c.Unresolved, name)
	seenVar := map[string]bool{}
	seenKey := map[string]bool{}
	asg.value.walk(func(n *node) bool {
		if n.kind != "variable" {
			return true
		}
		v := varName(n.text(src))
		if seenVar[v] {
			return true
		}
		seenVar[v] = true
		src2 := assigns.before(v, asg.stmt.start)
		if src2 == nil {
			return true
		}
		entries, ok := hashLiteral(src2.value, src)
		if !ok {
			return true
		}
		var fresh []hashEntry
		for _, e := range entries {
			if k := strings.ToLower(e.key); !seenKey[k] {
				seenKey[k] = true
				fresh = append(fresh, e)
			}
		}
		c.addEntries(name, fresh, true, src)
		return true
	})
}

// addEntries adds hashtable entries as parameters from splat name.
func (c *command) addEntries(name string, entries []hashEntry, derived bool, src []byte) {
	for _, e := range entries {
		p := param{Param: Param{Name: e.key, FromSplat: name, Derived: derived, Line: e.at.line, Col: e.at.col}, at: e.at, val: e.value}
		if e.value != nil {
			p.Value = e.value.text(src)
			_, p.Literal = constValues(e.value, src)
		}
		c.addParam(p)
	}
}
