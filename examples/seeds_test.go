package examples_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
)

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

// dataStep returns the step of a kind in a script's data section: from its
// Kind line to the next step or the end of the section.
func dataStep(t *testing.T, script, kind string) string {
	t.Helper()
	start := regexp.MustCompile(`(?m)^ +Kind += '` + regexp.QuoteMeta(kind) + `'$`).FindStringIndex(script)
	if start == nil {
		t.Fatalf("no data step of kind %s", kind)
	}
	rest := script[start[1]:]
	if end := regexp.MustCompile(`(?m)^ +Kind += '|^}`).FindStringIndex(rest); end != nil {
		rest = rest[:end[0]]
	}
	return rest
}

// engineFunction returns the text of an engine function.
func engineFunction(t *testing.T, script, name string) string {
	t.Helper()
	start := strings.Index(script, "\nfunction "+name+" {\n")
	if start < 0 {
		t.Fatalf("no engine function %s", name)
	}
	rest := script[start+1:]
	if end := strings.Index(rest, "\n}\n"); end >= 0 {
		rest = rest[:end]
	}
	return rest
}

// inOrder reports the first of want that text lacks, in order.
func inOrder(text string, want []string) (string, bool) {
	at := 0
	for _, w := range want {
		i := strings.Index(text[at:], w)
		if i < 0 {
			return w, false
		}
		at += i + len(w)
	}
	return "", true
}

