package config

// HybridApplication is the dedicated Exchange hybrid application in
// Microsoft Entra ID (Microsoft Learn, "Deploy dedicated Exchange hybrid
// app"): the application Exchange Server uses for free/busy, MailTips and
// profile photos towards Exchange Online instead of the shared service
// principal of Office 365 Exchange Online. hybridc writes entra-app.ps1
// (Microsoft Graph PowerShell SDK) to create it, its service principal, the
// application permissions granted by app role assignment (admin consent)
// and the key credentials of onPremises.authCertificate.
type HybridApplication struct {
	Meta `yaml:"-"`
	// DisplayName is the application's name in Entra ID. Microsoft's
	// ConfigureExchangeHybridApplication.ps1 and the Hybrid Configuration
	// Wizard name it ExchangeServerApp-<the GUID of the on-premises
	// organization>; declare the name your application has, or the one
	// entra-app.ps1 is to create.
	DisplayName Name `yaml:"displayName" jsonschema:"required"`
	// AppID is the application (client) ID once the application exists
	// (hybridc import writes it). With it the script finds the application
	// by its ID, and refuses it when its name is not displayName (never
	// renamed). Without it the script only creates the application: one
	// found by its name is refused, never taken over (anyone in the tenant
	// may register an application of that name).
	AppID GUID `yaml:"appId,omitempty"`
	// ExchangePermissions are the application permissions of Office 365
	// Exchange Online (00000002-0000-0ff1-ce00-000000000000) the application
	// is granted: full_access_as_app, which Exchange Server's EWS calls need.
	ExchangePermissions []ExchangeAppPermission `yaml:"exchangePermissions,omitempty" jsonschema:"uniqueItems=true"`
	// GraphPermissions are the application permissions of Microsoft Graph
	// (00000003-0000-0000-c000-000000000000) the application is granted,
	// by name: from Exchange Server's May 2026 hotfix update they can
	// replace the EWS permission in most hybrid scenarios.
	GraphPermissions []GraphAppPermission `yaml:"graphPermissions,omitempty" jsonschema:"uniqueItems=true"`
	// CleanUpFirstPartyKeyCredentials, when true, removes from the shared
	// Office 365 Exchange Online service principal the key credentials of
	// the declared auth certificates (current and next, matched by
	// thumbprint), as ConfigureExchangeHybridApplication.ps1
	// -ResetFirstPartyServicePrincipalKeyCredentials does for the auth
	// certificate; its other key credentials are never touched. Validate
	// refuses it unless onPremises.oauth.dedicatedApplication is true (HC0214),
	// and entra-app.ps1 removes them only when run with -CleanUpFirstParty,
	// after onprem.ps1 has made Exchange use the application and
	// Test-OAuthConnectivity succeeds. Default false: nothing is removed.
	CleanUpFirstPartyKeyCredentials *bool `yaml:"cleanUpFirstPartyKeyCredentials,omitempty"`
}

// ExchangeAppPermission is an application permission (app role) of Office
// 365 Exchange Online.
type ExchangeAppPermission string

// GraphAppPermission is an application permission (app role) of Microsoft
// Graph.
type GraphAppPermission string

func init() {
	Enums["ExchangeAppPermission"] = []string{"full_access_as_app"}
	Enums["GraphAppPermission"] = []string{"Calendars.Read", "MailboxSettings.Read", "User.Read.All"}
}
