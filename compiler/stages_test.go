package compiler

import (
	"slices"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/load"
)

// hybridYAML is a valid hybrid file; tests append to its on-premises and
// online sections.
func hybridYAML(onprem, online string) string {
	return "version: 1\nonPremises:\n  organization: Contoso\n  exchangeVersion: SE\n  primarySmtpDomains: [contoso.com]\n" +
		"  federatedDelegationNamespace: exchangedelegation.contoso.com\n" + onprem +
		"exchangeOnline:\n  tenant: contoso.onmicrosoft.com\n  routingDomain: contoso.mail.onmicrosoft.com\n" +
		"  serviceRoutingNamespace: service.contoso.com\n  primarySmtpDomains: [contoso.com]\n" + online
}

const toCloud = "  organizationRelationships:\n    - name: To Cloud\n      domainNames: [contoso.mail.onmicrosoft.com, service.contoso.com, contoso.com]\n"

func codes(ds diag.Diagnostics) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Code)
	}
	return out
}

// autodiscoverEpr declares the endpoint of a relationship towards
// on-premises, so that no guess is warned about.
const autodiscoverEpr = "      targetAutodiscoverEpr: https://mail.contoso.com/autodiscover/autodiscover.svc/WSSecurity\n"

func TestRules(t *testing.T) {
	tests := []struct {
		name   string
		onprem string
		online string
		want   []string
	}{
		{name: "valid", onprem: toCloud},
		{name: "on-premises relationship lacks the service routing namespace",
			onprem: "  organizationRelationships:\n    - name: To Cloud\n      domainNames: [contoso.com]\n", want: []string{diag.CodeOnPremDomain}},
		{name: "absent relationship needs no domains",
			onprem: "  organizationRelationships:\n    - name: To Cloud\n      ensure: absent\n"},
		{name: "online relationship lacks the federated delegation namespace",
			online: "  organizationRelationships:\n    - name: To On-Premises\n      domainNames: [contoso.com]\n", want: []string{diag.CodeAutodiscoverHint, diag.CodeOnlineDomain}},
		{name: "domain names compare case-insensitively",
			onprem: "  organizationRelationships:\n    - name: To Cloud\n      domainNames: [Contoso.MAIL.onmicrosoft.com, SERVICE.contoso.com, Contoso.COM]\n"},
		{name: "scope without free/busy",
			onprem: toCloud + "      freeBusyAccessScope: Sharing\n", want: []string{diag.CodeScopeWithoutFreeBusy}},
		{name: "free/busy enabled with level None",
			onprem: toCloud + "      freeBusyAccessEnabled: true\n      freeBusyAccessLevel: None\n", want: []string{diag.CodeFreeBusyLevelNone}},
		{name: "free/busy disabled with level None is fine",
			onprem: toCloud + "      freeBusyAccessEnabled: false\n      freeBusyAccessLevel: None\n"},
		{name: "MailTips level without MailTips is a warning",
			onprem: toCloud + "      mailTipsAccessLevel: All\n", want: []string{diag.CodeMailTipsLevel}},
		{name: "forest not declared",
			onprem: "  availabilityAddressSpaces:\n    - forestName: fabrikam.com\n      accessMethod: OrgWideFB\n      useServiceAccount: true\n", want: []string{diag.CodeForestUndeclared}},
		{name: "forest is the routing domain",
			onprem: "  availabilityAddressSpaces:\n    - forestName: contoso.mail.onmicrosoft.com\n      accessMethod: OrgWideFB\n      useServiceAccount: true\n"},
		{name: "InternalProxy serves nothing with Exchange SE",
			onprem: "  availabilityAddressSpaces:\n    - forestName: service.contoso.com\n      accessMethod: InternalProxy\n", want: []string{diag.CodeInternalProxy}},
		{name: "towards on-premises, the default endpoint is named a guess",
			online: "  organizationRelationships:\n    - name: To On-Premises\n      domainNames: [exchangedelegation.contoso.com, contoso.com]\n", want: []string{diag.CodeAutodiscoverHint}},
		{name: "towards on-premises with a declared endpoint, no guess",
			online: "  organizationRelationships:\n    - name: To On-Premises\n      domainNames: [exchangedelegation.contoso.com, contoso.com]\n      targetSharingEpr: https://mail.contoso.com/EWS/Exchange.asmx/WSSecurity\n"},
		{name: "names unique per side, case-insensitively",
			onprem: toCloud + "    - name: TO CLOUD\n      domainNames: [contoso.mail.onmicrosoft.com, service.contoso.com, contoso.com]\n", want: []string{diag.CodeDuplicateName}},
		{name: "same name on both sides is fine",
			onprem: toCloud, online: "  organizationRelationships:\n    - name: To Cloud\n      domainNames: [exchangedelegation.contoso.com, contoso.com]\n" + autodiscoverEpr},
		{name: "dependsOn target missing",
			onprem: toCloud + "      dependsOn: [availabilityAddressSpace/x.contoso.com]\n", want: []string{diag.CodeDependencyMissing}},
		{name: "dependsOn across organizations is missing",
			onprem: toCloud + "      dependsOn: [organizationRelationship/To On-Premises]\n",
			online: "  organizationRelationships:\n    - name: To On-Premises\n      domainNames: [exchangedelegation.contoso.com, contoso.com]\n" + autodiscoverEpr, want: []string{diag.CodeDependencyMissing}},
		{name: "present depends on absent",
			onprem: toCloud + "      dependsOn: [organizationRelationship/Old]\n    - name: Old\n      ensure: absent\n", want: []string{diag.CodeDependencyAbsent}},
		{name: "credentials missing",
			onprem: "  availabilityAddressSpaces:\n    - forestName: service.contoso.com\n      accessMethod: OrgWideFB\n", want: []string{diag.CodeCredentials}},
		{name: "two rules at once, both reported",
			onprem: "  organizationRelationships:\n    - name: To Cloud\n      domainNames: [contoso.com]\n      freeBusyAccessScope: S\n",
			want:   []string{diag.CodeOnPremDomain, diag.CodeScopeWithoutFreeBusy}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Analyze(load.Source{Name: "rules.yaml", Data: []byte(hybridYAML(tt.onprem, tt.online))})
			if got := codes(res.Diagnostics); !slices.Equal(got, tt.want) {
				t.Errorf("codes = %v, want %v\n%s", got, tt.want, res.Diagnostics)
			}
		})
	}
}