// TestSeedCommands checks that the seeds' documented commands are
// reproduced with their values: the values as literals in the data
// section's step of the resource's kind, the command in the engine function
// that reconciles that kind, behind its read and compare.
func TestSeedCommands(t *testing.T) {
	tests := []struct {
		name     string
		example  string
		script   string
		kind     string
		data     []string // in this order within the step
		function string
		code     []string // in this order within the function
	}{
		// Seed 000's domains, with the coexistence domain that Exchange
		// 2013 and later need (HC0301): the examples use the wizard's shape.
		{name: "seed 000: relationship towards the cloud", example: "../golden/cases/hybrid-free-busy/input.yaml", script: "onprem.ps1", kind: "organizationRelationship",
			data: []string{"Name       = 'To Cloud'", "@{ Name = 'DomainNames'; Compare = 'superset'; Value = @('contoso.mail.onmicrosoft.com', 'service.contoso.com', 'contoso.com') }",
				"@{ Name = 'MailTipsAccessEnabled'; Compare = ''; Value = $true }", "@{ Name = 'MailTipsAccessLevel'; Compare = ''; Value = 'All' }",
				"@{ Name = 'DeliveryReportEnabled'; Compare = ''; Value = $true }"},
			function: "Sync-HybridcOrganizationRelationship",
			code: []string{"Get-OrganizationRelationship -ErrorAction Stop", "New-OrganizationRelationship -Name ([string]$item.Name) @create",
				"Get-HybridcDrift -Current $current[0] -Properties $item.Properties", "Set-OrganizationRelationship -Identity $key @drift -Confirm:$false -ErrorAction Stop"}},
		// Only where Exchange 2010 mailbox servers remain (InternalProxy
		// serves nothing else, HC0345): the examples are Exchange SE.
		{name: "seed 000: availability address space", example: "../golden/cases/rule-internal-proxy/input.yaml", script: "onprem.ps1", kind: "availabilityAddressSpace",
			data: []string{"Name                 = 'service.contoso.com'", "@{ Name = 'AccessMethod'; Compare = ''; Value = 'InternalProxy' }",
				"@{ Name = 'UseServiceAccount'; Compare = ''; Value = $true }"},
			function: "Add-HybridcAddressSpace", code: []string{"Add-AvailabilityAddressSpace @Settings -Confirm:$false -ErrorAction Stop"}},
		{name: "seed 000: customization before relationships online", example: "contoso-hybrid.yaml", script: "online.ps1", kind: "organizationCustomization",
			data: []string{"@{ Id = 'organizationCustomization' }"}, function: "Sync-HybridcOrganizationCustomization",
			code: []string{"IsDehydrated", "Enable-OrganizationCustomization -Confirm:$false -ErrorAction Stop", "not available in current service offer", "Get-OrganizationConfig -ErrorAction Stop"}},
		{name: "seed 000: relationship towards on-premises", example: "contoso-hybrid.yaml", script: "online.ps1", kind: "organizationRelationship",
			data:     []string{"Name       = 'To On-Premises'", "@{ Name = 'DomainNames'; Compare = 'superset'; Value = @('exchangedelegation.contoso.com', 'contoso.com') }"},
			function: "Sync-HybridcOrganizationRelationship", code: []string{"New-OrganizationRelationship -Name ([string]$item.Name) @create -Confirm:$false -ErrorAction Stop"}},
		{name: "seed 002: accepted domain", example: "groups-hybrid.yaml", script: "onprem.ps1", kind: "acceptedDomain",
			data:     []string{"Name       = 'groups.contoso.com'", "@{ Name = 'DomainType'; Compare = ''; Value = 'InternalRelay' }"},
			function: "Sync-HybridcAcceptedDomain", code: []string{"Get-AcceptedDomain -ErrorAction Stop", "if ($current.Count -eq 0)", "New-AcceptedDomain -Name ([string]$item.Name) -DomainName ([string]$item.Name) @create"}},
		{name: "seed 002: send connector address spaces", example: "groups-hybrid.yaml", script: "onprem.ps1", kind: "sendConnector",
			data:     []string{"Name          = 'Outbound to Office 365'", "AddressSpaces = @('contoso.mail.onmicrosoft.com', 'groups.contoso.com')"},
			function: "Sync-HybridcSendConnector", code: []string{"Get-SendConnector -ErrorAction Stop", "$set['AddressSpaces'] = @($spaces) + @($missing)", "Set-SendConnector -Identity $key @set"}},
		{name: "seed 002: Update-Recipient for written-back groups", example: "groups-hybrid.yaml", script: "onprem.ps1", kind: "groupWriteback",
			data: []string{"Name       = 'falcon@groups.contoso.com'"}, function: "Sync-HybridcGroupWriteback",
			code: []string{"AddressListMembership", "Update-Recipient -Identity $key -Confirm:$false -ErrorAction Stop"}},
		{name: "seed 002: group created with its address", example: "groups-hybrid.yaml", script: "online.ps1", kind: "unifiedGroup",
			data:     []string{"PrimarySmtpAddress  = 'falcon@groups.contoso.com'", "Alias               = 'falcon'", "@{ Name = 'AccessType'; Compare = ''; Value = 'Private' }"},
			function: "Sync-HybridcUnifiedGroup", code: []string{"$script:HybridcGroups[[string]$item.PrimarySmtpAddress]",
				"New-UnifiedGroup -DisplayName ([string]$item.Name) -Alias ([string]$item.Alias) -PrimarySmtpAddress ([string]$item.PrimarySmtpAddress) @create"}},
		{name: "seed 002: echo for on-premises members", example: "groups-hybrid.yaml", script: "online.ps1", kind: "echoGroupMessages",
			data:     []string{"Name       = 'ONPREM1'", "@{ Name = 'EchoGroupMessageBackToSubscribedSender'; Compare = ''; Value = $true }"},
			function: "Sync-HybridcEchoGroupMessages", code: []string{"Get-MailUser -Identity $key -ErrorAction Stop", "Read-HybridcEchoConfiguration -MailUser $mailUser",
				"$mailUser | Set-MailboxMessageConfiguration @drift -Confirm:$false -ErrorAction Stop"}},
		{name: "seed 002: unsubscribe", example: "groups-hybrid.yaml", script: "online.ps1", kind: "groupSubscribers",
			data: []string{"Group     = 'social@groups.contoso.com'", "Links     = @('ONPREM2')"}, function: "Sync-HybridcGroupLinks",
			code: []string{"Get-UnifiedGroupLinks -Identity $key -LinkType $LinkType -ResultSize Unlimited -ErrorAction Stop", "Remove-UnifiedGroupLinks -Identity $key -LinkType 'Subscribers' -Links $unsubscribe"}},
		{name: "seed 002: writeback permissions", example: "groups-hybrid.yaml", script: "entra-connect.ps1", kind: "groupWritebackPermissions",
			data: []string{"ConnectorAccountDN = 'CN=AAD_7c3b1e2a9f10,CN=Users,DC=contoso,DC=com'"}, function: "Sync-HybridcGroupWritebackPermissions",
			code: []string{"$writeback = Get-HybridcWritebackSettings -Item $item", "$settings = $writeback.Settings", "Set-ADSyncUnifiedGroupWritebackPermissions @settings -Confirm:$false -ErrorAction Stop"}},
		{name: "seed 002: writeback permissions for the connector account", example: "groups-hybrid.yaml", script: "entra-connect.ps1", kind: "groupWritebackPermissions",
			data: []string{"ConnectorAccountDN = 'CN=AAD_7c3b1e2a9f10,CN=Users,DC=contoso,DC=com'"}, function: "Get-HybridcWritebackSettings",
			code: []string{"$settings = @{ ADConnectorAccountDN = [string]$Item.ConnectorAccountDN }", "$settings['ADobjectDN'] = [string]$Item.WritebackOU"}},
		{name: "seed 003: Send As on-premises half", example: "permissions.yaml", script: "onprem.ps1", kind: "sendAsOnPremises",
			data: []string{"Mailbox = 'EXO1'; Trustee = 'ONPREM1'"}, function: "Sync-HybridcSendAsPermission",
			code: []string{"$Chunk | Get-ADPermission -ErrorAction Stop", "Add-ADPermission -Identity $mailbox -User $trustee -AccessRights 'ExtendedRight' -ExtendedRights 'Send As'"}},
		{name: "seed 003: Send As online half", example: "permissions.yaml", script: "online.ps1", kind: "sendAsOnline",
			data: []string{"Mailbox = 'EXO1'; Trustee = 'ONPREM1'"}, function: "Sync-HybridcSendAsPermission",
			code: []string{"Read-HybridcSendAsEntries -Items $Items", "Add-RecipientPermission -Identity $mailbox -Trustee $trustee -AccessRights 'SendAs'"}},
		{name: "seed 003: Send As online half, the read", example: "permissions.yaml", script: "online.ps1", kind: "sendAsOnline",
			data: []string{"Mailbox = 'EXO1'; Trustee = 'ONPREM1'"}, function: "Read-HybridcSendAsEntries",
			code: []string{"Get-RecipientPermission -AccessRights 'SendAs' -ResultSize Unlimited -ErrorAction Stop"}},
		{name: "seed 003: Full Access where the mailbox lives", example: "permissions.yaml", script: "online.ps1", kind: "fullAccessPermission",
			data: []string{"Mailbox = 'EXO1'; Trustee = 'ONPREM4'; AutoMapping = $false"}, function: "Sync-HybridcFullAccessPermission",
			code: []string{"Get-EXOMailboxPermission -ResultSize Unlimited -ErrorAction Stop", "Add-MailboxPermission -Identity $mailbox -User $trustee -AccessRights 'FullAccess' -AutoMapping:([bool]$autoMapping)"}},
		{name: "seed 003: Send on Behalf", example: "permissions.yaml", script: "onprem.ps1", kind: "sendOnBehalfPermission",
			data: []string{"Mailbox = 'ONPREM1'; Trustee = 'ONPREM3'"}, function: "Sync-HybridcSendOnBehalfPermission",
			code: []string{"Initialize-HybridcDirectory -Recipients -Users -Mailboxes", "Submit-HybridcSendOnBehalf -Changes $changes"}},
		// The seed's Set-Mailbox -GrantSendOnBehalfTo @{ Add = ... }, made
		// once per mailbox with all its new delegates.
		{name: "seed 003: Send on Behalf, the call", example: "permissions.yaml", script: "onprem.ps1", kind: "sendOnBehalfPermission",
			data: []string{"Mailbox = 'ONPREM1'; Trustee = 'ONPREM3'"}, function: "Set-HybridcSendOnBehalf",
			code: []string{"$delegates['Add'] = [string[]]$add.ToArray()", "Set-Mailbox -Identity $Mailbox -GrantSendOnBehalfTo $delegates -Confirm:$false -ErrorAction Stop"}},
		{name: "seed 003: ACLable object sync", example: "permissions.yaml", script: "onprem.ps1", kind: "organizationConfig",
			data: []string{"@{ Name = 'ACLableSyncedObjectEnabled'; Compare = ''; Value = $true }"}, function: "Sync-HybridcOrganizationConfig",
			code: []string{"Set-OrganizationConfig @drift -Confirm:$false -ErrorAction Stop"}},
		{name: "seed 003: remote mailbox moved before ACL sync", example: "permissions.yaml", script: "onprem.ps1", kind: "remoteMailboxAcl",
			data: []string{"Name       = 'EXO1'"}, function: "Sync-HybridcRemoteMailboxAcl",
			code: []string{"Get-RemoteMailbox -ResultSize Unlimited -ErrorAction Stop", "Set-RemoteMailbox -Identity $key -ACLableSyncedObjectEnabled:$true"}},
		{name: "seed 003: role assignment policy with the default roles", example: "permissions.yaml", script: "online.ps1", kind: "roleAssignmentPolicy",
			data: []string{"'MyBaseOptions'", "'My ReadWriteMailbox Apps'"}, function: "Sync-HybridcRoleAssignmentPolicy",
			code: []string{"$create['Roles'] = $roles", "New-RoleAssignmentPolicy -Name ([string]$item.Name) @create", "New-ManagementRoleAssignment -Policy $key -Role $role"}},
	}
	files := map[string]compiler.Files{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if files[tt.example] == nil {
				files[tt.example] = compileExample(t, tt.example)
			}
			script := strings.ReplaceAll(string(files[tt.example][tt.script]), "\r\n", "\n")
			step := dataStep(t, script, tt.kind)
			if w, ok := inOrder(step, tt.data); !ok {
				t.Errorf("%s: the %s step lacks %q (or has it out of order):\n%s", tt.script, tt.kind, w, step)
			}
			fn := engineFunction(t, script, tt.function)
			if w, ok := inOrder(fn, tt.code); !ok {
				t.Errorf("%s: %s lacks %q (or has it out of order)", tt.script, tt.function, w)
			}
		})
	}
}

