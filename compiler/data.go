package compiler

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
)

// engine is how a script's engine handles one kind of resource: the
// PowerShell function that reconciles a step of that kind, the template
// sections it needs, and the Exchange cmdlets it may call (the preflight
// checks they exist).
type engine struct {
	Function string
	Uses     []string
	Commands []string
}

// directory is the engine section that resolves names to objects.
const directorySection = "directory"

// engines maps each resource kind to its engine. Send As has two: one per
// organization kind.
var engines = map[string]engine{
	KindOrganizationCustomization: {"Sync-HybridcOrganizationCustomization", []string{"federation"}, []string{"Enable-OrganizationCustomization"}},
	KindOrganizationRelationship:  {"Sync-HybridcOrganizationRelationship", []string{"federation"}, []string{"Get-OrganizationRelationship", "New-OrganizationRelationship", "Set-OrganizationRelationship"}},
	KindAvailabilityAddressSpace:  {"Sync-HybridcAvailabilityAddressSpace", []string{"federation"}, []string{"Get-AvailabilityAddressSpace", "Add-AvailabilityAddressSpace", "Remove-AvailabilityAddressSpace"}},
	KindOrganizationConfig:        {"Sync-HybridcOrganizationConfig", []string{"mailflow"}, []string{"Set-OrganizationConfig"}},
	KindAcceptedDomain:            {"Sync-HybridcAcceptedDomain", []string{"mailflow"}, []string{"Get-AcceptedDomain", "New-AcceptedDomain", "Set-AcceptedDomain"}},
	KindSendConnector:             {"Sync-HybridcSendConnector", []string{"mailflow"}, []string{"Get-SendConnector", "Set-SendConnector"}},
	KindUnifiedGroup:              {"Sync-HybridcUnifiedGroup", []string{"groups", directorySection}, []string{"Get-UnifiedGroup", "New-UnifiedGroup", "Set-UnifiedGroup"}},
	KindGroupMembers:              {"Sync-HybridcGroupMembers", []string{"groups", KindUnifiedGroup, directorySection}, []string{"Get-UnifiedGroup", "Get-UnifiedGroupLinks", "Add-UnifiedGroupLinks", "Get-Recipient"}},
	KindGroupOwners:               {"Sync-HybridcGroupOwners", []string{"groups", KindUnifiedGroup, directorySection}, []string{"Get-UnifiedGroup", "Get-UnifiedGroupLinks", "Add-UnifiedGroupLinks", "Get-Recipient"}},
	KindGroupSubscribers:          {"Sync-HybridcGroupSubscribers", []string{"groups", KindUnifiedGroup, directorySection}, []string{"Get-UnifiedGroup", "Get-UnifiedGroupLinks", "Remove-UnifiedGroupLinks", "Get-Recipient"}},
	KindEchoGroupMessages:         {"Sync-HybridcEchoGroupMessages", []string{"groups", directorySection}, []string{"Get-Recipient", "Get-MailUser", "Get-MailboxMessageConfiguration", "Set-MailboxMessageConfiguration"}},
	KindGroupWriteback:            {"Sync-HybridcGroupWriteback", []string{"groups", directorySection}, []string{"Get-Recipient", "Update-Recipient"}},
	KindWritebackPermissions:      {"Sync-HybridcGroupWritebackPermissions", nil, []string{"Set-ADSyncUnifiedGroupWritebackPermissions"}},
	KindRoleGroup:                 {"Sync-HybridcRoleGroup", []string{"rbac", directorySection}, []string{"Get-RoleGroup", "New-RoleGroup", "Get-RoleGroupMember", "Add-RoleGroupMember", "Get-ManagementRoleAssignment", "New-ManagementRoleAssignment", "Get-Recipient", "Get-User", "Get-Group"}},
	KindRoleAssignmentPolicy:      {"Sync-HybridcRoleAssignmentPolicy", []string{"rbac"}, []string{"Get-RoleAssignmentPolicy", "New-RoleAssignmentPolicy", "New-ManagementRoleAssignment"}},
	KindMailboxPolicy:             {"Sync-HybridcMailboxRoleAssignmentPolicy", []string{"rbac", directorySection}, []string{"Get-Recipient", "Get-Mailbox", "Set-Mailbox"}},
	KindRemoteMailboxACL:          {"Sync-HybridcRemoteMailboxAcl", []string{"permissions", directorySection}, []string{"Get-Recipient", "Get-RemoteMailbox", "Set-RemoteMailbox"}},
	KindFullAccess:                {"Sync-HybridcFullAccessPermission", []string{"permissions", directorySection}, []string{"Get-Recipient", "Get-User", "Get-MailboxPermission", "Add-MailboxPermission"}},
	KindSendOnBehalf:              {"Sync-HybridcSendOnBehalfPermission", []string{"permissions", directorySection}, []string{"Get-Recipient", "Get-User", "Get-Mailbox", "Set-Mailbox"}},
	KindFolderPermission:          {"Sync-HybridcFolderPermission", []string{"permissions", directorySection}, []string{"Get-Recipient", "Get-User", "Get-MailboxFolderPermission", "Add-MailboxFolderPermission", "Set-MailboxFolderPermission"}},
	kindSendAsOnPremises:          {"Sync-HybridcSendAsPermission", []string{"permissions", directorySection}, []string{"Get-Recipient", "Get-User", "Get-ADPermission", "Add-ADPermission"}},
	kindSendAsOnline:              {"Sync-HybridcSendAsPermission", []string{"permissions", directorySection}, []string{"Get-Recipient", "Get-User", "Get-RecipientPermission", "Add-RecipientPermission"}},
}

