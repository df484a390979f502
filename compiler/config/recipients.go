package config

// Mailbox is a mailbox that permissions, groups or role assignment policies
// name. Declaring where it lives decides which script grants its
// permissions, and which mailboxes must move to the cloud together.
type Mailbox struct {
	Meta `yaml:"-"`
	// Name identifies the mailbox as Exchange resolves it: alias, user
	// principal name or SMTP address (ONPREM1, exo1@contoso.com).
	Name Identity `yaml:"name" jsonschema:"required"`
	// Location is where the mailbox lives: onPremises or exchangeOnline.
	Location Location `yaml:"location" jsonschema:"required"`
	// MovedBeforeAclSync marks a mailbox moved to Exchange Online before
	// ACLable object synchronization was enabled: its on-premises remote
	// mailbox needs ACLs enabled by hand (Set-RemoteMailbox
	// -ACLableSyncedObjectEnabled), which hybridc emits.
	MovedBeforeAclSync *bool `yaml:"movedBeforeAclSync,omitempty"`
	// ServiceAccount marks a mailbox used by a service. hybridc batches can
	// leave service accounts out, so that they do not fuse every mailbox they
	// have permissions on into one migration batch.
	ServiceAccount *bool `yaml:"serviceAccount,omitempty"`
	// RemoteRoutingAddress is the remote routing address of the on-premises
	// remote mailbox of a mailbox in exchangeOnline, as Get-RemoteMailbox
	// shows it (alias@contoso.mail.onmicrosoft.com), for the check only:
	// warning HC0387 when it is not in the tenant's routing domain. hybridc
	// never changes it.
	RemoteRoutingAddress SMTPAddress `yaml:"remoteRoutingAddress,omitempty"`
}

// Permission grants a trustee delegated access to a mailbox. Full Access,
// Send on Behalf and folder permissions are granted where the mailbox
// lives; Send As is granted in both organizations, since it is not
// synchronized.
type Permission struct {
	Meta `yaml:"-"`
	// Access is FullAccess, SendAs, SendOnBehalf or Folder.
	Access AccessRight `yaml:"access" jsonschema:"required"`
	// Mailbox is the mailbox (or, for SendAs, group) whose access is granted:
	// a declared mailbox or group.
	Mailbox Identity `yaml:"mailbox" jsonschema:"required"`
	// Trustee is the declared mailbox that receives the access.
	Trustee Identity `yaml:"trustee" jsonschema:"required"`
	// Ensure is present (the default) to grant, absent to revoke.
	Ensure Ensure `yaml:"ensure,omitempty"`
	// AutoMapping lets Outlook open a Full Access mailbox automatically. It
	// does not work across premises. FullAccess only; set when the
	// permission is granted.
	AutoMapping *bool `yaml:"autoMapping,omitempty"`
	// Folder is the folder of a Folder permission, such as Calendar or
	// Inbox\Projects.
	Folder FolderName `yaml:"folder,omitempty"`
	// FolderAccessRights is the role of a Folder permission: Owner,
	// PublishingEditor, Editor, PublishingAuthor, Author, NonEditingAuthor,
	// Reviewer, Contributor, AvailabilityOnly or LimitedDetails.
	FolderAccessRights FolderAccessRight `yaml:"folderAccessRights,omitempty"`
}

// UnifiedGroup is a Microsoft 365 group that on-premises users use. Groups
// live in Exchange Online; Entra Connect writes them back on-premises.
type UnifiedGroup struct {
	Meta `yaml:"-"`
	// Name is the group's display name. Exchange names the group itself
	// DisplayName_<short guid>, so scripts find it by its primary SMTP
	// address.
	Name Name `yaml:"name" jsonschema:"required"`
	// PrimarySmtpAddress is the group's address, in a group domain, by which
	// scripts find it. Only the primary address is written back on-premises.
	PrimarySmtpAddress SMTPAddress `yaml:"primarySmtpAddress" jsonschema:"required"`
	// Alias is the group's Exchange alias (New-UnifiedGroup -Alias). Left
	// out, it is the local part of primarySmtpAddress.
	Alias Alias `yaml:"alias,omitempty"`
	// AccessType is Private (the default) or Public: who may join and read
	// the group without being a member.
	AccessType GroupAccessType `yaml:"accessType,omitempty"`
	// AdditionalAddresses are further SMTP addresses the group has. Mail from
	// on-premises to them fails: configure one address per group.
	AdditionalAddresses []SMTPAddress `yaml:"additionalAddresses,omitempty" jsonschema:"uniqueItems=true"`
	// AcceptExternalSenders lets people outside the organization mail the
	// group (RequireSenderAuthenticationEnabled false).
	AcceptExternalSenders *bool `yaml:"acceptExternalSenders,omitempty"`
	// Members are declared mailboxes that must be members. Other members are
	// left as they are unless the group is exclusive.
	Members []Identity `yaml:"members,omitempty" jsonschema:"uniqueItems=true"`
	// Owners are declared mailboxes that must be owners (and are made
	// members). On-premises owners manage the group in the Entra portal.
	// Other owners are left as they are unless the group is exclusive.
	Owners []Identity `yaml:"owners,omitempty" jsonschema:"uniqueItems=true"`
	// Unsubscribed are members who must not receive the group's mail in
	// their inbox (Remove-UnifiedGroupLinks -LinkType Subscribers).
	// On-premises members are otherwise always subscribed.
	Unsubscribed []Identity `yaml:"unsubscribed,omitempty" jsonschema:"uniqueItems=true"`
	// EchoToOnPremisesMembers gives on-premises members a copy of their own
	// posts (EchoGroupMessageBackToSubscribedSender on their mail users).
	EchoToOnPremisesMembers *bool `yaml:"echoToOnPremisesMembers,omitempty"`
	// Exclusive replaces the group's members and owners as whole sets:
	// members and owners not listed are removed. The default, false, only
	// adds.
	Exclusive *bool `yaml:"exclusive,omitempty"`
}
