package statediff

import (
	"slices"
	"strings"

	"github.com/hybridc/hybridc/compiler/state"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/statefile"
)

func init() {
	diag.Rules = append(diag.Rules, diag.Rule{Code: diag.CodeStateUnresolved, Name: "state-unresolved",
		Summary: "Warning: plan --state: a declared name resolves to no object, or to several, in the organization the state was read from: the script would fail for that resource."})
}

// DiffState compares the plan of a configuration with the state of the
// organizations it configures, as read by hybridc's export scripts: what
// running the scripts would change there. It applies the scripts' own
// rules: objects found by the same identity forms, properties compared by
// their Compare kind, sets that are not exclusive only added to (never a
// removal), resources declared absent removed when present. A script whose
// organization no state describes is ScriptNotRead, with a warning. The
// diagnostics also warn of every declared name the state does not resolve
// to exactly one object: the script would fail for that resource.
//
// Added and changed resources carry the same removal warning as Diff's
// (an exclusive set, unsubscribed members). Unmanaged is always empty:
// what the organization holds beyond the configuration is left alone by
// the scripts, and not listed.
func DiffState(schedule *model.Schedule, states []*statefile.StateFile) (*Change, diag.Diagnostics) {
	ch := &Change{}
	var diags diag.Diagnostics
	for _, sp := range schedule.Scripts {
		t := sp.Target
		sc := &ScriptChange{File: t.File, Organization: t.Organization, Title: t.Title, Status: ScriptUnchanged}
		sf := stateFor(t, states)
		if sf == nil {
			sc.Status = ScriptNotRead
			what := "no state file describes " + t.Title
			if t.EntraConnect {
				what = "the Entra Connect server's writeback permissions are not Exchange objects: no export reads them"
			}
			if t.EntraApp {
				what = "the dedicated Exchange hybrid application is an Entra ID object: no Exchange export reads it (entra-app.ps1 -Check compares it)"
			}
			diags.Warnf(diag.Pos{File: t.File, Line: 1, Col: 1}, diag.CodeStateMissing, "%s; %s is not compared", what, t.File)
			ch.Scripts = append(ch.Scripts, sc)
			continue
		}
		cmp := &stateComparer{recipients: statefile.NewStateRecipients(sf.State), file: sf.Name, planned: map[model.ResourceKey]bool{}, warnings: map[*model.Resource]string{}, resources: sp.Resources}
		for _, r := range sp.Resources {
			status, props := cmp.compare(r)
			rc := &ResourceChange{ID: r.PlanID(), New: r, Properties: props}
			switch status {
			case ScriptAdded:
				sc.Added = append(sc.Added, rc)
				cmp.planned[r.Key()] = true
			case scriptRemoved:
				sc.Removed = append(sc.Removed, rc)
			case ScriptChanged:
				sc.Changed = append(sc.Changed, rc)
			default:
				sc.Unchanged++
			}
		}
		diags = append(diags, cmp.diags...)
		if d := schedule.Declared; d != nil && d.Cfg != nil {
			diags = append(diags, routingAddresses(t, sf.State, string(d.Cfg.ExchangeOnline.RoutingDomain), sf.Name)...)
		}
		for _, list := range [][]*ResourceChange{sc.Added, sc.Changed} {
			for _, rc := range list {
				removal := model.RemovalWarning(rc.New)
				rc.Warning = joinWarnings(cmp.warnings[rc.New], removal)
				rc.Removes = removal != "" || (cmp.warnings[rc.New] != "" && takeoverRemoves(rc.New))
			}
		}
		for _, list := range [][]*ResourceChange{sc.Added, sc.Removed, sc.Changed} {
			slices.SortFunc(list, compareResourceChanges)
		}
		if len(sc.Added)+len(sc.Removed)+len(sc.Changed) > 0 {
			sc.Status = ScriptChanged
		}
		ch.Scripts = append(ch.Scripts, sc)
	}
	slices.SortStableFunc(ch.Scripts, func(a, b *ScriptChange) int {
		if c := scriptRank(a.File) - scriptRank(b.File); c != 0 {
			return c
		}
		return strings.Compare(a.File, b.File)
	})
	return ch, diags.Sort()
}

// scriptRemoved is compare's status for a resource the script removes.
const scriptRemoved ScriptStatus = "removed"

