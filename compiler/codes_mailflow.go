package compiler

// Diagnostic codes of the hybrid send connector's routing and TLS
// settings (issue 19 review).
const (
	CodeSmartHostOutside     = "HC0350"
	CodeTLSAuthLevelWeak     = "HC0351"
	CodeTLSDomainOutside     = "HC0352"
	CodeTLSDomainNeedsDomain = "HC0353"
)

var mailflowRules = []Rule{
	{CodeSmartHostOutside, "smart-host-outside-exchange-online", "Warning: a smart host of the hybrid send connector is not a *.mail.protection.outlook.com host: mail to the tenant passes through a host outside Microsoft, and DNS routing is turned off."},
	{CodeTLSAuthLevelWeak, "tls-auth-level-weak", "Warning: the hybrid send connector's tlsAuthLevel is below DomainValidation (what the Hybrid Configuration Wizard sets): the certificate of the host mail is sent to is not checked against mail.protection.outlook.com."},
	{CodeTLSDomainOutside, "tls-domain-outside-exchange-online", "Warning: the hybrid send connector's tlsDomain is not mail.protection.outlook.com: mail to the tenant is sent to whichever host presents a certificate for that domain."},
	{CodeTLSDomainNeedsDomain, "tls-domain-needs-domain-validation", "tlsDomain is used only with tlsAuthLevel: DomainValidation (Set-SendConnector); declare both."},
}

func init() {
	Rules = append(Rules, mailflowRules...)
}
