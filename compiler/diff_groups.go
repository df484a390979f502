package compiler

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
func addressChanges(old, new *ScriptPlan) map[ResourceKey]string {
	declared := map[ResourceKey]bool{}
	byName := map[ResourceKey]*Resource{}
	for _, r := range new.Resources {
		declared[r.key()] = true
		if r.Kind == KindUnifiedGroup && !r.Absent {
			byName[r.refKey()] = r
		}
	}
	out := map[ResourceKey]string{}
	for _, r := range old.Resources {
		g := groupSpec(r)
		if r.Kind != KindUnifiedGroup || g == nil || declared[r.key()] {
			continue
		}
		if n := byName[r.refKey()]; n != nil {
			out[n.key()] = string(g.PrimarySmtpAddress)
		}
	}
	return out
}

// takeoverWarning is what a plan says about a group whose address changed
// from old: the script may manage another group, or create one.
func takeoverWarning(r *Resource, old string) string {
	addr := string(groupSpec(r).PrimarySmtpAddress)
	return "address changed from " + old + ": if " + addr + " is one of the other addresses of the group " + old +
		", the script makes it that group's primary address; if another group has it, the script takes that group over (renames it, sets its settings" +
		exclusiveTakeover(r) + ") and the group " + old + " is no longer managed; if no group has it, the script creates a new, empty group " + addr +
		", while the mail, files and Teams stay with the group " + old + ", which is no longer managed"
}

// takeoverRemoves reports whether taking a group over removes its members
// and owners: when the group is exclusive.
func takeoverRemoves(r *Resource) bool {
	g := groupSpec(r)
	return g != nil && isTrue(g.Exclusive)
}

// exclusiveTakeover is what a takeover also replaces when the group is
// exclusive.
func exclusiveTakeover(r *Resource) string {
	if isTrue(groupSpec(r).Exclusive) {
		return ", replaces its members and owners"
	}
	return ", adds the declared members and owners"
}

// stateTakeoverWarning is what plan --state says about a group the
// script finds by its address under another display name: it takes that
// group over and renames it.
func stateTakeoverWarning(r *Resource, displayName string) string {
	return "takes over the existing group '" + displayName + "' that has the address " + string(groupSpec(r).PrimarySmtpAddress) +
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
