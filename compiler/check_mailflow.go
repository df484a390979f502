package compiler

import "strings"

// exoTLSDomain is the domain Exchange Online's certificate names: the
// hybrid send connector's TlsDomain the wizard sets.
const exoTLSDomain = "mail.protection.outlook.com"

// sendConnectorRouting checks where the hybrid send connector sends mail:
// smart hosts outside Exchange Online, TLS below DomainValidation and a
// TLS domain other than Exchange Online's are warnings (mail to the tenant
// could be rerouted); a tlsDomain without DomainValidation is an error,
// as Set-SendConnector refuses it.
func (c *checker) sendConnectorRouting() {
	op := c.cfg.OnPremises
	if op == nil || op.HybridSendConnector == nil {
		return
	}
	sc := op.HybridSendConnector
	for i, h := range sc.SmartHosts {
		if !strings.HasSuffix(strings.ToLower(string(h)), "."+exoTLSDomain) {
			c.diags.warnf(sc.ItemPos("smartHosts", i), CodeSmartHostOutside,
				"smart host %s of %q is not a *.%s host: mail to the tenant will pass through it instead of Exchange Online's MX, and DNS routing is turned off", h, sc.Name, exoTLSDomain)
		}
	}
	if sc.TlsAuthLevel != "" && sc.TlsAuthLevel != "DomainValidation" {
		c.diags.warnf(sc.ValuePos("tlsAuthLevel"), CodeTLSAuthLevelWeak,
			"tlsAuthLevel %s of %q is below DomainValidation (what the Hybrid Configuration Wizard sets): the receiving host's certificate is not checked against %s", sc.TlsAuthLevel, sc.Name, exoTLSDomain)
	}
	if sc.TlsDomain != "" && !strings.EqualFold(string(sc.TlsDomain), exoTLSDomain) {
		c.diags.warnf(sc.ValuePos("tlsDomain"), CodeTLSDomainOutside,
			"tlsDomain %s of %q is not %s: mail to the tenant is sent to any host with a certificate for %s", sc.TlsDomain, sc.Name, exoTLSDomain, sc.TlsDomain)
	}
	if sc.TlsDomain != "" && sc.TlsAuthLevel != "DomainValidation" {
		c.diags.errorf(sc.ValuePos("tlsDomain"), CodeTLSDomainNeedsDomain,
			"tlsDomain of %q needs tlsAuthLevel: DomainValidation (Set-SendConnector uses TlsDomain only with it)", sc.Name)
	}
}
