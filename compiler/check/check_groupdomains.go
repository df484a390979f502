package check

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"

	"github.com/hybridc/hybridc/compiler/diag"
)

// namedDomain is a domain the file declares and where it declares it.
type namedDomain struct {
	domain  string
	where   string
	foreign bool // the partner's namespace, not ours
}

// groupDomainConflicts refuses a group domain that is a domain the file
// declares for another purpose: onprem.ps1 makes it an InternalRelay
// accepted domain on-premises and adds it to the hybrid send connector, so
// mail for a primary SMTP domain would be relayed to Exchange Online, and
// a partner's domain would be accepted and relayed from the internet. A
// group domain may not equal such a domain nor be its parent; it may be a
// child of our own domains (groups.contoso.com, Microsoft's example) but
// not of a partner's, nor lie under onmicrosoft.com.
func (c *checker) groupDomainConflicts() {
	op := c.cfg.OnPremises
	if op == nil || len(op.GroupDomains) == 0 {
		return
	}
	declared := c.declaredDomains()
	for i := range op.GroupDomains {
		gd := &op.GroupDomains[i]
		d := strings.ToLower(strings.TrimSuffix(string(gd.Domain), "."))
		if d == "" {
			continue
		}
		if why := groupDomainConflict(d, declared); why != "" {
			c.diags.Errorf(gd.ValuePos("domain"), diag.CodeGroupDomainConflict,
				"group domain %s %s: onprem.ps1 would make it an InternalRelay accepted domain and send its mail to Exchange Online; a group domain must be a domain of its own (such as groups.contoso.com)", gd.Domain, why)
		}
	}
}

// groupDomainConflict says how d collides with a declared domain, or "".
func groupDomainConflict(d string, declared []namedDomain) string {
	for _, suffix := range []string{"onmicrosoft.com", "onmschina.cn", "onmicrosoft.de"} {
		if d == suffix || strings.HasSuffix(d, "."+suffix) {
			return "is a Microsoft-owned tenant or routing domain (*." + suffix + ")"
		}
	}
	for _, n := range declared {
		switch {
		case d == n.domain:
			return "is " + n.where
		case strings.HasSuffix(n.domain, "."+d):
			return "is the parent domain of " + n.domain + " (" + n.where + ")"
		case n.foreign && strings.HasSuffix(d, "."+n.domain):
			return "is a child domain of " + n.domain + " (" + n.where + "), a partner's namespace"
		}
	}
	return ""
}

// declaredDomains are the domains of both organizations and the partners,
// each with where the file declares it.
func (c *checker) declaredDomains() []namedDomain {
	var out []namedDomain
	add := func(d config.DomainName, where string, foreign bool) {
		if s := strings.ToLower(strings.TrimSuffix(string(d), ".")); s != "" {
			out = append(out, namedDomain{s, where, foreign})
		}
	}
	rels := func(rs []config.OrganizationRelationship, where string, foreign bool) {
		for _, r := range rs {
			for _, d := range kinds.Domains(&r) {
				add(d, "a domain of "+where+" relationship "+quote(string(r.Name)), foreign)
			}
		}
	}
	eo := &c.cfg.ExchangeOnline
	if op := c.cfg.OnPremises; op != nil {
		for _, d := range op.PrimarySmtpDomains {
			add(d, "a primary SMTP domain of onPremises", false)
		}
		add(op.FederatedDelegationNamespace, "onPremises.federatedDelegationNamespace", false)
		rels(op.OrganizationRelationships, "the on-premises", false)
	}
	for _, d := range eo.PrimarySmtpDomains {
		add(d, "a primary SMTP domain of exchangeOnline", false)
	}
	add(config.DomainName(eo.Tenant), "the tenant (exchangeOnline.tenant)", false)
	add(config.DomainName(eo.RoutingDomain), "the routing domain (exchangeOnline.routingDomain)", false)
	add(eo.ServiceRoutingNamespace, "exchangeOnline.serviceRoutingNamespace", false)
	rels(eo.OrganizationRelationships, "the online", false)
	for _, p := range eo.Partners {
		add(p.Domain, "partner "+string(p.Domain)+"'s domain", true)
		add(config.DomainName(p.Tenant), "partner "+string(p.Domain)+"'s tenant", true)
		for _, d := range kinds.Domains(&p.Relationship) {
			add(d, "a domain of partner "+string(p.Domain)+"'s relationship", true)
		}
	}
	return out
}

// quote puts a name in double quotes.
func quote(s string) string { return `"` + s + `"` }
