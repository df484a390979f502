package pscheck

import (
	"fmt"
	"strings"
)

// Removal is a set of kinds of removal that CheckNoRemoval looks for.
type Removal uint

const (
	// RemovesRoleGroupMembers: Remove-RoleGroupMember, Update-RoleGroupMember
	// (it replaces the whole membership), Remove-RoleGroup, and
	// Set-RoleGroup -LinkedForeignGroup (it replaces the group whose members
	// a linked role group takes).
	RemovesRoleGroupMembers Removal = 1 << iota
	// RemovesRoles: Remove-ManagementRoleAssignment, Remove-ManagementRole,
	// Remove-ManagementRoleEntry, Remove-RoleGroup,
	// Remove-RoleAssignmentPolicy, Set-ManagementRoleAssignment -Enabled
	// with anything but a literal $true, and Set-ManagementRoleEntry with
	// -RemoveParameter, or -Parameters without -AddParameter.
	RemovesRoles
	// RemovesGroupMembers: Remove-UnifiedGroupLinks unless -LinkType is the
	// constant Subscribers (unsubscribing is declared in the YAML),
	// Remove-DistributionGroupMember, Update-DistributionGroupMember,
	// Set-DistributionGroup -ManagedBy (unless the value is @{Add = ...}),
	// and Remove-UnifiedGroup and Remove-DistributionGroup (members go with
	// the group).
	RemovesGroupMembers
	// RemovesAny is every kind.
	RemovesAny = RemovesRoleGroupMembers | RemovesRoles | RemovesGroupMembers
)

// removalRule says when a call of one cmdlet removes something: why returns
// a reason, or "" when this call cannot remove.
type removalRule struct {
	kinds  Removal
	always bool // every call removes; the name alone is enough
	why    func(c exchangeCall, src []byte) string
}

var removalRules = map[string]removalRule{
	"remove-rolegroupmember":          {kinds: RemovesRoleGroupMembers, always: true},
	"update-rolegroupmember":          {kinds: RemovesRoleGroupMembers, always: true},
	"remove-rolegroup":                {kinds: RemovesRoleGroupMembers | RemovesRoles, always: true},
	"set-rolegroup":                   {kinds: RemovesRoleGroupMembers, why: ifGiven("LinkedForeignGroup")},
	"remove-managementroleassignment": {kinds: RemovesRoles, always: true},
	"remove-managementrole":           {kinds: RemovesRoles, always: true},
	"remove-managementroleentry":      {kinds: RemovesRoles, always: true},
	"remove-roleassignmentpolicy":     {kinds: RemovesRoles, always: true},
	"set-managementroleassignment":    {kinds: RemovesRoles, why: enabledNotTrue},
	"set-managementroleentry":         {kinds: RemovesRoles, why: removesParameters},
	"remove-unifiedgrouplinks":        {kinds: RemovesGroupMembers, why: linkTypeNotSubscribers},
	"remove-distributiongroupmember":  {kinds: RemovesGroupMembers, always: true},
	"update-distributiongroupmember":  {kinds: RemovesGroupMembers, always: true},
	"set-distributiongroup":           {kinds: RemovesGroupMembers, why: managedByReplaced},
	"remove-unifiedgroup":             {kinds: RemovesGroupMembers, always: true},
	"remove-distributiongroup":        {kinds: RemovesGroupMembers, always: true},
}

// CheckNoRemoval reports every place in src that can remove what kinds
// names (see the Removal constants for the cmdlets and parameters): each
// call, at its position, with the reason. A parameter counts as given when
// it is written, is a key of a resolved splat, or may be passed (a key a
// splat is derived from, or an unresolved splat: its keys are unknown). It
// also reports string literals that spell a cmdlet which always removes
// (such a name can be called through & or .), and code built at run time
// (Invoke-Expression, [scriptblock]::Create, ...), which no parse can see
// into. Limits: a cmdlet name assembled from pieces, or passed in from
// outside the script, is not seen; Set-RoleGroup -ManagedBy and
// Set-RoleAssignmentPolicy are not removals (the catalog gives neither
// cmdlet a members or roles parameter). Without cgo it returns a single
// finding saying so.
func CheckNoRemoval(src []byte, kinds Removal) []Finding {
	root, _, calls, err := exchangeCalls(src)
	if err != nil {
		return []Finding{{Line: 1, Col: 1, Msg: err.Error()}}
	}
	var out []Finding
	var callNames []*node // names of calls: & 'Remove-X' is a call, not a string
	for _, c := range calls {
		if nn := c.node.byField("command_name"); nn != nil {
			callNames = append(callNames, nn)
		}
		rule, ok := removalRules[strings.ToLower(c.cmdlet)]
		if !ok || rule.kinds&kinds == 0 {
			continue
		}
		reason := "removes " + removalWhat(rule.kinds&kinds)
		if !rule.always {
			if reason = rule.why(c, src); reason == "" {
				continue
			}
		}
		out = append(out, Finding{Line: c.Line, Col: c.Col, Msg: c.cmdlet + ": " + reason})
	}
	root.walk(func(n *node) bool {
		if n.kind != "string_literal" {
			return true
		}
		v, _, ok := decodeString(n, src)
		rule, known := removalRules[strings.ToLower(strings.TrimSpace(v))]
		if ok && known && rule.always && rule.kinds&kinds != 0 && innermost(callNames, n.start, n.end) == nil {
			out = append(out, Finding{Line: n.line, Col: n.col, Msg: fmt.Sprintf("the string %q names a cmdlet that removes %s (callable through & or .)", v, removalWhat(rule.kinds&kinds))})
		}
		return false
	})
	out = append(out, runtimeCode(root, src)...)
	sortFindings(out)
	return out
}

