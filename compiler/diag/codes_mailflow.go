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

// CodeRoutingAddressOutside is the warning for a remote mailbox whose
// remote routing address is not in the tenant's routing domain (issue 16).
const CodeRoutingAddressOutside = "HC0387"

// CodeRoutingAddressOnPremises is the error for a remote routing address
// declared on a mailbox that lives on-premises.
const CodeRoutingAddressOnPremises = "HC0388"

var mailflowRules = []Rule{
	{CodeSmartHostOutside, "smart-host-outside-exchange-online", "Warning: a smart host of the hybrid send connector is not a *.mail.protection.outlook.com host (mail to the tenant passes through a host outside Microsoft, and DNS routing is turned off), or not the MX host of a declared domain, <domain key>.mail.protection.outlook.com with the key the domain with its dots replaced by '-' (it may be another tenant's)."},
	{CodeTLSAuthLevelWeak, "tls-auth-level-weak", "Warning: the hybrid send connector's tlsAuthLevel is below DomainValidation (what the Hybrid Configuration Wizard sets): the certificate of the host mail is sent to is not checked against mail.protection.outlook.com."},
	{CodeTLSDomainOutside, "tls-domain-outside-exchange-online", "Warning: the hybrid send connector's tlsDomain is not mail.protection.outlook.com: mail to the tenant is sent to whichever host presents a certificate for that domain."},
	{CodeTLSDomainNeedsDomain, "tls-domain-needs-domain-validation", "tlsDomain is used only with tlsAuthLevel: DomainValidation (Set-SendConnector); declare both."},
	{CodeGroupDomainConflict, "group-domain-conflict", "A group domain equals, or is the parent of, a domain the file declares for something else (a primary SMTP domain, the tenant or routing domain, a relationship's or a partner's domain), is a child of a partner's domain, or lies under onmicrosoft.com: onprem.ps1 would make it an InternalRelay accepted domain and relay its mail to Exchange Online."},
	{CodeAddressSpaceExtra, "address-space-extra", "Warning: the hybrid send connector has an address space other than the tenant's routing domain (*.mail.onmicrosoft.com) or a declared group domain: on-premises mail to that domain goes through Exchange Online."},
	{CodeRoutingAddressOutside, "remote-routing-address-outside-routing-domain", "Warning: a remote mailbox's remote routing address (a mailbox declared in exchangeOnline with remoteRoutingAddress, or an on-premises remote mailbox in a state file) is not in the tenant's coexistence routing domain (exchangeOnline.routingDomain, <tenant>.mail.onmicrosoft.com): on-premises mail to the moved mailbox does not reach it. hybridc never changes it: Set-RemoteMailbox -RemoteRoutingAddress fixes it."},
	{CodeRoutingAddressOnPremises, "remote-routing-address-on-premises", "A mailbox declares remoteRoutingAddress but its location is onPremises: only a mailbox in Exchange Online has an on-premises remote mailbox with a remote routing address."},
}

func init() {
	Rules = append(Rules, mailflowRules...)
}
