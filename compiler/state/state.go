// Package state is the Go model of a hybridc state file: what a hybridc
// export script read from one Exchange organization (the Exchange
// Management Shell's, or an Exchange Online tenant's), written as JSON.
// hybridc import turns state files into a configuration; hybridc plan
// --state and hybridc batches --state read them offline.
//
// The format is versioned by FormatVersion and described by
// schema/state.schema.json, which is generated from these types. Fields may
// be added within a version; FormatVersion changes when a field changes
// meaning or is removed. Every identity an entry refers to is written as
// Exchange returned it (a Guid where the export could resolve it), never
// by display name.
package state

// FormatVersion is the version of the state format this hybridc reads and
// its export scripts write.
const FormatVersion = 1

// Kinds of organization a state file describes.
const (
	OnPremises     = "onPremises"
	ExchangeOnline = "exchangeOnline"
)

// Access kinds of a permission entry.
const (
	FullAccess = "FullAccess"
	SendAs     = "SendAs"
	Folder     = "Folder"
)

// State is everything hybridc manages in one organization, as an export
// script read it.
type State struct {
	// Schema is the JSON Schema of the file, for editors.
	Schema string `json:"$schema,omitempty"`
	// FormatVersion of the file: 1.
	FormatVersion int `json:"formatVersion" jsonschema:"required,enum=1"`
	// Kind is onPremises (the Exchange Management Shell) or exchangeOnline.
	Kind string `json:"kind" jsonschema:"required,enum=onPremises,enum=exchangeOnline"`
	// Organization is the organization the export was connected to: the
	// on-premises organization's name, or the tenant's initial domain.
	Organization string `json:"organization" jsonschema:"required,minLength=1"`
	// ExchangeVersion is the organization's AdminDisplayVersion on-premises
	// (Version 15.2 (Build 1544.4)); empty online.
	ExchangeVersion string `json:"exchangeVersion,omitempty"`
	// ExportedBy is the hybridc version that generated the export script.
	ExportedBy string `json:"exportedBy,omitempty"`
	// ExportedUtc is when the export ran (ISO 8601, UTC).
	ExportedUtc string `json:"exportedUtc,omitempty"`
	// Folders are the mailbox folders whose permissions were read (the
	// export script's -Folders).
	Folders []string `json:"folders"`
	// OrganizationConfig holds the organization-wide settings hybridc manages.
	OrganizationConfig OrganizationConfig `json:"organizationConfig"`
	// FederatedDomains are the domains of the federated organization
	// identifier, and AccountNamespace its account namespace (on-premises).
	FederatedDomains []string `json:"federatedDomains"`
	// AccountNamespace is the federated organization identifier's account
	// namespace (FYDIBOHF25SPDLT.exchangedelegation.contoso.com).
	AccountNamespace string `json:"accountNamespace,omitempty"`
	// FederationEnabled tells whether the federated organization identifier
	// is on (on-premises).
	FederationEnabled *bool `json:"federationEnabled,omitempty" jsonschema:"oneof_type=boolean;null"`
	// FederationTrusts are the organization's federation trusts
	// (Get-FederationTrust, on-premises), read with federationEnabled: a
	// state without federationEnabled did not read them.
	FederationTrusts []FederationTrust `json:"federationTrusts,omitempty"`
	// EWSExternalURLs are the ExternalUrl values of the organization's EWS
	// virtual directories (on-premises): where Exchange Online reaches
	// on-premises free/busy (the relationship's targetSharingEpr, and the
	// host of its targetAutodiscoverEpr).
	EWSExternalURLs []string `json:"ewsExternalUrls,omitempty"`
	// AcceptedDomains of the organization.
	AcceptedDomains []AcceptedDomain `json:"acceptedDomains"`
	// OrganizationRelationships of the organization.
	OrganizationRelationships []OrganizationRelationship `json:"organizationRelationships"`
	// AvailabilityAddressSpaces of the organization (on-premises).
	AvailabilityAddressSpaces []AvailabilityAddressSpace `json:"availabilityAddressSpaces"`
	// SendConnectors of the organization (on-premises).
	SendConnectors []SendConnector `json:"sendConnectors"`
	// Recipients are the organization's recipients, users and groups:
	// every object a name in a configuration may resolve to.
	Recipients []Recipient `json:"recipients"`
	// UnifiedGroups are the Microsoft 365 groups (online), with their links.
	UnifiedGroups []UnifiedGroup `json:"unifiedGroups"`
	// RoleGroups are the management role groups, with members and roles.
	RoleGroups []RoleGroup `json:"roleGroups"`
	// RoleAssignmentPolicies are the end-user role assignment policies.
	RoleAssignmentPolicies []RoleAssignmentPolicy `json:"roleAssignmentPolicies"`
	// Permissions are the Full Access, Send As and folder permission
	// entries of the mailboxes, inherited and Deny entries included (Send on
	// Behalf is a property of the mailbox: Recipient.GrantSendOnBehalfTo).
	Permissions []Permission `json:"permissions"`
	// RemoteDomains of the organization.
	RemoteDomains []RemoteDomain `json:"remoteDomains,omitempty"`
	// ReceiveConnectors of the on-premises organization.
	ReceiveConnectors []ReceiveConnector `json:"receiveConnectors,omitempty"`
	// InboundConnectors and OutboundConnectors of the Exchange Online
	// organization.
	InboundConnectors  []InboundConnector  `json:"inboundConnectors,omitempty"`
	OutboundConnectors []OutboundConnector `json:"outboundConnectors,omitempty"`
	// EmailAddressPolicies of an on-premises organization.
	EmailAddressPolicies []EmailAddressPolicy `json:"emailAddressPolicies,omitempty"`
	// OnPremisesOrganizations of an Exchange Online tenant.
	OnPremisesOrganizations []OnPremisesOrganization `json:"onPremisesOrganizations,omitempty"`
	// WebServicesVirtualDirectories are the on-premises Exchange Web
	// Services virtual directories (their MRS proxy setting).
	WebServicesVirtualDirectories []WebServicesVirtualDirectory `json:"webServicesVirtualDirectories,omitempty"`
	// MigrationEndpoints of the tenant (Get-MigrationEndpoint).
	MigrationEndpoints []MigrationEndpoint `json:"migrationEndpoints,omitempty"`
	// IntraOrganizationConnectors of the organization (OAuth).
	IntraOrganizationConnectors []IntraOrganizationConnector `json:"intraOrganizationConnectors,omitempty"`
	// AuthServers of the organization (on-premises).
	AuthServers []AuthServer `json:"authServers,omitempty"`
	// SettingOverrides of the organization (on-premises).
	SettingOverrides []SettingOverride `json:"settingOverrides,omitempty"`
	// The organization's auth configuration (Get-AuthConfig, on-premises),
	// with the expiry of its current certificate on the exporting server
	// (Get-ExchangeCertificate; RFC 3339, UTC, empty when the server does
	// not hold it) and when the next certificate takes over (RFC 3339,
	// UTC): see Auth. An empty current thumbprint is an export that did not
	// read it.
	AuthCurrentCertificateThumbprint string `json:"authCurrentCertificateThumbprint,omitempty"`
	AuthCurrentCertificateNotAfter   string `json:"authCurrentCertificateNotAfter,omitempty"`
	AuthNextCertificateThumbprint    string `json:"authNextCertificateThumbprint,omitempty"`
	AuthNextCertificateEffectiveDate string `json:"authNextCertificateEffectiveDate,omitempty"`
	// PartnerApplications of the organization (on-premises).
	PartnerApplications []PartnerApplication `json:"partnerApplications,omitempty"`
	// MessageConfigurations are the message settings of the mail users that
	// are members of Microsoft 365 groups (online).
	MessageConfigurations []MessageConfiguration `json:"messageConfigurations"`
}

