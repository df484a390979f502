package pscheck

import (
	"fmt"
	"sort"
	"strings"
)

// exchangeCall is one call of a catalog cmdlet, with its catalog name.
type exchangeCall struct {
	*command
	cmdlet string // the catalog's spelling
}

// exchangeCalls parses src and returns the syntax tree, every command, and
// the calls of Exchange cmdlets among them (a name found in the catalog,
// case-insensitively; computed names are not calls of a known cmdlet).
func exchangeCalls(src []byte) (*node, []*command, []exchangeCall, error) {
	cat, err := loadCatalog()
	if err != nil {
		return nil, nil, nil, err
	}
	root, err := parse(src)
	if err != nil {
		return nil, nil, nil, err
	}
	cmds := findCommands(root, src)
	var calls []exchangeCall
	for _, c := range cmds {
		if c.Dynamic {
			continue
		}
		if spec, ok := cat.lookup(c.Name); ok {
			calls = append(calls, exchangeCall{command: c, cmdlet: spec.name})
		}
	}
	return root, cmds, calls, nil
}

// CheckErrorAction reports every call of an Exchange cmdlet (a command name
// found in the catalog, case-insensitively, also through & 'Name') that does
// not pass -ErrorAction: by name, as its alias -EA, or as a key of a splatted
// hashtable literal that the package resolves (see the splatting convention).
// Any value counts; the value itself is CheckCatalog's business. Keys of a
// hashtable a splat is only derived from (Param.Derived) and unresolved
// splats do not count: the call may go without it. -ErrorAction written
// without a value is reported too. Exchange cmdlets are module functions and
// ignore the script's $ErrorActionPreference, which is why each call needs
// its own. Without cgo it returns a single finding saying so.
func CheckErrorAction(src []byte) []Finding {
	_, _, calls, err := exchangeCalls(src)
	if err != nil {
		return []Finding{{Line: 1, Col: 1, Msg: err.Error()}}
	}
	var out []Finding
	for _, c := range calls {
		given, empty := false, (*param)(nil)
		for i := range c.params {
			p := &c.params[i]
			if p.Derived || !isErrorAction(p.Name) {
				continue
			}
			if p.val == nil && p.FromSplat == "" {
				empty = p
				continue
			}
			given = true
		}
		switch {
		case given:
		case empty != nil:
			out = append(out, Finding{Line: empty.Line, Col: empty.Col, Msg: fmt.Sprintf("%s: -%s has no value", c.cmdlet, empty.Name)})
		default:
			out = append(out, Finding{Line: c.Line, Col: c.Col, Msg: fmt.Sprintf("%s: no -ErrorAction (Exchange cmdlets ignore $ErrorActionPreference; pass -ErrorAction Stop or a deliberate value)%s", c.cmdlet, unresolvedNote(c.command))})
		}
	}
	sortFindings(out)
	return out
}

// isErrorAction reports whether a parameter name is -ErrorAction or its
// alias -EA (case-insensitive, full names only).
func isErrorAction(name string) bool {
	return strings.EqualFold(name, "ErrorAction") || strings.EqualFold(name, "EA")
}

func unresolvedNote(c *command) string {
	if len(c.Unresolved) == 0 {
		return ""
	}
	return fmt.Sprintf("; the splat @%s is not resolved to a hashtable literal, so its keys are unknown", strings.Join(c.Unresolved, ", @"))
}

// CheckReadOnly reports every call of an Exchange cmdlet that is not a read:
// state-changing cmdlets (StateChanging) and Export-* cmdlets (they write
// files). It also reports code built at run time (Invoke-Expression,
// [scriptblock]::Create, $ExecutionContext.InvokeCommand.NewScriptBlock or
// InvokeScript), whose commands no parse can see. Meant for export scripts,
// which must change nothing. Limits: a cmdlet called through a computed name
// (& $name) is not seen; commands other than Exchange cmdlets (Remove-Item,
// Set-Content, ...) are not judged. Without cgo it returns a single finding
// saying so.
func CheckReadOnly(src []byte) []Finding {
	root, _, calls, err := exchangeCalls(src)
	if err != nil {
		return []Finding{{Line: 1, Col: 1, Msg: err.Error()}}
	}
	var out []Finding
	for _, c := range calls {
		switch cmdletEffect(c.cmdlet) {
		case changesState:
			out = append(out, Finding{Line: c.Line, Col: c.Col, Msg: c.cmdlet + ": state-changing Exchange cmdlet in a read-only script"})
		case writesFiles:
			out = append(out, Finding{Line: c.Line, Col: c.Col, Msg: c.cmdlet + ": Export-* cmdlet (writes files) in a read-only script"})
		}
	}
	out = append(out, runtimeCode(root, src)...)
	sortFindings(out)
	return out
}

// runtimeCode reports code built and run at run time: Invoke-Expression (and
// its alias iex), [scriptblock]::Create(...), and the NewScriptBlock and
// InvokeScript methods of $ExecutionContext.InvokeCommand.
func runtimeCode(root *node, src []byte) []Finding {
	var out []Finding
	root.walk(func(n *node) bool {
		what := ""
		switch n.kind {
		case "command":
			if name, dyn := commandName(n, src); !dyn && (strings.EqualFold(name, "Invoke-Expression") || strings.EqualFold(name, "iex")) {
				what = name
			}
		case "invocation_expression":
			member := n.firstOfKind("member_name")
			if member == nil {
				return true
			}
			m := strings.ToLower(member.text(src))
			typ := n.firstOfKind("type_literal")
			isSB := typ != nil && isScriptBlockType(typ.text(src))
			if m == "create" && isSB || m == "newscriptblock" || m == "invokescript" {
				what = n.text(src)
				if i := strings.IndexByte(what, '('); i >= 0 {
					what = what[:i]
				}
			}
		}
		if what != "" {
			out = append(out, Finding{Line: n.line, Col: n.col, Msg: what + " builds code at run time: no check can see the commands it runs"})
		}
		return true
	})
	return out
}

func isScriptBlockType(lit string) bool {
	t := strings.ToLower(strings.Trim(lit, "[] \t"))
	return t == "scriptblock" || t == "system.management.automation.scriptblock"
}

// sortFindings sorts findings by position, keeping the order of findings at
// the same position.
func sortFindings(out []Finding) {
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Line != out[j].Line {
			return out[i].Line < out[j].Line
		}
		return out[i].Col < out[j].Col
	})
}