// The two engines of Send As, by organization kind.
const (
	kindSendAsOnPremises = "sendAsOnPremises"
	kindSendAsOnline     = "sendAsOnline"
)

// engineOf is the engine of a resource.
func engineOf(r *Resource) (string, engine) {
	key := r.Kind
	if r.Kind == KindSendAs {
		key = kindSendAsOnPremises
		if r.Target.Online {
			key = kindSendAsOnline
		}
	}
	e, ok := engines[key]
	if !ok {
		panic("hybridc: no engine for " + r.Kind)
	}
	return key, e
}

// removals are the template sections that hold code able to remove
// something, with the cmdlets they call: a script holds them only when its
// configuration declares such a removal (absent resources, exclusive sets,
// unsubscribed members).
var removals = map[string][]string{
	"roleGroupAbsent":     {"Remove-RoleGroup"},
	"policyAbsent":        {"Remove-RoleAssignmentPolicy"},
	"exclusiveRoleGroups": {"Remove-RoleGroupMember", "Remove-ManagementRoleAssignment"},
	"exclusivePolicies":   {"Get-ManagementRoleAssignment", "Remove-ManagementRoleAssignment"},
	"exclusiveLinks":      {"Remove-UnifiedGroupLinks"},
	"groupSubscribers":    nil,
	"relationshipAbsent":  {"Remove-OrganizationRelationship"},
}

// permissionRemovals are the cmdlets that revoke each kind of permission.
var permissionRemovals = map[string]string{
	KindFullAccess:       "Remove-MailboxPermission",
	kindSendAsOnPremises: "Remove-ADPermission",
	kindSendAsOnline:     "Remove-RecipientPermission",
	KindSendOnBehalf:     "",
	KindFolderPermission: "Remove-MailboxFolderPermission",
}

// useKeys are every key a template may ask Uses about: a kind, an engine,
// a section or a variant. Templates run with missingkey=error, so each is
// present, false unless the configuration needs it.
func useKeys() map[string]bool {
	uses := map[string]bool{directorySection: false, "relationshipScope": false, "permissionAbsent": false}
	for key, e := range engines {
		uses[key] = false
		for _, u := range e.Uses {
			uses[u] = false
		}
	}
	for _, k := range []string{KindSendAs} {
		uses[k] = false
	}
	for section := range removals {
		uses[section] = false
	}
	return uses
}

// usesOf marks what a resource needs of the engine in uses, and returns the
// cmdlets it may call.
func usesOf(r *Resource, uses map[string]bool) []string {
	key, e := engineOf(r)
	uses[key] = true
	uses[r.Kind] = true
	for _, u := range e.Uses {
		uses[u] = true
	}
	commands := e.Commands
	add := func(section string) {
		uses[section] = true
		commands = append(commands, removals[section]...)
	}
	switch r.Kind {
	case KindOrganizationRelationship:
		if r.Relationship.FreeBusyAccessScope != "" {
			uses[directorySection] = true
			uses["relationshipScope"] = true
			commands = append(commands, "Get-Recipient")
		}
		if r.Absent {
			add("relationshipAbsent")
		}
	case KindRoleGroup:
		if r.Absent {
			add("roleGroupAbsent")
		}
		if isTrue(r.Spec.(*config.RoleGroup).Exclusive) {
			add("exclusiveRoleGroups")
		}
	case KindRoleAssignmentPolicy:
		if r.Absent {
			add("policyAbsent")
		}
		if isTrue(r.Spec.(*config.RoleAssignmentPolicy).Exclusive) {
			add("exclusivePolicies")
		}
	case KindGroupSubscribers:
		add("groupSubscribers")
	case KindGroupMembers, KindGroupOwners:
		if isTrue(r.Spec.(*config.UnifiedGroup).Exclusive) {
			add("exclusiveLinks")
		}
	case KindFullAccess, KindSendAs, KindSendOnBehalf, KindFolderPermission:
		if r.Absent {
			uses["permissionAbsent"] = true
			if c := permissionRemovals[key]; c != "" {
				commands = append(commands, c)
			}
		}
	}
	return commands
}

