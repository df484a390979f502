package check

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/kinds"
)

// partnerMesh warns (HC0365) of a partner of a hybrid tenant that no
// on-premises relationship reaches, when the YAML declares on-premises
// mailboxes: the relationships between the two tenants reach only our
// cloud mailboxes (the "hybrid mesh" limit). The runbook says it for
// every partner of a hybrid tenant.
func (c *checker) partnerMesh() {
	op := c.cfg.OnPremises
	if op == nil {
		return
	}
	mailbox := ""
	for _, m := range c.cfg.Mailboxes {
		if m.Location == "onPremises" && mailbox == "" {
			mailbox = string(m.Name)
		}
	}
	if mailbox == "" {
		return // no declared on-premises mailbox: the runbook says it
	}
	eo := &c.cfg.ExchangeOnline
	for i := range eo.Partners {
		p := &eo.Partners[i]
		if p.Relationship.Ensure.IsAbsent() || (p.CloudMailboxesOnly != nil && *p.CloudMailboxesOnly) || kinds.RelationshipReaches(op.OrganizationRelationships, p.Domain) {
			continue
		}
		c.diags.Warnf(p.ValuePos("domain"), diag.CodePartnerHybridMesh,
			"partner %s shares free/busy with our tenant, which is hybrid: a relationship between two tenants reaches only cloud mailboxes, so users of %s do not see the free/busy of on-premises mailboxes such as %s, nor those theirs; where on-premises mailboxes must share, declare an on-premises organization relationship towards %s; otherwise declare cloudMailboxesOnly: true",
			p.Domain, p.Domain, mailbox, p.Domain)
	}
}

// federatedDomains warns (HC0366) of a federated domain that is neither an
// on-premises primary SMTP domain nor the federated delegation namespace:
// Add-FederatedDomain needs an accepted domain.
func (c *checker) federatedDomains() {
	op := c.cfg.OnPremises
	if op == nil || op.Federation == nil {
		return
	}
	known := append([]config.DomainName{op.FederatedDelegationNamespace}, op.PrimarySmtpDomains...)
	for _, g := range op.GroupDomains {
		known = append(known, g.Domain)
	}
	for _, d := range op.Federation.FederatedDomains {
		found := false
		for _, k := range known {
			found = found || strings.EqualFold(string(k), string(d.Domain))
		}
		if !found {
			c.diags.Warnf(d.ValuePos("domain"), diag.CodeFederatedDomainUnknown,
				"federated domain %s is not an on-premises primary SMTP domain nor the federated delegation namespace: Add-FederatedDomain accepts only an accepted domain of the organization, with its proof in a TXT record", d.Domain)
		}
	}
}
