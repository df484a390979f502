package statediff

import (
	"cmp"
	"slices"
	"strings"

	"github.com/hybridc/hybridc/compiler/model"
)

// Change is what changes between two plans of a configuration (an old and a
// new version of the YAML), script by script: what hybridc would now
// create, remove and update, and what it no longer manages. Diff computes
// it; hybridc plan prints it.
type Change struct {
	// Scripts are the scripts either version produces: onprem.ps1 first,
	// then online.ps1, then the partners' scripts by name.
	Scripts []*ScriptChange
}

// ScriptStatus summarizes how one script changes.
type ScriptStatus string

// Script statuses.
const (
	// ScriptAdded: the new version produces the script, the old one did not.
	ScriptAdded ScriptStatus = "added"
	// ScriptChanged: both produce it, and something in it changes.
	ScriptChanged ScriptStatus = "changed"
	// ScriptUnchanged: both produce it, and nothing in it changes.
	ScriptUnchanged ScriptStatus = "unchanged"
	// ScriptUnmanaged: the old version produced the script, the new one
	// does not (a partner deleted from the YAML); its resources are no
	// longer managed.
	ScriptUnmanaged ScriptStatus = "unmanaged"
	// ScriptNotRead: plan --state was given no state of the script's
	// organization, so nothing in it was compared. It is no change.
	ScriptNotRead ScriptStatus = "notRead"
)

// ScriptChange is how the resources of one script, in one organization,
// change. Each list is sorted by kind and name, so that reordering the YAML
// changes nothing.
type ScriptChange struct {
	// File is the script's name (onprem.ps1, online.ps1, partner-<domain>.ps1).
	File string
	// Organization is the organization or tenant the script configures, as
	// the new version names it (the old one's for ScriptUnmanaged).
	Organization string
	// PreviousOrganization is the organization the old version named, when
	// it differs (case-insensitively) from Organization; otherwise "".
	PreviousOrganization string
	// Title describes the organization, for people.
	Title string
	// Status says whether the script is new, no longer produced, changed
	// or unchanged.
	Status ScriptStatus
	// Added are resources the new version makes present that the old one
	// did not declare, or declared absent.
	Added []*ResourceChange
	// Removed are resources the new version declares absent (ensure:
	// absent) that the old one declared present or did not declare: the
	// script now removes them.
	Removed []*ResourceChange
	// Changed are resources present in both versions whose managed
	// properties differ.
	Changed []*ResourceChange
	// Unmanaged are resources the old version declared and the new one no
	// longer does. hybridc never removes what the YAML does not declare:
	// they stay as they are in the organization, unmanaged.
	Unmanaged []*ResourceChange
	// Unchanged counts the resources declared the same way in both.
	Unchanged int
}

// ResourceChange is one resource that is added, removed, changed or no
// longer managed.
type ResourceChange struct {
	// ID is kind/name as the new version writes it (the old one's when the
	// resource is no longer declared).
	ID string
	// Old and New are the resource in each version; nil where it is not
	// declared.
	Old, New *model.Resource
	// Properties are the managed properties that differ, for a changed
	// resource: first in the order the new version lists them, then those
	// only the old version manages.
	Properties []PropertyChange
	// Warning, for an added or changed resource, says that its script
	// removes things (an exclusive set: what is not listed; unsubscribed
	// members) or manages another object than before (a group's changed
	// address). Empty otherwise.
	Warning string
	// Removes says that the script removes something the warning names;
	// a warning without it is a note (plans label them apart).
	Removes bool
}

// PropertyChange is one managed property whose declared value differs.
// Values are compared as the scripts compare them: lists compared as sets
// as sets of strings, and other values as strings, case-insensitively; URLs
// also without a trailing slash. A value that differs only in letter case is
// no change.
type PropertyChange struct {
	// Name is the cmdlet parameter, as the kind's field declares it.
	Name string
	// Old and New are the declared values: a string, a bool or a []string;
	// nil when that version does not manage the property. For a set
	// managed in both versions, they are the whole sets.
	Old, New any
	// Set is true when the property is a list compared as a set and managed
	// in both versions; Added and Removed then list the items that differ,
	// sorted case-insensitively.
	Set            bool
	Added, Removed []string
}

// Counts are the numbers of resources in each state.
type Counts struct {
	Added, Removed, Changed, Unmanaged, Unchanged int
}

