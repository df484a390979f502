package model

import "fmt"

// planOnly are the data keys a plan does not list as settings: they name
// the resource (its kind/name says them) or are derived from others.
var planOnly = map[string]bool{
	"Id": true, "Source": true, "Ensure": true, "Properties": true, "Name": true,
	"Mailbox": true, "Trustee": true, "Folder": true, "Group": true, "BuiltIn": true,
}

// PlanProperties are what a plan compares for a resource: its managed
// properties, and every other setting the script's data gives the engine
// (exclusive, adopt, alias, writebackOU, autoMapping, ...), so that no
// change of what a script does can pass a review as "no changes".
func (r *Resource) PlanProperties() []Property {
	ps := r.Properties()
	have := map[string]bool{}
	for _, p := range ps {
		have[p.Name] = true
	}
	for _, e := range DataOf(r) {
		if planOnly[e.Key] || have[e.Key] {
			continue
		}
		switch v := e.Value.(type) {
		case string, bool:
			ps = append(ps, Property{Name: e.Key, Value: v})
		case []string:
			ps = append(ps, Property{Name: e.Key, Value: v, Compare: CompareSet})
		default:
			panic(fmt.Sprintf("hybridc: data key %s of type %T", e.Key, v))
		}
	}
	return ps
}

// RemovalWarning is what a plan says about a resource whose script removes
// what the configuration does not list, or removes what it lists.
func RemovalWarning(r *Resource) string {
	if r == nil || r.Absent {
		return ""
	}
	switch r.Kind {
	case KindGroupSubscribers:
		return "unsubscribes the listed members"
	}
	for _, p := range r.PlanProperties() {
		if p.Name == "Exclusive" && p.Value == true {
			return "exclusive: what is not listed is removed in the organization"
		}
	}
	return ""
}
