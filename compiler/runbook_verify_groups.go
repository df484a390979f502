package compiler

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
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
		c.OnPremises = newCodeBlock("powershell")
		for i, g := range eo.Groups {
			if i == runbookCap {
				c.OnPremises.comment("and " + plural(len(eo.Groups)-i, "more group") + `: .\onprem.ps1 -Check checks that each one is in the address lists`)
				break
			}
			c.OnPremises.add("expect "+string(g.Name)+" with a non-empty AddressListMembership",
				"Get-Recipient -Identity "+Quote(string(g.PrimarySmtpAddress))+" | Format-List Name, "+kinds.RecipientTypeParam+", PrimarySmtpAddress, AddressListMembership")
		}
	}
	if online := rb.script("online.ps1"); online != nil {
		c.Online = newCodeBlock("powershell")
		links := func(r *Resource) bool {
			switch r.Kind {
			case KindGroupMembers, KindGroupOwners, KindGroupSubscribers, KindEchoGroupMessages:
				return true
			}
			return false
		}
		checkSample(c.Online, online.Target.File, online.Resources, links, func(r *Resource) {
			g := r.Spec.(*config.UnifiedGroup)
			ids, _ := r.props[0].Value.([]string)
			switch r.Kind {
			case KindGroupMembers, KindGroupOwners:
				linkType := map[string]string{KindGroupMembers: "Members", KindGroupOwners: "Owners"}[r.Kind]
				c.Online.add("expect among the "+strings.ToLower(linkType)+": "+joinCapped(ids, ""),
					"Get-UnifiedGroupLinks -Identity "+Quote(string(g.Name))+" -LinkType "+linkType)
			case KindGroupSubscribers:
				c.Online.add("expect none of these among the subscribers: "+joinCapped(ids, ""),
					"Get-UnifiedGroupLinks -Identity "+Quote(string(g.Name))+" -LinkType Subscribers")
			case KindEchoGroupMessages:
				c.Online.add("expect EchoGroupMessageBackToSubscribedSender "+psBool(r.props[0].Value),
					"Get-MailboxMessageConfiguration -Identity "+Quote(r.Name)+" | Format-List EchoGroupMessageBackToSubscribedSender")
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
			if mb := rb.dir.mailbox(m); mb != nil {
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
	c.Group = mdCode(string(pick.Name)) + " (" + mdCode(string(pick.PrimarySmtpAddress)) + ")"
	c.OnPremMember, c.CloudMember = "an on-premises mailbox", "a mailbox in Exchange Online"
	if onprem != "" {
		c.OnPremMember, c.CloudMember = mdCode(string(onprem)), mdCode(string(cloud))
		c.Echo = pick.EchoToOnPremisesMembers != nil && *pick.EchoToOnPremisesMembers
	}
	return c
}
