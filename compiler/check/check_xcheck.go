package check

import (
	"net"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/model"
)

// onPremisesOrganization checks exchangeOnline.onPremisesOrganization
// against what the YAML declares: the connectors and the relationship it
// names (HC0362, where the YAML declares objects of that kind: an unknown
// name may be an unmanaged object) and the on-premises primary SMTP
// domains in hybridDomains (HC0363).
func (c *checker) onPremisesOrganization() {
	eo := &c.cfg.ExchangeOnline
	org := eo.OnPremisesOrganization
	if org == nil {
		return
	}
	var inbound, outbound, rels []string
	for _, ic := range eo.InboundConnectors {
		inbound = append(inbound, string(ic.Name))
	}
	for _, oc := range eo.OutboundConnectors {
		outbound = append(outbound, string(oc.Name))
	}
	for _, r := range eo.OrganizationRelationships {
		if !r.Ensure.IsAbsent() {
			rels = append(rels, string(r.Name))
		}
	}
	in, out, rel, hybrid := kinds.OnPremisesOrganizationRefs(org)
	c.onPremOrgRef(org, "inboundConnector", "exchangeOnline.inboundConnectors", string(in), inbound)
	c.onPremOrgRef(org, "outboundConnector", "exchangeOnline.outboundConnectors", string(out), outbound)
	c.onPremOrgRef(org, "organizationRelationship", "exchangeOnline.organizationRelationships", string(rel), rels)
	if op := c.cfg.OnPremises; op != nil {
		for _, d := range op.PrimarySmtpDomains {
			if !kinds.ReachesDomain(hybrid, d) {
				c.diags.Warnf(org.KeyPos("hybridDomains"), diag.CodeOnPremOrgHybridDomains,
					"onPremisesOrganization.hybridDomains does not list the on-premises primary SMTP domain %s: Exchange Online does not treat its mail as the hybrid organization's; add it", d)
			}
		}
	}
}

// onPremOrgRef warns when ref names none of the declared names (when any
// is declared), suggesting the closest.
func (c *checker) onPremOrgRef(org *config.OnPremisesOrganization, key, list, ref string, names []string) {
	if ref == "" || len(names) == 0 {
		return
	}
	for _, n := range names {
		if model.SameIdentity(n, ref) {
			return
		}
	}
	c.diags.Warnf(org.ValuePos(key), diag.CodeOnPremOrgUnknown,
		"onPremisesOrganization.%s names %q, which %s does not declare: it may exist unmanaged in the tenant, otherwise Set-OnPremisesOrganization points at nothing%s",
		key, ref, list, meant(newNameSuggester(func() []string { return names }, &c.suggestBudget).suggest(ref)))
}

// connectorsAgree checks that the two organizations' connectors agree:
// the outbound connector's smart hosts and recipient domains against the
// on-premises certificate and domains (HC0364, HC0389), the inbound
// connector's certificate against the hybrid send connector's (HC0390),
// centralized mail flow on both sides (HC0391), the outbound connector's
// certificate domain against the receive connectors' (HC0393). It runs after
// certificates, which resolved every tlsCertificate.
func (c *checker) connectorsAgree() {
	op, eo := c.cfg.OnPremises, &c.cfg.ExchangeOnline
	if op == nil {
		return
	}
	local := append([]config.DomainName{}, op.PrimarySmtpDomains...)
	for _, g := range op.GroupDomains {
		local = append(local, g.Domain)
	}
	for i := range eo.OutboundConnectors {
		oc := &eo.OutboundConnectors[i]
		hosts, recipients, r := kinds.OutboundRouting(oc)
		_, tls := kinds.DomainRef(oc)
		for j, h := range hosts {
			if *tls != "" && !isIPAddress(string(h)) && !coversHost(string(*tls), string(h)) {
				c.diags.Warnf(oc.ItemPos("smartHosts", j), diag.CodeOutboundSmartHostTLS,
					"outbound connector %q sends to smart host %s, which its tlsDomain %s (the on-premises certificate's domain) does not cover: the TLS check fails when that host presents the certificate", oc.Name, h, *tls)
			}
		}
		for j, d := range recipients {
			if d != "*" && !kinds.ReachesDomain(local, d) {
				c.diags.Warnf(oc.ItemPos("recipientDomains", j), diag.CodeOutboundRecipientDomain,
					"outbound connector %q routes mail to %s on-premises, which is neither an on-premises primary SMTP domain nor a group domain", oc.Name, d)
			}
		}
		if r != nil && op.CentralizedMailFlow != nil && *r != *op.CentralizedMailFlow {
			c.diags.Warnf(oc.ValuePos("routeAllMessagesViaOnPremises"), diag.CodeCentralizedMismatch,
				"outbound connector %q sets routeAllMessagesViaOnPremises: %t, but onPremises.centralizedMailFlow is %t: declare the same on both", oc.Name, *r, *op.CentralizedMailFlow)
		}
	}
	c.inboundCertificate(op, eo)
	c.receiveCertificates(op, eo)
}

