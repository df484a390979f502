package config

// Config is one hybridc file: an Exchange Online tenant, optionally the
// on-premises Exchange organization joined to it in a hybrid deployment, and
// the partner tenants it shares calendars with.
type Config struct {
	Meta `yaml:"-"`
	// Version of the hybridc file format. Always 1.
	Version int `yaml:"version" jsonschema:"required,enum=1"`
	// OnPremises is the on-premises Exchange organization of a hybrid
	// deployment. Leave it out for a tenant that only shares calendars with
	// partner tenants. Its settings compile into onprem.ps1, for the Exchange
	// Management Shell.
	OnPremises *OnPremises `yaml:"onPremises,omitempty"`
	// ExchangeOnline is the Exchange Online tenant. Its settings compile into
	// online.ps1, for Exchange Online PowerShell.
	ExchangeOnline ExchangeOnline `yaml:"exchangeOnline" jsonschema:"required"`
	// Mailboxes that permissions, groups and role assignment policies name,
	// in either organization.
	Mailboxes []Mailbox `yaml:"mailboxes,omitempty"`
	// Permissions are delegated mailbox permissions: Full Access, Send As,
	// Send on Behalf and folder permissions (seed 003).
	Permissions []Permission `yaml:"permissions,omitempty"`
	// Certificates are the TLS certificates the connectors present,
	// declared once and named by each connector (tlsCertificate).
	Certificates []Certificate `yaml:"certificates,omitempty"`
}