// removalWhat names the kinds in a message.
func removalWhat(k Removal) string {
	var parts []string
	if k&RemovesRoleGroupMembers != 0 {
		parts = append(parts, "role group members")
	}
	if k&RemovesRoles != 0 {
		parts = append(parts, "roles")
	}
	if k&RemovesGroupMembers != 0 {
		parts = append(parts, "group members or owners")
	}
	return strings.Join(parts, " and ")
}

// given finds a parameter of c by its catalog name or alias. maybe is true
// when the parameter is not known to be absent: written, resolved from a
// splat, derived, or possibly inside an unresolved splat.
func given(c exchangeCall, name string) (p *param, maybe bool) {
	cat, _ := loadCatalog()
	spec, _ := cat.lookup(c.cmdlet)
	for i := range c.params {
		q := &c.params[i]
		if canon, _, ok := spec.resolve(q.Name); ok && strings.EqualFold(canon, name) {
			return q, true
		}
	}
	return nil, len(c.Unresolved) > 0
}

// ifGiven removes when the parameter may be passed.
func ifGiven(name string) func(exchangeCall, []byte) string {
	return func(c exchangeCall, _ []byte) string {
		if _, maybe := given(c, name); maybe {
			return "-" + name + " can replace what the group holds"
		}
		return ""
	}
}

func enabledNotTrue(c exchangeCall, src []byte) string {
	p, maybe := given(c, "Enabled")
	if !maybe {
		return ""
	}
	if p != nil && !p.Derived && p.val != nil {
		if v, ok := constValues(p.val, src); ok && len(v) == 1 && v[0] == "$true" {
			return ""
		}
	}
	return "-Enabled other than $true can disable a role assignment"
}

func removesParameters(c exchangeCall, _ []byte) string {
	if _, maybe := given(c, "RemoveParameter"); maybe {
		return "-RemoveParameter takes parameters out of a role entry"
	}
	if _, maybe := given(c, "Parameters"); maybe {
		if add, _ := given(c, "AddParameter"); add == nil || add.Derived {
			return "-Parameters without -AddParameter replaces a role entry's parameters"
		}
	}
	return ""
}

func linkTypeNotSubscribers(c exchangeCall, src []byte) string {
	p, maybe := given(c, "LinkType")
	if p != nil && !p.Derived && p.val != nil {
		if v, ok := constValues(p.val, src); ok && len(v) > 0 {
			for _, x := range v {
				if !strings.EqualFold(x, "Subscribers") {
					return "-LinkType " + x + " removes group members or owners"
				}
			}
			return ""
		}
		return "-LinkType is not a constant: it can be Members or Owners"
	}
	if maybe {
		return "-LinkType is not a constant: it can be Members or Owners"
	}
	return "no -LinkType given: cannot tell which links it removes"
}

func managedByReplaced(c exchangeCall, src []byte) string {
	p, maybe := given(c, "ManagedBy")
	if !maybe {
		return ""
	}
	if p != nil && !p.Derived && p.val != nil {
		if entries, ok := hashLiteral(p.val, src); ok && len(entries) > 0 {
			onlyAdd := true
			for _, e := range entries {
				onlyAdd = onlyAdd && strings.EqualFold(e.key, "Add")
			}
			if onlyAdd {
				return ""
			}
		}
	}
	return "-ManagedBy replaces the group's owners (only @{Add = ...} adds)"
}