// OrganizationConfig is what Get-OrganizationConfig returns that hybridc
// manages or checks.
type OrganizationConfig struct {
	// Name of the organization (the tenant's initial domain online).
	Name string `json:"name"`
	// IsDehydrated is true while an Exchange Online tenant is not
	// customized (Enable-OrganizationCustomization).
	IsDehydrated *bool `json:"isDehydrated,omitempty" jsonschema:"oneof_type=boolean;null"`
	// ACLableSyncedObjectEnabled is on-premises ACLable object
	// synchronization.
	ACLableSyncedObjectEnabled *bool `json:"aclableSyncedObjectEnabled,omitempty" jsonschema:"oneof_type=boolean;null"`
}

// FederationTrust is one federation trust.
type FederationTrust struct {
	// Name of the trust (Microsoft Federation Gateway).
	Name string `json:"name" jsonschema:"required"`
	// CertificateNotAfter is when the trust's current certificate
	// (OrgCertificate) expires, ISO 8601 UTC; empty when none was read.
	CertificateNotAfter string `json:"certificateNotAfter,omitempty"`
}

// AcceptedDomain is one accepted domain.
type AcceptedDomain struct {
	// Name of the accepted domain object.
	Name string `json:"name"`
	// DomainName is the domain.
	DomainName string `json:"domainName" jsonschema:"required"`
	// DomainType is Authoritative, InternalRelay or ExternalRelay.
	DomainType string `json:"domainType"`
	// Default marks the default accepted domain.
	Default bool `json:"default,omitempty"`
	// InitialDomain marks the tenant's initial domain (online).
	InitialDomain bool `json:"initialDomain,omitempty"`
}

