package model

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"

	"github.com/hybridc/hybridc/compiler/pstext"
)

// engine is how a script's engine handles one kind of resource: the
// PowerShell function that reconciles a step of that kind and the template
// sections it needs (kinds.Engine). The cmdlets it may call are read from
// the rendered script (scriptCommands).
type engine = kinds.Engine

// directory is the engine section that resolves names to objects.
const DirectorySection = "directory"

// Engines maps each resource kind to its engine, from the kinds'
// declarations. Send As has two: one per organization kind.
var Engines = func() map[string]engine {
	m := map[string]engine{}
	for _, d := range kinds.All() {
		m[d.Name] = d.Engine
	}
	m[KindSendAsOnPremises], m[KindSendAsOnline] = kinds.SendAs.Engine, kinds.SendAs.Engine
	delete(m, KindSendAs) // steps are keyed by organization kind
	return m
}()

// The two engines of Send As, by organization kind.
const (
	KindSendAsOnPremises = kinds.SendAsOnPremises
	KindSendAsOnline     = kinds.SendAsOnline
)

// EngineOf is the engine of a resource.
func EngineOf(r *Resource) (string, engine) {
	key := r.Kind
	if r.Kind == KindSendAs {
		key = KindSendAsOnPremises
		if r.Target.Online {
			key = KindSendAsOnline
		}
	}
	e, ok := Engines[key]
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

// UseKeys are every key a template may ask Uses about: a kind, an engine,
// a section or a variant. Templates run with missingkey=error, so each is
// present, false unless the configuration needs it.
func UseKeys() map[string]bool {
	uses := map[string]bool{DirectorySection: false, "relationshipScope": false, "permissionAbsent": false}
	for key, e := range Engines {
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

// UsesOf marks what a resource needs of the engine in uses.
func UsesOf(r *Resource, uses map[string]bool) {
	key, e := EngineOf(r)
	uses[key] = true
	uses[r.Kind] = true
	for _, u := range e.Uses {
		uses[u] = true
	}
	switch r.Kind {
	case KindOrganizationRelationship:
		if *kinds.Scope(r.Relationship) != "" {
			uses[DirectorySection] = true
			uses["relationshipScope"] = true
		}
		uses["relationshipAbsent"] = uses["relationshipAbsent"] || r.Absent
	case KindRoleGroup:
		uses["roleGroupAbsent"] = uses["roleGroupAbsent"] || r.Absent
		uses["exclusiveRoleGroups"] = uses["exclusiveRoleGroups"] || pstext.IsTrue(r.Spec.(*config.RoleGroup).Exclusive)
	case KindRoleAssignmentPolicy:
		uses["policyAbsent"] = uses["policyAbsent"] || r.Absent
		uses["exclusivePolicies"] = uses["exclusivePolicies"] || pstext.IsTrue(r.Spec.(*config.RoleAssignmentPolicy).Exclusive)
	case KindGroupSubscribers:
		uses["groupSubscribers"] = true
	case KindGroupMembers, KindGroupOwners:
		uses["exclusiveLinks"] = uses["exclusiveLinks"] || pstext.IsTrue(r.Spec.(*config.UnifiedGroup).Exclusive)
	case KindFullAccess, KindSendAs, KindSendOnBehalf, KindFolderPermission:
		uses["permissionAbsent"] = uses["permissionAbsent"] || r.Absent
	}
}

// UsesSameAs reports whether UsesOf(b) adds nothing to what UsesOf(a)
// recorded: two permissions of one kind in one organization, both to be
// removed or both to be present (their uses depend on nothing else), so
// that a script of half a million permissions records its uses once per
// run of alike ones.
func UsesSameAs(a, b *Resource) bool {
	switch b.Kind {
	case KindFullAccess, KindSendAs, KindSendOnBehalf, KindFolderPermission:
		return a != nil && a.Kind == b.Kind && a.Target == b.Target && a.Absent == b.Absent
	}
	return false
}

// DataOf is the desired state of one resource as a data-section item.
// Every value of the configuration a script holds passes through here.
func DataOf(r *Resource) pstext.PSMap {
	m := make(pstext.PSMap, 0, 8) // a permission's keys: one allocation
	if _, isPerm := r.Spec.(*config.Permission); !isPerm || r.Kind == KindMailboxPolicy {
		m.Set("Id", r.ID())
	}
	if pos := r.Pos(); !pos.IsZero() {
		m.Set("Source", sourceText(pos))
	}
	if r.Absent {
		m.Set("Ensure", "absent")
	}
	if item := dataItems[r.Kind]; item == nil {
		m.Set("Name", r.Name)
		if sk := StateKinds[r.Kind]; sk != nil {
			if key, value := sk.Identity(r.Spec); key != "" {
				m.Set(key, value)
			}
		}
	} else if item(&m, r) {
		return m
	}
	var props pstext.PSList
	for _, p := range r.Properties() {
		if r.Kind == KindUnifiedGroup && p.Name == "PrimarySmtpAddress" {
			continue // the engine passes it on its own and finds the group by it
		}
		props = append(props, pstext.PSMap{{Key: "Name", Value: p.Name}, {Key: "Compare", Value: p.Compare}, {Key: "Value", Value: p.Value}})
	}
	m.Set("Properties", props)
	return m
}

// sourceText is an item's Source, file:line:col with the file's base
// name, built in one allocation.
func sourceText(pos config.Position) string {
	var buf [96]byte
	b := append(buf[:0], filepath.Base(pos.File)...)
	b = strconv.AppendInt(append(b, ':'), int64(pos.Line), 10)
	b = strconv.AppendInt(append(b, ':'), int64(pos.Col), 10)
	return string(b)
}

// StateKinds are the kinds the compiler handles from their declaration
// alone: their data item is their name, the identity the engine matches
// them by, and their properties.
var StateKinds = kinds.StateKinds()

// dataItem writes a kind's own keys of a data-section item, and reports
// whether the item is complete; otherwise dataOf adds the resource's
// properties. A kind without one gets its name and properties.
type dataItem func(m *pstext.PSMap, r *Resource) (complete bool)

// dataItems are the kinds' own keys.
var dataItems = map[string]dataItem{
	KindFullAccess:                permissionData,
	KindSendAs:                    permissionData,
	KindSendOnBehalf:              permissionData,
	KindFolderPermission:          permissionData,
	KindOrganizationCustomization: func(*pstext.PSMap, *Resource) bool { return true },
	KindOrganizationConfig:        func(*pstext.PSMap, *Resource) bool { return false },
	KindFederationTrust:           federationData,
	KindAuthCertificate:           authCertificateData,
	KindGroupMembers:              linksData,
	KindGroupOwners:               linksData,
	KindGroupSubscribers:          linksData,
	KindMailboxPolicy: func(m *pstext.PSMap, r *Resource) bool {
		m.Set("Name", r.Name)
		m.Set("Policy", string(r.Spec.(*config.RoleAssignmentPolicy).Name))
		return true
	},
	KindRoleGroup: func(m *pstext.PSMap, r *Resource) bool {
		g := r.Spec.(*config.RoleGroup)
		m.Set("Name", r.Name)
		m.Set("Exclusive", pstext.IsTrue(g.Exclusive))
		m.Set("BuiltIn", BuiltInRoleGroup(r.Name, r.Target.Online))
		m.Set("Roles", Texts(g.Roles))
		m.Set("Members", Texts(g.Members))
		return true
	},
	KindRoleAssignmentPolicy: func(m *pstext.PSMap, r *Resource) bool {
		p := r.Spec.(*config.RoleAssignmentPolicy)
		m.Set("Name", r.Name)
		m.Set("Exclusive", pstext.IsTrue(p.Exclusive))
		m.Set("Roles", Texts(p.Roles))
		return true
	},
	KindSendConnector: sendConnectorData,
	KindWritebackPermissions: func(m *pstext.PSMap, r *Resource) bool {
		ec := r.Spec.(*config.EntraConnect)
		m.Set("ConnectorAccountDN", string(ec.ConnectorAccountDN))
		m.Set("WritebackOU", string(ec.WritebackOU))
		m.Set("AdminSdHolder", pstext.IsTrue(ec.AdminSDHolder))
		return true
	},
	KindUnifiedGroup:             unifiedGroupData,
	KindHybridApplication:        hybridAppData,
	KindHybridServicePrincipal:   hybridAppData,
	KindHybridAppPermission:      hybridAppData,
	KindHybridKeyCredential:      hybridAppData,
	KindFirstPartyKeyCredentials: hybridAppData,
	KindOrganizationRelationship: func(m *pstext.PSMap, r *Resource) bool {
		m.Set("Name", r.Name)
		m.Set("Adopt", kinds.Adopts(r.Relationship.Adopt))
		m.Set("WizardName", r.WizardPrefix)
		return false
	},
	KindAvailabilityAddressSpace: func(m *pstext.PSMap, r *Resource) bool {
		m.Set("Name", r.Name)
		m.Set("PromptForCredentials", pstext.IsTrue(r.AddressSpace.PromptForCredentials))
		return false
	},
}

// permissionData is a permission's mailbox and trustee, and its own
// options.
func permissionData(m *pstext.PSMap, r *Resource) bool {
	perm := r.Spec.(*config.Permission)
	m.Set("Mailbox", string(perm.Mailbox))
	m.Set("Trustee", string(perm.Trustee))
	if r.Kind == KindFullAccess && perm.AutoMapping != nil {
		m.Set("AutoMapping", *perm.AutoMapping)
	}
	if r.Kind == KindFolderPermission {
		m.Set("Folder", string(perm.Folder))
		if scope := folderScope(perm.Folder); scope != "" {
			m.Set("FolderScope", scope)
		}
		m.Set(kinds.RightsParam, string(perm.FolderAccessRights))
	}
	return true
}

// linksData is a group's links of one kind.
func linksData(m *pstext.PSMap, r *Resource) bool {
	g := r.Spec.(*config.UnifiedGroup)
	m.Set("Group", string(g.PrimarySmtpAddress))
	m.Set("Links", r.Props[0].Value.([]string))
	m.Set("Exclusive", pstext.IsTrue(g.Exclusive) && r.Kind != KindGroupSubscribers)
	return true
}

// sendConnectorData is the connector's address spaces, and its other
// settings as properties.
func sendConnectorData(m *pstext.PSMap, r *Resource) bool {
	sc := r.Spec.(*config.SendConnector)
	m.Set("Name", r.Name)
	m.Set("Adopt", kinds.Adopts(sc.Adopt))
	var spaces []string
	var settings pstext.PSList
	for _, p := range r.Props {
		if p.Name == "AddressSpaces" {
			spaces = p.Value.([]string)
			continue
		}
		settings = append(settings, pstext.PSMap{{Key: "Name", Value: p.Name}, {Key: "Compare", Value: p.Compare}, {Key: "Value", Value: p.Value}})
	}
	m.Set("AddressSpaces", spaces)
	m.Set("Properties", settings)
	return true
}

// unifiedGroupData is a group's name, addresses and alias (the local part
// of its address when none is declared).
func unifiedGroupData(m *pstext.PSMap, r *Resource) bool {
	g := r.Spec.(*config.UnifiedGroup)
	alias := string(g.Alias)
	if alias == "" {
		alias, _, _ = strings.Cut(string(g.PrimarySmtpAddress), "@")
	}
	m.Set("Name", r.Name)
	m.Set("PrimarySmtpAddress", string(g.PrimarySmtpAddress))
	m.Set("AdditionalAddresses", Texts(g.AdditionalAddresses))
	m.Set("Alias", alias)
	return false
}