// stateFor is the state of a script's organization: the same kind, and the
// organization's name (or, online, the tenant) as the script's preflight
// checks it.
func stateFor(t *model.Target, states []*statefile.StateFile) *statefile.StateFile {
	if t.EntraConnect || t.EntraApp {
		return nil
	}
	for _, sf := range states {
		st := sf.State
		if (st.Kind == state.ExchangeOnline) != t.Online {
			continue
		}
		if model.SameIdentity(st.Organization, t.Organization) || model.SameIdentity(st.OrganizationConfig.Name, t.Organization) {
			return sf
		}
	}
	return nil
}

// stateComparer compares the resources of one script with one state.
type stateComparer struct {
	recipients *statefile.StateRecipients
	file       string
	diags      diag.Diagnostics
	// planned are the resources (by key) the script would create, whose
	// dependents report what they would do instead of failing.
	planned map[model.ResourceKey]bool
	// warnings are what the script does to a resource beyond its changes
	// (a group taken over), by resource.
	warnings map[*model.Resource]string
	// current are the state's objects of each state kind, indexed by
	// identity on first use (StateKind.CurrentIndex), by kind.
	current map[string]func(spec any) (func(param string) any, []string)
	// indexes are the state's accepted domains and address spaces by
	// folded identity, built on first use (firstByIdentity), by kind.
	indexes map[string]map[string]int
	// resources are the script's resources, in its order; taken the
	// wizard connectors an earlier resource took over (kind/folded name).
	resources []*model.Resource
	taken     map[string]bool
}

// unresolved warns that a resource's name does not resolve in the state.
func (c *stateComparer) unresolved(r *model.Resource, problem string) {
	pos := r.Pos()
	if pos.IsZero() {
		pos = diag.Pos{File: r.Target.File, Line: 1, Col: 1}
	}
	c.diags.Warnf(pos, diag.CodeStateUnresolved, "%s: %s (state %s): the script would fail for it", r.ID(), problem, c.file)
}

// resolve is the recipient a declared name names, or nil after a warning.
func (c *stateComparer) resolve(r *model.Resource, name string) *state.Recipient {
	i, ok := c.recipients.Lookup(name)
	if problem := statefile.ResolveProblemOf(name, i, ok); problem != "" {
		c.unresolved(r, problem)
		return nil
	}
	return c.recipients.At(i)
}

// presence is the status of a resource that exists or not, with nothing
// else to compare.
func presence(r *model.Resource, exists bool) ScriptStatus {
	switch {
	case r.Absent && exists:
		return scriptRemoved
	case r.Absent, exists:
		return ScriptUnchanged
	}
	return ScriptAdded
}

// compareProperties compares the declared properties with the current
// values have returns (nil: the object has no value), by each property's
// Compare kind, as Get-HybridcDrift does.
func (c *stateComparer) compareProperties(r *model.Resource, ps []model.Property, have func(name string) any) []PropertyChange {
	var out []PropertyChange
	for _, p := range ps {
		current := have(p.Name)
		if isSet(p) {
			want := p.Value.([]string)
			cur := asList(current)
			added, removed := setDifference(want, cur), setDifference(cur, want)
			if p.Additive {
				removed = nil
			}
			if len(added)+len(removed) > 0 {
				out = append(out, PropertyChange{Name: p.Name, Old: current, New: p.Value, Set: true, Added: added, Removed: removed})
			}
			continue
		}
		same := false
		switch p.Compare {
		case model.CompareIdentity:
			if s, ok := current.(string); ok && s != "" {
				want, have := c.recipients.Find(p.Value.(string)), c.recipients.Find(s)
				if want == nil {
					c.resolve(r, p.Value.(string))
				}
				same = want != nil && have != nil && want.Guid == have.Guid
			}
		default:
			same = current != nil && sameValue(current, p.Value, p.Compare)
		}
		if !same {
			out = append(out, PropertyChange{Name: p.Name, Old: current, New: p.Value})
		}
	}
	return out
}

// asList is a current value as a list of strings.
func asList(v any) []string {
	switch v := v.(type) {
	case []string:
		return v
	case string:
		if v != "" {
			return []string{v}
		}
	}
	return nil
}

// boolValue is a state's optional boolean as a current value.
func boolValue(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}

// stringValue is a state's string as a current value (nil when empty).
func stringValue(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// status is changed, with the properties, when properties differ.
func status(props []PropertyChange) (ScriptStatus, []PropertyChange) {
	if len(props) > 0 {
		return ScriptChanged, props
	}
	return ScriptUnchanged, nil
}
