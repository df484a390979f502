package kinds

// The kinds of templates/engine-permissions.ps1.tmpl.
const (
	RemoteMailboxACLName = "remoteMailboxAcl"
	FullAccessName       = "fullAccessPermission"
	SendAsName           = "sendAsPermission"
	SendOnBehalfName     = "sendOnBehalfPermission"
	FolderPermissionName = "folderPermission"
)

// afterACL: a permission comes after ACLable object synchronization and
// the remote mailboxes made ACLable.
var afterACL = []string{OrganizationConfigName, RemoteMailboxACLName}

// RemoteMailboxACL makes a remote mailbox ACLable.
var RemoteMailboxACL = Decl{Name: RemoteMailboxACLName, Family: "permissions", After: []string{OrganizationConfigName},
	Engine:         Engine{"Sync-HybridcRemoteMailboxAcl", []string{"permissions", directory}},
	DirectoryReads: []string{"recipient", "remoteMailbox"},
	Writes:         []string{"Set-RemoteMailbox"}}

// FullAccess is a Full Access permission (Add-MailboxPermission).
var FullAccess = Decl{Name: FullAccessName, Family: "permissions", After: afterACL,
	Engine:         Engine{"Sync-HybridcFullAccessPermission", []string{"permissions", directory}},
	DirectoryReads: []string{"recipient", "user"},
	Reads:          []string{"Get-MailboxPermission"}, Writes: []string{"Add-MailboxPermission"}, Removes: []string{"Remove-MailboxPermission"}}

// SendAs is a Send As permission: its engine differs by organization kind
// (Add-ADPermission on-premises, Add-RecipientPermission online), so the
// compiler keys its steps by SendAsOnPremises and SendAsOnline.
var SendAs = Decl{Name: SendAsName, Family: "permissions", After: afterACL,
	Engine:         Engine{"Sync-HybridcSendAsPermission", []string{"permissions", directory}},
	DirectoryReads: []string{"recipient", "user"},
	Reads:          []string{"Get-ADPermission", "Get-RecipientPermission"}, Writes: []string{"Add-ADPermission", "Add-RecipientPermission"},
	Removes: []string{"Remove-ADPermission", "Remove-RecipientPermission"}}

// The engine step keys of Send As, by organization kind.
const (
	SendAsOnPremises = "sendAsOnPremises"
	SendAsOnline     = "sendAsOnline"
)

// SendOnBehalf is a mailbox's delegate (Set-Mailbox).
var SendOnBehalf = Decl{Name: SendOnBehalfName, Family: "permissions", After: afterACL,
	Engine:         Engine{"Sync-HybridcSendOnBehalfPermission", []string{"permissions", directory}},
	DirectoryReads: []string{"recipient", "user", "mailbox"},
	Writes:         []string{"Set-Mailbox"}}

// FolderPermission is a mailbox folder permission.
var FolderPermission = Decl{Name: FolderPermissionName, Family: "permissions", After: afterACL,
	Engine:         Engine{"Sync-HybridcFolderPermission", []string{"permissions", directory}},
	DirectoryReads: []string{"recipient", "user"},
	Reads:          []string{"Get-MailboxFolderPermission", "Get-MailboxFolderStatistics"},
	Writes:         []string{"Add-MailboxFolderPermission", "Set-MailboxFolderPermission"}, Removes: []string{"Remove-MailboxFolderPermission"}}
