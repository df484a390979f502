package statediff

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/state"

	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// wanted resolves declared names to Guids (lower case), keeping the
// declared name of each; names that resolve to no single object are
// warned about and left out.
func (c *stateComparer) wanted(r *model.Resource, names []string) (map[string]string, []string) {
	out := make(map[string]string, len(names))
	var order []string
	for _, n := range names {
		if m := c.resolve(r, n); m != nil {
			g := strings.ToLower(m.Guid)
			if _, dup := out[g]; !dup {
				order = append(order, g)
			}
			out[g] = n
		}
	}
	return out, order
}

// unresolvedKey prefixes the key of a current link the state's recipients
// do not resolve: it is keyed by the value the state holds.
const unresolvedKey = "?"

// currentLinks are the objects a state's list of links names, keyed by
// lower-case Guid where the state's recipients resolve the entry, else by
// unresolvedKey and the value as the state holds it (folded). Each has
// its label for plans (see label). Unresolved entries count: the engine
// removes every current member Guid that is not declared, whether or not
// this state's recipients hold it.
func (c *stateComparer) currentLinks(values []string) map[string]string {
	out := make(map[string]string, len(values))
	for _, v := range values {
		switch r := c.recipients.Find(v); {
		case r != nil:
			g := strings.ToLower(r.Guid)
			out[g] = c.label(g)
		case v != "":
			out[unresolvedKey+strings.ToLower(v)] = "unresolved: " + v
		}
	}
	return out
}

// linkChange is a set property change of links: the declared names to add
// and the current objects to remove (keys of have), named by their labels.
func (c *stateComparer) linkChange(name string, wanted map[string]string, order []string, have map[string]string, remove []string, current []string, declared []string) []PropertyChange {
	var added, removed []string
	for _, g := range order {
		if _, ok := have[g]; !ok {
			added = append(added, wanted[g])
		}
	}
	for _, g := range remove {
		removed = append(removed, have[g])
	}
	if len(added)+len(removed) == 0 {
		return nil
	}
	return []PropertyChange{{Name: name, Old: current, New: declared, Set: true,
		Added: setDifference(added, nil), Removed: setDifference(removed, nil)}}
}

// label names an object of the state for people: its primary SMTP
// address, else its name, else its Guid.
func (c *stateComparer) label(guid string) string {
	if r := c.recipients.Find(guid); r != nil {
		for _, s := range []string{r.PrimarySmtpAddress, r.Name} {
			if s != "" {
				return s
			}
		}
	}
	return guid
}

// extras are the keys of have that are not wanted, except those keep
// holds, sorted: resolved and unresolved entries alike.
func extras(have map[string]string, wanted map[string]string, keep func(string) bool) []string {
	var out []string
	for g := range have {
		if _, ok := wanted[g]; !ok && (keep == nil || !keep(g)) {
			out = append(out, g)
		}
	}
	return setDifference(out, nil)
}

// groupLinks compares a group's members, owners or unsubscribed members
// (Sync-HybridcGroupLinks): members and owners added, extras removed only
// when exclusive (every current owner kept among the members: Exchange
// Online refuses to remove an owner from the members, so the owners step
// removes an undeclared owner from the owners, then from the members);
// unsubscribed members removed from the subscribers. A group still to be
// created has no subscribers: hybridc never passes
// -AutoSubscribeNewMembers to New-UnifiedGroup.
func (c *stateComparer) groupLinks(r *model.Resource) (ScriptStatus, []PropertyChange) {
	g := r.Spec.(*config.UnifiedGroup)
	links := r.Properties()[0]
	declared := links.Value.([]string)
	wanted, order := c.wanted(r, declared)
	group := c.recipients.Group(string(g.PrimarySmtpAddress))
	if group == nil {
		if len(declared) == 0 || r.Kind == model.KindGroupSubscribers {
			return ScriptUnchanged, nil
		}
		return ScriptChanged, []PropertyChange{{Name: "Links", New: declared, Set: true, Added: setDifference(declared, nil)}}
	}
	var current []string
	switch r.Kind {
	case model.KindGroupMembers:
		current = group.Members
	case model.KindGroupOwners:
		current = group.Owners
	default:
		current = group.Subscribers
	}
	have := c.currentLinks(current)
	if r.Kind == model.KindGroupSubscribers {
		var unsubscribe []string
		for _, g := range order {
			if _, ok := have[g]; ok {
				unsubscribe = append(unsubscribe, wanted[g])
			}
		}
		if len(unsubscribe) == 0 {
			return ScriptUnchanged, nil
		}
		return ScriptChanged, []PropertyChange{{Name: "Subscribers", Old: current, Set: true, Removed: setDifference(unsubscribe, nil)}}
	}
	var remove []string
	var out []PropertyChange
	if !links.Additive {
		owners := c.currentLinks(group.Owners)
		keep := func(g string) bool {
			_, owner := owners[g]
			return r.Kind == model.KindGroupMembers && owner
		}
		remove = extras(have, wanted, keep)
		if r.Kind == model.KindGroupOwners {
			out = c.ownersUnmember(g, group, wanted, have, remove)
		}
	}
	return status(append(c.linkChange(linkName(r.Kind), wanted, order, have, remove, current, declared), out...))
}

