package compiler

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/state"

	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/statediff"
)

// orphanGuid is a member Guid that no recipient of the state holds.
const orphanGuid = "0b5e2c1d-7f3a-4e6b-9c8d-1a2b3c4d5e6f"

// TestDiffStateExclusiveRemovals: a current member of an exclusive set
// that is not declared is a removal whether or not the state's recipients
// resolve it (the script removes it either way), and the resource
// carries the removal warning plan OLD NEW gives.
func TestDiffStateExclusiveRemovals(t *testing.T) {
	tests := []struct {
		name     string
		exclude  bool                  // declare the set exclusive
		change   func(st *state.State) // the organization's change
		resource string                // the resource that changes
		removed  string                // the removal listed
		warning  bool                  // the removal warning is there
	}{
		{name: "unresolved member of an exclusive role group", exclude: true, change: func(st *state.State) {
			if st.Kind == state.OnPremises {
				addRoleGroupMember(st, orphanGuid)
			}
		}, resource: "roleGroup/Hybrid Recipient Admins", removed: "unresolved: " + orphanGuid, warning: true},
		{name: "unresolved member of an exclusive Microsoft 365 group", exclude: true, change: func(st *state.State) {
			if st.Organization == "contoso.onmicrosoft.com" {
				st.UnifiedGroups[0].Members = append(st.UnifiedGroups[0].Members, orphanGuid)
			}
		}, resource: "groupMembers/Project Falcon (falcon@groups.contoso.com)", removed: "unresolved: " + orphanGuid, warning: true},
		{name: "unresolved owner of an exclusive Microsoft 365 group", exclude: true, change: func(st *state.State) {
			if st.Organization == "contoso.onmicrosoft.com" {
				st.UnifiedGroups[0].Owners = append(st.UnifiedGroups[0].Owners, "CONTOSO\\gone")
			}
		}, resource: "groupOwners/Project Falcon (falcon@groups.contoso.com)", removed: "unresolved: CONTOSO\\gone", warning: true},
		{name: "resolved extra member of an exclusive role group", exclude: true, change: func(st *state.State) {
			if st.Kind == state.OnPremises {
				for _, r := range st.Recipients {
					if strings.EqualFold(r.Alias, "ONPREM2") {
						addRoleGroupMember(st, r.Guid)
					}
				}
			}
		}, resource: "roleGroup/Hybrid Recipient Admins", removed: "onprem2@contoso.com", warning: true},
		{name: "undeclared owner of an exclusive Microsoft 365 group leaves the owners, then the members", exclude: true, change: func(st *state.State) {
			if st.Organization == "contoso.onmicrosoft.com" {
				for _, r := range st.Recipients {
					if strings.EqualFold(r.Alias, "ONPREM2") {
						st.UnifiedGroups[0].Owners = append(st.UnifiedGroups[0].Owners, r.Guid)
						st.UnifiedGroups[0].Members = append(st.UnifiedGroups[0].Members, r.Guid)
					}
				}
			}
		}, resource: "groupOwners/Project Falcon (falcon@groups.contoso.com)", removed: "onprem2@contoso.com", warning: true},
		{name: "unresolved member of an additive role group", exclude: false, change: func(st *state.State) {
			if st.Kind == state.OnPremises {
				addRoleGroupMember(st, orphanGuid)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := os.ReadFile("../examples/contoso-complete.yaml")
			if err != nil {
				t.Fatal(err)
			}
			yaml := string(data)
			if tt.exclude {
				yaml = strings.ReplaceAll(yaml, "      members: [ADMIN1]\n", "      members: [ADMIN1]\n      exclusive: true\n")
				yaml = strings.ReplaceAll(yaml, "      owners: [ONPREM1]\n", "      owners: [ONPREM1]\n      exclusive: true\n")
			}
			res, states := yamlStates(t, "exclusive.yaml", []byte(yaml))
			if ch, _ := statediff.DiffState(res.Schedule, states); ch.HasChanges() {
				t.Fatal("the synthesized state is not in sync")
			}
			for _, sf := range states {
				tt.change(sf.State)
			}
			ch, _ := statediff.DiffState(res.Schedule, states)
			if ch.HasChanges() != (tt.resource != "") {
				t.Fatalf("HasChanges %v, want %v", ch.HasChanges(), tt.resource != "")
			}
			if tt.resource == "" {
				return
			}
			var found *statediff.ResourceChange
			for _, s := range ch.Scripts {
				for _, rc := range s.Changed {
					if rc.ID == tt.resource {
						found = rc
					}
				}
			}
			if found == nil {
				t.Fatalf("%s is not changed", tt.resource)
			}
			var removed []string
			for _, p := range found.Properties {
				removed = append(removed, p.Removed...)
			}
			if !slices.Contains(removed, tt.removed) {
				t.Errorf("removed %q, want %q among them", removed, tt.removed)
			}
			if (found.Warning != "") != tt.warning {
				t.Errorf("warning %q, want one: %v", found.Warning, tt.warning)
			}
		})
	}
}

// addRoleGroupMember adds a member to the state's Hybrid Recipient Admins.
func addRoleGroupMember(st *state.State, member string) {
	for i := range st.RoleGroups {
		if st.RoleGroups[i].Name == "Hybrid Recipient Admins" {
			st.RoleGroups[i].Members = append(st.RoleGroups[i].Members, member)
		}
	}
}

// TestDiffStateGroupFoundBySecondaryAddress (review finding 2): the engine
// finds a group by any of its SMTP addresses and makes the declared one
// primary; plan --state shows that change on the group instead of "no
// changes", and names no takeover.
func TestDiffStateGroupFoundBySecondaryAddress(t *testing.T) {
	data, err := os.ReadFile("../examples/contoso-complete.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, states := yamlStates(t, "old.yaml", data)
	for _, sf := range states {
		for i := range sf.State.UnifiedGroups {
			if strings.EqualFold(sf.State.UnifiedGroups[i].PrimarySmtpAddress, "falcon@groups.contoso.com") {
				sf.State.UnifiedGroups[i].EmailAddresses = append(sf.State.UnifiedGroups[i].EmailAddresses, "smtp:eagle@groups.contoso.com")
			}
		}
	}
	res := Analyze(load.Source{Name: "new.yaml", Data: []byte(strings.Replace(string(data), "falcon@groups.contoso.com", "eagle@groups.contoso.com", 1))})
	if res.Schedule == nil {
		t.Fatal(res.Diagnostics)
	}
	ch, _ := statediff.DiffState(res.Schedule, states)
	var found *statediff.ResourceChange
	for _, s := range ch.Scripts {
		for _, rc := range s.Changed {
			if rc.ID == "unifiedGroup/Project Falcon (eagle@groups.contoso.com)" {
				found = rc
			}
		}
	}
	if found == nil {
		t.Fatalf("the group is not changed: %q", summary(ch))
	}
	var props []string
	for _, p := range found.Properties {
		props = append(props, fmt.Sprintf("%s: %v -> %v", p.Name, p.Old, p.New))
	}
	if !slices.Contains(props, "PrimarySmtpAddress: falcon@groups.contoso.com -> eagle@groups.contoso.com") || found.Warning != "" {
		t.Errorf("properties %q, warning %q: want the primary address set and no takeover", props, found.Warning)
	}
}
