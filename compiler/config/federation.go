package config

// Federation is the on-premises federation trust with Microsoft's
// federation gateway and the federated organization identifier that
// free/busy and MailTips over the organization relationships depend on.
// The identifier's account namespace is federatedDelegationNamespace.
// onprem.ps1 reads both before anything else: it never creates the trust
// (New-FederationTrust contacts Microsoft's gateway with the
// organization's certificate: the Hybrid Configuration Wizard's work) nor
// changes the account namespace; it turns the identifier on and adds the
// declared federated domains.
type Federation struct {
	Meta `yaml:"-"`
	// Trust is the federation trust's name (Get-FederationTrust), as the
	// wizard names it: Microsoft Federation Gateway. onprem.ps1 checks that
	// it exists and that its certificate is valid for 30 more days.
	Trust Name `yaml:"trust" jsonschema:"required"`
	// IdentifierEnabled turns the federated organization identifier on
	// (true) or off (Set-FederatedOrganizationIdentifier). Left out, a
	// disabled identifier is reported and not changed.
	IdentifierEnabled *bool `yaml:"enabled,omitempty"`
	// FederatedDomains are domains the identifier must hold
	// (Add-FederatedDomain), each proven by a public TXT record. A
	// federated domain the YAML does not list is kept.
	FederatedDomains []FederatedDomain `yaml:"federatedDomains,omitempty"`
}

// FederatedDomain is one domain of the federated organization identifier.
type FederatedDomain struct {
	Meta `yaml:"-"`
	// Domain is the federated domain (contoso.com).
	// Its proof TXT record is not declared: a value pasted here could be
	// a proof another organization produced; the runbook names
	// Get-FederatedDomainProof, whose output is the only value to publish.
	Domain DomainName `yaml:"domain" jsonschema:"required"`
}
