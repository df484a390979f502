package kinds

// The kinds of templates/engine-groups.ps1.tmpl.
const (
	UnifiedGroupName      = "unifiedGroup"
	GroupMembersName      = "groupMembers"
	GroupOwnersName       = "groupOwners"
	GroupSubscribersName  = "groupSubscribers"
	EchoGroupMessagesName = "echoGroupMessages"
	GroupWritebackName    = "groupWriteback"
)

// The sections every kind that resolves names needs.
const directory = "directory"

// UnifiedGroup is a Microsoft 365 group.
var UnifiedGroup = Decl{Name: UnifiedGroupName, Family: "groups",
	Engine:         Engine{"Sync-HybridcUnifiedGroup", []string{"groups", directory}},
	DirectoryReads: []string{"unifiedGroup"},
	Reads:          []string{"Get-UnifiedGroup"}, Writes: []string{"New-UnifiedGroup", "Set-UnifiedGroup"}}

// links declares one kind of a group's links (Add-UnifiedGroupLinks).
func links(name, function string, after ...string) Decl {
	return Decl{Name: name, Family: "groups", After: after, Engine: Engine{function, []string{"groups", UnifiedGroupName, directory}},
		DirectoryReads: []string{"recipient", "unifiedGroup"},
		Reads:          []string{"Get-UnifiedGroupLinks"}, Writes: []string{"Add-UnifiedGroupLinks"}, Removes: []string{"Remove-UnifiedGroupLinks"}}
}

// GroupMembers, GroupOwners and GroupSubscribers are a group's links.
var (
	GroupMembers     = links(GroupMembersName, "Sync-HybridcGroupMembers", UnifiedGroupName)
	GroupOwners      = links(GroupOwnersName, "Sync-HybridcGroupOwners", UnifiedGroupName, GroupMembersName)
	GroupSubscribers = links(GroupSubscribersName, "Sync-HybridcGroupSubscribers", UnifiedGroupName, GroupMembersName, GroupOwnersName)
)

// EchoGroupMessages is the echo setting of a group's on-premises member.
var EchoGroupMessages = Decl{Name: EchoGroupMessagesName, Family: "groups", After: []string{GroupMembersName, GroupOwnersName},
	Engine:         Engine{"Sync-HybridcEchoGroupMessages", []string{"groups", directory}},
	DirectoryReads: []string{"recipient"},
	Reads:          []string{"Get-MailUser", "Get-MailboxMessageConfiguration"}, Writes: []string{"Set-MailboxMessageConfiguration"}}

// GroupWriteback is a written-back group's address list membership.
var GroupWriteback = Decl{Name: GroupWritebackName, Family: "groups", After: []string{AcceptedDomainName, SendConnectorName},
	Engine:         Engine{"Sync-HybridcGroupWriteback", []string{"groups", directory}},
	DirectoryReads: []string{"recipient"},
	Writes:         []string{"Update-Recipient"}}
