package config

// Name is the name of an Exchange object: 1 to 64 characters, no control
// characters.
type Name string

// Identity names an Exchange recipient or group by name, alias or SMTP
// address.
type Identity string

// DomainName is a DNS domain name such as contoso.com.
type DomainName string

// TenantName is a tenant's initial domain, such as contoso.onmicrosoft.com,
// or in a sovereign cloud contoso.onmicrosoft.us (GCC High, DoD) or
// contoso.partner.onmschina.cn (21Vianet).
type TenantName string

// RoutingDomain is a tenant's coexistence routing domain, such as
// contoso.mail.onmicrosoft.com (contoso.mail.onmicrosoft.us,
// contoso.mail.partner.onmschina.cn in sovereign clouds).
type RoutingDomain string

// Alias is an Exchange alias: letters, digits, the characters
// ! # $ % & ' + - / = ^ _ ` { | } ~ and U+00A1 to U+00FF, with periods only
// between other characters; at most 64 characters. Wildcards (* ?), which
// Exchange allows in an alias, are refused: in an identity they match many
// objects.
type Alias string

// URI is an absolute URI or a host name, as Exchange accepts for application
// URIs.
type URI string

// HTTPSURL is an https:// URL.
type HTTPSURL string

// SMTPAddress is an email address such as sales@groups.contoso.com.
type SMTPAddress string

// AddressTemplate is a secondary SMTP address template of an email address
// policy, such as smtp:%m@contoso.mail.onmicrosoft.com: the lower-case
// prefix smtp: (a secondary address; SMTP: would change every recipient's
// primary address), a local part (%m is the alias) and a domain.
type AddressTemplate string

// GUID is a GUID such as 8a5e1f3c-7b2d-4e6a-9c1f-2d3b4a5c6e7f.
type GUID string

// FolderName is a mailbox folder path such as Calendar or Inbox\Projects.
type FolderName string

// DistinguishedName is an Active Directory distinguished name.
type DistinguishedName string

// Version is a dotted version number such as 1.1.553.0.
type Version string

// ResourceRef names a resource of the same organization as kind/name, such
// as organizationRelationship/To Cloud.
type ResourceRef string

// Ensure says whether a resource must exist.
type Ensure string

// Values of Ensure.
const (
	Present Ensure = "present"
	Absent  Ensure = "absent"
)

// IsAbsent reports whether the resource is to be removed. An unset Ensure
// means present.
func (e Ensure) IsAbsent() bool { return e == Absent }

// ExchangeVersion is an on-premises Exchange Server version.
type ExchangeVersion string

// FreeBusyLevel is how much free/busy a relationship shares.
type FreeBusyLevel string

// MailTipsLevel is how many MailTips a relationship returns.
type MailTipsLevel string

// AvailabilityAccessMethod is how an availability address space fetches
// free/busy.
type AvailabilityAccessMethod string

// Location says in which organization a mailbox lives.
type Location string

// AccessRight is a kind of delegated mailbox permission.
type AccessRight string

// FolderAccessRight is a folder permission role.
type FolderAccessRight string

// AcceptedDomainType is the type of an on-premises accepted domain.
type AcceptedDomainType string

// ServerRole is the role of a transport server.
type ServerRole string

// OOFType is which automatic replies a remote domain receives.
type OOFType string

// TLSAuthLevel is the TLS authentication a send connector requires.
type TLSAuthLevel string

// CertificateName names a certificate as a send connector's
// tlsCertificateName does: <I>issuer<S>subject.
type CertificateName string

// CertificateDN is a certificate's subject or issuer as a distinguished
// name (CN=mail.contoso.com, O=Contoso, C=US).
type CertificateDN string

// Thumbprint is a certificate's SHA-1 thumbprint: 40 hexadecimal digits.
type Thumbprint string

// Date is a day as YYYY-MM-DD.
type Date string

// SmartHost is a send connector's smart host: a host name or an IPv4
// address (bracketed or not).
type SmartHost string

// GroupAccessType is who may join and read a Microsoft 365 group: Private
// (members only) or Public.
type GroupAccessType string

// Enums lists the allowed values of each enumerated type, in the order the
// schema and messages show them.
var Enums = map[string][]string{
	"Ensure":                   {"present", "absent"},
	"ExchangeVersion":          {"2007", "2010", "2013", "2016", "2019", "SE"},
	"FreeBusyLevel":            {"None", "AvailabilityOnly", "LimitedDetails"},
	"MailTipsLevel":            {"None", "Limited", "All"},
	"AvailabilityAccessMethod": {"InternalProxy", "PerUserFB", "OrgWideFB", "OrgWideFBToken", "PublicFolder"},
	"Location":                 {"onPremises", "exchangeOnline"},
	"AccessRight":              {"FullAccess", "SendAs", "SendOnBehalf", "Folder"},
	"FolderAccessRight": {"Owner", "PublishingEditor", "Editor", "PublishingAuthor", "Author", "NonEditingAuthor",
		"Reviewer", "Contributor", "AvailabilityOnly", "LimitedDetails"},
	"AcceptedDomainType": {"InternalRelay", "Authoritative", "ExternalRelay"},
	"ServerRole":         {"Mailbox", "Edge"},
	"GroupAccessType":    {"Private", "Public"},
	"TLSAuthLevel":       {"EncryptionOnly", "CertificateValidation", "DomainValidation"},
	"OOFType":            {"External", "ExternalLegacy", "InternalLegacy", "None"},
}

// ResourceKinds are the kinds a ResourceRef may name, as they appear in
// dependsOn and in messages.
var ResourceKinds = []string{"organizationRelationship", "availabilityAddressSpace", "acceptedDomain", "sendConnector",
	"roleGroup", "roleAssignmentPolicy", "unifiedGroup"}

// CatalogName is the name the cmdlet documentation gives the version
// ("Exchange Server 2019").
func (v ExchangeVersion) CatalogName() string { return "Exchange Server " + string(v) }