// Counts adds up the resources of every script.
func (c *Change) Counts() Counts {
	var n Counts
	for _, s := range c.Scripts {
		n.Added += len(s.Added)
		n.Removed += len(s.Removed)
		n.Changed += len(s.Changed)
		n.Unmanaged += len(s.Unmanaged)
		n.Unchanged += s.Unchanged
	}
	return n
}

// HasChanges reports whether anything changes: a resource added, removed,
// changed or no longer managed, or a script that targets another
// organization.
func (c *Change) HasChanges() bool {
	for _, s := range c.Scripts {
		if s.Status != ScriptUnchanged && s.Status != ScriptNotRead {
			return true
		}
	}
	return false
}

// Diff compares the plans of two versions of a configuration. Resources are
// matched by script, kind and name (case-insensitively, as Exchange matches
// names), so moving declarations around changes nothing. A nil plan is an
// empty one: Diff(nil, p) adds everything p declares.
func Diff(old, new *model.Schedule) *Change {
	if old == nil {
		old = &model.Schedule{}
	}
	if new == nil {
		new = &model.Schedule{}
	}
	oldScripts := map[string]*model.ScriptSchedule{}
	for _, sp := range old.Scripts {
		oldScripts[sp.Target.File] = sp
	}
	ch := &Change{}
	seen := map[string]bool{}
	for _, sp := range new.Scripts {
		seen[sp.Target.File] = true
		ch.Scripts = append(ch.Scripts, diffScript(oldScripts[sp.Target.File], sp))
	}
	for _, sp := range old.Scripts {
		if !seen[sp.Target.File] {
			ch.Scripts = append(ch.Scripts, diffScript(sp, nil))
		}
	}
	slices.SortFunc(ch.Scripts, func(a, b *ScriptChange) int {
		return cmp.Or(cmp.Compare(scriptRank(a.File), scriptRank(b.File)), cmp.Compare(a.File, b.File))
	})
	return ch
}

// scriptRank orders scripts: onprem.ps1, online.ps1, then the partners'.
func scriptRank(file string) int {
	switch file {
	case "onprem.ps1":
		return 0
	case "online.ps1":
		return 1
	}
	return 2
}

// diffScript compares one script's resources; old or new is nil when that
// version does not produce the script.
func diffScript(old, new *model.ScriptSchedule) *ScriptChange {
	sc := &ScriptChange{Status: ScriptUnchanged}
	switch {
	case new == nil:
		sc.File, sc.Organization, sc.Title, sc.Status = old.Target.File, old.Target.Organization, old.Target.Title, ScriptUnmanaged
		new = &model.ScriptSchedule{}
	case old == nil:
		sc.File, sc.Organization, sc.Title, sc.Status = new.Target.File, new.Target.Organization, new.Target.Title, ScriptAdded
		old = &model.ScriptSchedule{}
	default:
		sc.File, sc.Organization, sc.Title = new.Target.File, new.Target.Organization, new.Target.Title
		if !strings.EqualFold(old.Target.Organization, new.Target.Organization) {
			sc.PreviousOrganization = old.Target.Organization
		}
	}
	before := map[model.ResourceKey]*model.Resource{}
	for _, r := range old.Resources {
		before[r.Key()] = r
	}
	declared := map[model.ResourceKey]bool{}
	for _, r := range new.Resources {
		declared[r.Key()] = true
		prev := before[r.Key()]
		rc := &ResourceChange{ID: r.PlanID(), Old: prev, New: r}
		switch {
		case r.Absent && (prev == nil || !prev.Absent):
			sc.Removed = append(sc.Removed, rc)
		case r.Absent:
			sc.Unchanged++
		case prev == nil || prev.Absent:
			sc.Added = append(sc.Added, rc)
		default:
			if rc.Properties = diffProperties(prev.PlanProperties(), r.PlanProperties()); len(rc.Properties) > 0 {
				sc.Changed = append(sc.Changed, rc)
			} else {
				sc.Unchanged++
			}
		}
	}
	moved := addressChanges(old, new)
	for _, list := range [][]*ResourceChange{sc.Added, sc.Changed} {
		for _, rc := range list {
			rc.Warning = model.RemovalWarning(rc.New)
			rc.Removes = rc.Warning != ""
			rc.Warning = joinWarnings(rc.Warning, writebackWarning(rc.Old, rc.New))
			if rc.Old == nil || rc.Old.Absent {
				rc.Warning = joinWarnings(rc.Warning, adoptionWarning(rc.New))
			}
			if from, ok := moved[rc.New.Key()]; ok {
				rc.Warning = joinWarnings(takeoverWarning(rc.New, from), rc.Warning)
				rc.Removes = rc.Removes || takeoverRemoves(rc.New)
			}
		}
	}
	for _, r := range old.Resources {
		if !declared[r.Key()] {
			sc.Unmanaged = append(sc.Unmanaged, &ResourceChange{ID: r.PlanID(), Old: r})
		}
	}
	for _, list := range [][]*ResourceChange{sc.Added, sc.Removed, sc.Changed, sc.Unmanaged} {
		slices.SortFunc(list, compareResourceChanges)
	}
	changed := len(sc.Added)+len(sc.Removed)+len(sc.Changed)+len(sc.Unmanaged) > 0 || sc.PreviousOrganization != ""
	if sc.Status == ScriptUnchanged && changed {
		sc.Status = ScriptChanged
	}
	return sc
}

