package config

// EmailAddressPolicy is an existing on-premises email address policy that
// must generate the declared addresses (Set-EmailAddressPolicy
// -EnabledEmailAddressTemplates). The Hybrid Configuration Wizard adds
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
