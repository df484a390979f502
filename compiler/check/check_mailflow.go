package check

import (
	"maps"
	"slices"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"

	"github.com/hybridc/hybridc/compiler/diag"
)

// exoTLSDomain is the domain Exchange Online's certificate names: the
// hybrid send connector's tlsDomain the wizard sets.
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
	c.sendConnectorSpaces()
	hosts := c.tenantHosts()
	for i, h := range kinds.ConnectorHosts(sc) {
		host := strings.ToLower(string(h))
		switch {
		case !strings.HasSuffix(host, "."+exoTLSDomain):
			c.diags.Warnf(sc.ItemPos("smartHosts", i), diag.CodeSmartHostOutside,
				"smart host %s of %q is not a *.%s host: mail to the tenant will pass through it instead of Exchange Online's MX, and DNS routing is turned off", h, sc.Name, exoTLSDomain)
		case !hosts[host]:
			c.diags.Warnf(sc.ItemPos("smartHosts", i), diag.CodeSmartHostOutside,
				"smart host %s of %q is not the MX host of a declared domain (<domain key>.%s, the domain with its dots replaced by '-', such as %s): it may be another tenant's, which then receives the mail meant for this tenant", h, sc.Name, exoTLSDomain, firstKey(hosts))
		}
	}
	level, domain := kinds.ConnectorTLS(sc)
	if level != "" && level != "DomainValidation" {
		c.diags.Warnf(sc.ValuePos("tlsAuthLevel"), diag.CodeTLSAuthLevelWeak,
			"tlsAuthLevel %s of %q is below DomainValidation (what the Hybrid Configuration Wizard sets): the receiving host's certificate is not checked against %s", level, sc.Name, exoTLSDomain)
	}
	if domain != "" && !strings.EqualFold(string(domain), exoTLSDomain) {
		c.diags.Warnf(sc.ValuePos("tlsDomain"), diag.CodeTLSDomainOutside,
			"tlsDomain %s of %q is not %s: mail to the tenant is sent to any host with a certificate for %s", domain, sc.Name, exoTLSDomain, domain)
	}
	if domain != "" && level != "DomainValidation" {
		c.diags.Errorf(sc.ValuePos("tlsDomain"), diag.CodeTLSDomainNeedsDomain,
			"tlsDomain of %q needs tlsAuthLevel: DomainValidation (Set-SendConnector uses %s only with it)", sc.Name, kinds.SendConnector.Param("tlsDomain"))
	}
}

// sendConnectorSpaces warns about an address space of the hybrid send
// connector other than the tenant's routing domain (any
// *.mail.onmicrosoft.com when none is declared) or a declared group
// domain: on-premises mail to it would go through Exchange Online.
func (c *checker) sendConnectorSpaces() {
	op, eo := c.cfg.OnPremises, &c.cfg.ExchangeOnline
	sc := op.HybridSendConnector
	allowed := map[string]bool{}
	for _, gd := range op.GroupDomains {
		allowed[strings.ToLower(string(gd.Domain))] = true
	}
	routing := strings.ToLower(string(eo.RoutingDomain))
	for i, a := range sc.AddressSpaces {
		d := strings.ToLower(string(a))
		if allowed[d] || d == routing || (routing == "" && strings.HasSuffix(d, ".mail.onmicrosoft.com")) {
			continue
		}
		what := "the tenant's routing domain"
		if routing != "" {
			what += " (" + routing + ")"
		}
		c.diags.Warnf(sc.ItemPos("addressSpaces", i), diag.CodeAddressSpaceExtra,
			"address space %s of %q is neither %s nor a declared group domain: on-premises mail to %s will be sent to Exchange Online instead of the domain's own MX; remove it unless that is what you mean", a, sc.Name, what, a)
	}
}

// tenantHosts are the Exchange Online MX hosts of the declared domains
// (both organizations' primary SMTP domains and the group domains):
// <domain with dots replaced by '-'>.mail.protection.outlook.com, and the
// declared MX of each group domain.
func (c *checker) tenantHosts() map[string]bool {
	op, eo := c.cfg.OnPremises, &c.cfg.ExchangeOnline
	out := map[string]bool{}
	key := func(d config.DomainName) {
		if d != "" {
			out[strings.ReplaceAll(strings.ToLower(string(d)), ".", "-")+"."+exoTLSDomain] = true
		}
	}
	for _, d := range append(append([]config.DomainName{}, eo.PrimarySmtpDomains...), op.PrimarySmtpDomains...) {
		key(d)
	}
	for _, gd := range op.GroupDomains {
		key(gd.Domain)
		out[strings.ToLower(string(gd.MX))] = true
	}
	return out
}

// firstKey is the smallest key of a set, for an example in a message.
func firstKey(m map[string]bool) string {
	keys := slices.Sorted(maps.Keys(m))
	if len(keys) == 0 {
		return "contoso-com." + exoTLSDomain
	}
	return keys[0]
}
