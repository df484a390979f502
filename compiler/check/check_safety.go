package check

import (
	"fmt"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
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
		if pstext.IsTrue(g.Exclusive) {
			c.exclusiveEmpty(&g.Meta, fmt.Sprintf("group %q", g.Name), "members", len(g.Members), "member")
			if len(g.Owners) == 0 {
				// Exchange Online keeps at least one owner: the engine
				// refuses to remove the last one (Sync-HybridcGroupLinks).
				c.diags.Warnf(g.KeyPos("exclusive"), diag.CodeExclusiveEmpty,
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
		exclusive := pstext.IsTrue(g.Exclusive)
		what := fmt.Sprintf("role group %q", g.Name)
		if !model.BuiltInRoleGroup(string(g.Name), online) {
			if exclusive && !g.Ensure.IsAbsent() {
				c.exclusiveEmpty(&g.Meta, what, "members", len(g.Members), "member")
				c.exclusiveEmpty(&g.Meta, what, "roles", len(g.Roles), "role")
			}
			continue
		}
		if g.Ensure.IsAbsent() {
			c.diags.Errorf(g.ValuePos("ensure"), diag.CodeBuiltInRoleGroup,
				"%s is built in and holds administrators' own rights: it cannot be declared absent", what)
			continue
		}
		if !exclusive {
			continue
		}
		if len(g.Roles) > 0 {
			c.diags.Errorf(g.KeyPos("roles"), diag.CodeBuiltInRoleGroup,
				"%s is built in: exclusive: true replaces its members only, never its roles; leave roles out (declared roles are only added without exclusive)", what)
		}
		if !twoAccounts(g.Members) {
			declared := fmt.Sprintf("it declares %d member(s)", len(g.Members))
			if len(g.Members) > 1 {
				declared = fmt.Sprintf("its %d declared members may all be one account (EXO1, exo1@contoso.com and CONTOSO\\EXO1 can be)", len(g.Members))
			}
			c.diags.Errorf(g.KeyPos("exclusive"), diag.CodeBuiltInRoleGroup,
				"%s is built in and exclusive: true removes every member not listed, and %s: add another administrator's account, so that one lost or disabled account cannot lock every administrator out", what, declared)
		}
	}
}

// policyList warns about exclusive role assignment policies without roles.
func (c *checker) policyList(policies []config.RoleAssignmentPolicy) {
	for i := range policies {
		p := &policies[i]
		if pstext.IsTrue(p.Exclusive) && !p.Ensure.IsAbsent() {
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
	c.diags.Warnf(m.KeyPos("exclusive"), diag.CodeExclusiveEmpty,
		"%s is exclusive but declares no %s: every %s it has will be removed", what, field, item)
}

// echoSettings reports on-premises members whose echo setting two groups
// declare differently: EchoGroupMessageBackToSubscribedSender belongs to the
// user, not the group, so the runs would undo each other.
func (c *checker) echoSettings() {
	declared := c.declaredIndex()
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
			k := model.Fold(m)
			if seen[k] || !declared.OnPremises(m) {
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
			c.diags.Errorf(g.ValuePos("echoToOnPremisesMembers"), diag.CodeEchoConflict,
				"group %q sets echoToOnPremisesMembers: %t, but group %q sets %t and shares the on-premises member(s) %s: the setting belongs to each user's mail user, not to the group, so declare the same value in both groups",
				g.Name, echo, prev.Name, !echo, strings.Join(shared[prev], ", "))
			c.diags.Relate(prev.ValuePos("echoToOnPremisesMembers"), fmt.Sprintf("group %q sets %t here", prev.Name, !echo))
		}
	}
}

// twoAccounts reports whether a list of identities names at least two
// accounts that cannot be one, as the engine resolves them: by name,
// alias, SMTP address, user principal name, DOMAIN\account or
// distinguished name. Without the directory the compiler cannot tell which
// forms belong to one account, so two members count as two accounts only
// when they cannot be one (mayBeOneAccount): EXO1 and exo1@contoso.com may
// be one; admin@contoso.com and admin@fabrikam.com are two. The engine
// counts the accounts they resolve to at run time.
func twoAccounts(ids []config.Identity) bool {
	forms := make([]accountForm, len(ids))
	for i, id := range ids {
		forms[i] = parseAccount(string(id))
	}
	for i := range forms {
		for j := i + 1; j < len(forms); j++ {
			if !mayBeOneAccount(forms[i], forms[j]) {
				return true
			}
		}
	}
	return false
}

// accountForm is an identity as HC0331 compares it: its form, the whole
// identity folded (foldIdentity) and the part that names the account
// itself (the local part of an address or user principal name, the
// account of DOMAIN\account, the CN of a distinguished name, or the whole
// name or alias), folded.
type accountForm struct {
	form        byte // '@' address, '\\' DOMAIN\account, '=' DN, 0 name or alias
	whole, stem string
}

// parseAccount is an identity's accountForm.
func parseAccount(id string) accountForm {
	s := strings.TrimSpace(id)
	f := accountForm{whole: model.FoldIdentity(s), stem: model.FoldIdentity(s)}
	if k, v, ok := strings.Cut(s, "="); ok && k != "" && !strings.ContainsAny(k, " ,@\\") {
		v, _, _ = strings.Cut(v, ",")
		f.form, f.stem = '=', model.FoldIdentity(strings.TrimSpace(v))
	} else if at := strings.LastIndexByte(s, '@'); at > 0 {
		f.form, f.stem = '@', model.FoldIdentity(s[:at])
	} else if slash := strings.LastIndexByte(s, '\\'); slash >= 0 {
		f.form, f.stem = '\\', model.FoldIdentity(s[slash+1:])
	}
	return f
}

// mayBeOneAccount reports whether two identities may name one account:
// two of one form (two addresses, two DOMAIN\account, two distinguished
// names) when they are equal, ignoring case; a name or alias when it is
// the other's account part (X and X@any domain, DOMAIN\X, CN=X,...).
// Two different forms other than a name (an address and a
// DOMAIN\account) are taken for two accounts: the run-time check counts
// what they resolve to.
func mayBeOneAccount(a, b accountForm) bool {
	switch {
	case a.form == b.form:
		return a.whole == b.whole
	case a.form == 0:
		return a.whole == b.stem
	case b.form == 0:
		return b.whole == a.stem
	}
	return false
}
