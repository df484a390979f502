package diag

// Diagnostic codes of the dedicated Exchange hybrid application in Entra
// ID (exchangeOnline.hybridApplication, entra-app.ps1).
const (
	CodeHybridAppGraphOnly   = "HC0213"
	CodeHybridAppCleanUp     = "HC0214"
	CodeHybridAppPermissions = "HC0378"
	CodeHybridAppCertificate = "HC0379"
)

var entraAppRules = []Rule{
	{CodeHybridAppGraphOnly, "hybrid-app-graph-only", "Warning: the hybrid application is granted Microsoft Graph permissions only: Exchange Server uses them from the May 2026 hotfix update, earlier builds need full_access_as_app (EWS)."},
	{CodeHybridAppCleanUp, "hybrid-app-clean-up", "cleanUpFirstPartyKeyCredentials needs onPremises.oauth.dedicatedApplication: true (on a build that can use the dedicated application): until Exchange uses the application, free/busy needs the auth certificate on the shared Office 365 Exchange Online service principal."},
	{CodeHybridAppPermissions, "hybrid-app-permissions", "The hybrid application declares no permission (neither exchangePermissions nor graphPermissions): Exchange Server could not use it."},
	{CodeHybridAppCertificate, "hybrid-app-certificate", "The hybrid application needs onPremises with authCertificate: Exchange's auth certificate is the application's key credential."},
}

func init() {
	Rules = append(Rules, entraAppRules...)
	WarningCodes[CodeHybridAppGraphOnly] = true
}
