package compiler

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
)

// engine is how a script's engine handles one kind of resource: the
// PowerShell function that reconciles a step of that kind and the template
// sections it needs. The cmdlets it may call are read from the rendered
// script (scriptCommands).
type engine struct {
	Function string
	Uses     []string
}

// directory is the engine section that resolves names to objects.
const directorySection = "directory"

// engines maps each resource kind to its engine. Send As has two: one per
// organization kind.
var engines = map[string]engine{
	KindOrganizationCustomization: {"Sync-HybridcOrganizationCustomization", []string{"federation"}},
	KindOrganizationRelationship:  {"Sync-HybridcOrganizationRelationship", []string{"federation"}},
	KindAvailabilityAddressSpace:  {"Sync-HybridcAvailabilityAddressSpace", []string{"federation"}},
	KindOrganizationConfig:        {"Sync-HybridcOrganizationConfig", []string{"mailflow"}},
	KindAcceptedDomain:            {"Sync-HybridcAcceptedDomain", []string{"mailflow"}},
	KindSendConnector:             {"Sync-HybridcSendConnector", []string{"mailflow"}},
	KindUnifiedGroup:              {"Sync-HybridcUnifiedGroup", []string{"groups", directorySection}},
	KindGroupMembers:              {"Sync-HybridcGroupMembers", []string{"groups", KindUnifiedGroup, directorySection}},
	KindGroupOwners:               {"Sync-HybridcGroupOwners", []string{"groups", KindUnifiedGroup, directorySection}},
	KindGroupSubscribers:          {"Sync-HybridcGroupSubscribers", []string{"groups", KindUnifiedGroup, directorySection}},
	KindEchoGroupMessages:         {"Sync-HybridcEchoGroupMessages", []string{"groups", directorySection}},
	KindGroupWriteback:            {"Sync-HybridcGroupWriteback", []string{"groups", directorySection}},
	KindWritebackPermissions:      {"Sync-HybridcGroupWritebackPermissions", nil},
	KindRoleGroup:                 {"Sync-HybridcRoleGroup", []string{"rbac", directorySection}},
	KindRoleAssignmentPolicy:      {"Sync-HybridcRoleAssignmentPolicy", []string{"rbac"}},
	KindMailboxPolicy:             {"Sync-HybridcMailboxRoleAssignmentPolicy", []string{"rbac", directorySection}},
	KindRemoteMailboxACL:          {"Sync-HybridcRemoteMailboxAcl", []string{"permissions", directorySection}},
	KindFullAccess:                {"Sync-HybridcFullAccessPermission", []string{"permissions", directorySection}},
	KindSendOnBehalf:              {"Sync-HybridcSendOnBehalfPermission", []string{"permissions", directorySection}},
	KindFolderPermission:          {"Sync-HybridcFolderPermission", []string{"permissions", directorySection}},
	kindSendAsOnPremises:          {"Sync-HybridcSendAsPermission", []string{"permissions", directorySection}},
	kindSendAsOnline:              {"Sync-HybridcSendAsPermission", []string{"permissions", directorySection}},
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
// something: a script holds them only when its configuration declares such
// a removal (absent resources, exclusive sets, unsubscribed members).
var removals = []string{"roleGroupAbsent", "policyAbsent", "exclusiveRoleGroups", "exclusivePolicies", "exclusiveLinks",
	"groupSubscribers", "relationshipAbsent"}

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
	for _, section := range removals {
		uses[section] = false
	}
	return uses
}

// usesOf marks what a resource needs of the engine in uses.
func usesOf(r *Resource, uses map[string]bool) {
	key, e := engineOf(r)
	uses[key] = true
	uses[r.Kind] = true
	for _, u := range e.Uses {
		uses[u] = true
	}
	switch r.Kind {
	case KindOrganizationRelationship:
		if r.Relationship.FreeBusyAccessScope != "" {
			uses[directorySection] = true
			uses["relationshipScope"] = true
		}
		uses["relationshipAbsent"] = uses["relationshipAbsent"] || r.Absent
	case KindRoleGroup:
		uses["roleGroupAbsent"] = uses["roleGroupAbsent"] || r.Absent
		uses["exclusiveRoleGroups"] = uses["exclusiveRoleGroups"] || isTrue(r.Spec.(*config.RoleGroup).Exclusive)
	case KindRoleAssignmentPolicy:
		uses["policyAbsent"] = uses["policyAbsent"] || r.Absent
		uses["exclusivePolicies"] = uses["exclusivePolicies"] || isTrue(r.Spec.(*config.RoleAssignmentPolicy).Exclusive)
	case KindGroupSubscribers:
		uses["groupSubscribers"] = true
	case KindGroupMembers, KindGroupOwners:
		uses["exclusiveLinks"] = uses["exclusiveLinks"] || isTrue(r.Spec.(*config.UnifiedGroup).Exclusive)
	case KindFullAccess, KindSendAs, KindSendOnBehalf, KindFolderPermission:
		uses["permissionAbsent"] = uses["permissionAbsent"] || r.Absent
	}
}

// dataOf is the desired state of one resource as a data-section item.
// Every value of the configuration a script holds passes through here.
func dataOf(r *Resource) psMap {
	m := make(psMap, 0, 8) // a permission's keys: one allocation
	perm, isPerm := r.Spec.(*config.Permission)
	if !isPerm || r.Kind == KindMailboxPolicy {
		m.set("Id", r.ID())
	}
	if pos := r.Pos(); !pos.IsZero() {
		m.set("Source", filepath.Base(pos.File)+":"+strconv.Itoa(pos.Line)+":"+strconv.Itoa(pos.Col))
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
			if scope := folderScope(perm.Folder); scope != "" {
				m.set("FolderScope", scope)
			}
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
		m.set("AdminSdHolder", isTrue(ec.AdminSDHolder))
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