// dataOf is the desired state of one resource as a data-section item.
// Every value of the configuration a script holds passes through here.
func dataOf(r *Resource) psMap {
	var m psMap
	perm, isPerm := r.Spec.(*config.Permission)
	if !isPerm || r.Kind == KindMailboxPolicy {
		m.set("Id", r.ID())
	}
	if pos := r.Pos(); !pos.IsZero() {
		m.set("Source", fmt.Sprintf("%s:%d:%d", filepath.Base(pos.File), pos.Line, pos.Col))
	}
	if r.Absent {
		m.set("Ensure", "absent")
	}
	switch r.Kind {
	case KindFullAccess, KindSendAs, KindSendOnBehalf, KindFolderPermission:
		m.set("Mailbox", string(perm.Mailbox))
		m.set("Trustee", string(perm.Trustee))
		if r.Kind == KindFullAccess && perm.AutoMapping != nil {
			m.set("AutoMapping", *perm.AutoMapping)
		}
		if r.Kind == KindFolderPermission {
			m.set("Folder", string(perm.Folder))
			m.set("AccessRights", string(perm.FolderAccessRights))
		}
		return m
	case KindOrganizationCustomization:
		return m
	case KindGroupMembers, KindGroupOwners, KindGroupSubscribers:
		g := r.Spec.(*config.UnifiedGroup)
		m.set("Group", string(g.PrimarySmtpAddress))
		m.set("Links", r.props[0].Value.([]string))
		m.set("Exclusive", isTrue(g.Exclusive) && r.Kind != KindGroupSubscribers)
		return m
	case KindMailboxPolicy:
		m.set("Name", r.Name)
		m.set("Policy", string(r.Spec.(*config.RoleAssignmentPolicy).Name))
		return m
	case KindRoleGroup:
		g := r.Spec.(*config.RoleGroup)
		m.set("Name", r.Name)
		m.set("Exclusive", isTrue(g.Exclusive))
		m.set("BuiltIn", BuiltInRoleGroup(r.Name, r.Target.Online))
		m.set("Roles", texts(g.Roles))
		m.set("Members", texts(g.Members))
		return m
	case KindRoleAssignmentPolicy:
		p := r.Spec.(*config.RoleAssignmentPolicy)
		m.set("Name", r.Name)
		m.set("Exclusive", isTrue(p.Exclusive))
		m.set("Roles", texts(p.Roles))
		return m
	case KindSendConnector:
		sc := r.Spec.(*config.SendConnector)
		m.set("Name", r.Name)
		m.set("Adopt", isTrue(sc.Adopt))
		var spaces []string
		var settings psList
		for _, p := range r.props {
			if p.Name == "AddressSpaces" {
				spaces = p.Value.([]string)
				continue
			}
			settings = append(settings, psMap{{"Name", p.Name}, {"Compare", p.Compare}, {"Value", p.Value}})
		}
		m.set("AddressSpaces", spaces)
		m.set("Properties", settings)
		return m
	case KindWritebackPermissions:
		ec := r.Spec.(*config.EntraConnect)
		m.set("ConnectorAccountDN", string(ec.ConnectorAccountDN))
		m.set("WritebackOU", string(ec.WritebackOU))
		return m
	case KindUnifiedGroup:
		g := r.Spec.(*config.UnifiedGroup)
		alias := string(g.Alias)
		if alias == "" {
			alias, _, _ = strings.Cut(string(g.PrimarySmtpAddress), "@")
		}
		m.set("Name", r.Name)
		m.set("PrimarySmtpAddress", string(g.PrimarySmtpAddress))
		m.set("AdditionalAddresses", texts(g.AdditionalAddresses))
		m.set("Alias", alias)
	case KindOrganizationConfig:
	default:
		m.set("Name", r.Name)
	}
	switch r.Kind {
	case KindOrganizationRelationship:
		m.set("Adopt", isTrue(r.Relationship.Adopt))
	case KindAvailabilityAddressSpace:
		m.set("PromptForCredentials", isTrue(r.AddressSpace.PromptForCredentials))
	}
	var props psList
	for _, p := range r.Properties() {
		if r.Kind == KindUnifiedGroup && p.Name == "PrimarySmtpAddress" {
			continue // the engine passes it on its own and finds the group by it
		}
		props = append(props, psMap{{"Name", p.Name}, {"Compare", p.Compare}, {"Value", p.Value}})
	}
	m.set("Properties", props)
	return m
}
