package kinds

// The kinds of templates/engine-mailflow.ps1.tmpl.
const (
	OrganizationConfigName = "organizationConfig"
	AcceptedDomainName     = "acceptedDomain"
	SendConnectorName      = "sendConnector"
)

// OrganizationConfig is on-premises ACLable object synchronization
// (Set-OrganizationConfig -ACLableSyncedObjectEnabled).
var OrganizationConfig = Decl{Name: OrganizationConfigName, Family: "mailflow",
	Engine: Engine{"Sync-HybridcOrganizationConfig", []string{"mailflow"}},
	Reads:  []string{"Get-OrganizationConfig"}, Writes: []string{"Set-OrganizationConfig"}}

// AcceptedDomain is a group domain's accepted domain, relayed to Exchange
// Online.
var AcceptedDomain = Decl{Name: AcceptedDomainName, Family: "mailflow",
	Engine: Engine{"Sync-HybridcAcceptedDomain", []string{"mailflow"}},
	Reads:  []string{"Get-AcceptedDomain"}, Writes: []string{"New-AcceptedDomain", "Set-AcceptedDomain"}}
