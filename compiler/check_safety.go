package compiler

import (
	"fmt"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
)

// roleGroups guards built-in role groups, which hold the administrators'
// own rights, and warns about exclusive sets that would be emptied.
func (c *checker) roleGroups() {
	if op := c.cfg.OnPremises; op != nil {
		c.roleGroupList(op.RoleGroups, false)
		c.policyList(op.RoleAssignmentPolicies)
	}
	c.roleGroupList(c.cfg.ExchangeOnline.RoleGroups, true)
	c.policyList(c.cfg.ExchangeOnline.RoleAssignmentPolicies)
	for i := range c.cfg.ExchangeOnline.Groups {
		g := &c.cfg.ExchangeOnline.Groups[i]
		if isTrue(g.Exclusive) {
			c.exclusiveEmpty(&g.Meta, fmt.Sprintf("group %q", g.Name), "members", len(g.Members), "member")
			if len(g.Owners) == 0 {
				// Exchange Online keeps at least one owner: the engine
				// refuses to remove the last one (Sync-HybridcGroupLinks).
				c.diags.warnf(g.KeyPos("exclusive"), CodeExclusiveEmpty,
					"group %q is exclusive but declares no owners: Exchange keeps at least one owner (the account that created the group), so the script refuses to remove the last one and reports the owners as failed until they are declared", g.Name)
			}
		}
	}
}

// roleGroupList checks one organization's role groups. The safeguard of a
// built-in role group: it is never removed, its roles are never replaced
// (exclusive applies to its members only, so declaring roles with
// exclusive is an error), and exclusive members need at least two declared
// accounts. The script adds the last part at run time: it never removes the
// account running it.
func (c *checker) roleGroupList(groups []config.RoleGroup, online bool) {
	for i := range groups {
		g := &groups[i]
		exclusive := isTrue(g.Exclusive)
		what := fmt.Sprintf("role group %q", g.Name)
		if !BuiltInRoleGroup(string(g.Name), online) {
			if exclusive && !g.Ensure.IsAbsent() {
				c.exclusiveEmpty(&g.Meta, what, "members", len(g.Members), "member")
				c.exclusiveEmpty(&g.Meta, what, "roles", len(g.Roles), "role")
			}
			continue
		}
		if g.Ensure.IsAbsent() {
			c.diags.errorf(g.ValuePos("ensure"), CodeBuiltInRoleGroup,
				"%s is built in and holds administrators' own rights: it cannot be declared absent", what)
			continue
		}
		if !exclusive {
			continue
		}
		if len(g.Roles) > 0 {
			c.diags.errorf(g.KeyPos("roles"), CodeBuiltInRoleGroup,
				"%s is built in: exclusive: true replaces its members only, never its roles; leave roles out (declared roles are only added without exclusive)", what)
		}
		if n := distinct(g.Members); n < 2 {
			c.diags.errorf(g.KeyPos("exclusive"), CodeBuiltInRoleGroup,
				"%s is built in and exclusive: true removes every member not listed: declare at least two members that are different accounts (EXO1 and exo1@contoso.com count as one), so that one lost or disabled account cannot lock every administrator out (accounts declared: %d)", what, n)
		}
	}
}

// policyList warns about exclusive role assignment policies without roles.
func (c *checker) policyList(policies []config.RoleAssignmentPolicy) {
	for i := range policies {
		p := &policies[i]
		if isTrue(p.Exclusive) && !p.Ensure.IsAbsent() {
			c.exclusiveEmpty(&p.Meta, fmt.Sprintf("role assignment policy %q", p.Name), "roles", len(p.Roles), "role")
		}
	}
}

// exclusiveEmpty warns that an exclusive resource declares an empty set:
// everything in it will be removed.
func (c *checker) exclusiveEmpty(m *config.Meta, what, field string, n int, item string) {
	if n > 0 {
		return
	}
	c.diags.warnf(m.KeyPos("exclusive"), CodeExclusiveEmpty,
		"%s is exclusive but declares no %s: every %s it has will be removed", what, field, item)
}

// echoSettings reports on-premises members whose echo setting two groups
// declare differently: EchoGroupMessageBackToSubscribedSender belongs to the
// user, not the group, so the runs would undo each other.
func (c *checker) echoSettings() {
	dir := directoryOf(c.cfg)
	type setBy struct {
		g    *config.UnifiedGroup
		echo bool
	}
	first := map[string]setBy{}
	groups := c.cfg.ExchangeOnline.Groups
	for i := range groups {
		g := &groups[i]
		if g.EchoToOnPremisesMembers == nil {
			continue
		}
		echo := *g.EchoToOnPremisesMembers
		var against []*config.UnifiedGroup
		shared := map[*config.UnifiedGroup][]string{}
		seen := map[string]bool{}
		for _, m := range append(append([]config.Identity{}, g.Members...), g.Owners...) {
			k := fold(m)
			if seen[k] || !dir.onPremises(m) {
				continue
			}
			seen[k] = true
			prev, ok := first[k]
			switch {
			case !ok:
				first[k] = setBy{g, echo}
			case prev.echo != echo:
				if shared[prev.g] == nil {
					against = append(against, prev.g)
				}
				shared[prev.g] = append(shared[prev.g], string(m))
			}
		}
		for _, prev := range against {
			c.diags.errorf(g.ValuePos("echoToOnPremisesMembers"), CodeEchoConflict,
				"group %q sets echoToOnPremisesMembers: %t, but group %q (at %s) sets %t and shares the on-premises member(s) %s: the setting belongs to each user's mail user, not to the group, so declare the same value in both groups",
				g.Name, echo, prev.Name, firstAt(prev.ValuePos("echoToOnPremisesMembers"), g.ValuePos("echoToOnPremisesMembers")), !echo, strings.Join(shared[prev], ", "))
		}
	}
}

// distinct counts the accounts a list of identities could name, as the
// engine resolves them: by name, alias, SMTP address, user principal name,
// DOMAIN\account or distinguished name. Without the directory the
// compiler cannot tell which of these forms belong to one account, so it
// counts each account stem once (accountStem): EXO1 and
// exo1@contoso.com are one member, as they are one account when EXO1's
// address is exo1@contoso.com. Two members are counted as two accounts
// only when they cannot be one.
func distinct(ids []config.Identity) int {
	seen := map[string]bool{}
	for _, id := range ids {
		seen[accountStem(string(id))] = true
	}
	return len(seen)
}

// accountStem is the part of an identity that names the account itself,
// folded (foldIdentity): the local part of an address or user principal
// name, the account of DOMAIN\account, the first value of a distinguished
// name (CN=EXO1,OU=...), else the whole name or alias.
func accountStem(id string) string {
	s := strings.TrimSpace(id)
	if k, v, ok := strings.Cut(s, "="); ok && k != "" && !strings.ContainsAny(k, " ,@\\") {
		v, _, _ = strings.Cut(v, ",")
		return foldIdentity(strings.TrimSpace(v))
	}
	if at := strings.LastIndexByte(s, '@'); at > 0 {
		s = s[:at]
	}
	if slash := strings.LastIndexByte(s, '\\'); slash >= 0 {
		s = s[slash+1:]
	}
	return foldIdentity(strings.TrimSpace(s))
}

func isTrue(b *bool) bool { return b != nil && *b }
