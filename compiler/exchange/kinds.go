package exchange

// Identity forms, as used in IdentityParam.Forms.
const (
	FormName                      = "Name"
	FormAlias                     = "Alias"
	FormDistinguishedName         = "DistinguishedName"
	FormCanonicalDN               = "CanonicalDN"
	FormGUID                      = "GUID"
	FormEmailAddress              = "EmailAddress"
	FormUPN                       = "UPN"
	FormDomainUser                = "Domain\\User"
	FormLegacyExchangeDN          = "LegacyExchangeDN"
	FormSamAccountName            = "SamAccountName"
	FormExternalDirectoryObjectID = "ExternalDirectoryObjectId"
	FormSID                       = "SID"
	FormDisplayName               = "DisplayName"
	FormServerConnector           = "Server\\Connector"
	FormMailboxFolder             = "Mailbox:\\Folder"
	FormDomainName                = "DomainName"
	FormUniqueValue               = "UniqueValue"
)

// KnownForms lists every identity form the table may use.
var KnownForms = []string{
	FormName, FormAlias, FormDistinguishedName, FormCanonicalDN, FormGUID,
	FormEmailAddress, FormUPN, FormDomainUser, FormLegacyExchangeDN,
	FormSamAccountName, FormExternalDirectoryObjectID, FormSID,
	FormDisplayName, FormServerConnector, FormMailboxFolder, FormDomainName,
	FormUniqueValue,
}

// What a Get- cmdlet does when the object asked for does not exist, as used
// in ReadBehaviour.NotFound.
const (
	// NotFoundError: a ManagementObjectNotFoundException error record
	// (terminating with -ErrorAction Stop).
	NotFoundError = "error"
	// NotFoundEmpty: no output and no error.
	NotFoundEmpty = "empty"
	// NotFoundUnknown: not recorded in the stored docs or issues.
	NotFoundUnknown = "unknown"
	// NotFoundNotApplicable: the cmdlet takes no identity.
	NotFoundNotApplicable = "n/a"
)

// Error classes, as used in ErrorShape.Class.
const (
	ClassNotFound     = "notFound"
	ClassAmbiguous    = "ambiguous"
	ClassAccessDenied = "accessDenied"
	ClassTransient    = "transient"
	ClassDehydrated   = "dehydrated"
	ClassBenign       = "benign"
)

// ErrorShape is one recorded shape of an error record.
type ErrorShape struct {
	// Class is one of the Class constants.
	Class string `json:"class"`
	// Env is where the shape was recorded.
	Env Env `json:"env"`
	// Exception is the exception type name, when recorded.
	Exception string `json:"exception,omitempty"`
	// Category is the CategoryInfo category as shown (often NotSpecified
	// through a remote session).
	Category string `json:"category,omitempty"`
	// FullyQualifiedErrorID is the recorded FullyQualifiedErrorId, or its
	// pattern with <...> placeholders.
	FullyQualifiedErrorID string `json:"fullyQualifiedErrorId,omitempty"`
	// Message is the recorded message, with <...> placeholders.
	Message string `json:"message"`
	// Match lists case-insensitive substrings; the shape matches an error
	// text containing all of them.
	Match []string `json:"match"`
	Provenance
}

// CloudEndpoints are the values toward Exchange Online in one cloud.
type CloudEndpoints struct {
	// Name identifies the cloud: worldwide, gcchigh, dod, china.
	Name string `json:"name"`
	// TenantSuffixes are the initial-domain suffixes of tenants in it.
	TenantSuffixes []string `json:"tenantSuffixes"`
	// ApplicationURI is the organization relationship's application URI
	// toward Exchange Online (its targetApplicationUri).
	ApplicationURI string `json:"targetApplicationUri"`
	// AutodiscoverEndpoint is the relationship's Autodiscover endpoint
	// (its targetAutodiscoverEpr).
	AutodiscoverEndpoint string `json:"targetAutodiscoverEpr"`
	// ExchangeEnvironmentName is Connect-ExchangeOnline's
	// -ExchangeEnvironmentName value for this cloud.
	ExchangeEnvironmentName string `json:"exchangeEnvironmentName"`
	// ConnectionURI is the ConnectionUri Get-ConnectionInformation shows.
	ConnectionURI string `json:"connectionUri"`
	// LoginHost is the host of Microsoft's login (Entra ID) endpoint in
	// this cloud, which serves the tenant's auth metadata document
	// (the metadata URL of New-AuthServer).
	LoginHost string `json:"loginHost"`
	Provenance
}

// RoleGroup is one built-in role group.
type RoleGroup struct {
	// Name is the role group name; when Prefix is true it is a prefix
	// followed by a unique value (ExchangeServiceAdmins_...).
	Name string `json:"name"`
	// Prefix marks names that end in a tenant-unique value.
	Prefix bool `json:"prefix"`
	// Env is where the role group is built in.
	Env Env `json:"env"`
	Provenance
}

// Product is the support state of one Exchange Server version.
type Product struct {
	// Name is the product, e.g. Exchange Server 2019.
	Name string `json:"name"`
	// Supported is true while Microsoft supports it.
	Supported bool `json:"supported"`
	// EndOfSupport is the end date (YYYY-MM-DD), empty while current.
	EndOfSupport string `json:"endOfSupport,omitempty"`
	// Shell is the PowerShell its Exchange Management Shell runs on.
	Shell string `json:"shell"`
	Provenance
}
