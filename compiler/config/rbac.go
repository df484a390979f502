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
	// Roles are the management roles assigned to the group. They are added
	// when missing; roles not listed are unassigned only when the group is
	// exclusive.
	Roles []Name `yaml:"roles,omitempty" jsonschema:"uniqueItems=true"`
	// Members are the group's members (users or groups, resolved as security
	// principals). They are added when missing; members not listed are
	// removed only when the group is exclusive.
	Members []Identity `yaml:"members,omitempty" jsonschema:"uniqueItems=true"`
	// Exclusive replaces the group's members and roles as whole sets: what is
	// not listed is removed. The default, false, is additive: declared
	// members and roles are added and nothing is removed. A built-in role
	// group (Organization Management, ...) is guarded by rules, so that no
	// configuration can lock every administrator out.
	Exclusive *bool `yaml:"exclusive,omitempty"`
}

// RoleAssignmentPolicy grants end users permissions over their own mailbox.
type RoleAssignmentPolicy struct {
	Meta `yaml:"-"`
	// Name is the policy's name (Default Role Assignment Policy).
	Name Name `yaml:"name" jsonschema:"required"`
	// Ensure is present (the default) to create or update the policy, absent
	// to remove it.
	Ensure Ensure `yaml:"ensure,omitempty"`
	// Roles are the end-user roles (MyBaseOptions, MyContactInformation,
	// ...). They are added when missing; roles not listed are unassigned only
	// when the policy is exclusive.
	Roles []Name `yaml:"roles,omitempty" jsonschema:"uniqueItems=true"`
	// Mailboxes are declared mailboxes of the same organization that use the
	// policy. Assigning is always additive: a mailbox not listed keeps the
	// policy it has.
	Mailboxes []Identity `yaml:"mailboxes,omitempty" jsonschema:"uniqueItems=true"`
	// Exclusive replaces the policy's roles as a whole set: roles not listed
	// are unassigned. The default, false, only adds the declared roles.
	// Mailbox assignments stay additive either way.
	Exclusive *bool `yaml:"exclusive,omitempty"`
}
