package config

// SendConnector is the hybrid send connector the Hybrid Configuration
// Wizard created on-premises ("Outbound to Office 365").
type SendConnector struct {
	Meta `yaml:"-"`
	// Name identifies the connector.
	Name Name `yaml:"name" jsonschema:"required"`
	// AddressSpaces the connector must serve (the tenant's routing domain).
	// hybridc adds every group domain, and keeps the address spaces the
	// connector already has.
	AddressSpaces []DomainName `yaml:"addressSpaces,omitempty" jsonschema:"uniqueItems=true"`
	// SourceServers are the servers that send through the connector. When
	// declared, the connector's SourceTransportServers must include them
	// (compared by name, ignoring case): missing ones are added, the others
	// kept, unless exclusiveSourceServers is true.
	SourceServers []SourceServer `yaml:"sourceServers,omitempty"`
	// ExclusiveSourceServers: true makes sourceServers the connector's
	// SourceTransportServers exactly: servers the YAML does not declare are
	// removed from the connector.
	ExclusiveSourceServers *bool `yaml:"exclusiveSourceServers,omitempty"`
	// TlsAuthLevel the connector requires of Exchange Online's certificate:
	// DomainValidation (what the Hybrid Configuration Wizard sets),
	// CertificateValidation or EncryptionOnly.
	TlsAuthLevel TLSAuthLevel `yaml:"tlsAuthLevel,omitempty"`
	// TlsDomain is the domain Exchange Online's certificate must name with
	// DomainValidation: mail.protection.outlook.com. It needs tlsAuthLevel
	// DomainValidation. Declaring any TLS setting also sets RequireTLS.
	TlsDomain DomainName `yaml:"tlsDomain,omitempty"`
	// TlsCertificateName is the certificate on-premises Exchange presents
	// to Exchange Online, as <I>issuer<S>subject (the wizard's choice).
	TlsCertificateName CertificateName `yaml:"tlsCertificateName,omitempty"`
	// TlsCertificate names a declared certificate (certificates:) instead
	// of tlsCertificateName, which it gives as <I>issuer<S>subject.
	TlsCertificate Name `yaml:"tlsCertificate,omitempty"`
	// SmartHosts the connector routes through instead of DNS (MX lookup):
	// host names or IP addresses. Declaring them turns DNS routing off.
	// Compared as a set, ignoring case and an IP address's brackets.
	SmartHosts []SmartHost `yaml:"smartHosts,omitempty" jsonschema:"uniqueItems=true"`
	// Adopt (true unless set to false) lets the script take over the
	// existing hybrid send connector (CloudServicesMailEnabled, or the
	// wizard's name "Outbound to Office 365 - <GUID>") when none has the
	// declared name: the script then manages that connector under its own
	// name. With adopt: false, the script refuses and names the connector.
	Adopt *bool `yaml:"adopt,omitempty"`
}

// SourceServer is a transport server of a send connector.
type SourceServer struct {
	Meta `yaml:"-"`
	// Name of the server.
	Name Name `yaml:"name" jsonschema:"required"`
	// Role is Mailbox (the default) or Edge. Mail to Microsoft 365 groups
	// loops when an Edge server is a source of the hybrid send connector.
	Role ServerRole `yaml:"role,omitempty"`
}

// GroupDomain is a dedicated domain for Microsoft 365 groups (seed 002).
type GroupDomain struct {
	Meta `yaml:"-"`
	// Domain is the group domain (groups.contoso.com).
	Domain DomainName `yaml:"domain" jsonschema:"required"`
	// DomainType of the on-premises accepted domain: it must be
	// InternalRelay (the default).
	DomainType AcceptedDomainType `yaml:"domainType,omitempty"`
	// MX is the value of the domain's public MX record:
	// <domain key>.mail.protection.outlook.com. It must not point at
	// on-premises servers.
	MX DomainName `yaml:"mx" jsonschema:"required"`
}

