package diag

// Diagnostic codes of the hybrid send connector's routing and TLS
// settings (issue 19 review).
const (
	CodeSmartHostOutside     = "HC0350"
	CodeTLSAuthLevelWeak     = "HC0351"
	CodeTLSDomainOutside     = "HC0352"
	CodeTLSDomainNeedsDomain = "HC0353"
	CodeGroupDomainConflict  = "HC0354"
	CodeAddressSpaceExtra    = "HC0355"
)

var mailflowRules = []Rule{
	{CodeSmartHostOutside, "smart-host-outside-exchange-online", "Warning: a smart host of the hybrid send connector is not a *.mail.protection.outlook.com host (mail to the tenant passes through a host outside Microsoft, and DNS routing is turned off), or not the MX host of a declared domain, <domain key>.mail.protection.outlook.com with the key the domain with its dots replaced by '-' (it may be another tenant's)."},
	{CodeTLSAuthLevelWeak, "tls-auth-level-weak", "Warning: the hybrid send connector's tlsAuthLevel is below DomainValidation (what the Hybrid Configuration Wizard sets): the certificate of the host mail is sent to is not checked against mail.protection.outlook.com."},
	{CodeTLSDomainOutside, "tls-domain-outside-exchange-online", "Warning: the hybrid send connector's tlsDomain is not mail.protection.outlook.com: mail to the tenant is sent to whichever host presents a certificate for that domain."},
	{CodeTLSDomainNeedsDomain, "tls-domain-needs-domain-validation", "tlsDomain is used only with tlsAuthLevel: DomainValidation (Set-SendConnector); declare both."},
	{CodeGroupDomainConflict, "group-domain-conflict", "A group domain equals, or is the parent of, a domain the file declares for something else (a primary SMTP domain, the tenant or routing domain, a relationship's or a partner's domain), is a child of a partner's domain, or lies under onmicrosoft.com: onprem.ps1 would make it an InternalRelay accepted domain and relay its mail to Exchange Online."},
	{CodeAddressSpaceExtra, "address-space-extra", "Warning: the hybrid send connector has an address space other than the tenant's routing domain (*.mail.onmicrosoft.com) or a declared group domain: on-premises mail to that domain goes through Exchange Online."},
}

func init() {
	Rules = append(Rules, mailflowRules...)
}
