package runbook

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"

	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// runbookGroupChecks verify Microsoft 365 groups: commands in each
// organization, and seed 002's tests with mailboxes.
type runbookGroupChecks struct {
	// Tests tells whether seed 002's tests apply: they need on-premises
	// mailboxes.
	Tests                     bool
	OnPremises                *codeBlock
	Online                    *codeBlock
	Group                     string // the group the tests use, with its address
	OnPremMember, CloudMember string
	Echo                      bool
}

// groupChecks verify the Microsoft 365 groups, when the YAML declares any.
func (rb *runbookBuilder) groupChecks() *runbookGroupChecks {
	eo := &rb.cfg.ExchangeOnline
	if len(eo.Groups) == 0 {
		return nil
	}
	c := &runbookGroupChecks{Tests: rb.cfg.OnPremises != nil}
	if rb.cfg.OnPremises != nil {
		c.OnPremises = NewCodeBlock("powershell")
		for i, g := range eo.Groups {
			if i == RunbookCap {
				c.OnPremises.Comment("and " + plural(len(eo.Groups)-i, "more group") + `: .\onprem.ps1 -Check checks that each one is in the address lists`)
				break
			}
			c.OnPremises.Add("expect "+string(g.Name)+" with a non-empty AddressListMembership",
				"Get-Recipient -Identity "+pstext.Quote(string(g.PrimarySmtpAddress))+" | Format-List Name, "+kinds.RecipientTypeParam+", PrimarySmtpAddress, AddressListMembership")
		}
	}
	if online := rb.script("online.ps1"); online != nil {
		c.Online = NewCodeBlock("powershell")
		links := func(r *model.Resource) bool {
			switch r.Kind {
			case model.KindGroupMembers, model.KindGroupOwners, model.KindGroupSubscribers, model.KindEchoGroupMessages:
				return true
			}
			return false
		}
		checkSample(c.Online, online.Target.File, online.Resources, links, func(r *model.Resource) {
			g := r.Spec.(*config.UnifiedGroup)
			ids, _ := r.Props[0].Value.([]string)
			switch r.Kind {
			case model.KindGroupMembers, model.KindGroupOwners:
				linkType := map[string]string{model.KindGroupMembers: "Members", model.KindGroupOwners: "Owners"}[r.Kind]
				c.Online.Add("expect among the "+strings.ToLower(linkType)+": "+JoinCapped(ids, ""),
					"Get-UnifiedGroupLinks -Identity "+pstext.Quote(string(g.Name))+" -LinkType "+linkType)
			case model.KindGroupSubscribers:
				c.Online.Add("expect none of these among the subscribers: "+JoinCapped(ids, ""),
					"Get-UnifiedGroupLinks -Identity "+pstext.Quote(string(g.Name))+" -LinkType Subscribers")
			case model.KindEchoGroupMessages:
				c.Online.Add("expect EchoGroupMessageBackToSubscribedSender "+psBool(r.Props[0].Value),
					"Get-MailboxMessageConfiguration -Identity "+pstext.Quote(r.Name)+" | Format-List EchoGroupMessageBackToSubscribedSender")
			}
		})
		if len(c.Online.Lines) == 0 {
			c.Online = nil
		}
	}
	// The tests use the first group with an on-premises and a cloud member.
	pick := &eo.Groups[0]
	var onprem, cloud config.Identity
	for i := range eo.Groups {
		g := &eo.Groups[i]
		var op, cl config.Identity
		for _, m := range append(append([]config.Identity{}, g.Members...), g.Owners...) {
			if mb := rb.declared.Mailbox(m); mb != nil {
				switch {
				case mb.Location == "onPremises" && op == "":
					op = m
				case mb.Location == "exchangeOnline" && cl == "":
					cl = m
				}
			}
		}
		if op != "" && cl != "" {
			pick, onprem, cloud = g, op, cl
			break
		}
	}
	c.Group = MdCode(string(pick.Name)) + " (" + MdCode(string(pick.PrimarySmtpAddress)) + ")"
	c.OnPremMember, c.CloudMember = "an on-premises mailbox", "a mailbox in Exchange Online"
	if onprem != "" {
		c.OnPremMember, c.CloudMember = MdCode(string(onprem)), MdCode(string(cloud))
		c.Echo = pick.EchoToOnPremisesMembers != nil && *pick.EchoToOnPremisesMembers
	}
	return c
}
