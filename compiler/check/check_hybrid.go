package check

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"

	"github.com/hybridc/hybridc/compiler/diag"
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
