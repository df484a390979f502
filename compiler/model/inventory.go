package model

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"

	"github.com/hybridc/hybridc/compiler/diag"
)

// Resource kinds, as they appear in dependsOn references and messages.
const (
	KindOrganizationCustomization = kinds.OrganizationCustomizationName
	KindOrganizationRelationship  = kinds.OrganizationRelationshipName
	KindAvailabilityAddressSpace  = kinds.AvailabilityAddressSpaceName
	KindFederationTrust           = kinds.FederationTrustName
)

// Target is one organization that a script configures, and the script's
// file name.
type Target struct {
	// File is the script's name: onprem.ps1, online.ps1 or partner-<domain>.ps1.
	File string
	// Online is true for an Exchange Online tenant.
	Online bool
	// EntraConnect is true for the script of the Entra Connect server.
	EntraConnect bool
	// EntraApp is true for the script of the dedicated Exchange hybrid
	// application (Microsoft Graph).
	EntraApp bool
	// Organization is the on-premises organization name or the tenant name
	// the script must be connected to.
	Organization string
	// ExchangeVersion is the on-premises Exchange version (empty online).
	ExchangeVersion config.ExchangeVersion
	// Title describes the organization in messages of the compiler and the
	// runbook (never in a script: it holds names from the configuration).
	Title string
	// Forest is the Active Directory forest of the Entra Connect server.
	Forest string
	// ForestDerived says hybridc took Forest from the DNs (no declared
	// forest): it may be a child domain, so the script accepts a forest
	// it lies in.
	ForestDerived bool
}

// Resource is one thing a script makes present or absent, in the
// organization of its Target.
type Resource struct {
	Kind   string
	Name   string
	Target *Target
	Absent bool
	// Meta locates the resource in the YAML (nil for implicit resources).
	Meta      *config.Meta
	DependsOn []config.ResourceRef
	// Seq is the declaration order, which breaks ties in dependency order.
	Seq int

	Relationship *config.OrganizationRelationship
	// WizardPrefix is how the Hybrid Configuration Wizard names the
	// relationship of this direction between the two organizations (before
	// a GUID); "" for a partner's.
	WizardPrefix string
	AddressSpace *config.AvailabilityAddressSpace
	// Spec is the declaration behind the kinds of groups hybrid and
	// permissions; props are their managed settings, computed with the
	// declarations they depend on (a connector's address spaces include the
	// group domains).
	Spec  any
	Props []Property
}

// ID is the resource's kind/name, as dependsOn writes it; a singleton such
// as organizationCustomization has no name.
func (r *Resource) ID() string {
	if r.Name == "" {
		return r.Kind
	}
	return r.Kind + "/" + r.Name
}

// Pos is where the resource is declared.
func (r *Resource) Pos() diag.Pos {
	if r.Meta == nil {
		return diag.Pos{}
	}
	return r.Meta.Pos()
}

// Inventory is every target and resource a configuration declares, in
// declaration order, including the implicit ones the compiler adds.
type Inventory struct {
	Targets   []*Target
	Resources []*Resource
	// Declared is the declared index the inventory was made with, and Refs its
	// index of what dependsOn names (references).
	Declared *DeclaredIndex
	Refs     map[*Target]map[ResourceKey]*Resource
}

// BuildInventory lists what cfg declares. Organization customization is added
// before the relationships of every tenant that creates one.
func BuildInventory(cfg *config.Config) *Inventory {
	return InventoryOf(cfg, DeclaredIndexOf(cfg))
}

