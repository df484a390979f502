package kinds

import (
	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/state"
)

// The kinds of templates/engine-mailflow.ps1.tmpl.
const (
	OrganizationConfigName = "organizationConfig"
	AcceptedDomainName     = "acceptedDomain"
	SendConnectorName      = "sendConnector"
)

// OrganizationConfig is on-premises ACLable object synchronization
// (Set-OrganizationConfig -ACLableSyncedObjectEnabled).
var OrganizationConfig = Decl{Name: OrganizationConfigName, Family: "mailflow",
	Engine: Engine{"Sync-HybridcOrganizationConfig", []string{"mailflow"}},
	Reads:  []string{"Get-OrganizationConfig"}, Writes: []string{"Set-OrganizationConfig"}}

// AcceptedDomain is a group domain's accepted domain, relayed to Exchange
// Online.
var AcceptedDomain = Decl{Name: AcceptedDomainName, Family: "mailflow",
	Engine: Engine{"Sync-HybridcAcceptedDomain", []string{"mailflow"}},
	Reads:  []string{"Get-AcceptedDomain"}, Writes: []string{"New-AcceptedDomain", "Set-AcceptedDomain"}}

// RemoteDomainName is the kind of a remote domain.
const RemoteDomainName = "remoteDomain"

type (
	remote      = config.RemoteDomain
	remoteState = state.RemoteDomain
)

// RemoteDomain is how an organization formats and restricts mail to one
// remote domain. New-RemoteDomain takes only the name and the domain: the
// engine creates it, then sets the declared settings with
// Set-RemoteDomain. The domain is its identity in the organization.
var RemoteDomain = &Kind[remote, remoteState]{
	Decl: Decl{Name: RemoteDomainName, Family: "mailflow",
		Engine: Engine{"Sync-HybridcRemoteDomain", []string{"mailflow"}},
		Reads:  []string{"Get-RemoteDomain"}, Writes: []string{"Set-RemoteDomain"},
		Creates: []string{"New-RemoteDomain"}},
	Fields: []Field[remote, remoteState]{
		Bool("targetDeliveryDomain", "TargetDeliveryDomain", func(c *remote) **bool { return &c.TargetDeliveryDomain },
			func(s *remoteState) **bool { return &s.TargetDeliveryDomain }),
		Bool("trustedMailOutboundEnabled", "TrustedMailOutboundEnabled", func(c *remote) **bool { return &c.TrustedMailOutboundEnabled },
			func(s *remoteState) **bool { return &s.TrustedMailOutboundEnabled }),
		Bool("trustedMailInboundEnabled", "TrustedMailInboundEnabled", func(c *remote) **bool { return &c.TrustedMailInboundEnabled },
			func(s *remoteState) **bool { return &s.TrustedMailInboundEnabled }),
		Text("allowedOOFType", "AllowedOOFType", CompareValue, func(c *remote) *config.OOFType { return &c.AllowedOOFType },
			func(s *remoteState) *string { return &s.AllowedOOFType }),
		Bool("autoReplyEnabled", "AutoReplyEnabled", func(c *remote) **bool { return &c.AutoReplyEnabled },
			func(s *remoteState) **bool { return &s.AutoReplyEnabled }),
		Bool("autoForwardEnabled", "AutoForwardEnabled", func(c *remote) **bool { return &c.AutoForwardEnabled },
			func(s *remoteState) **bool { return &s.AutoForwardEnabled }),
	},
	Listed: &Listed[remote, remoteState]{
		List:      func(st *state.State) *[]remoteState { return &st.RemoteDomains },
		KeyParam:  "DomainName",
		Key:       func(c *remote) string { return string(c.DomainName) },
		StateKey:  func(s *remoteState) string { return s.DomainName },
		StateName: func(s *remoteState) string { return s.Name },
		Entry: func(name string, c *remote) remoteState {
			return remoteState{Name: name, DomainName: string(c.DomainName)}
		},
	},
}

// EmailAddressPolicyName is the kind of an email address policy.
const EmailAddressPolicyName = "emailAddressPolicy"

type (
	addressPolicy      = config.EmailAddressPolicy
	addressPolicyState = state.EmailAddressPolicy
)

