package diag

// Diagnostic codes of the second round's fixes (issue 16): where OAuth
// sends Exchange for tokens and mailboxes.
const (
	CodeAuthMetadataHost = "HC0395"
	CodeDiscoveryHost    = "HC0396"
)

var fixesRules = []Rule{
	{CodeAuthMetadataHost, "auth-metadata-host", "An auth server's authMetadataUrl is not on Microsoft's login host for the tenant's cloud (login.microsoftonline.com, login.microsoftonline.us, login.chinacloudapi.cn): Exchange would trust tokens that another issuer signs."},
	{CodeDiscoveryHost, "discovery-endpoint-host", "Warning: the on-premises intra-organization connector's discoveryEndpoint is not Microsoft's Autodiscover host for the tenant's cloud (autodiscover-s.outlook.com and the sovereign clouds' own): Exchange would send its OAuth lookups elsewhere."},
}

func init() {
	Rules = append(Rules, fixesRules...)
	WarningCodes[CodeDiscoveryHost] = true
}
