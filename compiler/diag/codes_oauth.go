package diag

// Diagnostic codes of OAuth with Exchange Online (issue 16): the builds that
// can use the dedicated Exchange hybrid application, and Exchange's auth
// certificate.
const (
	CodeDedicatedAppBuild   = "HC0210"
	CodeBuildVersion        = "HC0211"
	CodeDedicatedAppNoBuild = "HC0212"
	CodeAuthCertExpiring    = "HC0370"
	CodeAuthCertExpired     = "HC0371"
	CodeAuthCertNextDates   = "HC0372"
	CodeConnectorDomains    = "HC0373"
	CodeAuthServerAppID     = "HC0374"
	CodeDedicatedAppOff     = "HC0375"
	CodeDedicatedAppSharing = "HC0376"
	CodeDedicatedAppServer  = "HC0377"
)

var oauthRules = []Rule{
	{CodeDedicatedAppBuild, "dedicated-application-build", "The dedicated Exchange hybrid application is declared on a build that cannot use it: it needs Exchange Server SE, Exchange 2019 CU15 (15.2.1748.24) or CU14 (15.2.1544.25) with the April 2025 hotfix update or later, or Exchange 2016 CU23 with it (15.1.2507.55)."},
	{CodeBuildVersion, "build-version", "onPremises.build is not a build of onPremises.exchangeVersion (15.0 is 2013, 15.1 2016, 15.2 before 2562 2019, 15.2.2562 and later SE)."},
	{CodeDedicatedAppNoBuild, "dedicated-application-no-build", "The dedicated Exchange hybrid application is declared on Exchange 2016 or 2019 without onPremises.build: whether the servers can use it depends on their hotfix update."},
	{CodeAuthCertExpiring, "auth-certificate-expiring", "Warning: Exchange's auth certificate (onPremises.authCertificate) expires within 60 days and no next certificate takes over before then: OAuth (free/busy, MailTips, photos with Exchange Online) stops when it expires."},
	{CodeAuthCertExpired, "auth-certificate-expired", "Exchange's auth certificate (onPremises.authCertificate) has expired: OAuth with Exchange Online has stopped; renew it and declare the new one."},
	{CodeAuthCertNextDates, "auth-certificate-next-dates", "The next auth certificate's dates do not follow: its effectiveDate must be before the current certificate's notAfter and before its own notAfter, and its thumbprint must differ from the current one."},
	{CodeConnectorDomains, "intra-organization-connector-domains", "Warning: the on-premises intra-organization connector does not list the tenant's routing domain, or the tenant's does not list an on-premises primary SMTP domain: OAuth lookups for those users fall back to the organization relationship."},
	{CodeAuthServerAppID, "auth-server-application", "An auth server's applicationIdentifier is not exchangeOnline.hybridApplication.appId: Exchange Server would request tokens for another application than the declared one. Leave it out: it defaults to the application's appId."},
	{CodeDedicatedAppOff, "dedicated-application-off", "oauth.dedicatedApplication is false while exchangeOnline.hybridApplication declares the dedicated Exchange hybrid application: leave it out (the application turns the feature on) or remove the application."},
	{CodeDedicatedAppSharing, "dedicated-application-target-sharing-epr", "Warning: the dedicated Exchange hybrid application is declared but an enabled on-premises organization relationship towards Exchange Online has no targetSharingEpr: Microsoft's ConfigureExchangeHybridApplication.ps1 sets it to Exchange Online's EWS endpoint so that Autodiscover v1 is no longer used."},
	{CodeDedicatedAppServer, "dedicated-application-auth-server", "The dedicated Exchange hybrid application is on (oauth.dedicatedApplication, or exchangeOnline.hybridApplication) but onPremises.oauth.authServers declares no auth server: Exchange Server would be switched to the application with no Entra ID auth server carrying its application id, and OAuth with Exchange Online would stop (onprem.ps1 refuses the switch at run time)."},
}

func init() {
	Rules = append(Rules, oauthRules...)
	WarningCodes[CodeAuthCertExpiring] = true
	WarningCodes[CodeConnectorDomains] = true
	WarningCodes[CodeDedicatedAppSharing] = true
}
