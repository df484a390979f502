package statediff

import (
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// The engine finds a Microsoft 365 group by its declared primary SMTP
// address among every SMTP address of every group (Sync-HybridcUnifiedGroup),
// so a group's address is its identity: a new address may be another
// group. When the group that has the new address is the same group (the
// new address was one of its other addresses), the script makes it the
// primary address. When it is another group, the script takes it over: it
// renames it to the declared name, sets its settings and, when exclusive,
// replaces its members and owners. When no group has it, the script
// creates a new, empty group. The group at the old address is then no
// longer managed. Plans say so.

// addressChanges are, by the key of a group resource the new version adds,
// the address the old version gave a group of the same kind and name that
// the new version no longer declares: a change of address.
func addressChanges(old, new *model.ScriptSchedule) map[model.ResourceKey]string {
	declared := map[model.ResourceKey]bool{}
	byName := map[model.ResourceKey]*model.Resource{}
	for _, r := range new.Resources {
		declared[r.Key()] = true
		if r.Kind == model.KindUnifiedGroup && !r.Absent {
			byName[r.RefKey()] = r
		}
	}
	out := map[model.ResourceKey]string{}
	for _, r := range old.Resources {
		g := model.GroupSpec(r)
		if r.Kind != model.KindUnifiedGroup || g == nil || declared[r.Key()] {
			continue
		}
		if n := byName[r.RefKey()]; n != nil {
			out[n.Key()] = string(g.PrimarySmtpAddress)
		}
	}
	return out
}

// takeoverWarning is what a plan says about a group whose address changed
// from old: the script may manage another group, or create one.
func takeoverWarning(r *model.Resource, old string) string {
	addr := string(model.GroupSpec(r).PrimarySmtpAddress)
	return "address changed from " + old + ": if " + addr + " is one of the other addresses of the group " + old +
		", the script makes it that group's primary address; if another group has it, the script takes that group over (renames it, sets its settings" +
		exclusiveTakeover(r) + ") and the group " + old + " is no longer managed; if no group has it, the script creates a new, empty group " + addr +
		", while the mail, files and Teams stay with the group " + old + ", which is no longer managed"
}

// takeoverRemoves reports whether taking a group over removes its members
// and owners: when the group is exclusive.
func takeoverRemoves(r *model.Resource) bool {
	g := model.GroupSpec(r)
	return g != nil && pstext.IsTrue(g.Exclusive)
}

// exclusiveTakeover is what a takeover also replaces when the group is
// exclusive.
func exclusiveTakeover(r *model.Resource) string {
	if pstext.IsTrue(model.GroupSpec(r).Exclusive) {
		return ", replaces its members and owners"
	}
	return ", adds the declared members and owners"
}

// stateTakeoverWarning is what plan --state says about a group the
// script finds by its address under another display name: it takes that
// group over and renames it.
func stateTakeoverWarning(r *model.Resource, displayName string) string {
	return "takes over the existing group '" + displayName + "' that has the address " + string(model.GroupSpec(r).PrimarySmtpAddress) +
		": renames it to '" + r.Name + "', sets its settings" + exclusiveTakeover(r)
}

// joinWarnings joins the non-empty warnings of a resource.
func joinWarnings(ws ...string) string {
	out := ""
	for _, w := range ws {
		switch {
		case w == "":
		case out == "":
			out = w
		default:
			out += "; " + w
		}
	}
	return out
}
