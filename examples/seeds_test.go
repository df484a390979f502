package examples_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
)

// block returns the part of a script that applies one resource: from its
// numbered header to the next one.
func block(t *testing.T, script, id string) string {
	t.Helper()
	start := regexp.MustCompile(`(?m)^    # [0-9]+\. ` + regexp.QuoteMeta(id) + ` \(`).FindStringIndex(script)
	if start == nil {
		t.Fatalf("no block for %s", id)
	}
	rest := script[start[1]:]
	if end := strings.Index(rest, "# -----"); end >= 0 {
		rest = rest[:end]
	}
	return rest
}

func compileExample(t *testing.T, file string) compiler.Files {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	res, err := compiler.Compile(compiler.Source{Name: file, Data: data}, compiler.Options{ToolVersion: "test"})
	if err != nil || res.Files == nil {
		t.Fatalf("compile %s: %v\n%s", file, err, res.Diagnostics)
	}
	return res.Files
}

// TestSeedCommandsGroupsAndPermissions checks that seeds 002 and 003's
// documented commands appear, with the seeds' values, each inside its
// read-compare-change guard: the value in the block's variables or
// $desired, the command in the branch that runs only when the object is
// missing or differs.
func TestSeedCommandsGroupsAndPermissions(t *testing.T) {
	tests := []struct {
		name     string
		example  string
		script   string
		resource string
		want     []string // in this order within the block
	}{
		{name: "seed 002: accepted domain", example: "groups-hybrid.yaml", script: "onprem.ps1", resource: "acceptedDomain/groups.contoso.com",
			want: []string{"$name = 'groups.contoso.com'", "DomainType = 'InternalRelay'", "if ($null -eq $current)", "New-AcceptedDomain -Name $name -DomainName $name @desired"}},
		{name: "seed 002: send connector address spaces", example: "groups-hybrid.yaml", script: "onprem.ps1", resource: "sendConnector/Outbound to Office 365",
			want: []string{"$name = 'Outbound to Office 365'", "AddressSpaces = @('contoso.mail.onmicrosoft.com', 'groups.contoso.com')",
				"Compare-HybridcState", "Join-HybridcAddressSpaces -Current $current.AddressSpaces", "Set-SendConnector -Identity $name -AddressSpaces $addressSpaces"}},
		{name: "seed 002: Update-Recipient for written-back groups", example: "groups-hybrid.yaml", script: "onprem.ps1", resource: "groupWriteback/falcon@groups.contoso.com",
			want: []string{"$name = 'falcon@groups.contoso.com'", "Compare-HybridcState", "Update-Recipient -Identity $name"}},
		{name: "seed 002: echo for on-premises members", example: "groups-hybrid.yaml", script: "online.ps1", resource: "echoGroupMessages/ONPREM1",
			want: []string{"$name = 'ONPREM1'", "EchoGroupMessageBackToSubscribedSender = $true", "Compare-HybridcState", "Get-MailUser -Identity $name | Set-MailboxMessageConfiguration @drift"}},
		{name: "seed 002: unsubscribe", example: "groups-hybrid.yaml", script: "online.ps1", resource: "groupSubscribers/Contoso Social",
			want: []string{"$linkType = 'Subscribers'", "$wanted = @('ONPREM2')", "Test-HybridcRecipient", "Remove-UnifiedGroupLinks -Identity $name -LinkType $linkType -Links $pending"}},
		{name: "seed 002: writeback permissions", example: "groups-hybrid.yaml", script: "entra-connect.ps1", resource: "groupWritebackPermissions",
			want: []string{"$connectorAccountDN = 'CN=AAD_7c3b1e2a9f10,CN=Users,DC=contoso,DC=com'", "Set-ADSyncUnifiedGroupWritebackPermissions -ADConnectorAccountDN $connectorAccountDN"}},
		{name: "seed 003: Send As on-premises half", example: "permissions.yaml", script: "onprem.ps1", resource: "sendAsPermission/ONPREM1 on EXO1",
			want: []string{"$name = 'EXO1'", "$trustee = 'ONPREM1'", "if ($null -eq $current)", "Add-ADPermission -Identity $name -User $trustee -AccessRights 'ExtendedRight' -ExtendedRights 'Send As'"}},
		{name: "seed 003: Send As online half", example: "permissions.yaml", script: "online.ps1", resource: "sendAsPermission/ONPREM1 on EXO1",
			want: []string{"$name = 'EXO1'", "$trustee = 'ONPREM1'", "if ($null -eq $current)", "Add-RecipientPermission -Identity $name -Trustee $trustee -AccessRights 'SendAs'"}},
		{name: "seed 003: Full Access where the mailbox lives", example: "permissions.yaml", script: "online.ps1", resource: "fullAccessPermission/ONPREM4 on EXO1",
			want: []string{"$name = 'EXO1'", "$trustee = 'ONPREM4'", "Add-MailboxPermission -Identity $name -User $trustee -AccessRights 'FullAccess' -AutoMapping:$false"}},
		{name: "seed 003: Send on Behalf", example: "permissions.yaml", script: "onprem.ps1", resource: "sendOnBehalfPermission/ONPREM3 on ONPREM1",
			want: []string{"$name = 'ONPREM1'", "$trustee = 'ONPREM3'", "Set-Mailbox -Identity $name -GrantSendOnBehalfTo @{ Add = $trustee }"}},
		{name: "seed 003: ACLable object sync", example: "permissions.yaml", script: "onprem.ps1", resource: "organizationConfig",
			want: []string{"ACLableSyncedObjectEnabled = $true", "Set-OrganizationConfig @drift"}},
		{name: "seed 003: remote mailbox moved before ACL sync", example: "permissions.yaml", script: "onprem.ps1", resource: "remoteMailboxAcl/EXO1",
			want: []string{"$name = 'EXO1'", "Set-RemoteMailbox -Identity $name -ACLableSyncedObjectEnabled:$true"}},
		{name: "seed 003: role assignment policy with the default roles", example: "permissions.yaml", script: "online.ps1", resource: "roleAssignmentPolicy/Contoso Cloud Users",
			want: []string{"'MyBaseOptions'", "'My ReadWriteMailbox Apps'", "New-RoleAssignmentPolicy -Name $name @desired", "Sync-HybridcRoleAssignments -Assignee $name"}},
	}
	files := map[string]compiler.Files{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if files[tt.example] == nil {
				files[tt.example] = compileExample(t, tt.example)
			}
			text := block(t, strings.ReplaceAll(string(files[tt.example][tt.script]), "\r\n", "\n"), tt.resource)
			at := 0
			for _, w := range tt.want {
				i := strings.Index(text[at:], w)
				if i < 0 {
					t.Fatalf("%s %s: %q missing (or out of order) in:\n%s", tt.script, tt.resource, w, text)
				}
				at += i + len(w)
			}
		})
	}
}

// TestSendAsBothSides checks that one Send As declaration gives both halves.
func TestSendAsBothSides(t *testing.T) {
	files := compileExample(t, "permissions.yaml")
	for _, script := range []string{"onprem.ps1", "online.ps1"} {
		if !strings.Contains(string(files[script]), "sendAsPermission/ONPREM1 on EXO1") {
			t.Errorf("%s lacks its half of Send As", script)
		}
	}
	if strings.Contains(string(files["online.ps1"]), "fullAccessPermission/ONPREM2 on ONPREM1") {
		t.Error("a permission on an on-premises mailbox was granted online")
	}
}