// RemoteDomain is how the organization formats and restricts mail to one
// remote domain (New-RemoteDomain, Set-RemoteDomain), such as the Hybrid
// Configuration Wizard's "Hybrid Domain - contoso.mail.onmicrosoft.com",
// which makes the other organization's routing domain internal. A setting
// left out is not managed.
type RemoteDomain struct {
	Meta `yaml:"-"`
	// Name identifies the remote domain in its organization.
	Name Name `yaml:"name" jsonschema:"required"`
	// DomainName is the domain the settings apply to
	// (contoso.mail.onmicrosoft.com); it cannot be changed once created.
	DomainName DomainName `yaml:"domainName" jsonschema:"required"`
	// TargetDeliveryDomain marks the domain as the one used for the target
	// address of mail users (their mail to the other organization); the
	// wizard sets it on the on-premises "Hybrid Domain -
	// tenant.mail.onmicrosoft.com".
	TargetDeliveryDomain *bool `yaml:"targetDeliveryDomain,omitempty"`
	// TrustedMailOutboundEnabled skips content and recipient filtering for
	// mail to the domain (it does not make the mail internal).
	TrustedMailOutboundEnabled *bool `yaml:"trustedMailOutboundEnabled,omitempty"`
	// TrustedMailInboundEnabled skips content and recipient filtering for
	// mail from the domain (it does not make the mail internal).
	TrustedMailInboundEnabled *bool `yaml:"trustedMailInboundEnabled,omitempty"`
	// AllowedOOFType is which automatic replies the domain receives:
	// External, ExternalLegacy, InternalLegacy or None. InternalLegacy also
	// sets IsInternal: the domain's recipients count as internal, so
	// transport rules scoped to recipients outside the organization stop
	// applying to them.
	AllowedOOFType OOFType `yaml:"allowedOOFType,omitempty"`
	// AutoReplyEnabled lets automatic replies reach the domain.
	AutoReplyEnabled *bool `yaml:"autoReplyEnabled,omitempty"`
	// AutoForwardEnabled lets automatic forwards reach the domain.
	AutoForwardEnabled *bool `yaml:"autoForwardEnabled,omitempty"`
	// DependsOn names resources of the same organization that must be in
	// place first, as kind/name.
	DependsOn []ResourceRef `yaml:"dependsOn,omitempty" jsonschema:"uniqueItems=true"`
}

// EntraConnect describes the Microsoft Entra Connect server that
// synchronizes the on-premises directory with the tenant.
type EntraConnect struct {
	Meta `yaml:"-"`
	// Version of Entra Connect (2.4.129.0). Hybrid mailbox permissions need
	// 1.1.553.0 or later.
	Version Version `yaml:"version" jsonschema:"required"`
	// ExchangeHybrid tells whether the wizard's Exchange hybrid deployment
	// option is on. Send on Behalf needs it.
	ExchangeHybrid *bool `yaml:"exchangeHybrid,omitempty"`
	// GroupWriteback tells whether the wizard's Group writeback option is on
	// (groups appear on-premises only with it).
	GroupWriteback *bool `yaml:"groupWriteback,omitempty"`
	// ConnectorAccountDN is the distinguished name of the AD DS connector
	// account (CN=AAD_...,CN=Users,DC=contoso,DC=com). With group writeback,
	// hybridc writes entra-connect.ps1 to grant it the writeback
	// permissions.
	ConnectorAccountDN DistinguishedName `yaml:"connectorAccountDN,omitempty"`
	// Forest is the Active Directory forest (contoso.com) the Entra Connect
	// server must synchronize: entra-connect.ps1 checks it before changing
	// anything. Without it (with groupWriteback and connectorAccountDN),
	// hybridc takes the domain that the DC= components of connectorAccountDN
	// and writebackOU share, with warning HC0334.
	Forest DomainName `yaml:"forest,omitempty"`
	// WritebackOU is the organizational unit (OU=Groups,DC=contoso,DC=com)
	// that groups are written back to. entra-connect.ps1 passes it as
	// -ADobjectDN, so the writeback permissions are granted on that OU
	// instead of at the root of every domain of the forest (warning HC0339
	// without it).
	WritebackOU DistinguishedName `yaml:"writebackOU,omitempty"`
	// AdminSDHolder: true also stamps the writeback permissions on the
	// AdminSDHolder object of every domain (so that they reach protected
	// groups too; Microsoft advises against it, warning HC0339), without
	// writebackOU only: with -ADobjectDN the module never stamps it.
	// entra-connect.ps1 passes -IncludeAdminSdHolders (Entra Connect
	// 2.0.3.0 and later) or, when false, -SkipAdminSdHolders (earlier
	// modules, which stamp it by default).
	AdminSDHolder *bool `yaml:"adminSdHolder,omitempty"`
}