// OrganizationRelationship is one relationship, with the properties hybridc
// manages, named as the cmdlets name them.
type OrganizationRelationship struct {
	Name                  string   `json:"name" jsonschema:"required"`
	Enabled               *bool    `json:"enabled,omitempty" jsonschema:"oneof_type=boolean;null"`
	DomainNames           []string `json:"domainNames"`
	FreeBusyAccessEnabled *bool    `json:"freeBusyAccessEnabled,omitempty" jsonschema:"oneof_type=boolean;null"`
	FreeBusyAccessLevel   string   `json:"freeBusyAccessLevel,omitempty"`
	// FreeBusyAccessScope is the group as Exchange returned it.
	FreeBusyAccessScope   string `json:"freeBusyAccessScope,omitempty"`
	MailTipsAccessEnabled *bool  `json:"mailTipsAccessEnabled,omitempty" jsonschema:"oneof_type=boolean;null"`
	MailTipsAccessLevel   string `json:"mailTipsAccessLevel,omitempty"`
	DeliveryReportEnabled *bool  `json:"deliveryReportEnabled,omitempty" jsonschema:"oneof_type=boolean;null"`
	TargetApplicationUri  string `json:"targetApplicationUri,omitempty"`
	TargetAutodiscoverEpr string `json:"targetAutodiscoverEpr,omitempty"`
	TargetSharingEpr      string `json:"targetSharingEpr,omitempty"`
}

// AvailabilityAddressSpace is one availability address space.
type AvailabilityAddressSpace struct {
	ForestName        string `json:"forestName" jsonschema:"required"`
	AccessMethod      string `json:"accessMethod,omitempty"`
	UseServiceAccount *bool  `json:"useServiceAccount,omitempty" jsonschema:"oneof_type=boolean;null"`
	// UserName is the account of the credentials the address space holds
	// (Exchange never returns the password): replacing it would lose them.
	UserName string `json:"userName,omitempty"`
}

// SendConnector is one send connector.
type SendConnector struct {
	Name string `json:"name" jsonschema:"required"`
	// AddressSpaces as Exchange shows them (SMTP:contoso.mail.onmicrosoft.com;1).
	AddressSpaces []string `json:"addressSpaces"`
	// CloudServicesMailEnabled marks the hybrid connector.
	CloudServicesMailEnabled bool `json:"cloudServicesMailEnabled,omitempty"`
	// SourceTransportServers are the connector's source servers.
	SourceTransportServers []string `json:"sourceTransportServers"`
	// TlsAuthLevel, TlsDomain and TlsCertificateName as Exchange shows them.
	TlsAuthLevel       string `json:"tlsAuthLevel,omitempty"`
	TlsDomain          string `json:"tlsDomain,omitempty"`
	TlsCertificateName string `json:"tlsCertificateName,omitempty"`
	// RequireTLS: whether the connector requires TLS (TlsAuthLevel needs it).
	RequireTLS *bool `json:"requireTLS,omitempty" jsonschema:"oneof_type=boolean;null"`
	// SmartHosts as Exchange shows them ([10.0.0.1] for an address).
	SmartHosts []string `json:"smartHosts,omitempty"`
	// DNSRoutingEnabled is false when the connector routes through its
	// smart hosts.
	DNSRoutingEnabled *bool `json:"dnsRoutingEnabled,omitempty" jsonschema:"oneof_type=boolean;null"`
}

