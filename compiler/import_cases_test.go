package compiler

import (
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/state"

	"github.com/hybridc/hybridc/compiler/importer"
	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/statediff"
)

// TestImportCases: wizard-named objects keep their names, orphaned SIDs and
// system entries are left out and counted, identities match whatever their
// letter case, and duplicates become one permission.
func TestImportCases(t *testing.T) {
	tests := []struct {
		name   string
		change func(on, onprem *state.State)
		want   []string // substrings of the YAML
		skip   string   // a reason counted in Skipped
	}{
		{name: "wizard-named objects", change: func(on, onprem *state.State) {
			onprem.OrganizationRelationships[0].Name = "On-premises to O365 - 4a1f0c2e-8b77-4c5e-9a01-6f3d2b9e7c10"
			on.OrganizationRelationships[0].Name = "O365 to On-premises - 4a1f0c2e-8b77-4c5e-9a01-6f3d2b9e7c10"
			onprem.SendConnectors[0].Name = "Outbound to Office 365 - 4a1f0c2e-8b77-4c5e-9a01-6f3d2b9e7c10"
		}, want: []string{"- name: On-premises to O365 - 4a1f0c2e-8b77-4c5e-9a01-6f3d2b9e7c10", "- name: O365 to On-premises - 4a1f0c2e", "name: Outbound to Office 365 - 4a1f0c2e"}},
		{name: "orphaned SID", change: func(on, onprem *state.State) {
			onprem.Permissions = append(onprem.Permissions, state.Permission{Access: state.FullAccess, Mailbox: onprem.Permissions[0].Mailbox,
				Trustee: "S-1-5-21-1004336348-1177238915-682003330-4242", AccessRights: []string{"FullAccess"}})
		}, skip: importer.SkipOrphan},
		{name: "Deny entry", change: func(on, onprem *state.State) {
			p := onprem.Permissions[0]
			p.Trustee, p.Deny = `CONTOSO\onprem2`, true
			onprem.Permissions = append(onprem.Permissions, p)
		}, skip: importer.SkipDeny},
		{name: "mixed-case identities", change: func(on, onprem *state.State) {
			for i := range on.Permissions {
				on.Permissions[i].Trustee = strings.ToUpper(on.Permissions[i].Trustee)
				on.Permissions[i].TrusteeGuid = ""
			}
		}, want: []string{"{access: FullAccess, mailbox: exo1@contoso.com, trustee: onprem1@contoso.com}"}},
		{name: "duplicates", change: func(on, onprem *state.State) {
			for _, p := range on.Permissions {
				if p.Access == state.FullAccess && p.TrusteeGuid != "" {
					on.Permissions = append(on.Permissions, p)
					break
				}
			}
		}, skip: importer.SkipDuplicate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, states := exampleStates(t, "../examples/contoso-complete.yaml")
			var on, onprem *state.State
			for _, sf := range states {
				switch {
				case sf.State.Kind == state.OnPremises:
					onprem = sf.State
				case sf.State.Organization == "contoso.onmicrosoft.com":
					on = sf.State
				}
			}
			tt.change(on, onprem)
			im, diags := importer.Import(states, importer.ImportOptions{})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			yaml := string(im.Files("hybrid.yaml", false)["hybrid.yaml"])
			for _, w := range tt.want {
				if !strings.Contains(yaml, w) {
					t.Errorf("no %q in\n%s", w, yaml)
				}
			}
			if tt.skip != "" && im.Skipped[tt.skip] == 0 {
				t.Errorf("%q not counted: %v", tt.skip, im.Skipped)
			}
			res := Analyze(load.Source{Name: "hybrid.yaml", Data: []byte(yaml)})
			if res.Schedule == nil {
				t.Fatalf("%s", res.Diagnostics)
			}
			if ch, _ := statediff.DiffState(res.Schedule, states); ch.HasChanges() {
				t.Error("plan --state on the import reports changes")
			}
		})
	}
}
