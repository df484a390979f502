package kinds

// The kinds of templates/engine-rbac.ps1.tmpl.
const (
	RoleGroupName            = "roleGroup"
	RoleAssignmentPolicyName = "roleAssignmentPolicy"
	MailboxPolicyName        = "mailboxRoleAssignmentPolicy"
)

// DefaultPolicy is the name of the role assignment policy Exchange gives
// new mailboxes.
const DefaultPolicy = "Default Role Assignment Policy"

// DefaultPolicyRoles are the default end-user roles (seed 003).
var DefaultPolicyRoles = []string{"MyBaseOptions", "MyContactInformation", "MyDistributionGroupMembership", "MyDistributionGroups",
	"MyMailSubscription", "MyProfileInformation", "MyRetentionPolicies", "MyTextMessaging", "MyVoiceMail"}

// RoleGroup is a management role group with its members and roles.
var RoleGroup = Decl{Name: RoleGroupName, Family: "rbac", After: []string{OrganizationCustomizationName},
	Engine:         Engine{"Sync-HybridcRoleGroup", []string{"rbac", directory}},
	DirectoryReads: []string{"recipient", "user", "group"},
	Reads:          []string{"Get-RoleGroup", "Get-RoleGroupMember", "Get-ManagementRoleAssignment"},
	Writes:         []string{"New-RoleGroup", "Add-RoleGroupMember", "New-ManagementRoleAssignment"},
	Removes:        []string{"Remove-RoleGroup", "Remove-RoleGroupMember", "Remove-ManagementRoleAssignment"}}

// RoleAssignmentPolicy is an end-user role assignment policy.
var RoleAssignmentPolicy = Decl{Name: RoleAssignmentPolicyName, Family: "rbac", After: []string{OrganizationCustomizationName},
	Engine:  Engine{"Sync-HybridcRoleAssignmentPolicy", []string{"rbac"}},
	Reads:   []string{"Get-RoleAssignmentPolicy", "Get-ManagementRoleAssignment"},
	Writes:  []string{"New-RoleAssignmentPolicy", "New-ManagementRoleAssignment"},
	Removes: []string{"Remove-RoleAssignmentPolicy", "Remove-ManagementRoleAssignment"}}

// MailboxPolicy is the role assignment policy of one mailbox.
var MailboxPolicy = Decl{Name: MailboxPolicyName, Family: "rbac", After: []string{RoleAssignmentPolicyName},
	Engine:         Engine{"Sync-HybridcMailboxRoleAssignmentPolicy", []string{"rbac", directory}},
	DirectoryReads: []string{"recipient", "mailbox"},
	Writes:         []string{"Set-Mailbox"}}
