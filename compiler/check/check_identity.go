package check

import (
	"unicode/utf8"

	"github.com/hybridc/hybridc/compiler/kinds"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/model"
)

// looseCollisions reports two resources of one kind in one organization
// whose identities differ (foldIdentity, as PowerShell 7 compares them) but
// are one under looseFold: Windows PowerShell 5.1's .NET Framework, or
// Exchange, could take them for one object, and plan and script would then
// disagree. Each name alone is accepted: only the pair is ambiguous. keys
// are the resources' keys (Resource.key), by index.
func (c *checker) looseCollisions(inv *model.Inventory, keys []model.ResourceKey) {
	type entry struct {
		r   *model.Resource
		key model.ResourceKey
	}
	first := map[*model.Target]map[model.ResourceKey]entry{}
	reported := map[[2]diag.Pos]bool{} // a group's links share its position
	for i, r := range inv.Resources {
		if r.Meta == nil {
			continue
		}
		if first[r.Target] == nil {
			first[r.Target] = map[model.ResourceKey]entry{}
		}
		loose, key := r.LooseKey(), keys[i]
		prev, ok := first[r.Target][loose]
		switch {
		case !ok:
			first[r.Target][loose] = entry{r, key}
		case prev.key != key && !reported[[2]diag.Pos{prev.r.Pos(), r.Pos()}]:
			reported[[2]diag.Pos{prev.r.Pos(), r.Pos()}] = true
			c.diags.Errorf(r.Pos(), diag.CodeDuplicateName, "%s and %s differ only in letters whose upper and lower case .NET versions match differently (such as ı, İ, ſ, the Kelvin sign): Windows PowerShell 5.1 or Exchange could take them for one object; rename one of them",
				r.PlanID(), prev.r.PlanID())
			c.diags.Relate(prev.r.Pos(), prev.r.PlanID()+" is declared here")
		}
	}
}

// groupAliases checks that a group without alias can take the local part of
// its primary SMTP address as one.
func (c *checker) groupAliases() {
	for i := range c.cfg.ExchangeOnline.Groups {
		g := &c.cfg.ExchangeOnline.Groups[i]
		if g.Alias != "" {
			continue
		}
		local := LocalPart(g.PrimarySmtpAddress)
		if !aliasPattern().MatchString(local) || utf8.RuneCountInString(local) > 64 {
			c.diags.Errorf(g.ValuePos("primarySmtpAddress"), diag.CodeGroupAlias,
				"group %q declares no alias, and the local part %q of its primary SMTP address is not a valid Exchange alias (letters, digits, ! # $ %% & ' + - / = ^ _ ` { | } ~, periods only between them, at most 64 characters): declare alias", g.Name, local)
		}
	}
}

// relationshipTargets warns about a relationship that will have neither
// targetApplicationUri nor targetAutodiscoverEpr once defaults apply (it
// cannot look free/busy or MailTips up), or only one of them where hybridc
// can default neither (towards a sovereign tenant: the delegation token
// needs the application URI, the lookup the endpoint).
func (c *checker) relationshipTargets() {
	for _, d := range relationshipDefaults(c.cfg) {
		declaredURI, declaredEpr, sharing := kinds.Endpoints(d.rel)
		uri := *declaredURI != "" || d.uri != ""
		epr := *declaredEpr != "" || d.epr != ""
		switch {
		case d.guess && *declaredEpr == "" && *sharing == "":
			c.diags.Warnf(d.rel.Pos(), diag.CodeAutodiscoverHint,
				"relationship %q gets targetAutodiscoverEpr %s, a guess from the first on-premises primary SMTP domain: the on-premises export script (hybridc export) prints the EWS URL the organization publishes; declare targetAutodiscoverEpr (or targetSharingEpr) from it", d.rel.Name, d.epr)
		case !uri && epr && d.onPremises:
			c.diags.Warnf(d.rel.Pos(), diag.CodeOnlineApplicationURI,
				"relationship %q towards on-premises will have no targetApplicationUri, and hybridc cannot derive it (%s): the Hybrid Configuration Wizard writes the on-premises federation application URI, FYDIBOHF25SPDLT.<account namespace>; declare targetApplicationUri as Get-FederationInformation -DomainName <on-premises domain> returns it", d.rel.Name, d.reason)
		case !uri && !epr:
			c.diags.Warnf(d.rel.Pos(), diag.CodeRelationshipNoTarget,
				"relationship %q will have neither targetApplicationUri nor targetAutodiscoverEpr, and hybridc can derive neither (%s): unless the existing relationship has them, it cannot look anything up; set targetAutodiscoverEpr (and targetApplicationUri)", d.rel.Name, d.reason)
		case uri != epr && d.online && d.reason != "":
			have, lack := "targetApplicationUri", "targetAutodiscoverEpr"
			if epr {
				have, lack = lack, have
			}
			c.diags.Warnf(d.rel.Pos(), diag.CodeRelationshipNoTarget,
				"relationship %q declares %s but not %s, and hybridc cannot derive it (%s): unless the existing relationship has it, free/busy through this relationship fails; set %s (the other side's Get-FederationInformation shows both)", d.rel.Name, have, lack, d.reason, lack)
		}
	}
}
