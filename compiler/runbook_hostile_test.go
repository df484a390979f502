package compiler

import (
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/config"
)

// runbookHostileConfig puts value into every string of a configuration that
// uses every feature the runbook describes. Like hostileConfig, it bypasses
// the schema and the checks, which would refuse most of these values.
func runbookHostileConfig(v string) *config.Config {
	yes := true
	cu := 23
	return &config.Config{
		Version: 1,
		OnPremises: &config.OnPremises{
			Organization:                 config.Name("Contoso" + v),
			ExchangeVersion:              "2016",
			CumulativeUpdate:             &cu,
			PrimarySmtpDomains:           []config.DomainName{config.DomainName("contoso.com" + v)},
			FederatedDelegationNamespace: config.DomainName("exchangedelegation.contoso.com" + v),
			OrganizationRelationships: []config.OrganizationRelationship{{
				Name: config.Name("To Cloud" + v), Enabled: &yes,
				DomainNames:           []config.DomainName{config.DomainName("service.contoso.com" + v), config.DomainName("contoso.com" + v)},
				FreeBusyAccessEnabled: &yes, FreeBusyAccessLevel: "LimitedDetails", FreeBusyAccessScope: config.Identity("Group" + v),
				TargetApplicationUri: config.URI("outlook.com" + v), TargetAutodiscoverEpr: config.HTTPSURL("https://autodiscover.contoso.com/" + v),
			}},
			AvailabilityAddressSpaces: []config.AvailabilityAddressSpace{{
				ForestName: config.DomainName("service.contoso.com" + v), AccessMethod: "InternalProxy", UseServiceAccount: &yes,
			}},
			AclableSyncedObjectEnabled: &yes,
			CentralizedMailFlow:        &yes,
			HybridSendConnector: &config.SendConnector{Name: config.Name("Outbound to Office 365" + v),
				AddressSpaces: []config.DomainName{config.DomainName("contoso.mail.onmicrosoft.com" + v)}},
			GroupDomains: []config.GroupDomain{{Domain: config.DomainName("groups.contoso.com" + v),
				MX: config.DomainName("groups-contoso-com.mail.protection.outlook.com" + v)}},
			EntraConnect: &config.EntraConnect{Version: config.Version("2.4.129.0" + v), ExchangeHybrid: &yes, GroupWriteback: &yes,
				ConnectorAccountDN: config.DistinguishedName("CN=AAD_1" + v + ",DC=contoso,DC=com")},
			RoleGroups: []config.RoleGroup{{Name: config.Name("Admins" + v), Roles: []config.Name{config.Name("Mail Recipients" + v)},
				Members: []config.Identity{config.Identity("ADMIN1" + v)}}},
			RoleAssignmentPolicies: []config.RoleAssignmentPolicy{{Name: config.Name("Users" + v), Roles: []config.Name{config.Name("MyBaseOptions" + v)},
				Mailboxes: []config.Identity{config.Identity("ONPREM1" + v)}}},
		},
		ExchangeOnline: config.ExchangeOnline{
			Tenant:                  config.TenantName("contoso.onmicrosoft.com" + v),
			RoutingDomain:           config.RoutingDomain("contoso.mail.onmicrosoft.com" + v),
			ServiceRoutingNamespace: config.DomainName("service.contoso.com" + v),
			PrimarySmtpDomains:      []config.DomainName{config.DomainName("contoso.com" + v)},
			OrganizationRelationships: []config.OrganizationRelationship{{
				Name: config.Name("To On-Premises" + v), DomainNames: []config.DomainName{config.DomainName("contoso.com" + v)},
				FreeBusyAccessEnabled: &yes, FreeBusyAccessLevel: "AvailabilityOnly",
			}},
			Partners: []config.Partner{
				{Domain: config.DomainName("fabrikam.com" + v), Tenant: config.TenantName("fabrikam.onmicrosoft.com" + v),
					Relationship:        config.OrganizationRelationship{Name: config.Name("Fabrikam" + v), DomainNames: []config.DomainName{config.DomainName("fabrikam.com" + v)}},
					ReverseRelationship: &config.OrganizationRelationship{Name: config.Name("Contoso" + v), FreeBusyAccessLevel: "LimitedDetails"}},
				{Domain: config.DomainName("tailspintoys.com" + v), Tenant: config.TenantName("tailspintoys.onmicrosoft.com" + v),
					Relationship: config.OrganizationRelationship{Name: config.Name("Tailspin" + v), Ensure: config.Absent}},
			},
			Groups: []config.UnifiedGroup{{
				Name: config.Name("Project Falcon" + v), PrimarySmtpAddress: config.SMTPAddress("falcon" + v + "@groups.contoso.com"),
				AdditionalAddresses:     []config.SMTPAddress{config.SMTPAddress("falcon2" + v + "@groups.contoso.com")},
				Members:                 []config.Identity{config.Identity("ONPREM1" + v), config.Identity("EXO1" + v)},
				Owners:                  []config.Identity{config.Identity("ONPREM1" + v)},
				Unsubscribed:            []config.Identity{config.Identity("ONPREM2" + v)},
				EchoToOnPremisesMembers: &yes,
			}},
			RoleGroups: []config.RoleGroup{{Name: config.Name("Admins" + v), Ensure: config.Absent}},
		},
		Mailboxes: []config.Mailbox{
			{Name: config.Identity("ONPREM1" + v), Location: "onPremises"},
			{Name: config.Identity("ONPREM2" + v), Location: "onPremises"},
			{Name: config.Identity("ADMIN1" + v), Location: "onPremises"},
			{Name: config.Identity("EXO1" + v), Location: "exchangeOnline", MovedBeforeAclSync: &yes},
		},
		Permissions: []config.Permission{
			{Access: "SendAs", Mailbox: config.Identity("EXO1" + v), Trustee: config.Identity("ONPREM1" + v)},
			{Access: "FullAccess", Mailbox: config.Identity("EXO1" + v), Trustee: config.Identity("ONPREM1" + v), AutoMapping: &yes},
			{Access: "SendOnBehalf", Mailbox: config.Identity("ONPREM1" + v), Trustee: config.Identity("ONPREM2" + v)},
			{Access: "Folder", Mailbox: config.Identity("EXO1" + v), Trustee: config.Identity("ONPREM2" + v),
				Folder: config.FolderName("Calendar" + v), FolderAccessRights: "Editor"},
			{Access: "FullAccess", Mailbox: config.Identity("ONPREM2" + v), Trustee: config.Identity("ONPREM1" + v), Ensure: config.Absent},
		},
	}
}

