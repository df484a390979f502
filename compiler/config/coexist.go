package config

// EmailAddressPolicy is an existing on-premises email address policy that
// must generate the declared addresses (its enabled address templates,
// Set-EmailAddressPolicy). The Hybrid Configuration Wizard adds
// smtp:%m@<tenant>.mail.onmicrosoft.com to the Default Policy, so that
// every mailbox gets an address in the coexistence routing domain, the
// remote routing address its mailbox has once moved to Exchange Online.
// hybridc never creates a policy and never removes a template.
type EmailAddressPolicy struct {
	Meta `yaml:"-"`
	// Name identifies the policy (Default Policy).
	Name Name `yaml:"name" jsonschema:"required"`
	// AddTemplates are secondary SMTP address templates
	// (smtp:%m@contoso.mail.onmicrosoft.com) the policy must have. Missing
	// ones are added; the policy's other templates are kept. The policy
	// applies them to its recipients only when Update-EmailAddressPolicy
	// runs (the runbook's step, not the script's).
	AddTemplates []AddressTemplate `yaml:"addTemplates" jsonschema:"required,minItems=1,uniqueItems=true"`
}

// OnPremisesOrganization is the object in Exchange Online that stands for
// the on-premises organization (New-OnPremisesOrganization): its hybrid
// domains and the connectors of its mail flow. The Hybrid Configuration
// Wizard creates one per on-premises organization, named after the
// organization's GUID. The script finds it by organizationGuid and manages
// the one it finds under its own name.
type OnPremisesOrganization struct {
	Meta `yaml:"-"`
	// Name of the object. Left out, it is organizationGuid, as the wizard
	// names it. An existing object is found by organizationGuid and keeps
	// its name.
	Name Name `yaml:"name,omitempty"`
	// OrganizationGuid is the on-premises organization's GUID
	// ((Get-OrganizationConfig).Guid on-premises): the object's identity.
	// It cannot be changed once created.
	OrganizationGuid GUID `yaml:"organizationGuid" jsonschema:"required"`
	// OrganizationName is the on-premises organization's name, as
	// (Get-OrganizationConfig).Name shows it there.
	OrganizationName Name `yaml:"organizationName,omitempty"`
	// HybridDomains are the domains shared with the on-premises
	// organization (contoso.com). Missing ones are added; the object's
	// others are kept.
	HybridDomains []DomainName `yaml:"hybridDomains" jsonschema:"required,minItems=1,uniqueItems=true"`
	// InboundConnector is the name of the Exchange Online inbound connector
	// that receives mail from on-premises ("Inbound from <GUID>").
	InboundConnector Name `yaml:"inboundConnector" jsonschema:"required"`
	// OutboundConnector is the name of the Exchange Online outbound
	// connector that sends mail to on-premises ("Outbound to <GUID>").
	OutboundConnector Name `yaml:"outboundConnector" jsonschema:"required"`
	// Relationship is the name of the tenant's organization relationship
	// towards the on-premises organization.
	Relationship Name `yaml:"organizationRelationship,omitempty"`
}