// OnPremises is the on-premises Exchange organization.
type OnPremises struct {
	Meta `yaml:"-"`
	// Organization is the Exchange organization name, as
	// (Get-OrganizationConfig).Name shows it. onprem.ps1 refuses to run in any
	// other organization.
	Organization Name `yaml:"organization" jsonschema:"required"`
	// ExchangeVersion is the Exchange Server version of the hybrid servers,
	// a string: "2013", "2016", "2019" (quoted: a YAML number is refused) or
	// SE. It decides which cmdlets and parameters exist.
	ExchangeVersion ExchangeVersion `yaml:"exchangeVersion" jsonschema:"required"`
	// PrimarySmtpDomains are the SMTP domains of the organization's users
	// (contoso.com). The Exchange Online relationship towards this
	// organization must list every one of them.
	PrimarySmtpDomains []DomainName `yaml:"primarySmtpDomains" jsonschema:"required,minItems=1,uniqueItems=true"`
	// FederatedDelegationNamespace is the namespace federated with Microsoft
	// for free/busy (exchangedelegation.contoso.com). The Exchange Online
	// relationship towards this organization must list it.
	FederatedDelegationNamespace DomainName `yaml:"federatedDelegationNamespace" jsonschema:"required"`
	// Federation is the federation trust and the federated organization
	// identifier (account namespace: federatedDelegationNamespace).
	Federation *Federation `yaml:"federation,omitempty"`
	// OrganizationRelationships are the on-premises relationships towards the
	// Exchange Online tenant ("To Cloud").
	OrganizationRelationships []OrganizationRelationship `yaml:"organizationRelationships,omitempty"`
	// AvailabilityAddressSpaces let older mailbox servers proxy free/busy
	// requests through the hybrid server (Add-AvailabilityAddressSpace).
	AvailabilityAddressSpaces []AvailabilityAddressSpace `yaml:"availabilityAddressSpaces,omitempty"`
	// CumulativeUpdate is the cumulative update installed on the Exchange
	// servers (the 23 of Exchange 2016 CU23). Microsoft 365 groups need 2013
	// CU11 or 2016 CU1 and later; Exchange 2013 before CU10 needs ACLs fixed
	// by hand on moved mailboxes.
	CumulativeUpdate *int `yaml:"cumulativeUpdate,omitempty" jsonschema:"minimum=0,maximum=99"`
	// AclableSyncedObjectEnabled turns on ACLable object synchronization for
	// the organization (Set-OrganizationConfig), which delegated permissions
	// across premises need.
	AclableSyncedObjectEnabled *bool `yaml:"aclableSyncedObjectEnabled,omitempty"`
	// CentralizedMailFlow tells whether the hybrid deployment routes all
	// Internet mail through on-premises. External mail to groups then fails.
	CentralizedMailFlow *bool `yaml:"centralizedMailFlow,omitempty"`
	// HybridSendConnector is the send connector towards the tenant; group
	// domains are added to its address spaces.
	HybridSendConnector *SendConnector `yaml:"hybridSendConnector,omitempty"`
	// GroupDomains are domains dedicated to Microsoft 365 groups: each
	// becomes an InternalRelay accepted domain on-premises.
	GroupDomains []GroupDomain `yaml:"groupDomains,omitempty"`
	// RoleGroups are the on-premises administrator role groups.
	RoleGroups []RoleGroup `yaml:"roleGroups,omitempty"`
	// RoleAssignmentPolicies are the on-premises end-user role assignment
	// policies.
	RoleAssignmentPolicies []RoleAssignmentPolicy `yaml:"roleAssignmentPolicies,omitempty"`
	// EntraConnect describes the Entra Connect server.
	EntraConnect *EntraConnect `yaml:"entraConnect,omitempty"`
	// RemoteDomains are the on-premises remote domains (the wizard's
	// "Hybrid Domain - <routing domain>").
	RemoteDomains []RemoteDomain `yaml:"remoteDomains,omitempty"`
	// ReceiveConnectors are the receive connectors whose TLS certificate
	// hybridc keeps (never created).
	ReceiveConnectors []ReceiveConnector `yaml:"receiveConnectors,omitempty"`
	// EmailAddressPolicies are on-premises email address policies that must
	// generate further addresses, such as the coexistence address
	// smtp:%m@contoso.mail.onmicrosoft.com the wizard adds to the Default
	// Policy.
	EmailAddressPolicies []EmailAddressPolicy `yaml:"emailAddressPolicies,omitempty"`
	// CoexistenceAcceptedDomain: true makes the tenant's routing domain
	// (exchangeOnline.routingDomain) an accepted domain on-premises, as the
	// Hybrid Configuration Wizard does, so that email address policies may
	// generate addresses in it. A missing one is created with
	// New-AcceptedDomain's default type (Authoritative); an existing one is
	// left as it is, whatever its type.
	CoexistenceAcceptedDomain *bool `yaml:"coexistenceAcceptedDomain,omitempty"`
	// MRSProxy are the Exchange Web Services virtual directories whose
	// Mailbox Replication Service proxy endpoint hybrid mailbox moves use.
	MRSProxy []MRSProxy `yaml:"mrsProxy,omitempty"`
	// Build is the Exchange build of the hybrid servers (15.2.1748.24),
	// which decides whether they can use the dedicated Exchange hybrid
	// application.
	Build Build `yaml:"build,omitempty"`
	// OAuth is how the organization authenticates to Exchange Online.
	OAuth *OAuth `yaml:"oauth,omitempty"`
	// AuthCertificate is Exchange's OAuth certificate and its successor.
	AuthCertificate *AuthCertificate `yaml:"authCertificate,omitempty"`
	// IntraOrganizationConnectors are the OAuth connectors towards the
	// tenant (the wizard's "HybridIOC - <GUID>").
	IntraOrganizationConnectors []IntraOrganizationConnector `yaml:"intraOrganizationConnectors,omitempty"`
}

