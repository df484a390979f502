package compiler

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/config"

	"github.com/hybridc/hybridc/compiler/load"
)

// TestRunbookSections checks that each example's runbook has the sections
// of what it declares, and only those.
func TestRunbookSections(t *testing.T) {
	for _, c := range []struct {
		example string
		want    []string
		absent  []string
	}{
		{
			example: "contoso-hybrid.yaml",
			want: []string{"1. `onprem.ps1` in", "2. `online.ps1` in", "### The hybrid deployment",
				"without a cumulativeUpdate: check the CU of the servers", "### Free/busy between on-premises and Exchange Online",
				"| TargetAutodiscoverEpr | `https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc/WSSecurity` |",
				"From an on-premises mailbox, create a meeting"},
			absent: []string{"Microsoft 365 groups", "Group writeback", "Entra ID P1", "| MX |", "entra-connect.ps1", "again, after",
				"Delegated mailbox permissions", "### Permissions", "Delegate Access", "hybridc batches", "partner", "Partner",
				"Get-MailboxPermission", "Get-Recipient", "3. `"},
		},
		{
			example: "tenant-to-tenant.yaml",
			want: []string{"1. `online.ps1` in", "2. `partner-fabrikam.com.ps1` for", "3. `partner-tailspintoys.com.ps1` for",
				"### Partner tenants", "### Calendar sharing with partner tenants", "| FreeBusyAccessLevel | `LimitedDetails` |"},
			absent: []string{"onprem.ps1", "### The hybrid deployment", "Microsoft 365 groups", "Delegated mailbox permissions", "### Free/busy between"},
		},
		{
			example: "groups-hybrid.yaml",
			want: []string{"3. `entra-connect.ps1` on", "4. `onprem.ps1` again", "Get-Recipient -Identity 'social@groups.contoso.com'",
				"# expect none of these among the subscribers: ONPREM2\nGet-UnifiedGroupLinks -Identity 'Contoso Social' -LinkType Subscribers"},
			absent: []string{"Delegated mailbox permissions", "### Permissions", "### Free/busy between", "Partner"},
		},
		{
			example: "permissions.yaml",
			want: []string{"# expect an entry for ASSIST1 with AccessRights Editor\nGet-MailboxFolderPermission -Identity 'BOSS1:\\Calendar' -User 'ASSIST1'\n",
				"# expect RecipientDisplayType ACLableSyncedMailboxUser for EXO1\nGet-RemoteMailbox -Identity 'EXO1'",
				"# expect RoleAssignmentPolicy Contoso Users\nGet-Mailbox -Identity 'ONPREM2' | Format-List RoleAssignmentPolicy",
				"| `ONPREM1` | `ONPREM2` |", "hybridc batches permissions.yaml"},
			// SVC-SCAN is a service account: nobody to share private items
			// with; the folder permission and auto-mapping are within one
			// organization.
			absent: []string{"| `BOSS1` | `SVC-SCAN` |", "Auto-mapping and folder permissions do not work", "Microsoft 365 groups", "again, after"},
		},
	} {
		t.Run(c.example, func(t *testing.T) {
			got, _ := runbookOf(t, c.example)
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("the runbook lacks %q", w)
				}
			}
			for _, a := range c.absent {
				if strings.Contains(got, a) {
					t.Errorf("the runbook has %q, which %s does not declare", a, c.example)
				}
			}
		})
	}
}

// TestRunbookManualSteps covers what the examples leave out: group
// writeback without the connector account (no entra-connect.ps1, the
// commands by hand), centralized mail flow, several addresses per group, a
// partner without a reverse relationship, auto-mapping across premises.
func TestRunbookManualSteps(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "examples", "contoso-complete.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	res := Analyze(load.Source{Name: "contoso-complete.yaml", Data: data})
	if res.Config == nil {
		t.Fatal(res.Diagnostics)
	}
	cfg := res.Config
	yes := true
	cfg.OnPremises.EntraConnect.ConnectorAccountDN = ""
	cfg.OnPremises.CentralizedMailFlow = &yes
	cfg.OnPremises.ExchangeVersion = "2016"
	cfg.OnPremises.CumulativeUpdate = nil
	cfg.ExchangeOnline.Groups[0].AdditionalAddresses = []config.SMTPAddress{"falcon2@groups.contoso.com"}
	cfg.ExchangeOnline.Partners[0].ReverseRelationship = nil
	cfg.Permissions[1].AutoMapping = &yes
	got := runbookOfConfig(t, cfg)
	for _, c := range []struct {
		name, want string
	}{
		{name: "manual writeback permissions", want: "```powershell\nImport-Module \"$env:ProgramFiles\\Microsoft Azure Active Directory Connect\\AdSyncConfig\\AdSyncConfig.psm1\"\nSet-ADSyncUnifiedGroupWritebackPermissions -ADConnectorAccountDN '<DN of the AAD_ account>' -ADobjectDN 'OU=Groups,DC=contoso,DC=com'\n```"},
		// Neither AdminSDHolder switch: -SkipAdminSdHolders does not exist
		// from Azure AD Connect 2.0.3.0 on, and with -ADobjectDN neither
		// generation touches AdminSDHolder.
		{name: "grants never removed", want: "These permissions are only ever granted, never removed"},
		{name: "how to get the script", want: "Declare `connectorAccountDN` and `groupWriteback: true` under `onPremises.entraConnect`"},
		{name: "undeclared CU", want: "The YAML declares Exchange Server 2016 without a cumulativeUpdate: check that the servers run CU1 or later."},
		{name: "centralized mail flow", want: "The YAML declares centralized mail flow: mail from external senders to the groups is not delivered"},
		{name: "several addresses", want: "mail from on-premises to the other addresses of `Project Falcon` is not delivered"},
		{name: "partner without script", want: "`fabrikam.com`: the YAML declares no reverseRelationship, so hybridc writes no script for it."},
		{name: "auto-mapping across premises", want: "until both mailboxes are in the same organization: auto-mapping of `EXO1` for `ONPREM1`."},
	} {
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: the runbook lacks %q", c.name, c.want)
		}
	}
	for _, absent := range []string{"`entra-connect.ps1` on", "`partner-fabrikam.com.ps1` for", "The partner tenant `fabrikam.onmicrosoft.com`"} {
		if strings.Contains(got, absent) {
			t.Errorf("the runbook has %q", absent)
		}
	}
}

// TestRunbookWithoutOnPremises covers groups and permissions of a tenant
// without on-premises organization, which the checks may refuse but the
// runbook must still lay out.
func TestRunbookWithoutOnPremises(t *testing.T) {
	cfg := runbookHostileConfig("")
	cfg.OnPremises = nil
	got := runbookOfConfig(t, cfg)
	checkRunbookBytes(t, got)
	for _, want := range []string{"1. `online.ps1` in", "### Microsoft 365 groups", "the groups are not written back",
		"### Delegated mailbox permissions", "Get-UnifiedGroupLinks -Identity 'Project Falcon' -LinkType Members"} {
		if !strings.Contains(got, want) {
			t.Errorf("the runbook lacks %q", want)
		}
	}
	for _, absent := range []string{"onprem.ps1", "Group writeback in Microsoft Entra Connect", "| MX |", "1.1.553.0",
		"hybridc batches", "Test with an on-premises mailbox", "### The hybrid deployment"} {
		if strings.Contains(got, absent) {
			t.Errorf("the runbook has %q", absent)
		}
	}
}
