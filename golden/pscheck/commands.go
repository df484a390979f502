package pscheck

import (
	"strings"
)

// Command is one command invocation found anywhere in the script (inside
// functions, if/else, try, script blocks, pipelines, subexpressions...).
type Command struct {
	Name      string // as written; a string literal after & or . is decoded
	Line, Col int    // position of the command name (1-based, byte column)
	// Params are the named parameters in source order, followed at each
	// splat by the parameters resolved from it (see the package doc).
	Params     []Param
	Positional []string // raw text of positional arguments
	Splats     []string // names of splatted variables (without @), in order
	// Unresolved names the splats whose exact keys are unknown: derived from
	// hashtables (their keys are in Params with Derived set) or not traced
	// at all. CheckCatalog skips the required-parameter check for them.
	Unresolved []string
	Piped      bool // receives pipeline input (not first in a pipeline)
	// Dynamic is true when the command name is computed (& $block, & $name,
	// & (Get-X)); such commands are never checked against the catalog.
	Dynamic bool
}

// Param is one named parameter: -Name, -Name value, or -Name:value, or one
// key of a splatted hashtable.
type Param struct {
	Name  string // without the leading dash
	Value string // raw source text of the argument, "" for a bare switch
	// Literal is true when the value is a constant: string literal, number,
	// $true/$false/$null, bareword, or an array of those.
	Literal   bool
	FromSplat string // splat var name if resolved from a hashtable
	// Derived is true for a key of a hashtable that the splat was derived
	// from (e.g. via Compare-HybridcState): it may or may not be passed.
	Derived   bool
	Colon     bool // written -Name:value (the only safe form for switches)
	Line, Col int  // of -Name, or of the hashtable key
}

// param is a Param together with the syntax nodes CheckCatalog needs.
type param struct {
	Param
	at  *node // -Name or the hashtable key
	val *node // argument or hashtable value; nil for a bare switch
}

// command is a Command together with its syntax nodes.
type command struct {
	Command
	node       *node
	params     []param
	positional []*node
}

// Commands returns every command invocation in src, in source order. The
// error is non-nil only when the script cannot be parsed at all (no cgo);
// syntax errors are SyntaxErrors' business and do not stop Commands.
func Commands(src []byte) ([]Command, error) {
	root, err := parse(src)
	if err != nil {
		return nil, err
	}
	raw := findCommands(root, src)
	out := make([]Command, len(raw))
	for i, c := range raw {
		out[i] = c.Command
	}
	return out, nil
}

// findCommands extracts every command under root and resolves its splats.
func findCommands(root *node, src []byte) []*command {
	assigns := indexAssignments(root, src)
	var out []*command
	root.walk(func(n *node) bool {
		if n.kind == "command" {
			out = append(out, readCommand(n, src, assigns))
		}
		return true
	})
	return out
}

// readCommand reads one `command` node.
func readCommand(n *node, src []byte, assigns *assignments) *command {
	c := &command{node: n}
	c.Line, c.Col = n.line, n.col
	c.Name, c.Dynamic = commandName(n, src)
	c.Piped = isPiped(n)
	elems := n.byField("command_elements")
	if elems == nil {
		return c
	}
	var pending *param
	colon := false
	flush := func() {
		if pending != nil {
			c.addParam(*pending)
			pending = nil
		}
	}
	for _, e := range elems.children {
		switch e.kind {
		case "command_argument_sep":
			if strings.TrimSpace(e.text(src)) == ":" {
				colon = true
			}
			continue
		case "comment", "redirection":
			continue
		case "command_parameter":
			flush()
			name := strings.TrimLeft(e.text(src), "-\u2013\u2014\u2015")
			pending = &param{Param: Param{Name: strings.TrimSuffix(name, ":"), Line: e.line, Col: e.col}, at: e}
			colon = false
			continue
		}
		if !e.named {
			continue
		}
		if v := unwrap(e); v.kind == "variable" && strings.HasPrefix(v.text(src), "@") {
			flush()
			c.addSplat(varName(v.text(src)), v, src, assigns)
		} else if pending != nil {
			_, lit := constValues(e, src)
			pending.val, pending.Value, pending.Literal, pending.Colon = e, e.text(src), lit, colon
			flush()
		} else {
			c.positional = append(c.positional, e)
			c.Positional = append(c.Positional, e.text(src))
		}
		colon = false
	}
	flush()
	return c
}

func (c *command) addParam(p param) {
	c.params = append(c.params, p)
	c.Params = append(c.Params, p.Param)
}

// commandName returns the command's name and whether it is computed.
func commandName(n *node, src []byte) (string, bool) {
	nn := n.byField("command_name")
	if nn == nil {
		return "", true
	}
	if nn.kind == "command_name_expr" {
		kids := nn.namedKids()
		if len(kids) != 1 {
			return nn.text(src), true
		}
		inner := unwrap(kids[0])
		switch inner.kind {
		case "command_name":
			return inner.text(src), false
		case "path_command_name":
			for _, k := range inner.namedKids() {
				if k.kind != "path_command_name_token" {
					return nn.text(src), true
				}
			}
			return inner.text(src), false
		case "string_literal":
			if s, _, ok := decodeString(inner, src); ok {
				return s, false
			}
		}
		return nn.text(src), true
	}
	return nn.text(src), false
}

// isPiped reports whether a `|` precedes n inside its pipeline.
func isPiped(n *node) bool {
	if n.parent == nil {
		return false
	}
	for _, s := range n.parent.children {
		if s.start >= n.start {
			break
		}
		if !s.named && s.kind == "|" {
			return true
		}
	}
	return false
}
