package compiler

import (
	"os"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/statediff"
)

// permissionYAML is a configuration with mailboxes and permissions (YAML
// list items, indented as top-level keys' items).
func permissionYAML(mailboxes []string, permissions string) string {
	var b strings.Builder
	b.WriteString(hybridYAML(toCloud, "") + "mailboxes:\n")
	for _, m := range mailboxes {
		b.WriteString("  - {name: '" + m + "', location: exchangeOnline}\n")
	}
	return b.String() + "permissions:\n" + permissions
}

// TestPermissionIdentityHasNoSeparator (issue 15, finding 8): a grant is
// its trustee, mailbox and folder, not a name joined with " on ": the
// grant of 'A on B' on C and that of A on 'B on C' are two resources, so
// that replacing one with the other is a change, and declaring both is no
// duplicate.
func TestPermissionIdentityHasNoSeparator(t *testing.T) {
	mailboxes := []string{"A on B", "C", "A", "B on C"}
	first := "  - {access: FullAccess, trustee: 'A on B', mailbox: C}\n"
	second := "  - {access: FullAccess, trustee: A, mailbox: 'B on C'}\n"
	old := analyzeClean(t, permissionYAML(mailboxes, first))
	new := analyzeClean(t, permissionYAML(mailboxes, second))
	ch := statediff.Diff(old, new)
	n := ch.Counts()
	if n.Added != 1 || n.Unmanaged != 1 || !ch.HasChanges() {
		t.Errorf("another grant plans as %+v (%q), want one added and one no longer managed", n, summary(ch))
	}
	both := analyzeClean(t, permissionYAML(mailboxes, first+second))
	var ids []string
	for _, s := range both.Scripts {
		for _, r := range s.Resources {
			if r.Kind == model.KindFullAccess {
				ids = append(ids, r.PlanID())
			}
		}
	}
	if len(ids) != 2 || ids[0] == ids[1] {
		t.Errorf("the two grants are named %q: want two different names", ids)
	}
}

// exclusiveFalcon is the complete example with Project Falcon exclusive.
func exclusiveFalcon(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../examples/contoso-complete.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Replace(string(data), "      echoToOnPremisesMembers: true\n", "      echoToOnPremisesMembers: true\n      exclusive: true\n", 1)
}

// TestDiffGroupAddressChange (issue 15, finding 3): the engine finds a
// group by its address, so a new address is another group: plan says the
// old one is no longer managed and the new one is taken over, with the
// removal marker; members and owners are the new group's.
func TestDiffGroupAddressChange(t *testing.T) {
	yaml := exclusiveFalcon(t)
	old := analyzeClean(t, yaml)
	new := analyzeClean(t, strings.Replace(yaml, "falcon@groups.contoso.com", "eagle@groups.contoso.com", 1))
	ch := statediff.Diff(old, new)
	var online *statediff.ScriptChange
	for _, s := range ch.Scripts {
		if s.File == "online.ps1" {
			online = s
		}
	}
	want := map[string]bool{}
	for _, rc := range online.Added {
		want[rc.ID] = true
		if rc.ID == "unifiedGroup/Project Falcon (eagle@groups.contoso.com)" && (!strings.Contains(rc.Warning, "takes that group over") || !strings.Contains(rc.Warning, "creates a new, empty group") || !strings.Contains(rc.Warning, "makes it that group's primary address") || !rc.Removes) {
			t.Errorf("%s: warning %q (removes %v), want the three outcomes and the removal", rc.ID, rc.Warning, rc.Removes)
		}
		if strings.HasPrefix(rc.ID, "groupMembers/") && !strings.Contains(rc.Warning, "exclusive") {
			t.Errorf("%s: warning %q, want the exclusive removal", rc.ID, rc.Warning)
		}
	}
	for _, id := range []string{"unifiedGroup/Project Falcon (eagle@groups.contoso.com)", "groupMembers/Project Falcon (eagle@groups.contoso.com)", "groupOwners/Project Falcon (eagle@groups.contoso.com)"} {
		if !want[id] {
			t.Errorf("%s is not added: %q", id, summary(ch))
		}
	}
	unmanaged := map[string]bool{}
	for _, rc := range online.Unmanaged {
		unmanaged[rc.ID] = true
	}
	if !unmanaged["unifiedGroup/Project Falcon (falcon@groups.contoso.com)"] {
		t.Errorf("the group at the old address is still managed: %q", summary(ch))
	}
	if len(online.Changed) != 0 {
		t.Errorf("changed %q, want the address change as another group", summary(ch))
	}
}

// TestDiffStateGroupTakeover (issue 15, finding 3): plan --state of a
// group whose address another existing group has shows that group taken
// over (renamed) and, exclusive, its members removed.
func TestDiffStateGroupTakeover(t *testing.T) {
	yaml := exclusiveFalcon(t)
	eagle := "      exclusive: true\n    - name: Project Eagle\n      primarySmtpAddress: eagle@groups.contoso.com\n      members: [ONPREM2]\n"
	_, states := yamlStates(t, "two-groups.yaml", []byte(strings.Replace(yaml, "      exclusive: true\n", eagle, 1)))
	res := Analyze(load.Source{Name: "moved.yaml", Data: []byte(strings.Replace(yaml, "falcon@groups.contoso.com", "eagle@groups.contoso.com", 1))})
	if res.Schedule == nil {
		t.Fatal(res.Diagnostics)
	}
	ch, _ := statediff.DiffState(res.Schedule, states)
	found := map[string]*statediff.ResourceChange{}
	for _, s := range ch.Scripts {
		for _, rc := range s.Changed {
			found[rc.ID] = rc
		}
	}
	group := found["unifiedGroup/Project Falcon (eagle@groups.contoso.com)"]
	if group == nil || !strings.Contains(group.Warning, "takes over the existing group 'Project Eagle'") {
		t.Fatalf("the group taken over: %+v, want a change warning that it takes over Project Eagle", group)
	}
	members := found["groupMembers/Project Falcon (eagle@groups.contoso.com)"]
	if members == nil || members.Warning == "" || len(members.Properties) == 0 || len(members.Properties[0].Removed) == 0 {
		t.Fatalf("members of the group taken over: %+v, want Project Eagle's removed", members)
	}
}

// TestDiffGroupAddressChangeNote (review finding 2): a group that is not
// exclusive removes nothing when its address changes: the plan's warning
// is a note, not a removal, and says that a new, empty group is created
// when no group has the new address.
func TestDiffGroupAddressChangeNote(t *testing.T) {
	data, err := os.ReadFile("../examples/contoso-complete.yaml")
	if err != nil {
		t.Fatal(err)
	}
	yaml := string(data)
	ch := statediff.Diff(analyzeClean(t, yaml), analyzeClean(t, strings.Replace(yaml, "falcon@groups.contoso.com", "eagle@groups.contoso.com", 1)))
	found := false
	for _, s := range ch.Scripts {
		for _, rc := range s.Added {
			if rc.ID != "unifiedGroup/Project Falcon (eagle@groups.contoso.com)" {
				continue
			}
			found = true
			if rc.Removes || !strings.Contains(rc.Warning, "new, empty group") || !strings.Contains(rc.Warning, "mail, files and Teams stay with the group falcon@groups.contoso.com") {
				t.Errorf("warning %q (removes %v), want a note naming the new, empty group", rc.Warning, rc.Removes)
			}
		}
	}
	if !found {
		t.Fatalf("the group at the new address is not added: %q", summary(ch))
	}
}
