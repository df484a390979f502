package diag

// Diagnostic codes of the federation trust and of partners of a hybrid
// tenant (issue 16, point 3).
const (
	CodePartnerHybridMesh      = "HC0365"
	CodeFederatedDomainUnknown = "HC0366"
)

var fedtrustRules = []Rule{
	{CodePartnerHybridMesh, "partner-hybrid-mesh", "Warning: a partner shares free/busy with a hybrid tenant whose YAML declares on-premises mailboxes, and no on-premises relationship lists the partner's domain. A relationship between two tenants reaches only the cloud mailboxes of a hybrid one: the partner's users do not see the free/busy of our on-premises mailboxes, nor do those see the partner's. Declare an on-premises organization relationship towards the partner where on-premises mailboxes must share, or cloudMailboxesOnly: true on the partner to acknowledge the limit."},
	{CodeFederatedDomainUnknown, "federated-domain-not-declared", "Warning: a federated domain (onPremises.federation.federatedDomains) is not an on-premises primary SMTP domain nor the federated delegation namespace. Add-FederatedDomain accepts only an accepted domain of the organization whose TXT record holds its proof; check both."},
}

func init() {
	Rules = append(Rules, fedtrustRules...)
}
