package check

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/model"
)

// minEntraConnect is the oldest Entra Connect that synchronizes hybrid
// mailbox permissions (seed 003).
var minEntraConnect = []int{1, 1, 553, 0}

// groupsHybrid checks Microsoft 365 groups for on-premises users (seed 002).
func (c *checker) groupsHybrid() {
	op, eo := c.cfg.OnPremises, &c.cfg.ExchangeOnline
	declared := c.declaredIndex()
	for i := range eo.Groups {
		g := &eo.Groups[i]
		if len(g.AdditionalAddresses) > 0 {
			c.diags.Warnf(g.KeyPos("additionalAddresses"), diag.CodeGroupAddresses,
				"group %q has %d more SMTP address(es): only the primary %s is written back on-premises, so mail from on-premises to the others fails; configure one address per group",
				g.Name, len(g.AdditionalAddresses), g.PrimarySmtpAddress)
		}
		if op != nil && op.CentralizedMailFlow != nil && *op.CentralizedMailFlow && g.AcceptExternalSenders != nil && *g.AcceptExternalSenders {
			c.diags.Warnf(g.KeyPos("acceptExternalSenders"), diag.CodeCentralizedExternal,
				"group %q accepts external senders, but with centralized mail flow external mail to groups fails", g.Name)
		}
		for _, field := range []struct {
			name  string
			items []config.Identity
		}{{"members", g.Members}, {"owners", g.Owners}, {"unsubscribed", g.Unsubscribed}} {
			for j, id := range field.items {
				if declared.Mailbox(id) == nil {
					c.diags.Errorf(g.ItemPos(field.name, j), diag.CodeUndeclaredRecipient, "group %q: %s is not a declared mailbox%s", g.Name, id, c.suggestMailbox(string(id)))
				}
			}
		}
	}
	if op == nil {
		return
	}
	if len(eo.Groups) > 0 {
		c.groupsVersion(op)
		if hasOnPremisesMember(eo.Groups, declared) && (op.EntraConnect == nil || op.EntraConnect.GroupWriteback == nil || !*op.EntraConnect.GroupWriteback) {
			c.diags.Warnf(eo.KeyPos("groups"), diag.CodeGroupWritebackMissing,
				"groups have on-premises members, but entraConnect.groupWriteback is not true: the groups will not appear on-premises until Group writeback is enabled in the Entra Connect wizard")
		}
	}
	for i := range op.GroupDomains {
		gd := &op.GroupDomains[i]
		if gd.DomainType != "" && gd.DomainType != "InternalRelay" {
			c.diags.Errorf(gd.ValuePos("domainType"), diag.CodeGroupDomainType,
				"group domain %s must be an InternalRelay accepted domain, not %s: otherwise mail to groups does not reach Exchange Online", gd.Domain, gd.DomainType)
		}
		if !strings.HasSuffix(strings.ToLower(string(gd.MX)), ".mail.protection.outlook.com") {
			c.diags.Errorf(gd.ValuePos("mx"), diag.CodeGroupDomainMX,
				"the MX of group domain %s must point at Exchange Online (<domain key>.mail.protection.outlook.com), not %s: mail flow to groups breaks when it points on-premises", gd.Domain, gd.MX)
		}
	}
	sc := op.HybridSendConnector
	if len(op.GroupDomains) > 0 && sc == nil {
		c.diags.Errorf(op.KeyPos("groupDomains"), diag.CodeGroupDomainConnector,
			"group domains need the hybrid send connector (hybridSendConnector, usually \"Outbound to Office 365\"): declare it so that hybridc adds them to its address spaces")
	}
	if sc != nil && (len(op.GroupDomains) > 0 || len(eo.Groups) > 0) {
		for i, s := range sc.SourceServers {
			if s.Role == "Edge" {
				c.diags.Errorf(sc.ItemPos("sourceServers", i), diag.CodeEdgeSourceServer,
					"Edge server %s is a source server of %q: mail to Microsoft 365 groups loops and bounces; use Mailbox servers as its source servers", s.Name, sc.Name)
			}
		}
	}
}