// Recipient is one directory object: a mailbox, remote mailbox, mail user,
// group or user, with every stable form of identity the export read.
type Recipient struct {
	Guid                      string `json:"guid" jsonschema:"required,minLength=1"`
	ExternalDirectoryObjectId string `json:"externalDirectoryObjectId,omitempty"`
	DistinguishedName         string `json:"distinguishedName,omitempty"`
	Identity                  string `json:"identity,omitempty"`
	Name                      string `json:"name,omitempty"`
	Alias                     string `json:"alias,omitempty"`
	PrimarySmtpAddress        string `json:"primarySmtpAddress,omitempty"`
	UserPrincipalName         string `json:"userPrincipalName,omitempty"`
	WindowsLiveID             string `json:"windowsLiveID,omitempty"`
	SamAccountName            string `json:"samAccountName,omitempty"`
	Sid                       string `json:"sid,omitempty"`
	// EmailAddresses as Exchange shows them (SMTP:a@x, smtp:b@x, X500:...).
	EmailAddresses []string `json:"emailAddresses"`
	// RecipientTypeDetails (UserMailbox, RemoteUserMailbox, MailUser,
	// GroupMailbox, ...); empty for a user or group without mail.
	RecipientTypeDetails string `json:"recipientTypeDetails,omitempty"`
	// RecipientDisplayType, which names ACLable remote mailboxes.
	RecipientDisplayType string `json:"recipientDisplayType,omitempty"`
	// GrantSendOnBehalfTo of a mailbox: Guids where the export resolved
	// them, otherwise as Exchange returned them.
	GrantSendOnBehalfTo []string `json:"grantSendOnBehalfTo"`
	// RoleAssignmentPolicy of a mailbox.
	RoleAssignmentPolicy string `json:"roleAssignmentPolicy,omitempty"`
	// InAddressLists is true when the object is in at least one address
	// list (AddressListMembership).
	InAddressLists bool `json:"inAddressLists,omitempty"`
	// HiddenFromAddressListsEnabled is true when the object is hidden from
	// every address list: Update-Recipient adds it to none.
	HiddenFromAddressListsEnabled bool `json:"hiddenFromAddressListsEnabled,omitempty"`
	// RemoteRoutingAddress of an on-premises remote mailbox: where
	// on-premises routes its mail (smtp:alias@contoso.mail.onmicrosoft.com).
	RemoteRoutingAddress string `json:"remoteRoutingAddress,omitempty"`
}

// UnifiedGroup is one Microsoft 365 group with its links.
type UnifiedGroup struct {
	Guid               string   `json:"guid" jsonschema:"required,minLength=1"`
	Name               string   `json:"name"`
	DisplayName        string   `json:"displayName"`
	Alias              string   `json:"alias,omitempty"`
	PrimarySmtpAddress string   `json:"primarySmtpAddress" jsonschema:"required"`
	EmailAddresses     []string `json:"emailAddresses"`
	// AccessType is Private or Public.
	AccessType                         string `json:"accessType,omitempty"`
	RequireSenderAuthenticationEnabled *bool  `json:"requireSenderAuthenticationEnabled,omitempty" jsonschema:"oneof_type=boolean;null"`
	// Members, Owners and Subscribers: Guids where resolved.
	Members     []string `json:"members"`
	Owners      []string `json:"owners"`
	Subscribers []string `json:"subscribers"`
}

// RoleGroup is one management role group.
type RoleGroup struct {
	Name string `json:"name" jsonschema:"required"`
	// Members: Guids where resolved, otherwise as Exchange returned them.
	Members []string `json:"members"`
	// Roles assigned to the group (regular, not delegating).
	Roles []string `json:"roles"`
}

// RoleAssignmentPolicy is one role assignment policy.
type RoleAssignmentPolicy struct {
	Name string `json:"name" jsonschema:"required"`
	// IsDefault marks the policy new mailboxes get.
	IsDefault bool `json:"isDefault,omitempty"`
	// AssignedRoles are the policy's end-user roles.
	AssignedRoles []string `json:"assignedRoles"`
}

// Permission is one permission entry of a mailbox: Full Access
// (Get-MailboxPermission), Send As (Get-ADPermission on-premises,
// Get-RecipientPermission online) or a folder permission
// (Get-MailboxFolderPermission).
type Permission struct {
	// Access is FullAccess, SendAs or Folder.
	Access string `json:"access" jsonschema:"required,enum=FullAccess,enum=SendAs,enum=Folder"`
	// Mailbox is the Guid of the mailbox (or group) the entry is on.
	Mailbox string `json:"mailbox" jsonschema:"required,minLength=1"`
	// Trustee is the entry's user as Exchange returned it (DOMAIN\name,
	// NT AUTHORITY\SELF, a SID, an address).
	Trustee string `json:"trustee"`
	// TrusteeGuid is the Guid of the object the export resolved Trustee
	// to, or empty.
	TrusteeGuid string `json:"trusteeGuid,omitempty"`
	// Folder is the folder of a folder permission.
	Folder string `json:"folder,omitempty"`
	// AccessRights of the entry (FullAccess, ReadPermission; a folder role).
	AccessRights []string `json:"accessRights"`
	// IsInherited marks an entry inherited from a parent object.
	IsInherited bool `json:"isInherited,omitempty"`
	// Deny marks an entry that denies the right.
	Deny bool `json:"deny,omitempty"`
}

