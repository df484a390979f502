package compiler

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
)

// engine is how a script's engine handles one kind of resource: the
// PowerShell function that reconciles a step of that kind and the template
// sections it needs (kinds.Engine). The cmdlets it may call are read from
// the rendered script (scriptCommands).
type engine = kinds.Engine

// directory is the engine section that resolves names to objects.
const directorySection = "directory"

// engines maps each resource kind to its engine, from the kinds'
// declarations. Send As has two: one per organization kind.
var engines = func() map[string]engine {
	m := map[string]engine{}
	for _, d := range kinds.All() {
		m[d.Name] = d.Engine
	}
	m[kindSendAsOnPremises], m[kindSendAsOnline] = kinds.SendAs.Engine, kinds.SendAs.Engine
	delete(m, KindSendAs) // steps are keyed by organization kind
	return m
}()

// The two engines of Send As, by organization kind.
const (
	kindSendAsOnPremises = kinds.SendAsOnPremises
	kindSendAsOnline     = kinds.SendAsOnline
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
		if *kinds.Scope(r.Relationship) != "" {
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
	if _, isPerm := r.Spec.(*config.Permission); !isPerm || r.Kind == KindMailboxPolicy {
		m.set("Id", r.ID())
	}
	if pos := r.Pos(); !pos.IsZero() {
		m.set("Source", filepath.Base(pos.File)+":"+strconv.Itoa(pos.Line)+":"+strconv.Itoa(pos.Col))
	}
	if r.Absent {
		m.set("Ensure", "absent")
	}
	if item := dataItems[r.Kind]; item == nil {
		m.set("Name", r.Name)
		if sk := stateKinds[r.Kind]; sk != nil {
			if key, value := sk.Identity(r.Spec); key != "" {
				m.set(key, value)
			}
		}
	} else if item(&m, r) {
		return m
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

// stateKinds are the kinds the compiler handles from their declaration
// alone: their data item is their name, the identity the engine matches
// them by, and their properties.
var stateKinds = kinds.StateKinds()

// dataItem writes a kind's own keys of a data-section item, and reports
// whether the item is complete; otherwise dataOf adds the resource's
// properties. A kind without one gets its name and properties.
type dataItem func(m *psMap, r *Resource) (complete bool)

// dataItems are the kinds' own keys.
var dataItems = map[string]dataItem{
	KindFullAccess:                permissionData,
	KindSendAs:                    permissionData,
	KindSendOnBehalf:              permissionData,
	KindFolderPermission:          permissionData,
	KindOrganizationCustomization: func(*psMap, *Resource) bool { return true },
	KindOrganizationConfig:        func(*psMap, *Resource) bool { return false },
	KindGroupMembers:              linksData,
	KindGroupOwners:               linksData,
	KindGroupSubscribers:          linksData,
	KindMailboxPolicy: func(m *psMap, r *Resource) bool {
		m.set("Name", r.Name)
		m.set("Policy", string(r.Spec.(*config.RoleAssignmentPolicy).Name))
		return true
	},
	KindRoleGroup: func(m *psMap, r *Resource) bool {
		g := r.Spec.(*config.RoleGroup)
		m.set("Name", r.Name)
		m.set("Exclusive", isTrue(g.Exclusive))
		m.set("BuiltIn", BuiltInRoleGroup(r.Name, r.Target.Online))
		m.set("Roles", texts(g.Roles))
		m.set("Members", texts(g.Members))
		return true
	},
	KindRoleAssignmentPolicy: func(m *psMap, r *Resource) bool {
		p := r.Spec.(*config.RoleAssignmentPolicy)
		m.set("Name", r.Name)
		m.set("Exclusive", isTrue(p.Exclusive))
		m.set("Roles", texts(p.Roles))
		return true
	},
	KindSendConnector: sendConnectorData,
	KindWritebackPermissions: func(m *psMap, r *Resource) bool {
		ec := r.Spec.(*config.EntraConnect)
		m.set("ConnectorAccountDN", string(ec.ConnectorAccountDN))
		m.set("WritebackOU", string(ec.WritebackOU))
		m.set("AdminSdHolder", isTrue(ec.AdminSDHolder))
		return true
	},
	KindUnifiedGroup: unifiedGroupData,
	KindOrganizationRelationship: func(m *psMap, r *Resource) bool {
		m.set("Name", r.Name)
		m.set("Adopt", isTrue(r.Relationship.Adopt))
		return false
	},
	KindAvailabilityAddressSpace: func(m *psMap, r *Resource) bool {
		m.set("Name", r.Name)
		m.set("PromptForCredentials", isTrue(r.AddressSpace.PromptForCredentials))
		return false
	},
}

// permissionData is a permission's mailbox and trustee, and its own
// options.
func permissionData(m *psMap, r *Resource) bool {
	perm := r.Spec.(*config.Permission)
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
		m.set(kinds.RightsParam, string(perm.FolderAccessRights))
	}
	return true
}

// linksData is a group's links of one kind.
func linksData(m *psMap, r *Resource) bool {
	g := r.Spec.(*config.UnifiedGroup)
	m.set("Group", string(g.PrimarySmtpAddress))
	m.set("Links", r.props[0].Value.([]string))
	m.set("Exclusive", isTrue(g.Exclusive) && r.Kind != KindGroupSubscribers)
	return true
}

// sendConnectorData is the connector's address spaces, and its other
// settings as properties.
func sendConnectorData(m *psMap, r *Resource) bool {
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
	return true
}

// unifiedGroupData is a group's name, addresses and alias (the local part
// of its address when none is declared).
func unifiedGroupData(m *psMap, r *Resource) bool {
	g := r.Spec.(*config.UnifiedGroup)
	alias := string(g.Alias)
	if alias == "" {
		alias, _, _ = strings.Cut(string(g.PrimarySmtpAddress), "@")
	}
	m.set("Name", r.Name)
	m.set("PrimarySmtpAddress", string(g.PrimarySmtpAddress))
	m.set("AdditionalAddresses", texts(g.AdditionalAddresses))
	m.set("Alias", alias)
	return false
}