// TestSeedOrder checks what seed 000 requires of the order: online, the
// tenant is customized before any relationship is created, and
// relationships carry explicit DomainNames rather than
// Get-FederationInformation's answer.
func TestSeedOrder(t *testing.T) {
	files := compileExample(t, "contoso-hybrid.yaml")
	online := strings.ReplaceAll(string(files["online.ps1"]), "\r\n", "\n")
	if strings.Index(online, "Kind  = 'organizationCustomization'") > strings.Index(online, "Kind  = 'organizationRelationship'") {
		t.Error("online.ps1 must enable organization customization before creating a relationship")
	}
	if strings.Contains(online, "Get-FederationInformation") {
		t.Error("relationships must carry explicit DomainNames, not Get-FederationInformation output")
	}
}

// TestSendAsBothSides checks that one Send As declaration gives both halves.
func TestSendAsBothSides(t *testing.T) {
	files := compileExample(t, "permissions.yaml")
	for _, script := range []string{"onprem.ps1", "online.ps1"} {
		if !strings.Contains(string(files[script]), "Mailbox = 'EXO1'; Trustee = 'ONPREM1'") {
			t.Errorf("%s lacks its half of Send As", script)
		}
	}
	online := strings.ReplaceAll(string(files["online.ps1"]), "\r\n", "\n")
	if strings.Contains(dataStep(t, online, "fullAccessPermission"), "Mailbox = 'ONPREM1'; Trustee = 'ONPREM2'") {
		t.Error("a permission on an on-premises mailbox was granted online")
	}
}