// receiveCertificates warns (HC0393) when an outbound connector's
// tlsDomain does not match the certificate an on-premises receive
// connector presents (a declared one, named by tlsCertificate): the
// smart hosts are those servers.
func (c *checker) receiveCertificates(op *config.OnPremises, eo *config.ExchangeOnline) {
	for i := range eo.OutboundConnectors {
		oc := &eo.OutboundConnectors[i]
		ref, tls := kinds.DomainRef(oc)
		if *tls == "" {
			continue
		}
		pos := oc.ValuePos("tlsDomain")
		if *ref != "" {
			pos = oc.ValuePos("tlsCertificate")
		}
		for j := range op.ReceiveConnectors {
			rc := &op.ReceiveConnectors[j]
			name, _ := kinds.CertificateRef(rc)
			cert := c.declaredCertificate(*name)
			if cert == nil {
				continue
			}
			if d := kinds.CertificateDomain(cert); d != "" && !coversHost(string(d), string(*tls)) && !coversHost(string(*tls), string(d)) {
				c.diags.Warnf(pos, diag.CodeOutboundReceiveCert,
					"outbound connector %q requires a certificate for %s, but receive connector %s presents certificate %q for %s: mail from Exchange Online to that server fails the TLS check", oc.Name, *tls, quote(string(rc.Identity)), cert.Name, d)
			}
		}
	}
}

// declaredCertificate is the certificate of certificates: named name
// (ignoring case), or nil.
func (c *checker) declaredCertificate(name config.Name) *config.Certificate {
	if name == "" {
		return nil
	}
	for i := range c.cfg.Certificates {
		if model.SameIdentity(string(c.cfg.Certificates[i].Name), string(name)) {
			return &c.cfg.Certificates[i]
		}
	}
	return nil
}

// inboundCertificate warns (HC0390) when an inbound connector expects
// another certificate than the hybrid send connector presents: its
// tlsSenderCertificateName (given, or its tlsCertificate's domain) does
// not match the domain of the send connector's tlsCertificate.
func (c *checker) inboundCertificate(op *config.OnPremises, eo *config.ExchangeOnline) {
	sc := op.HybridSendConnector
	if sc == nil || sc.TlsCertificate == "" {
		return
	}
	sent := c.declaredCertificate(sc.TlsCertificate)
	if sent == nil {
		return // HC0382
	}
	domain := kinds.CertificateDomain(sent)
	for i := range eo.InboundConnectors {
		ic := &eo.InboundConnectors[i]
		ref, want := kinds.DomainRef(ic)
		pos := ic.ValuePos("tlsSenderCertificateName")
		if *ref != "" {
			pos = ic.ValuePos("tlsCertificate")
		}
		if *want != "" && domain != "" && !coversHost(string(*want), string(domain)) {
			c.diags.Warnf(pos, diag.CodeInboundCertificate,
				"inbound connector %q expects a certificate for %s, but the hybrid send connector %q presents certificate %q for %s: Exchange Online treats the on-premises mail as internet mail; declare the same certificate on both",
				ic.Name, *want, sc.Name, sc.TlsCertificate, domain)
		}
	}
}

// connectorRelationships warns (HC0392) of an intra-organization
// connector's target address domain that no organization relationship of
// the same organization lists, when the organization declares
// relationships: free/busy falls back to a relationship when OAuth fails.
func (c *checker) connectorRelationships(iocs []config.IntraOrganizationConnector, relationships int, reaches func(config.DomainName) bool) {
	if relationships == 0 {
		return
	}
	for i := range iocs {
		ioc := &iocs[i]
		for j, d := range kinds.ConnectorDomains(ioc) {
			if !reaches(d) {
				c.diags.Warnf(ioc.ItemPos("targetAddressDomains", j), diag.CodeConnectorRelationship,
					"the intra-organization connector %q targets %s, which no organization relationship of its organization lists: when OAuth fails, free/busy for %s has no relationship to fall back to", ioc.Name, d, d)
			}
		}
	}
}

// coversHost reports whether a certificate name (a domain, or a wildcard
// *.domain) covers host, ignoring case: the name itself, or one label
// below the wildcard's domain.
func coversHost(name, host string) bool {
	name, host = strings.ToLower(strings.TrimSuffix(name, ".")), strings.ToLower(strings.TrimSuffix(host, "."))
	if rest, ok := strings.CutPrefix(name, "*."); ok {
		label, parent, found := strings.Cut(host, ".")
		return found && label != "" && parent == rest
	}
	return name == host
}

// isIPAddress reports whether a smart host is an IP address, which no
// certificate domain names.
func isIPAddress(h string) bool {
	return net.ParseIP(h) != nil
}
