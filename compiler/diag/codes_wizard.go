package diag

// Diagnostic codes of the Hybrid Configuration Wizard's model (issue 16):
// the tenant's relationship towards on-premises and its application URI.
const (
	CodeOnlineApplicationURI = "HC0360"
)

var wizardRules = []Rule{
	{CodeOnlineApplicationURI, "online-relationship-application-uri", "Warning: the tenant's relationship towards on-premises will have no targetApplicationUri and hybridc cannot derive it (no onPremises with a federated delegation namespace): the wizard writes the on-premises federation application URI (FYDIBOHF25SPDLT.<account namespace>, as Get-FederationInformation returns it); declare it."},
}

func init() {
	Rules = append(Rules, wizardRules...)
	WarningCodes[CodeOnlineApplicationURI] = true
}
