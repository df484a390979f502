package config

// RoleGroup is a management role group of administrators. RBAC is not
// transferred between the organizations: declare each side's role groups
// under that side.
type RoleGroup struct {
	Meta `yaml:"-"`
	// Name is the role group's name (Organization Management, Hybrid Admins).
	Name Name `yaml:"name" jsonschema:"required"`
	// Ensure is present (the default) to create or update the role group,
	// absent to remove it.
	Ensure Ensure `yaml:"ensure,omitempty"`
	// Roles are the management roles assigned to the group, compared as a
	// set: roles not listed are unassigned.
	Roles []Name `yaml:"roles,omitempty" jsonschema:"uniqueItems=true"`
	// Members are the group's members, compared as a set: members not listed
	// are removed.
	Members []Identity `yaml:"members,omitempty" jsonschema:"uniqueItems=true"`
}

// RoleAssignmentPolicy grants end users permissions over their own mailbox.
type RoleAssignmentPolicy struct {
	Meta `yaml:"-"`
	// Name is the policy's name (Default Role Assignment Policy).
	Name Name `yaml:"name" jsonschema:"required"`
	// Ensure is present (the default) to create or update the policy, absent
	// to remove it.
	Ensure Ensure `yaml:"ensure,omitempty"`
	// Roles are the end-user roles (MyBaseOptions, MyContactInformation, ...),
	// compared as a set.
	Roles []Name `yaml:"roles,omitempty" jsonschema:"uniqueItems=true"`
	// Mailboxes are declared mailboxes of the same organization that use the
	// policy.
	Mailboxes []Identity `yaml:"mailboxes,omitempty" jsonschema:"uniqueItems=true"`
}
