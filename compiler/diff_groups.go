package compiler

// The engine finds a Microsoft 365 group by its primary SMTP address
// (Sync-HybridcUnifiedGroup), so a group's address is its identity: a new
// address is another group. The script creates a group with that address,
// or takes over the one that has it: it renames it to the declared name,
// sets its settings and, when exclusive, replaces its members and owners.
// The group at the old address is no longer managed. Plans say so.

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
// from old: the script manages another group.
func takeoverWarning(r *Resource, old string) string {
	return "address changed from " + old + ": the script creates the group " + string(groupSpec(r).PrimarySmtpAddress) +
		" or takes over the one that has that address (renames it, sets its settings" + exclusiveTakeover(r) + "); the group " + old + " is no longer managed"
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
