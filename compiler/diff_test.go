package compiler

import (
	"fmt"
	"github.com/hybridc/hybridc/compiler/config"
	"reflect"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/statediff"
)

// relationship is an on-premises relationship in YAML with extra keys.
func relationship(name, domains, extra string) string {
	return "    - name: " + name + "\n      domainNames: [" + domains + "]\n" + extra
}

const cloudDomains = "contoso.mail.onmicrosoft.com, service.contoso.com, contoso.com"

// summary writes a Change compactly for comparison: per script with a
// change, its status and the resources in each state, then the unchanged
// count.
func summary(c *statediff.Change) []string {
	var out []string
	for _, s := range c.Scripts {
		line := fmt.Sprintf("%s %s", s.File, s.Status)
		if s.PreviousOrganization != "" {
			line += " org " + s.PreviousOrganization + "->" + s.Organization
		}
		for _, st := range []struct {
			sign string
			list []*statediff.ResourceChange
		}{{"+", s.Added}, {"-", s.Removed}, {"~", s.Changed}, {"!", s.Unmanaged}} {
			for _, rc := range st.list {
				line += " " + st.sign + rc.ID
				for _, p := range rc.Properties {
					switch {
					case p.Set:
						line += fmt.Sprintf("{%s +%v -%v}", p.Name, p.Added, p.Removed)
					default:
						line += fmt.Sprintf("{%s %v->%v}", p.Name, p.Old, p.New)
					}
				}
			}
		}
		out = append(out, line+fmt.Sprintf(" =%d", s.Unchanged))
	}
	return out
}