// Certificate is a TLS certificate that connectors present, declared once
// at the root of the file and named by the connectors that use it
// (tlsCertificate), so that a renewal is one change that plan shows on
// each connector.
type Certificate struct {
	Meta `yaml:"-"`
	// Name is the handle connectors refer to it by (tlsCertificate).
	Name Name `yaml:"name" jsonschema:"required"`
	// Subject is the certificate's subject as Exchange shows it
	// (CN=mail.contoso.com, O=Contoso, C=US).
	Subject CertificateDN `yaml:"subject" jsonschema:"required"`
	// Issuer is the certificate's issuer as Exchange shows it
	// (CN=R3, O=Let's Encrypt, C=US).
	Issuer CertificateDN `yaml:"issuer" jsonschema:"required"`
	// Thumbprint is the certificate's SHA-1 thumbprint, 40 hexadecimal
	// digits, for the runbook (optional).
	Thumbprint Thumbprint `yaml:"thumbprint,omitempty"`
	// NotAfter is the day the certificate expires (YYYY-MM-DD): validate
	// warns from 30 days before it and refuses the file after it.
	NotAfter Date `yaml:"notAfter" jsonschema:"required"`
	// Domain is the domain Exchange Online's connectors name the
	// certificate by (their sender certificate and TLS domain). Without it, the
	// subject's CN.
	Domain DomainName `yaml:"domain,omitempty"`
}

// ReceiveConnector is an on-premises receive connector whose TLS
// certificate hybridc keeps (Set-ReceiveConnector -TlsCertificateName),
// such as the wizard's "Default Frontend <server>". hybridc never creates
// a receive connector: the script sets the declared ones and reports those
// it cannot find.
type ReceiveConnector struct {
	Meta `yaml:"-"`
	// Identity is the connector as <server>\<name>
	// (EXCH1\Default Frontend EXCH1).
	Identity Identity `yaml:"identity" jsonschema:"required"`
	// TlsCertificate names a declared certificate (certificates:); it
	// gives tlsCertificateName. Declare one of the two.
	TlsCertificate Name `yaml:"tlsCertificate,omitempty"`
	// TlsCertificateName is the certificate the connector presents, as
	// <I>issuer<S>subject.
	TlsCertificateName CertificateName `yaml:"tlsCertificateName,omitempty"`
}

// InboundConnector is an Exchange Online connector that accepts mail from
// the on-premises organization (the wizard's "Inbound from <GUID>"),
// identified by the certificate on-premises presents. The script sets
// ConnectorType OnPremises, CloudServicesMailEnabled, RequireTls and
// SenderDomains * on it. When no connector has the declared name, the
// script adopts the one OnPremises connector with CloudServicesMailEnabled
// (and manages it under its own name), refuses when there are several,
// and creates one when there is none.
type InboundConnector struct {
	Meta `yaml:"-"`
	// Name identifies the connector.
	Name Name `yaml:"name" jsonschema:"required"`
	// TlsCertificate names a declared certificate (certificates:) whose
	// domain gives tlsSenderCertificateName. Declare one of the two.
	TlsCertificate Name `yaml:"tlsCertificate,omitempty"`
	// TlsSenderCertificateName is the domain of the certificate
	// on-premises presents (mail.contoso.com).
	TlsSenderCertificateName DomainName `yaml:"tlsSenderCertificateName,omitempty"`
}

// OutboundConnector is an Exchange Online connector that sends mail to the
// on-premises organization (the wizard's "Outbound to <GUID>"). The
// script sets ConnectorType OnPremises, CloudServicesMailEnabled,
// TlsSettings DomainValidation and UseMXRecord off on it; it is adopted
// as an inbound connector is.
type OutboundConnector struct {
	Meta `yaml:"-"`
	// Name identifies the connector.
	Name Name `yaml:"name" jsonschema:"required"`
	// SmartHosts are the on-premises hosts mail is sent to
	// (mail.contoso.com). Compared as a set, ignoring case.
	SmartHosts []SmartHost `yaml:"smartHosts" jsonschema:"required,minItems=1,uniqueItems=true"`
	// TlsCertificate names a declared certificate (certificates:) whose
	// domain gives tlsDomain. Declare one of the two.
	TlsCertificate Name `yaml:"tlsCertificate,omitempty"`
	// TlsDomain is the domain the on-premises certificate must name
	// (DomainValidation).
	TlsDomain DomainName `yaml:"tlsDomain,omitempty"`
	// RecipientDomains are the domains whose mail the connector sends to
	// on-premises (the on-premises primary SMTP domains). Compared as a
	// set, ignoring case.
	RecipientDomains []DomainName `yaml:"recipientDomains,omitempty" jsonschema:"uniqueItems=true"`
	// RouteAllMessagesViaOnPremises is centralized mail transport: all mail
	// of Exchange Online mailboxes, to the Internet too, goes through
	// on-premises.
	RouteAllMessagesViaOnPremises *bool `yaml:"routeAllMessagesViaOnPremises,omitempty"`
}
