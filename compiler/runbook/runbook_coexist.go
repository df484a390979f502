package runbook

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// runbookCoexistence is the coexistence address of the on-premises
// email address policies: section 2's manual step (applying each policy,
// which the script never does) and section 3's check.
type runbookCoexistence struct {
	Update *codeBlock // Update-EmailAddressPolicy, one line per policy
	Check  *codeBlock // Get-EmailAddressPolicy, one line per policy
	// Missing lists the mailboxes without an address in the routing
	// domain (nil without a routing domain).
	Missing *codeBlock
	// Domain shows the coexistence accepted domain (nil when not
	// declared).
	Domain *codeBlock
	// Routing lists the remote mailboxes whose remote routing address is
	// outside the routing domain (HC0387; nil without a routing domain).
	Routing *codeBlock
	// Online shows the tenant's on-premises organization object, and Rows
	// what it must show (nil and none when not declared).
	Online *codeBlock
	Rows   []runbookRow
}

// coexistence is the part on the email address policies, when the YAML
// declares any.
func (rb *runbookBuilder) coexistence() *runbookCoexistence {
	op := rb.cfg.OnPremises
	org := rb.cfg.ExchangeOnline.OnPremisesOrganization
	accepted := op != nil && op.CoexistenceAcceptedDomain != nil && *op.CoexistenceAcceptedDomain
	if (op == nil || len(op.EmailAddressPolicies) == 0) && org == nil && !accepted {
		return nil
	}
	c := &runbookCoexistence{}
	if org != nil {
		c.Online = NewCodeBlock("powershell", "Get-OnPremisesOrganization | Format-List Name, "+kinds.OnPremisesOrganization.Listed.KeyParam+", "+
			strings.Join(kinds.OnPremisesOrganization.Params(), ", "))
		c.Rows = append(c.Rows, runbookRow{kinds.OnPremisesOrganization.Listed.KeyParam, MdCell(string(org.OrganizationGuid))})
		for _, set := range kinds.OnPremisesOrganization.Declared(org) {
			c.Rows = append(c.Rows, runbookRow{set.Param, runbookValue(set.Value)})
		}
	}
	routing := string(rb.cfg.ExchangeOnline.RoutingDomain)
	if routing != "" && op != nil && op.CoexistenceAcceptedDomain != nil && *op.CoexistenceAcceptedDomain {
		c.Domain = NewCodeBlock("powershell")
		c.Domain.Add("expect one accepted domain "+routing+" (Authoritative when onprem.ps1 created it)",
			"Get-AcceptedDomain | Where-Object { [string]$_.DomainName -eq "+pstext.Quote(routing)+" } | Format-List Name, DomainName, DomainType")
	}
	if routing != "" && op != nil {
		c.Routing = NewCodeBlock("powershell", "Get-RemoteMailbox -ResultSize Unlimited | Where-Object { [string]$_.RemoteRoutingAddress -notlike "+
			pstext.Quote("*@"+routing)+" } | Format-Table Name, RemoteRoutingAddress")
	}
	if op == nil || len(op.EmailAddressPolicies) == 0 {
		return c
	}
	// Exchange 2013 and later can apply the secondary addresses alone,
	// leaving every recipient's primary address as it is.
	secondary := ""
	if op.ExchangeVersion != "2010" {
		secondary = " -UpdateSecondaryAddressesOnly"
	}
	templates := kinds.EmailAddressPolicy.Param("addTemplates")
	c.Update, c.Check = NewCodeBlock("powershell"), NewCodeBlock("powershell")
	for i := range op.EmailAddressPolicies {
		p := &op.EmailAddressPolicies[i]
		if i == RunbookCap {
			more := plural(len(op.EmailAddressPolicies)-i, "more policy")
			c.Update.Comment("and " + more + ", each the same way")
			c.Check.Comment("and " + more + `: .\onprem.ps1 -Check checks each one`)
			break
		}
		name := pstext.Quote(string(p.Name))
		c.Update.Line("Update-EmailAddressPolicy -Identity " + name + secondary)
		added := make([]string, len(p.AddTemplates))
		for j, t := range p.AddTemplates {
			added[j] = string(t)
		}
		c.Check.Add("expect among the "+templates+": "+strings.Join(added, ", "),
			"Get-EmailAddressPolicy -Identity "+name+" | Format-List Name, "+templates)
	}
	if routing != "" {
		c.Missing = NewCodeBlock("powershell", "Get-Mailbox -ResultSize Unlimited | Where-Object { -not ($_.EmailAddresses -like "+
			pstext.Quote("smtp:*@"+routing)+") } | Format-Table Name, PrimarySmtpAddress")
	}
	return c
}