// ExchangeOnline is the Exchange Online tenant.
type ExchangeOnline struct {
	Meta `yaml:"-"`
	// Tenant is the tenant's initial domain (contoso.onmicrosoft.com).
	// online.ps1 refuses to run connected to any other tenant.
	Tenant TenantName `yaml:"tenant" jsonschema:"required"`
	// RoutingDomain is the tenant's coexistence routing domain
	// (contoso.mail.onmicrosoft.com). Required with onPremises.
	RoutingDomain RoutingDomain `yaml:"routingDomain,omitempty"`
	// ServiceRoutingNamespace is the service routing namespace of the hybrid
	// deployment (service.contoso.com). Required with onPremises; the
	// on-premises relationship towards the tenant must list it.
	ServiceRoutingNamespace DomainName `yaml:"serviceRoutingNamespace,omitempty"`
	// PrimarySmtpDomains are the SMTP domains of the tenant's users
	// (contoso.com, shared with on-premises in a hybrid deployment). The
	// relationships towards this tenant must list every one of them.
	PrimarySmtpDomains []DomainName `yaml:"primarySmtpDomains" jsonschema:"required,minItems=1,uniqueItems=true"`
	// OrganizationRelationships are the tenant's relationships towards the
	// on-premises organization ("To On-Premises"). Relationships towards
	// other tenants go under partners.
	OrganizationRelationships []OrganizationRelationship `yaml:"organizationRelationships,omitempty"`
	// Partners are other Microsoft 365 tenants this tenant shares calendars
	// with, one relationship in each direction.
	Partners []Partner `yaml:"partners,omitempty"`
	// Groups are Microsoft 365 groups that on-premises users use (seed 002).
	Groups []UnifiedGroup `yaml:"groups,omitempty"`
	// RoleGroups are the tenant's administrator role groups.
	RoleGroups []RoleGroup `yaml:"roleGroups,omitempty"`
	// RoleAssignmentPolicies are the tenant's end-user role assignment
	// policies.
	RoleAssignmentPolicies []RoleAssignmentPolicy `yaml:"roleAssignmentPolicies,omitempty"`
	// RemoteDomains are the tenant's remote domains (the wizard's "Hybrid
	// Domain - <on-premises domain>").
	RemoteDomains []RemoteDomain `yaml:"remoteDomains,omitempty"`
	// InboundConnectors accept mail from on-premises (the wizard's
	// "Inbound from <GUID>").
	InboundConnectors []InboundConnector `yaml:"inboundConnectors,omitempty"`
	// OutboundConnectors send mail to on-premises (the wizard's "Outbound
	// to <GUID>").
	OutboundConnectors []OutboundConnector `yaml:"outboundConnectors,omitempty"`
	// HybridApplication is the dedicated Exchange hybrid application in
	// Entra ID (entra-app.ps1).
	HybridApplication *HybridApplication `yaml:"hybridApplication,omitempty"`
	// OnPremisesOrganization is the tenant's object for the on-premises
	// organization (the wizard's, named after the organization's GUID).
	OnPremisesOrganization *OnPremisesOrganization `yaml:"onPremisesOrganization,omitempty"`
	// MigrationEndpoints are the tenant's remote move migration endpoints,
	// through which mailboxes move from on-premises.
	MigrationEndpoints []MigrationEndpoint `yaml:"migrationEndpoints,omitempty"`
	// IntraOrganizationConnectors are the tenant's OAuth connectors
	// towards on-premises (the wizard's "HybridIOC - <GUID>").
	IntraOrganizationConnectors []IntraOrganizationConnector `yaml:"intraOrganizationConnectors,omitempty"`
}

// Partner is another Microsoft 365 tenant that shares calendars with this
// one. Each direction needs a relationship in the tenant that shares: ours
// goes into online.ps1, theirs into partner-<domain>.ps1 for the partner's
// administrator to run.
type Partner struct {
	Meta `yaml:"-"`
	// Domain is the partner's primary SMTP domain (fabrikam.com). It names
	// the partner's script, partner-<domain>.ps1.
	Domain DomainName `yaml:"domain" jsonschema:"required"`
	// Tenant is the partner's initial domain (fabrikam.onmicrosoft.com).
	// The partner's script refuses to run connected to any other tenant.
	Tenant TenantName `yaml:"tenant" jsonschema:"required"`
	// Relationship is the relationship in our tenant towards the partner:
	// what the partner's users may see of ours.
	Relationship OrganizationRelationship `yaml:"relationship" jsonschema:"required"`
	// ReverseRelationship is the relationship in the partner's tenant towards
	// ours: what our users may see of theirs. It compiles into the partner's
	// own script.
	ReverseRelationship *OrganizationRelationship `yaml:"reverseRelationship,omitempty"`
	// CloudMailboxesOnly acknowledges that, our tenant being hybrid, the
	// relationships with the partner reach only our cloud mailboxes (the
	// "hybrid mesh" limit): no warning HC0365.
	CloudMailboxesOnly *bool `yaml:"cloudMailboxesOnly,omitempty"`
}