func TestOrder(t *testing.T) {
	tests := []struct {
		name   string
		onprem string
		online string
		script string
		want   []string
	}{
		{name: "declaration order by default", script: "onprem.ps1",
			onprem: "  availabilityAddressSpaces:\n    - forestName: service.contoso.com\n      accessMethod: InternalProxy\n" + toCloud,
			want:   []string{"organizationRelationship/To Cloud", "availabilityAddressSpace/service.contoso.com"}},
		{name: "customization before relationships", script: "online.ps1",
			online: "  organizationRelationships:\n    - name: To On-Premises\n      domainNames: [exchangedelegation.contoso.com, contoso.com]\n",
			want:   []string{"organizationCustomization", "organizationRelationship/To On-Premises"}},
		{name: "no customization when nothing is created", script: "online.ps1",
			online: "  organizationRelationships:\n    - name: Old\n      ensure: absent\n",
			want:   []string{"organizationRelationship/Old"}},
		{name: "explicit dependsOn", script: "onprem.ps1",
			onprem: toCloud + "      dependsOn: [organizationRelationship/B]\n    - name: B\n      domainNames: [contoso.mail.onmicrosoft.com, service.contoso.com, contoso.com]\n",
			want:   []string{"organizationRelationship/B", "organizationRelationship/To Cloud"}},
		{name: "removals first, dependents removed before their dependencies", script: "onprem.ps1",
			onprem: toCloud + "    - name: A\n      ensure: absent\n    - name: B\n      ensure: absent\n      dependsOn: [organizationRelationship/A]\n",
			want:   []string{"organizationRelationship/B", "organizationRelationship/A", "organizationRelationship/To Cloud"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Analyze(load.Source{Name: "order.yaml", Data: []byte(hybridYAML(tt.onprem, tt.online))})
			if res.Schedule == nil {
				t.Fatalf("no plan:\n%s", res.Diagnostics)
			}
			var got []string
			for _, sp := range res.Schedule.Scripts {
				if sp.Target.File == tt.script {
					for _, r := range sp.Resources {
						got = append(got, r.ID())
					}
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("order = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCycleReportsWholePath(t *testing.T) {
	onprem := "  organizationRelationships:\n" +
		"    - name: A\n      domainNames: [contoso.mail.onmicrosoft.com, service.contoso.com, contoso.com]\n      dependsOn: [organizationRelationship/B]\n" +
		"    - name: B\n      domainNames: [contoso.mail.onmicrosoft.com, service.contoso.com, contoso.com]\n      dependsOn: [organizationRelationship/C]\n" +
		"    - name: C\n      domainNames: [contoso.mail.onmicrosoft.com, service.contoso.com, contoso.com]\n      dependsOn: [organizationRelationship/A]\n"
	res := Analyze(load.Source{Name: "cycle.yaml", Data: []byte(hybridYAML(onprem, ""))})
	if len(res.Diagnostics) != 1 {
		t.Fatalf("want one cycle diagnostic, got:\n%s", res.Diagnostics)
	}
	d := res.Diagnostics[0]
	want := "organizationRelationship/A → organizationRelationship/B → organizationRelationship/C → organizationRelationship/A"
	if d.Code != diag.CodeDependencyCycle || !strings.Contains(d.Message, want) || d.Pos.Line != 10 || d.Pos.Col != 19 {
		t.Errorf("got %s\nwant the path %q at cycle.yaml:10:19", d, want)
	}
}