// compareResourceChanges orders resources by kind, then name ignoring case.
func compareResourceChanges(a, b *ResourceChange) int {
	ra, rb := a.resource(), b.resource()
	return cmp.Or(
		cmp.Compare(ra.Kind, rb.Kind),
		cmp.Compare(strings.ToLower(ra.Name), strings.ToLower(rb.Name)),
		cmp.Compare(ra.Name, rb.Name),
	)
}

// resource is the new version of the resource, or the old one when it is
// no longer declared.
func (rc *ResourceChange) resource() *model.Resource {
	if rc.New != nil {
		return rc.New
	}
	return rc.Old
}

// diffProperties lists the properties whose declared values differ.
func diffProperties(old, new []model.Property) []PropertyChange {
	before := map[string]model.Property{}
	for _, p := range old {
		before[p.Name] = p
	}
	var out []PropertyChange
	managed := map[string]bool{}
	for _, p := range new {
		managed[p.Name] = true
		prev, ok := before[p.Name]
		switch {
		case !ok:
			out = append(out, PropertyChange{Name: p.Name, New: p.Value})
		case isSet(prev) && isSet(p):
			oldItems, newItems := prev.Value.([]string), p.Value.([]string)
			added, removed := setDifference(newItems, oldItems), setDifference(oldItems, newItems)
			if p.Additive {
				removed = nil // the scripts leave such items in place
			}
			if len(added)+len(removed) > 0 {
				out = append(out, PropertyChange{Name: p.Name, Old: prev.Value, New: p.Value, Set: true, Added: added, Removed: removed})
			}
		case !sameValue(prev.Value, p.Value, p.Compare):
			out = append(out, PropertyChange{Name: p.Name, Old: prev.Value, New: p.Value})
		}
	}
	for _, p := range old {
		if !managed[p.Name] {
			out = append(out, PropertyChange{Name: p.Name, Old: p.Value})
		}
	}
	return out
}

// isSet reports whether a property is a list that scripts compare as a set
// (CompareSet, or any other comparison of lists but the plain one, which
// compares the items in order).
func isSet(p model.Property) bool {
	_, list := p.Value.([]string)
	return list && p.Compare != model.CompareValue && p.Compare != model.CompareURI
}

// setDifference returns the items of a that b lacks, compared
// case-insensitively, each once, sorted case-insensitively.
func setDifference(a, b []string) []string {
	in := map[string]bool{}
	for _, s := range b {
		in[strings.ToLower(s)] = true
	}
	var out []string
	for _, s := range a {
		if k := strings.ToLower(s); !in[k] {
			in[k] = true
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(x, y string) int {
		return cmp.Or(cmp.Compare(strings.ToLower(x), strings.ToLower(y)), cmp.Compare(x, y))
	})
	return out
}

// sameValue compares two declared values as a script compares the current
// value with the declared one: as strings, case-insensitively (a list as
// its items joined by spaces, as PowerShell converts it), and URLs without
// a trailing slash.
func sameValue(a, b any, compare string) bool {
	x, y := psText(a), psText(b)
	if compare == model.CompareURI {
		x, y = strings.TrimRight(x, "/"), strings.TrimRight(y, "/")
	}
	return strings.EqualFold(x, y)
}

// psText is a declared value as PowerShell's [string] conversion gives it.
func psText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case bool:
		if v {
			return "True"
		}
		return "False"
	case []string:
		return strings.Join(v, " ")
	}
	return ""
}