// InventoryOf is BuildInventory with the configuration's declared index at
// hand.
func InventoryOf(cfg *config.Config, declared *DeclaredIndex) *Inventory {
	built(partInventory)
	// A permission is one resource, or two (Send As across premises): the
	// list is sized for two, never regrown.
	inv := &Inventory{Resources: make([]*Resource, 0, 2*len(cfg.Permissions)+len(cfg.Mailboxes)/8+4*len(cfg.ExchangeOnline.Groups)+64), Declared: declared}
	if op := cfg.OnPremises; op != nil {
		t := inv.target(&Target{File: "onprem.ps1", Organization: string(op.Organization), ExchangeVersion: op.ExchangeVersion,
			Title: "the on-premises Exchange organization " + string(op.Organization)})
		inv.Federation(t, op)
		for i := range op.OrganizationRelationships {
			rel := &op.OrganizationRelationships[i]
			inv.Relationship(t, rel)
			if kinds.TowardsPartner(rel, &cfg.ExchangeOnline) == nil { // towards a partner: not the wizard's
				inv.Resources[len(inv.Resources)-1].WizardPrefix = kinds.WizardOnPremisesRelationship
			}
		}
		for i := range op.AvailabilityAddressSpaces {
			a := &op.AvailabilityAddressSpaces[i]
			inv.Add(&Resource{Kind: KindAvailabilityAddressSpace, Name: string(kinds.Forest(a)), Target: t, Absent: a.Ensure.IsAbsent(),
				Meta: &a.Meta, DependsOn: a.DependsOn, AddressSpace: a})
		}
		inv.onPremisesMailFlow(t, cfg)
		inv.RemoteDomains(t, op.RemoteDomains)
		inv.ReceiveConnectors(t, op.ReceiveConnectors)
		inv.EmailAddressPolicies(t, op.EmailAddressPolicies)
		inv.MRSProxies(t, op.MRSProxy)
		inv.OAuth(t, config.EffectiveOAuth(op.OAuth, cfg.ExchangeOnline.HybridApplication))
		inv.IntraOrganizationConnectors(t, op.IntraOrganizationConnectors)
		inv.AuthCertificate(t, op.AuthCertificate)
	}
	eo := &cfg.ExchangeOnline
	online := inv.target(&Target{File: "online.ps1", Online: true, Organization: string(eo.Tenant),
		Title: "the Exchange Online tenant " + string(eo.Tenant)})
	inv.Customization(online, needsCustomization(eo), eo.OrganizationRelationships, partnerRelationships(eo.Partners))
	for i := range eo.OrganizationRelationships {
		inv.Relationship(online, &eo.OrganizationRelationships[i])
		inv.Resources[len(inv.Resources)-1].WizardPrefix = kinds.WizardOnlineRelationship
	}
	for i := range eo.Partners {
		inv.Relationship(online, &eo.Partners[i].Relationship)
	}
	inv.RemoteDomains(online, eo.RemoteDomains)
	inv.OnlineConnectors(online, eo.InboundConnectors, eo.OutboundConnectors)
	inv.OnPremisesOrganization(online, eo.OnPremisesOrganization)
	inv.MigrationEndpoints(online, eo.MigrationEndpoints)
	inv.IntraOrganizationConnectors(online, eo.IntraOrganizationConnectors)
	inv.Groups(online, cfg, declared)
	onprem := inv.targetFile("onprem.ps1")
	if onprem != nil {
		inv.RBAC(onprem, cfg.OnPremises.RoleGroups, cfg.OnPremises.RoleAssignmentPolicies)
	}
	inv.RBAC(online, eo.RoleGroups, eo.RoleAssignmentPolicies)
	inv.Permissions(onprem, online, cfg, declared)
	inv.Writeback(onprem, cfg)
	inv.HybridApp(cfg)
	for i := range eo.Partners {
		p := &eo.Partners[i]
		t := inv.target(&Target{File: PartnerScript(p.Domain), Online: true, Organization: string(p.Tenant),
			Title: "the partner tenant " + string(p.Tenant) + " (" + string(p.Domain) + ")"})
		if p.ReverseRelationship != nil {
			inv.Customization(t, false, []config.OrganizationRelationship{*p.ReverseRelationship})
			inv.Relationship(t, p.ReverseRelationship)
		}
	}
	return inv
}

// PartnerScript is the file name of a partner's script.
func PartnerScript(domain config.DomainName) string {
	return "partner-" + strings.ToLower(string(domain)) + ".ps1"
}

func partnerRelationships(ps []config.Partner) []config.OrganizationRelationship {
	out := make([]config.OrganizationRelationship, len(ps))
	for i := range ps {
		out[i] = ps[i].Relationship
	}
	return out
}

// targetFile returns the target of a script, or nil.
func (inv *Inventory) targetFile(file string) *Target {
	for _, t := range inv.Targets {
		if t.File == file {
			return t
		}
	}
	return nil
}

func (inv *Inventory) target(t *Target) *Target {
	inv.Targets = append(inv.Targets, t)
	return t
}

func (inv *Inventory) Add(r *Resource) {
	r.Seq = len(inv.Resources)
	inv.Resources = append(inv.Resources, r)
}

func (inv *Inventory) Relationship(t *Target, rel *config.OrganizationRelationship) {
	inv.Add(&Resource{Kind: KindOrganizationRelationship, Name: string(rel.Name), Target: t, Absent: rel.Ensure.IsAbsent(),
		Meta: &rel.Meta, DependsOn: rel.DependsOn, Relationship: rel})
}

// Customization adds Enable-OrganizationCustomization to a tenant that
// creates at least one relationship, or when need says the tenant's other
// resources need it (needsCustomization): Exchange Online refuses new
// relationships, role groups and role assignment policies until the tenant
// is customized. The resources that need it come after it (implicitDeps).
func (inv *Inventory) Customization(t *Target, need bool, lists ...[]config.OrganizationRelationship) {
	for _, list := range lists {
		for _, rel := range list {
			need = need || !rel.Ensure.IsAbsent()
		}
	}
	if need {
		inv.Add(&Resource{Kind: KindOrganizationCustomization, Target: t})
	}
}

// needsCustomization reports whether the tenant declares a present role
// group or role assignment policy: a dehydrated tenant refuses to create or
// change them (online.ps1 declares no organization settings).
func needsCustomization(eo *config.ExchangeOnline) bool {
	for _, g := range eo.RoleGroups {
		if !g.Ensure.IsAbsent() {
			return true
		}
	}
	for _, p := range eo.RoleAssignmentPolicies {
		if !p.Ensure.IsAbsent() {
			return true
		}
	}
	return false
}
