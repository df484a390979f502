package pscheck

import "strings"

// guards answers whether a node runs only after ShouldProcess approved.
type guards struct {
	src     []byte
	callers map[string][]*command // lower-case command name -> its calls
	// functions are the script's functions by lower-case name.
	functions map[string]*node
	// blockArgs maps a script block or a variable passed as a named
	// argument to the command and the parameter it is passed to.
	blockArgs map[*node]blockArg
	// cmdletVars are the lower-case names of the variables that hold the
	// script's $PSCmdlet: pscmdlet itself, and a variable whose every
	// assignment is `= $PSCmdlet` outside any function.
	cmdletVars map[string]bool
}

// blockArg is a script block passed to a command as -param { ... }.
type blockArg struct {
	cmd   *command
	param string // lower-case, without the dash
}

// newGuards indexes the script's calls, functions, script block arguments
// and $PSCmdlet variables.
func newGuards(root *node, src []byte, cmds []*command) *guards {
	g := &guards{src: src, callers: map[string][]*command{}, functions: map[string]*node{},
		blockArgs: map[*node]blockArg{}, cmdletVars: map[string]bool{"pscmdlet": true}}
	for _, c := range cmds {
		if c.Dynamic {
			continue
		}
		name := strings.ToLower(c.Name)
		g.callers[name] = append(g.callers[name], c)
		for _, p := range c.params {
			if v := unwrap(p.val); v != nil && (v.kind == "script_block_expression" || v.kind == "variable") {
				g.blockArgs[v] = blockArg{cmd: c, param: strings.ToLower(p.Name)}
			}
		}
	}
	root.walk(func(n *node) bool {
		if n.kind == "function_statement" {
			if name := n.firstOfKind("function_name"); name != nil {
				g.functions[strings.ToLower(name.text(src))] = n
			}
		}
		return true
	})
	for name, as := range indexAssignments(root, src).byVar {
		holds := len(as) > 0
		for _, a := range as {
			holds = holds && enclosingFunction(a.stmt) == nil && strings.EqualFold(strings.TrimSpace(a.value.text(src)), "$PSCmdlet")
		}
		if holds {
			g.cmdletVars[name] = true
		}
	}
	return g
}

// blockGuarded applies rule 2d: the script block passed as -P to a
// function F of this script runs only after ShouldProcess approved when F
// uses $P, at least once, only as `& $P` where guarded or as the whole
// argument -Q of a call to a function whose -Q block is guarded in turn.
func (g *guards) blockGuarded(arg blockArg, visiting map[*node]bool) bool {
	fn := g.functions[strings.ToLower(arg.cmd.Name)]
	if fn == nil || visiting[arg.cmd.node] {
		return false
	}
	visiting[arg.cmd.node] = true
	defer delete(visiting, arg.cmd.node)
	uses, ok := 0, true
	fn.walk(func(n *node) bool {
		if !ok || n.kind != "variable" || varName(n.text(g.src)) != arg.param {
			return ok
		}
		if n.parent != nil && n.parent.kind == "script_parameter" {
			return false // the declaration in param(...)
		}
		if call := invokedBy(n, g.src); call != nil {
			ok = g.guarded(call, visiting)
		} else if next, passed := g.blockArgs[n]; passed {
			ok = g.blockGuarded(next, visiting)
		} else {
			ok = false
		}
		uses++
		return false
	})
	return ok && uses > 0
}

// invokedBy returns the command `& $v` when the variable node v is its
// whole command name, or nil.
func invokedBy(v *node, src []byte) *node {
	path := v.parent
	if path == nil || path.kind != "path_command_name" || len(path.namedKids()) != 1 {
		return nil
	}
	expr := path.parent
	if expr == nil || expr.kind != "command_name_expr" || len(expr.namedKids()) != 1 {
		return nil
	}
	cmd := expr.parent
	if cmd == nil || cmd.kind != "command" {
		return nil
	}
	op := cmd.firstOfKind("command_invocation_operator")
	if op == nil || op.end > expr.start || strings.TrimSpace(op.text(src)) != "&" {
		return nil
	}
	return cmd
}

// deniedBy reports whether cond is true whenever ShouldProcess did not
// approve: `-not <approves>` (or !), or such a term joined to others by
// -or only.
func (g *guards) deniedBy(cond *node) bool {
	cond = unwrap(cond)
	switch {
	case cond == nil:
		return false
	case cond.kind == "logical_expression":
		for _, k := range cond.children {
			if !k.named && !strings.EqualFold(k.kind, "-or") {
				return false
			}
		}
		for _, k := range cond.namedKids() {
			if g.deniedBy(k) {
				return true
			}
		}
		return false
	case cond.kind != "expression_with_unary_operator" || len(cond.children) != 2:
		return false
	}
	if op := strings.ToLower(cond.children[0].kind); op != "-not" && op != "!" {
		return false
	}
	return g.approves(cond.children[1])
}