func TestDiff(t *testing.T) {
	tests := []struct {
		name                   string
		oldOnPrem, newOnPrem   string
		oldOnline, newOnline   string
		want                   []string
		wantChanges            bool
		oldMissing, newMissing bool
	}{
		{name: "same file",
			oldOnPrem: "  organizationRelationships:\n" + relationship("To Cloud", cloudDomains, ""),
			newOnPrem: "  organizationRelationships:\n" + relationship("To Cloud", cloudDomains, ""),
			want:      []string{"onprem.ps1 unchanged =1", "online.ps1 unchanged =0"}},
		{name: "reordered resources, set items and keys, names in other case",
			oldOnPrem: "  organizationRelationships:\n" + relationship("To Cloud", cloudDomains, "      enabled: true\n      mailTipsAccessLevel: All\n") +
				relationship("Second", cloudDomains+", x.contoso.com", ""),
			newOnPrem: "  organizationRelationships:\n" + relationship("second", "X.contoso.com, contoso.com, service.contoso.com, CONTOSO.mail.onmicrosoft.com", "") +
				"    - mailTipsAccessLevel: All\n      enabled: true\n      name: TO CLOUD\n      domainNames: [contoso.com, service.contoso.com, contoso.mail.onmicrosoft.com]\n",
			want: []string{"onprem.ps1 unchanged =2", "online.ps1 unchanged =0"}},
		{name: "added",
			oldOnPrem:   "  organizationRelationships:\n" + relationship("To Cloud", cloudDomains, ""),
			newOnPrem:   "  organizationRelationships:\n" + relationship("To Cloud", cloudDomains, "") + relationship("New", cloudDomains, ""),
			want:        []string{"onprem.ps1 changed +organizationRelationship/New =1", "online.ps1 unchanged =0"},
			wantChanges: true},
		{name: "absent to present is added",
			oldOnPrem:   "  organizationRelationships:\n    - name: To Cloud\n      ensure: absent\n",
			newOnPrem:   "  organizationRelationships:\n" + relationship("To Cloud", cloudDomains, ""),
			want:        []string{"onprem.ps1 changed +organizationRelationship/To Cloud =0", "online.ps1 unchanged =0"},
			wantChanges: true},
		{name: "present to absent is removed",
			oldOnPrem:   "  organizationRelationships:\n" + relationship("To Cloud", cloudDomains, ""),
			newOnPrem:   "  organizationRelationships:\n    - name: To Cloud\n      ensure: absent\n",
			want:        []string{"onprem.ps1 changed -organizationRelationship/To Cloud =0", "online.ps1 unchanged =0"},
			wantChanges: true},
		{name: "newly declared absent is removed",
			newOnPrem:   "  organizationRelationships:\n    - name: Legacy\n      ensure: absent\n",
			want:        []string{"onprem.ps1 changed -organizationRelationship/Legacy =0", "online.ps1 unchanged =0"},
			wantChanges: true},
		{name: "absent in both is unchanged",
			oldOnPrem: "  organizationRelationships:\n    - name: Legacy\n      ensure: absent\n",
			newOnPrem: "  organizationRelationships:\n    - name: legacy\n      ensure: absent\n",
			want:      []string{"onprem.ps1 unchanged =1", "online.ps1 unchanged =0"}},
		{name: "deleted from the YAML is no longer managed, not removed",
			oldOnPrem:   "  organizationRelationships:\n" + relationship("To Cloud", cloudDomains, "") + relationship("Legacy", cloudDomains, ""),
			newOnPrem:   "  organizationRelationships:\n" + relationship("To Cloud", cloudDomains, ""),
			want:        []string{"onprem.ps1 changed !organizationRelationship/Legacy =1", "online.ps1 unchanged =0"},
			wantChanges: true},
		{name: "scalar and set changes; a domain taken out of the YAML is kept, not removed",
			oldOnPrem: "  organizationRelationships:\n" + relationship("To Cloud", cloudDomains+", old.contoso.com", "      mailTipsAccessEnabled: true\n      mailTipsAccessLevel: All\n"),
			newOnPrem: "  organizationRelationships:\n" + relationship("To Cloud", cloudDomains+", new.contoso.com, b.contoso.com", "      mailTipsAccessEnabled: true\n      mailTipsAccessLevel: Limited\n"),
			want: []string{"onprem.ps1 changed ~organizationRelationship/To Cloud" +
				"{DomainNames +[b.contoso.com new.contoso.com] -[]}{MailTipsAccessLevel All->Limited} =0", "online.ps1 unchanged =0"},
			wantChanges: true},
		{name: "a property starts and stops being managed",
			oldOnPrem: "  organizationRelationships:\n" + relationship("To Cloud", cloudDomains, "      enabled: false\n"),
			newOnPrem: "  organizationRelationships:\n" + relationship("To Cloud", cloudDomains, "      deliveryReportEnabled: true\n"),
			want: []string{"onprem.ps1 changed ~organizationRelationship/To Cloud" +
				"{DeliveryReportEnabled <nil>->true}{Enabled false-><nil>} =0", "online.ps1 unchanged =0"},
			wantChanges: true},
		{name: "URLs without a trailing slash, case-insensitively",
			oldOnPrem: "  organizationRelationships:\n" + relationship("To Cloud", cloudDomains, "      targetSharingEpr: https://mail.contoso.com/EWS/Exchange.asmx/\n"),
			newOnPrem: "  organizationRelationships:\n" + relationship("To Cloud", cloudDomains, "      targetSharingEpr: https://MAIL.contoso.com/ews/exchange.asmx\n"),
			want:      []string{"onprem.ps1 unchanged =1", "online.ps1 unchanged =0"}},
		{name: "a new script adds everything in it",
			oldMissing: true,
			newOnPrem:  "  organizationRelationships:\n" + relationship("To Cloud", cloudDomains, ""),
			newOnline:  "  organizationRelationships:\n    - name: To On-Premises\n      domainNames: [exchangedelegation.contoso.com, contoso.com]\n",
			want: []string{"onprem.ps1 added +organizationRelationship/To Cloud =0",
				"online.ps1 added +organizationCustomization +organizationRelationship/To On-Premises =0"},
			wantChanges: true},
		{name: "no longer managed at all",
			oldOnPrem:  "  organizationRelationships:\n" + relationship("To Cloud", cloudDomains, ""),
			newMissing: true,
			want:       []string{"onprem.ps1 unmanaged !organizationRelationship/To Cloud =0", "online.ps1 unmanaged =0"},
			// Scripts no longer produced are a change even when they were empty.
			wantChanges: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var old, new *model.Schedule
			if !tt.oldMissing {
				old = analyzeClean(t, hybridYAML(tt.oldOnPrem, tt.oldOnline))
			}
			if !tt.newMissing {
				new = analyzeClean(t, hybridYAML(tt.newOnPrem, tt.newOnline))
			}
			ch := statediff.Diff(old, new)
			if got := summary(ch); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("diff:\n got %q\nwant %q", got, tt.want)
			}
			if ch.HasChanges() != tt.wantChanges {
				t.Errorf("HasChanges() = %v, want %v", ch.HasChanges(), tt.wantChanges)
			}
		})
	}
}

