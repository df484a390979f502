package kinds

// The kinds of templates/engine-entraapp.ps1.tmpl: the dedicated Exchange
// hybrid application in Microsoft Entra ID (entra-app.ps1, Microsoft Graph
// PowerShell SDK).
const (
	HybridApplicationName        = "hybridApplication"
	HybridServicePrincipalName   = "hybridServicePrincipal"
	HybridAppPermissionName      = "hybridAppPermission"
	HybridKeyCredentialName      = "hybridKeyCredential"
	FirstPartyKeyCredentialsName = "firstPartyKeyCredentials"
)

// HybridApplication is the application object, found by its appId when the
// configuration declares one (and then of the declared display name, never
// renamed); without appId it is created with New-MgApplication when no
// application has the name, and an application found by name is refused,
// never taken over. An existing one is refused before anything is granted
// when it has client secrets, key credentials that are not a declared auth
// certificate verified by its key, or owners (Get-MgApplicationOwner) other
// than the signed-in account. Its requiredResourceAccess (the API
// permissions it asks for) is a list Update-MgApplication replaces: the
// engine sends what Entra ID holds plus what is declared and missing.
var HybridApplication = Decl{Name: HybridApplicationName, Family: "entraapp",
	Engine:  Engine{Function: "Sync-HybridcHybridApplication"},
	Reads:   []string{"Get-MgApplication", "Get-MgApplicationOwner", "Get-MgContext"},
	Writes:  []string{"Update-MgApplication"},
	Creates: []string{"New-MgApplication"}}

// HybridServicePrincipal is the application's service principal in the
// tenant (the enterprise application), found by appId.
var HybridServicePrincipal = Decl{Name: HybridServicePrincipalName, Family: "entraapp",
	Engine:  Engine{Function: "Sync-HybridcHybridServicePrincipal"},
	After:   []string{HybridApplicationName},
	Reads:   []string{"Get-MgServicePrincipal"},
	Creates: []string{"New-MgServicePrincipal"}}

// HybridAppPermission is one application permission granted to the
// service principal by an app role assignment: the admin consent. Granted
// only, never revoked.
var HybridAppPermission = Decl{Name: HybridAppPermissionName, Family: "entraapp",
	Engine:  Engine{Function: "Sync-HybridcHybridAppPermission"},
	After:   []string{HybridServicePrincipalName},
	Reads:   []string{"Get-MgServicePrincipalAppRoleAssignment", "Get-MgServicePrincipal"},
	Creates: []string{"New-MgServicePrincipalAppRoleAssignment"}}

// HybridKeyCredential is an auth certificate (current or next) as a key
// credential of the application, matched by customKeyIdentifier (the
// thumbprint) and its key: the SHA-1 of the key Graph returns when the
// application's keyCredentials are selected must be that thumbprint. keyCredentials is a list Update-MgApplication replaces: the
// engine keeps every credential Entra ID holds (by keyId) and adds the
// declared one from the certificate file the operator passes.
var HybridKeyCredential = Decl{Name: HybridKeyCredentialName, Family: "entraapp",
	Engine: Engine{Function: "Sync-HybridcHybridKeyCredential"},
	After:  []string{HybridApplicationName},
	Reads:  []string{"Get-MgApplication"},
	Writes: []string{"Update-MgApplication"}}

// FirstPartyKeyCredentials removes the declared auth certificates' key
// credentials from the shared Office 365 Exchange Online service principal
// (-ResetFirstPartyServicePrincipalKeyCredentials of Microsoft's
// ConfigureExchangeHybridApplication.ps1), and no other credential, only
// when the operator passes -CleanUpFirstParty (after onprem.ps1 and
// Test-OAuthConnectivity), and only those the application holds verified
// by their keys.
var FirstPartyKeyCredentials = Decl{Name: FirstPartyKeyCredentialsName, Family: "entraapp",
	Engine: Engine{Function: "Sync-HybridcFirstPartyKeyCredentials"},
	After:  []string{HybridKeyCredentialName},
	Reads:  []string{"Get-MgServicePrincipal"},
	Writes: []string{"Update-MgServicePrincipal"}}

// The application IDs of the APIs whose permissions the hybrid application
// is granted.
const (
	ExchangeOnlineAppID  = "00000002-0000-0ff1-ce00-000000000000"
	MicrosoftGraphAppID  = "00000003-0000-0000-c000-000000000000"
	ExchangeOnlineAPI    = "Office 365 Exchange Online"
	MicrosoftGraphAPI    = "Microsoft Graph"
	AppRoleFullAccessApp = "dc890d15-9560-4a4c-9b7f-a736ec74ec40"
)

// AppRole is an application permission of an API: the resource's appId,
// the permission's name (the app role's value) and its app role id.
type AppRole struct {
	API, ResourceAppID, Value, ID string
}

// AppRoles are the application permissions the configuration may name,
// with their app role ids: Microsoft Graph's from Microsoft Learn,
// "Microsoft Graph permissions reference"; full_access_as_app from the
// Office 365 Exchange Online app roles (Microsoft Learn, "Authenticate an
// EWS application by using OAuth"; ConfigureExchangeHybridApplication.ps1).
// The script checks each id against the app roles of the resource's
// service principal in the tenant before it grants anything.
var AppRoles = []AppRole{
	{ExchangeOnlineAPI, ExchangeOnlineAppID, "full_access_as_app", AppRoleFullAccessApp},
	{MicrosoftGraphAPI, MicrosoftGraphAppID, "Calendars.Read", "798ee544-9d2d-430c-a058-570e29e34338"},
	{MicrosoftGraphAPI, MicrosoftGraphAppID, "MailboxSettings.Read", "40f97065-3a51-4a34-8f45-3a9e3a4e1a4e"},
	{MicrosoftGraphAPI, MicrosoftGraphAppID, "User.Read.All", "df021288-bdef-4463-88db-98f22de89214"},
}

// AppRoleOf is the app role of an API's permission, or false.
func AppRoleOf(resourceAppID, value string) (AppRole, bool) {
	for _, r := range AppRoles {
		if r.ResourceAppID == resourceAppID && r.Value == value {
			return r, true
		}
	}
	return AppRole{}, false
}
