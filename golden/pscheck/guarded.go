package pscheck

import "strings"

// CheckWriteGuarded reports, for every call of a state-changing Exchange
// cmdlet (StateChanging), best effort and from the syntax tree alone:
//
//  1. a call outside any function (at script top level, or in a script
//     block that no function encloses): changes belong in the engine's
//     functions;
//  2. a call that is not guarded by $PSCmdlet.ShouldProcess(...). A call is
//     guarded when (a) it lies in the then-block of an if or elseif whose
//     condition is $PSCmdlet.ShouldProcess(...), possibly in parentheses or
//     joined to other conditions by -and only; or (b) an earlier statement
//     of an enclosing block, within the same function (or at top level), is
//     `if (-not $PSCmdlet.ShouldProcess(...)) { ...; return }` (or !, or
//     `if ($Check -or -not ...)`: the block runs whenever ShouldProcess
//     did not approve; the block's last statement is return, throw, exit,
//     break or continue); or (c) the function that encloses it is called
//     at least once and every call of it (by name) is guarded, by the same
//     rules; or (d) it lies in a script block passed as -P to a function
//     of this script that uses $P, at least once, only as `& $P` where
//     guarded or as the whole argument of another such parameter (the
//     engine's Invoke-HybridcChange -Change { ... }). $PSCmdlet may be
//     kept in a script variable whose every assignment is `= $PSCmdlet`
//     outside any function ($script:HybridcCmdlet).
//
// Limits: the guard is matched by shape, not by data flow: the target and
// action passed to ShouldProcess are not compared with the call, nor is
// the noun; a result of ShouldProcess kept in a variable and tested later
// does not count; -or, -not or a comparison around ShouldProcess in an if
// makes it no guard (but for the early exit of rule b); -WhatIf passed through does not count; a function
// called through & or a computed name is not followed; the function's
// [CmdletBinding(SupportsShouldProcess)] is not checked. Reads before
// writes (Get-X before Set-X) are not checked: cmdlets of different nouns
// legitimately guard one another (Get-OrganizationConfig before
// Enable-OrganizationCustomization). Without cgo it returns a single
// finding saying so.
func CheckWriteGuarded(src []byte) []Finding {
	root, cmds, calls, err := exchangeCalls(src)
	if err != nil {
		return []Finding{{Line: 1, Col: 1, Msg: err.Error()}}
	}
	g := newGuards(root, src, cmds)
	var out []Finding
	for _, c := range calls {
		if !StateChanging(c.cmdlet) {
			continue
		}
		if enclosingFunction(c.node) == nil {
			out = append(out, Finding{Line: c.Line, Col: c.Col, Msg: c.cmdlet + ": state-changing call outside any function (changes belong in the engine's functions)"})
		}
		if !g.guarded(c.node, map[*node]bool{}) {
			out = append(out, Finding{Line: c.Line, Col: c.Col, Msg: c.cmdlet + ": state-changing call not guarded by $PSCmdlet.ShouldProcess(...) (no enclosing if on it, no earlier if (-not ...) { return } in its block, and its function is not called only from guarded places)"})
		}
	}
	sortFindings(out)
	return out
}

// guarded applies rules 2a-2c to n; visiting holds the functions whose
// callers are being checked (recursion gives up rather than loop).
func (g *guards) guarded(n *node, visiting map[*node]bool) bool {
	for a := n; a.parent != nil && a.kind != "function_statement"; a = a.parent {
		if arg, ok := g.blockArgs[a]; ok && g.blockGuarded(arg, visiting) {
			return true
		}
		p := a.parent
		if a.kind == "statement_block" && (p.kind == "if_statement" || p.kind == "elseif_clause") && g.approves(p.byField("condition")) {
			return true
		}
		if p.kind == "statement_list" {
			for _, s := range p.children {
				if s.end <= a.start && g.exitsUnlessApproved(s) {
					return true
				}
			}
		}
	}
	fn := enclosingFunction(n)
	if fn == nil || visiting[fn] {
		return false
	}
	visiting[fn] = true
	nameNode := fn.firstOfKind("function_name")
	if nameNode == nil {
		return false
	}
	calls := g.callers[strings.ToLower(nameNode.text(g.src))]
	for _, c := range calls {
		if !g.guarded(c.node, visiting) {
			return false
		}
	}
	return len(calls) > 0
}

// approves reports whether cond is true only when ShouldProcess returned
// true: it holds a $PSCmdlet.ShouldProcess(...) call reached from cond only
// through parentheses, pipelines of one element and -and.
func (g *guards) approves(cond *node) bool {
	if cond == nil {
		return false
	}
	found := false
	cond.walk(func(n *node) bool {
		if found || !g.isShouldProcess(n) {
			return !found
		}
		ok := true
		for a := n.parent; ok && a != nil && a != cond.parent; a = a.parent {
			switch a.kind {
			case "unary_expression", "pipeline", "pipeline_chain", "parenthesized_expression", "statement_list":
			case "logical_expression":
				for _, k := range a.children {
					ok = ok && (k.named || k.kind == "-and")
				}
			default:
				ok = false
			}
		}
		found = ok
		return false
	})
	return found
}

// exitsUnlessApproved reports whether s is `if (-not <approves>) { ...; exit }`
// (or !, or `if ($x -or -not <approves>)`: see deniedBy): an if whose
// then-block ends in return, throw, exit, break or continue.
func (g *guards) exitsUnlessApproved(s *node) bool {
	if s.kind != "if_statement" {
		return false
	}
	if !g.deniedBy(s.byField("condition")) {
		return false
	}
	block := s.firstOfKind("statement_block")
	if block == nil {
		return false
	}
	list := block.byField("statement_list")
	if list == nil {
		return false
	}
	kids := list.namedKids()
	if len(kids) == 0 || kids[len(kids)-1].kind != "flow_control_statement" {
		return false
	}
	switch kids[len(kids)-1].children[0].kind {
	case "return", "throw", "exit", "break", "continue":
		return true
	}
	return false
}

// isShouldProcess reports whether n is a call $PSCmdlet.ShouldProcess(...),
// or the same through a script variable that holds the script's $PSCmdlet.
func (g *guards) isShouldProcess(n *node) bool {
	if n.kind != "invocation_expression" {
		return false
	}
	kids := n.namedKids()
	member := n.firstOfKind("member_name")
	return len(kids) > 0 && kids[0].kind == "variable" && g.cmdletVars[varName(kids[0].text(g.src))] &&
		member != nil && strings.EqualFold(member.text(g.src), "ShouldProcess") && n.firstOfKind("argument_list") != nil
}

// enclosingFunction returns the function_statement (function or filter)
// around n, or nil.
func enclosingFunction(n *node) *node {
	for a := n.parent; a != nil; a = a.parent {
		if a.kind == "function_statement" {
			return a
		}
	}
	return nil
}