// RemoteDomain is one remote domain, with the settings hybridc manages.
type RemoteDomain struct {
	Name                       string `json:"name" jsonschema:"required"`
	DomainName                 string `json:"domainName" jsonschema:"required"`
	TargetDeliveryDomain       *bool  `json:"targetDeliveryDomain,omitempty" jsonschema:"oneof_type=boolean;null"`
	TrustedMailOutboundEnabled *bool  `json:"trustedMailOutboundEnabled,omitempty" jsonschema:"oneof_type=boolean;null"`
	TrustedMailInboundEnabled  *bool  `json:"trustedMailInboundEnabled,omitempty" jsonschema:"oneof_type=boolean;null"`
	AllowedOOFType             string `json:"allowedOOFType,omitempty"`
	AutoReplyEnabled           *bool  `json:"autoReplyEnabled,omitempty" jsonschema:"oneof_type=boolean;null"`
	AutoForwardEnabled         *bool  `json:"autoForwardEnabled,omitempty" jsonschema:"oneof_type=boolean;null"`
}

// ReceiveConnector is one on-premises receive connector, with the setting
// hybridc manages.
type ReceiveConnector struct {
	// Identity is <server>\<name>.
	Identity           string `json:"identity" jsonschema:"required"`
	TlsCertificateName string `json:"tlsCertificateName,omitempty"`
}

// InboundConnector is one Exchange Online inbound connector, with the
// settings hybridc manages.
type InboundConnector struct {
	Name                     string   `json:"name" jsonschema:"required"`
	ConnectorType            string   `json:"connectorType,omitempty"`
	CloudServicesMailEnabled *bool    `json:"cloudServicesMailEnabled,omitempty" jsonschema:"oneof_type=boolean;null"`
	RequireTls               *bool    `json:"requireTls,omitempty" jsonschema:"oneof_type=boolean;null"`
	SenderDomains            []string `json:"senderDomains,omitempty"`
	TlsSenderCertificateName string   `json:"tlsSenderCertificateName,omitempty"`
}

// OutboundConnector is one Exchange Online outbound connector, with the
// settings hybridc manages.
type OutboundConnector struct {
	Name                          string   `json:"name" jsonschema:"required"`
	ConnectorType                 string   `json:"connectorType,omitempty"`
	CloudServicesMailEnabled      *bool    `json:"cloudServicesMailEnabled,omitempty" jsonschema:"oneof_type=boolean;null"`
	SmartHosts                    []string `json:"smartHosts,omitempty"`
	TlsDomain                     string   `json:"tlsDomain,omitempty"`
	TlsSettings                   string   `json:"tlsSettings,omitempty"`
	RecipientDomains              []string `json:"recipientDomains,omitempty"`
	RouteAllMessagesViaOnPremises *bool    `json:"routeAllMessagesViaOnPremises,omitempty" jsonschema:"oneof_type=boolean;null"`
	UseMXRecord                   *bool    `json:"useMXRecord,omitempty" jsonschema:"oneof_type=boolean;null"`
}

// EmailAddressPolicy is one email address policy, with the templates
// hybridc adds to.
type EmailAddressPolicy struct {
	Name                         string   `json:"name" jsonschema:"required"`
	EnabledEmailAddressTemplates []string `json:"enabledEmailAddressTemplates"`
}

// OnPremisesOrganization is one on-premises organization object of a
// tenant; the connectors and the relationship as names.
type OnPremisesOrganization struct {
	Name                     string   `json:"name"`
	OrganizationGuid         string   `json:"organizationGuid" jsonschema:"required"`
	OrganizationName         string   `json:"organizationName,omitempty"`
	HybridDomains            []string `json:"hybridDomains"`
	InboundConnector         string   `json:"inboundConnector,omitempty"`
	OutboundConnector        string   `json:"outboundConnector,omitempty"`
	OrganizationRelationship string   `json:"organizationRelationship,omitempty"`
}