// ownersUnmember is the members change of an exclusive group's owners
// step: the owners it removes who are current members but not declared
// ones (the members step kept them) leave the members too, in the same
// step. Nothing when the owners step refuses to leave the group without
// owners.
func (c *stateComparer) ownersUnmember(spec *config.UnifiedGroup, group *state.UnifiedGroup, wanted map[string]string, have map[string]string, remove []string) []PropertyChange {
	added := 0
	for g := range wanted {
		if _, ok := have[g]; !ok {
			added++
		}
	}
	if len(remove) == 0 || len(have)+added-len(remove) < 1 {
		return nil
	}
	declared := map[string]bool{}
	for _, n := range append(model.Texts(spec.Members), model.Texts(spec.Owners)...) {
		if m := c.recipients.Find(n); m != nil {
			declared[strings.ToLower(m.Guid)] = true
		}
	}
	members := c.currentLinks(group.Members)
	var unmember []string
	for _, g := range remove {
		if _, member := members[g]; member && !declared[g] {
			unmember = append(unmember, have[g])
		}
	}
	if len(unmember) == 0 {
		return nil
	}
	return []PropertyChange{{Name: "Members", Old: group.Members, Set: true, Removed: setDifference(unmember, nil)}}
}

// linkName is the link type of a group links kind, as plans name it.
func linkName(kind string) string {
	if kind == model.KindGroupOwners {
		return "Owners"
	}
	return "Members"
}

// roleGroup compares a role group's members (as security principals) and
// roles (Sync-HybridcRoleGroup): both added; with exclusive, extra members
// removed (never a group from a built-in role group) and extra roles
// unassigned (never from a built-in one).
func (c *stateComparer) roleGroup(r *model.Resource) (ScriptStatus, []PropertyChange) {
	var current *state.RoleGroup
	for i := range c.recipients.St.RoleGroups {
		if model.SameIdentity(c.recipients.St.RoleGroups[i].Name, r.Name) {
			current = &c.recipients.St.RoleGroups[i]
		}
	}
	if current == nil || r.Absent {
		return presence(r, current != nil), nil
	}
	builtIn := model.BuiltInRoleGroup(r.Name, r.Target.Online)
	var out []PropertyChange
	for _, p := range r.Properties() {
		declared := p.Value.([]string)
		if p.Name == "Roles" {
			ps := c.compareProperties(r, []model.Property{{Name: "Roles", Value: declared, Compare: model.CompareSet, Additive: p.Additive || builtIn}}, func(string) any { return current.Roles })
			out = append(out, ps...)
			continue
		}
		wanted, order := c.wanted(r, declared)
		have := c.currentLinks(current.Members)
		var remove []string
		if !p.Additive {
			remove = extras(have, wanted, func(g string) bool {
				m := c.recipients.Find(g)
				return builtIn && m != nil && strings.Contains(*kinds.RecipientType(m)+" "+m.Identity, "Group")
			})
		}
		out = append(out, c.linkChange("Members", wanted, order, have, remove, current.Members, declared)...)
	}
	return status(out)
}

// policy compares a role assignment policy's roles.
func (c *stateComparer) policy(r *model.Resource) (ScriptStatus, []PropertyChange) {
	for i := range c.recipients.St.RoleAssignmentPolicies {
		p := &c.recipients.St.RoleAssignmentPolicies[i]
		if model.SameIdentity(p.Name, r.Name) {
			if r.Absent {
				return scriptRemoved, nil
			}
			return status(c.compareProperties(r, r.Properties(), func(string) any { return p.AssignedRoles }))
		}
	}
	return presence(r, false), nil
}

// Permission compares one delegated permission (Sync-Hybridc*Permission):
// granted when a non-inherited, non-Deny entry of the mailbox gives the
// right to the trustee.
func (c *stateComparer) Permission(r *model.Resource) (ScriptStatus, []PropertyChange) {
	p := r.Spec.(*config.Permission)
	mailbox, trustee := c.resolve(r, string(p.Mailbox)), c.resolve(r, string(p.Trustee))
	if mailbox == nil || trustee == nil {
		return presence(r, false), nil
	}
	want := strings.ToLower(trustee.Guid)
	granted := false
	var current *state.Permission
	switch r.Kind {
	case model.KindSendOnBehalf:
		have, _ := c.recipients.Guids(*kinds.Delegates(mailbox))
		granted = have[want]
	default:
		access := stateAccess(r.Kind)
		for _, i := range c.recipients.PermissionsOf(strings.ToLower(mailbox.Guid)) {
			e := &c.recipients.St.Permissions[i]
			if e.Access != access || e.Deny || e.IsInherited || (access == state.Folder && !model.SameIdentity(e.Folder, p.Folder)) {
				continue
			}
			if access == state.FullAccess && !pstext.ContainsFold(*kinds.Rights(e), "FullAccess") {
				continue
			}
			if u := c.recipients.EntryUser(i); u != nil && strings.ToLower(u.Guid) == want {
				granted, current = true, e
			}
		}
	}
	if r.Kind != model.KindFolderPermission || r.Absent || !granted {
		return presence(r, granted), nil
	}
	return status(c.compareProperties(r, r.Properties(), func(string) any { return *kinds.Rights(current) }))
}

// stateAccess is the access of the state's permission entries of a kind
// of permission resource.
func stateAccess(kind string) string {
	switch kind {
	case model.KindFullAccess:
		return state.FullAccess
	case model.KindSendAs:
		return state.SendAs
	case model.KindFolderPermission:
		return state.Folder
	}
	return ""
}
