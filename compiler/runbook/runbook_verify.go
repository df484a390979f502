package runbook

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
)

// runbookRelationshipChecks are Get-OrganizationRelationship's expected
// output, and free/busy lookups.
type runbookRelationshipChecks struct {
	Command       *codeBlock
	Relationships []runbookRelationship
	Lookups       []string
}

// runbookRelationship is what one relationship must show: an introduction
// and a table of expected properties.
type runbookRelationship struct {
	Intro string
	Rows  []runbookRow
}

// runbookRow is one expected property.
type runbookRow struct{ Property, Expected string }

// relationshipCheck is the expected Format-List output of one
// relationship: the properties the YAML declares.
func relationshipCheck(intro string, rel *config.OrganizationRelationship) runbookRelationship {
	c := runbookRelationship{Intro: intro + ", relationship " + MdCode(string(rel.Name))}
	if rel.Ensure.IsAbsent() {
		c.Intro += ": not listed (it is declared absent)."
		return c
	}
	c.Intro += ":"
	for _, set := range kinds.OrganizationRelationship.Declared(rel) {
		c.Rows = append(c.Rows, runbookRow{set.Param, runbookValue(set.Value)})
	}
	if len(c.Rows) == 0 {
		c.Intro = intro + ", relationship " + MdCode(string(rel.Name)) + ": listed (the YAML manages none of its properties)."
	}
	return c
}

// runbookValue is a declared value as the runbook's table shows it.
func runbookValue(v any) string {
	switch v := v.(type) {
	case bool:
		return psBool(v)
	case []string:
		cells := make([]string, len(v))
		for i, d := range v {
			cells[i] = MdCell(d)
		}
		return strings.Join(cells, ", ")
	}
	return MdCell(v.(string))
}

// lookup describes a free/busy lookup across a relationship: viewers (in
// the other organization) look at the free/busy of the relationship's
// organization.
func lookup(rel *config.OrganizationRelationship, side, viewers, owners string) string {
	if rel.Ensure.IsAbsent() {
		return ""
	}
	level := kinds.FreeBusyLevel(rel)
	what := "their free/busy, as far as " + side + " " + MdCode(string(rel.Name)) + " allows"
	switch {
	case kinds.FreeBusyEnabled(rel) != nil && !*kinds.FreeBusyEnabled(rel):
		what = "no free/busy (" + side + " " + MdCode(string(rel.Name)) + " has " + kinds.OrganizationRelationship.Param("freeBusyAccessEnabled") + " False)"
	case level == "None":
		what = "no free/busy (" + side + " " + MdCode(string(rel.Name)) + ": " + kinds.OrganizationRelationship.Param("freeBusyAccessLevel") + " None)"
	case level == "AvailabilityOnly":
		what = "their free/busy times only (" + side + " " + MdCode(string(rel.Name)) + ": AvailabilityOnly)"
	case level == "LimitedDetails":
		what = "their free/busy times with subject and location (" + side + " " + MdCode(string(rel.Name)) + ": LimitedDetails)"
	}
	return "From " + viewers + ", create a meeting in Outlook, add " + owners + " as an attendee and open the Scheduling Assistant: it shows " + what + "."
}

// example is "a <what> (for example X)" with the first declared mailbox of
// that location, or "a <what>".
func (rb *runbookBuilder) example(what string, location config.Location) string {
	for _, m := range rb.cfg.Mailboxes {
		if m.Location == location {
			return what + " (for example " + MdCode(string(m.Name)) + ")"
		}
	}
	return what
}

// freeBusyChecks verify free/busy between on-premises and Exchange Online.
func (rb *runbookBuilder) freeBusyChecks() *runbookRelationshipChecks {
	if !rb.hasFreeBusy() {
		return nil
	}
	op, eo := rb.cfg.OnPremises, &rb.cfg.ExchangeOnline
	c := &runbookRelationshipChecks{Command: NewCodeBlock("powershell", "Get-OrganizationRelationship | Format-List")}
	onpremMailbox := rb.example("an on-premises mailbox", "onPremises")
	cloudMailbox := rb.example("a mailbox in Exchange Online", "exchangeOnline")
	for i := range op.OrganizationRelationships {
		rel := &op.OrganizationRelationships[i]
		c.Relationships = append(c.Relationships, relationshipCheck("On-premises ("+MdCode(string(op.Organization))+")", rel))
		from := cloudMailbox
		if p := kinds.TowardsPartner(rel, eo); p != nil { // the partner's users look up our on-premises mailboxes
			from = "a user of " + MdCode(string(p.Domain))
		}
		if l := lookup(rel, "the on-premises relationship", from, onpremMailbox); l != "" {
			c.Lookups = append(c.Lookups, l)
		}
	}
	for i := range eo.OrganizationRelationships {
		rel := &eo.OrganizationRelationships[i]
		c.Relationships = append(c.Relationships, relationshipCheck("Exchange Online ("+MdCode(string(eo.Tenant))+")", rel))
		if l := lookup(rel, "the Exchange Online relationship", onpremMailbox, cloudMailbox); l != "" {
			c.Lookups = append(c.Lookups, l)
		}
	}
	return c
}

// partnerChecks verify calendar sharing with the partner tenants.
func (rb *runbookBuilder) partnerChecks() *runbookRelationshipChecks {
	eo := &rb.cfg.ExchangeOnline
	if len(eo.Partners) == 0 {
		return nil
	}
	c := &runbookRelationshipChecks{Command: NewCodeBlock("powershell", "Get-OrganizationRelationship | Format-List")}
	ours := "a user of " + rb.ours()
	for i := range eo.Partners {
		p := &eo.Partners[i]
		theirs := "a user of " + MdCode(string(p.Domain))
		c.Relationships = append(c.Relationships, relationshipCheck("Our tenant ("+MdCode(string(eo.Tenant))+")", &p.Relationship))
		if l := lookup(&p.Relationship, "our relationship", theirs, ours); l != "" {
			c.Lookups = append(c.Lookups, l)
		}
		if p.ReverseRelationship != nil {
			c.Relationships = append(c.Relationships, relationshipCheck("The partner tenant "+MdCode(string(p.Tenant))+" (its administrator runs the command)", p.ReverseRelationship))
			if l := lookup(p.ReverseRelationship, "the partner's relationship", ours, theirs); l != "" {
				c.Lookups = append(c.Lookups, l)
			}
		}
		if rb.meshLimited(p) {
			c.Lookups = append(c.Lookups, "With "+MdCode(string(p.Domain))+", use a user of "+rb.ours()+" whose mailbox is in Exchange Online: the relationships between the two tenants do not reach our on-premises mailboxes (see Partner tenants).")
		}
	}
	return c
}