// EmailAddressPolicy is an existing on-premises email address policy
// whose address templates must include the declared ones (the wizard's
// coexistence template smtp:%m@<tenant>.mail.onmicrosoft.com): the engine
// adds the missing ones (@{ Add = ... }) and keeps the others. It never
// creates a policy (one needs a recipient filter and a priority: the
// organization's own decisions), and never runs Update-EmailAddressPolicy,
// which rewrites the addresses of every recipient the policy applies to
// (the runbook's step). The name is its identity.
var EmailAddressPolicy = &Kind[addressPolicy, addressPolicyState]{
	Decl: Decl{Name: EmailAddressPolicyName, Family: "mailflow", After: []string{AcceptedDomainName},
		Engine: Engine{"Sync-HybridcEmailAddressPolicy", []string{"mailflow"}},
		Reads:  []string{"Get-EmailAddressPolicy"}, Writes: []string{"Set-EmailAddressPolicy"}},
	Fields: []Field[addressPolicy, addressPolicyState]{
		List("addTemplates", "EnabledEmailAddressTemplates", CompareSuperset,
			func(c *addressPolicy) *[]config.AddressTemplate { return &c.AddTemplates },
			func(s *addressPolicyState) *[]string { return &s.EnabledEmailAddressTemplates }).Adds(),
	},
	Listed: &Listed[addressPolicy, addressPolicyState]{
		List:      func(st *state.State) *[]addressPolicyState { return &st.EmailAddressPolicies },
		Key:       func(c *addressPolicy) string { return string(c.Name) },
		StateKey:  func(s *addressPolicyState) string { return s.Name },
		MustExist: true,
		Entry: func(name string, c *addressPolicy) addressPolicyState {
			return addressPolicyState{Name: name}
		},
	},
}

// KeepTemplates is a copy of a state's policy with only the templates
// keep keeps (import declares the coexistence templates only).
func KeepTemplates(s *state.EmailAddressPolicy, keep func(string) bool) state.EmailAddressPolicy {
	out := state.EmailAddressPolicy{Name: s.Name}
	for _, t := range s.EnabledEmailAddressTemplates {
		if keep(t) {
			out.EnabledEmailAddressTemplates = append(out.EnabledEmailAddressTemplates, t)
		}
	}
	return out
}

// OnPremisesOrganizationName is the kind of the tenant's on-premises
// organization object.
const OnPremisesOrganizationName = "onPremisesOrganization"

type (
	premOrg      = config.OnPremisesOrganization
	premOrgState = state.OnPremisesOrganization
)

// OnPremisesOrganization is the tenant's object for the on-premises
// organization, found by its OrganizationGuid (one per on-premises
// organization): an existing one is managed under its own name, whatever
// the YAML names it. New-OnPremisesOrganization takes every setting.
var OnPremisesOrganization = &Kind[premOrg, premOrgState]{
	Decl: Decl{Name: OnPremisesOrganizationName, Family: "mailflow",
		Engine: Engine{"Sync-HybridcOnPremisesOrganization", []string{"mailflow"}},
		Reads:  []string{"Get-OnPremisesOrganization"}, Writes: []string{"New-OnPremisesOrganization", "Set-OnPremisesOrganization"}},
	Fields: []Field[premOrg, premOrgState]{
		List("hybridDomains", "HybridDomains", CompareSuperset, func(c *premOrg) *[]config.DomainName { return &c.HybridDomains },
			func(s *premOrgState) *[]string { return &s.HybridDomains }).Adds().Lower(),
		Text("inboundConnector", "InboundConnector", CompareValue, func(c *premOrg) *config.Name { return &c.InboundConnector },
			func(s *premOrgState) *string { return &s.InboundConnector }),
		Text("outboundConnector", "OutboundConnector", CompareValue, func(c *premOrg) *config.Name { return &c.OutboundConnector },
			func(s *premOrgState) *string { return &s.OutboundConnector }),
		Text("organizationName", "OrganizationName", CompareValue, func(c *premOrg) *config.Name { return &c.OrganizationName },
			func(s *premOrgState) *string { return &s.OrganizationName }),
		Text("organizationRelationship", "OrganizationRelationship", CompareValue, func(c *premOrg) *config.Name { return &c.Relationship },
			func(s *premOrgState) *string { return &s.OrganizationRelationship }),
	},
	Listed: &Listed[premOrg, premOrgState]{
		List:      func(st *state.State) *[]premOrgState { return &st.OnPremisesOrganizations },
		KeyParam:  "OrganizationGuid",
		Key:       func(c *premOrg) string { return string(c.OrganizationGuid) },
		StateKey:  func(s *premOrgState) string { return s.OrganizationGuid },
		StateName: func(s *premOrgState) string { return s.Name },
		Entry: func(name string, c *premOrg) premOrgState {
			return premOrgState{Name: name, OrganizationGuid: string(c.OrganizationGuid)}
		},
	},
}

// OnPremisesOrganizationObjectName is the object's name: the declared one,
// or its OrganizationGuid as the wizard names it.
func OnPremisesOrganizationObjectName(c *config.OnPremisesOrganization) string {
	if c.Name != "" {
		return string(c.Name)
	}
	return string(c.OrganizationGuid)
}

// OnPremisesOrganizationRefs are what the tenant's OnPremisesOrganization
// names, for the cross-checks: its inbound and outbound connectors, its
// relationship towards on-premises and its hybrid domains.
func OnPremisesOrganizationRefs(c *config.OnPremisesOrganization) (inbound, outbound, relationship config.Name, hybridDomains []config.DomainName) {
	return c.InboundConnector, c.OutboundConnector, c.Relationship, c.HybridDomains
}