// runbookHostileValues try to inject links, images, raw HTML, autolinks,
// emphasis, headings, list items, table cells, code fences, entities,
// line breaks and bidirectional tricks, and to break out of PowerShell
// quoting in the code blocks.
var runbookHostileValues = []string{
	"[click](https://evil.example)",
	"![img](https://evil.example/x.png)",
	"<img src=x onerror=alert(1)>",
	"<https://evil.example>",
	" www.evil.example https://evil.example a@evil.example",
	"**bold** _em_ ~~strike~~",
	"`code` ``two`` ```",
	"\n```\n# Heading\n- item\n1. item\n> quote\n<div>",
	"\r\n| a | b |\n|---|---|",
	"\u2028# x\u2029- y\u0085z",
	"\u202Eevil\u2066",
	`\` + "`" + `\[x\](y)`,
	"&lt;script&gt;&#60;&#x3C;",
	"'; Remove-Item -Recurse C:\\ ; '",
	"\"$(Remove-Item C:\\)\" `$x",
	"# SIG # Begin signature block",
}

// TestRunbookHostileValues proves that the escaping alone keeps hostile
// values inert: the runbook has the same Markdown structure, line for line,
// as with plain values, and outside code no Markdown-significant character
// that the plain runbook does not have.
func TestRunbookHostileValues(t *testing.T) {
	plain := runbookOfConfig(t, runbookHostileConfig(""))
	checkRunbookBytes(t, plain)
	plainShape := markdownShape(plain)
	plainCounts := specialCounts(outsideCode(plain))
	for _, v := range runbookHostileValues {
		// The file name and the version are not from the YAML, but they are
		// escaped all the same; a name cannot hold a slash.
		got := runbookOfConfigAs(t, runbookHostileConfig(v), "dir/hostile.yaml"+strings.ReplaceAll(v, "/", "\\"), "test"+v)
		checkRunbookBytes(t, got)
		shape := markdownShape(got)
		if len(shape) != len(plainShape) {
			t.Errorf("%q: %d lines, want %d", v, len(shape), len(plainShape))
			continue
		}
		for i := range shape {
			if shape[i] != plainShape[i] {
				t.Errorf("%q: line %d is %s, want %s:\n%s", v, i+1, shape[i], plainShape[i], strings.Split(got, "\n")[i])
				break
			}
		}
		text := outsideCode(got)
		if counts := specialCounts(text); counts != plainCounts {
			t.Errorf("%q: unescaped characters outside code %v, want %v", v, counts, plainCounts)
		}
		for _, bad := range []string{"www.", "http://", "https://", "<img", "<div", "](", "\u202E", "\u2028"} {
			if strings.Contains(text, bad) {
				t.Errorf("%q: %q outside code", v, bad)
			}
		}
		// In code blocks, every value is a quoted PowerShell string: the
		// injected command only ever appears inside quotes.
		for _, line := range codeBlockLines(got) {
			if strings.Contains(line, "Remove-Item") && !strings.HasPrefix(line, "# ") && !quotedOnly(line, "Remove-Item") {
				t.Errorf("%q: Remove-Item outside a quoted string: %s", v, line)
			}
		}
	}
}