// TestDiffOrganization checks that a script pointed at another organization
// is a change even when its resources are the same.
func TestDiffOrganization(t *testing.T) {
	old := analyzeClean(t, hybridYAML(toCloud, ""))
	new := analyzeClean(t, strings.Replace(hybridYAML(toCloud, ""), "organization: Contoso", "organization: Contoso EMEA", 1))
	ch := statediff.Diff(old, new)
	if got, want := summary(ch), []string{"onprem.ps1 changed org Contoso->Contoso EMEA =1", "online.ps1 unchanged =0"}; !reflect.DeepEqual(got, want) {
		t.Errorf("diff:\n got %q\nwant %q", got, want)
	}
	if !ch.HasChanges() {
		t.Error("a new organization is no change")
	}
}

func TestDiffCounts(t *testing.T) {
	old := analyzeClean(t, hybridYAML("  organizationRelationships:\n"+relationship("A", cloudDomains, "")+relationship("B", cloudDomains, "")+relationship("C", cloudDomains, ""), ""))
	new := analyzeClean(t, hybridYAML("  organizationRelationships:\n"+relationship("A", cloudDomains, "      enabled: true\n")+relationship("C", cloudDomains, "")+
		relationship("D", cloudDomains, "")+"    - name: E\n      ensure: absent\n", ""))
	got := statediff.Diff(old, new).Counts()
	want := statediff.Counts{Added: 1, Removed: 1, Changed: 1, Unmanaged: 1, Unchanged: 1}
	if got != want {
		t.Errorf("counts %+v, want %+v", got, want)
	}
}

func analyzeClean(t *testing.T, yaml string) *model.Schedule {
	t.Helper()
	res := Analyze(load.Source{Name: "diff.yaml", Data: []byte(yaml)})
	if res.Schedule == nil {
		t.Fatalf("invalid test input:\n%s\n%s", res.Diagnostics, yaml)
	}
	return res.Schedule
}

// TestDiffAdditiveLists: an address space taken out of the YAML is not a
// removal, since the script only adds address spaces; one put in is.
func TestDiffAdditiveLists(t *testing.T) {
	connector := func(spaces ...string) *model.Schedule {
		return &model.Schedule{Scripts: []*model.ScriptSchedule{{Target: &model.Target{File: "onprem.ps1"}, Resources: []*model.Resource{{
			Kind: model.KindSendConnector, Name: "Outbound to Office 365", Spec: &config.SendConnector{Name: "Outbound to Office 365"},
			Props: []model.Property{{Name: "AddressSpaces", Value: spaces, Compare: model.CompareAddressSpaces, Additive: true}},
		}}}}}
	}
	tests := []struct {
		name        string
		old, new    []string
		wantChanges int
	}{
		{name: "item added", old: []string{"a.com"}, new: []string{"a.com", "b.com"}, wantChanges: 1},
		{name: "item taken out is kept by the script", old: []string{"a.com", "b.com"}, new: []string{"a.com"}, wantChanges: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ch := statediff.Diff(connector(tt.old...), connector(tt.new...))
			n := 0
			for _, s := range ch.Scripts {
				n += len(s.Changed)
			}
			if n != tt.wantChanges {
				t.Errorf("changed resources = %d, want %d", n, tt.wantChanges)
			}
		})
	}
}