// IntraOrganizationConnector is one OAuth connector towards the other
// organization, with the settings hybridc manages.
type IntraOrganizationConnector struct {
	Name                 string   `json:"name" jsonschema:"required"`
	TargetAddressDomains []string `json:"targetAddressDomains"`
	DiscoveryEndpoint    string   `json:"discoveryEndpoint,omitempty"`
	Enabled              *bool    `json:"enabled,omitempty" jsonschema:"oneof_type=boolean;null"`
}

// AuthServer is one authorization server, with the settings hybridc
// manages.
type AuthServer struct {
	Name                  string `json:"name" jsonschema:"required"`
	Type                  string `json:"type,omitempty"`
	AuthMetadataUrl       string `json:"authMetadataUrl,omitempty"`
	Enabled               *bool  `json:"enabled,omitempty" jsonschema:"oneof_type=boolean;null"`
	ApplicationIdentifier string `json:"applicationIdentifier,omitempty"`
	// Realm is the tenant an Entra ID auth server trusts (its tenant id),
	// which Exchange reads from the metadata document.
	Realm string `json:"realm,omitempty"`
}

// AuthConfig is the auth configuration: Exchange's OAuth certificate, the
// next one and when it takes over, and when the current one expires.
type AuthConfig struct {
	CurrentCertificateThumbprint, CurrentCertificateNotAfter string
	NextCertificateThumbprint, NextCertificateEffectiveDate  string
}

// Auth is the state's auth configuration, nil when it holds none.
func (s *State) Auth() *AuthConfig {
	if s.AuthCurrentCertificateThumbprint == "" {
		return nil
	}
	return &AuthConfig{s.AuthCurrentCertificateThumbprint, s.AuthCurrentCertificateNotAfter, s.AuthNextCertificateThumbprint, s.AuthNextCertificateEffectiveDate}
}

// SetAuth sets the state's auth configuration (nil: none).
func (s *State) SetAuth(a *AuthConfig) {
	if a == nil {
		a = &AuthConfig{}
	}
	s.AuthCurrentCertificateThumbprint, s.AuthCurrentCertificateNotAfter = a.CurrentCertificateThumbprint, a.CurrentCertificateNotAfter
	s.AuthNextCertificateThumbprint, s.AuthNextCertificateEffectiveDate = a.NextCertificateThumbprint, a.NextCertificateEffectiveDate
}

// PartnerApplication is one partner application
// (Get-PartnerApplication), with the settings hybridc manages.
type PartnerApplication struct {
	Name                  string `json:"name" jsonschema:"required"`
	ApplicationIdentifier string `json:"applicationIdentifier,omitempty"`
	Enabled               *bool  `json:"enabled,omitempty" jsonschema:"oneof_type=boolean;null"`
}

// SettingOverride is one setting override (Get-SettingOverride).
type SettingOverride struct {
	Name          string   `json:"name" jsonschema:"required"`
	ComponentName string   `json:"componentName"`
	SectionName   string   `json:"sectionName"`
	Parameters    []string `json:"parameters"`
}

// MessageConfiguration is the message configuration of one mail user.
type MessageConfiguration struct {
	// Recipient is the Guid of the mail user.
	Recipient                              string `json:"recipient" jsonschema:"required"`
	EchoGroupMessageBackToSubscribedSender *bool  `json:"echoGroupMessageBackToSubscribedSender,omitempty" jsonschema:"oneof_type=boolean;null"`
}

// WebServicesVirtualDirectory is one Exchange Web Services virtual
// directory (Get-WebServicesVirtualDirectory -ADPropertiesOnly).
type WebServicesVirtualDirectory struct {
	// Identity is <server>\<name> (EXCH1\EWS (Default Web Site)).
	Identity        string `json:"identity" jsonschema:"required"`
	MRSProxyEnabled *bool  `json:"mrsProxyEnabled,omitempty" jsonschema:"oneof_type=boolean;null"`
}

// MigrationEndpoint is one migration endpoint (Get-MigrationEndpoint).
type MigrationEndpoint struct {
	// Name is its identity.
	Name string `json:"name" jsonschema:"required"`
	// EndpointType is ExchangeRemoteMove for a hybrid move endpoint.
	EndpointType string `json:"endpointType,omitempty"`
	RemoteServer string `json:"remoteServer,omitempty"`
	// MaxConcurrentMigrations and MaxConcurrentIncrementalSyncs are the
	// counts, 0 when Unlimited or not read.
	MaxConcurrentMigrations       int `json:"maxConcurrentMigrations,omitempty"`
	MaxConcurrentIncrementalSyncs int `json:"maxConcurrentIncrementalSyncs,omitempty"`
}