// groupsVersion checks the Exchange version and CU that groups need.
func (c *checker) groupsVersion(op *config.OnPremises) {
	switch op.ExchangeVersion {
	case "2013", "2016":
		min := map[config.ExchangeVersion]int{"2013": 11, "2016": 1}[op.ExchangeVersion]
		switch {
		case op.CumulativeUpdate == nil:
			c.diags.Errorf(op.KeyPos("exchangeVersion"), diag.CodeGroupsVersion,
				"Microsoft 365 groups need Exchange %s CU%d or later: declare onPremises.cumulativeUpdate", op.ExchangeVersion, min)
		case *op.CumulativeUpdate < min:
			c.diags.Errorf(op.ValuePos("cumulativeUpdate"), diag.CodeGroupsVersion,
				"Microsoft 365 groups need Exchange %s CU%d or later, not CU%d", op.ExchangeVersion, min, *op.CumulativeUpdate)
		}
	}
}

func hasOnPremisesMember(groups []config.UnifiedGroup, declared *model.DeclaredIndex) bool {
	for _, g := range groups {
		for _, m := range append(append([]config.Identity{}, g.Members...), g.Owners...) {
			if declared.OnPremises(m) {
				return true
			}
		}
	}
	return false
}

// onPremisesDomains checks the domains of the on-premises relationship
// towards the tenant by onPremises.exchangeVersion's model (HC0301). Since
// Exchange 2013 the Hybrid Configuration Wizard targets remote mailboxes
// at the coexistence domain (<tenant>.mail.onmicrosoft.com) and the
// availability service picks the relationship by the target address's
// domain, so the relationship must list exchangeOnline.routingDomain; the
// service routing namespace and the primary SMTP domains may be listed
// too. Exchange 2010 and 2007 keep seed 000's model: the service routing
// namespace and every primary SMTP domain of the tenant.
func (c *checker) onPremisesDomains(op *config.OnPremises, rel *config.OrganizationRelationship) {
	eo := &c.cfg.ExchangeOnline
	if rel.Ensure.IsAbsent() {
		return
	}
	if legacyHybrid(op.ExchangeVersion) {
		want := append([]config.DomainName{eo.ServiceRoutingNamespace}, eo.PrimarySmtpDomains...)
		if missing := missingDomains(rel, want); len(missing) > 0 {
			c.diags.Errorf(rel.KeyPos("domainNames"), diag.CodeOnPremDomain,
				"relationship %q towards the tenant must list the service routing namespace and every primary SMTP domain of the tenant (Exchange %s hybrid, seed 000's model); missing: %s",
				rel.Name, op.ExchangeVersion, joinDomains(missing))
		}
		return
	}
	if eo.RoutingDomain == "" {
		return // routingDomain is required with onPremises: reported apart
	}
	if missing := missingDomains(rel, []config.DomainName{config.DomainName(eo.RoutingDomain)}); len(missing) > 0 {
		c.diags.Errorf(rel.KeyPos("domainNames"), diag.CodeOnPremDomain,
			"relationship %q towards the tenant must list the coexistence domain %s (exchangeOnline.routingDomain): with Exchange %s, the Hybrid Configuration Wizard's model, remote mailboxes' target addresses use it and the availability service picks the relationship by that domain; %s and the primary SMTP domains may be listed too, they are not required",
			rel.Name, eo.RoutingDomain, op.ExchangeVersion, serviceNamespace(eo))
	}
}

// legacyHybrid reports whether an Exchange version predates the Hybrid
// Configuration Wizard's coexistence-domain model (Exchange 2013).
func legacyHybrid(v config.ExchangeVersion) bool { return v == "2007" || v == "2010" }

func serviceNamespace(eo *config.ExchangeOnline) string {
	if eo.ServiceRoutingNamespace == "" {
		return "the service routing namespace"
	}
	return string(eo.ServiceRoutingNamespace)
}

// partnerRelationshipMixed warns (HC0361) of an on-premises relationship
// towards our tenant that also lists a declared partner's domain:
// Exchange picks one relationship by domain, so the partner's users would
// be reached with our tenant's endpoints.
func (c *checker) partnerRelationshipMixed(rel *config.OrganizationRelationship) {
	eo := &c.cfg.ExchangeOnline
	if rel.Ensure.IsAbsent() {
		return
	}
	for i := range eo.Partners {
		if p := &eo.Partners[i]; kinds.ReachesDomain(kinds.Domains(rel), p.Domain) {
			c.diags.Warnf(rel.KeyPos("domainNames"), diag.CodePartnerRelationshipMixed,
				"relationship %q lists partner %s's domain and a domain of our tenant: Exchange picks one relationship by the recipient's domain, so %s would be reached with our tenant's endpoints; declare a separate on-premises relationship towards the partner that lists %s and none of our tenant's domains",
				rel.Name, p.Domain, p.Domain, p.Domain)
		}
	}
}
