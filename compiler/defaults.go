package compiler

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/hybridc/hybridc/compiler/config"
)

// Cloud is the set of Exchange Online endpoints a tenant's relationships
// point at, chosen by the suffix of the tenant's name.
type Cloud struct {
	// Name of the cloud, for messages.
	Name string
	// ApplicationURI is the TargetApplicationUri of a relationship towards
	// a tenant of this cloud.
	ApplicationURI config.URI
	// AutodiscoverEpr is the TargetAutodiscoverEpr of a relationship
	// towards a tenant of this cloud.
	AutodiscoverEpr config.HTTPSURL
}

// Clouds by tenant-name suffix. The worldwide values are the ones the Hybrid
// Configuration Wizard sets and Microsoft documents for relationships
// towards Exchange Online. The GCC High and 21Vianet values follow the same
// scheme on those clouds' service domains (office365.us,
// partner.outlook.cn); DoD tenants share the onmicrosoft.us suffix but use
// their own endpoints, so they must declare both properties.
var (
	Worldwide = Cloud{"Microsoft 365", "outlook.com", "https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc/WSSecurity"}
	GCCHigh   = Cloud{"Microsoft 365 GCC High", "outlook.office365.us", "https://autodiscover-s.office365.us/autodiscover/autodiscover.svc/WSSecurity"}
	Vianet    = Cloud{"Microsoft 365 operated by 21Vianet", "outlook.partner.outlook.cn", "https://autodiscover-s.partner.outlook.cn/autodiscover/autodiscover.svc/WSSecurity"}
)

// CloudOf is the cloud of a tenant, from its name's suffix.
func CloudOf(tenant config.TenantName) Cloud {
	t := strings.ToLower(string(tenant))
	switch {
	case strings.HasSuffix(t, ".onmicrosoft.us"):
		return GCCHigh
	case strings.HasSuffix(t, ".partner.onmschina.cn"):
		return Vianet
	}
	return Worldwide
}

// Defaults fills in what a configuration leaves out and hybridc can derive,
// so that the plan, the scripts and the runbook all see the same values. It
// runs after Check, on a configuration without errors:
//
//   - a relationship towards Exchange Online (on-premises towards the
//     tenant, ours towards a partner, a partner's towards ours) gets the
//     target cloud's TargetApplicationUri and TargetAutodiscoverEpr;
//   - the tenant's relationship towards on-premises gets
//     TargetAutodiscoverEpr https://autodiscover.<first on-premises primary
//     SMTP domain>/autodiscover/autodiscover.svc/WSSecurity;
//   - a Microsoft 365 group gets the local part of its primary SMTP address
//     as alias.
//
// A value the YAML gives is never changed.
func Defaults(cfg *config.Config) {
	for _, d := range relationshipDefaults(cfg) {
		if d.rel.TargetApplicationUri == "" {
			d.rel.TargetApplicationUri = d.uri
		}
		if d.rel.TargetAutodiscoverEpr == "" {
			d.rel.TargetAutodiscoverEpr = d.epr
		}
	}
	for i := range cfg.ExchangeOnline.Groups {
		g := &cfg.ExchangeOnline.Groups[i]
		if g.Alias == "" {
			g.Alias = config.Alias(localPart(g.PrimarySmtpAddress))
		}
	}
}

// relationshipDefault is a relationship to be present and the target
// values it gets when the YAML leaves them out ("" when none applies).
type relationshipDefault struct {
	rel *config.OrganizationRelationship
	uri config.URI
	epr config.HTTPSURL
}

// relationshipDefaults lists every relationship to be present with its
// defaults.
func relationshipDefaults(cfg *config.Config) []relationshipDefault {
	var out []relationshipDefault
	add := func(rel *config.OrganizationRelationship, uri config.URI, epr config.HTTPSURL) {
		if !rel.Ensure.IsAbsent() {
			out = append(out, relationshipDefault{rel, uri, epr})
		}
	}
	eo := &cfg.ExchangeOnline
	ours := CloudOf(eo.Tenant)
	var onPremisesEpr config.HTTPSURL
	if op := cfg.OnPremises; op != nil {
		for i := range op.OrganizationRelationships {
			add(&op.OrganizationRelationships[i], ours.ApplicationURI, ours.AutodiscoverEpr)
		}
		if len(op.PrimarySmtpDomains) > 0 {
			onPremisesEpr = config.HTTPSURL(fmt.Sprintf("https://autodiscover.%s/autodiscover/autodiscover.svc/WSSecurity", strings.ToLower(string(op.PrimarySmtpDomains[0]))))
		}
	}
	for i := range eo.OrganizationRelationships {
		add(&eo.OrganizationRelationships[i], "", onPremisesEpr)
	}
	for i := range eo.Partners {
		p := &eo.Partners[i]
		theirs := CloudOf(p.Tenant)
		add(&p.Relationship, theirs.ApplicationURI, theirs.AutodiscoverEpr)
		if p.ReverseRelationship != nil {
			add(p.ReverseRelationship, ours.ApplicationURI, ours.AutodiscoverEpr)
		}
	}
	return out
}

// relationshipTargets warns about a relationship that will have neither
// TargetApplicationUri nor TargetAutodiscoverEpr once defaults apply: a
// relationship without them cannot look free/busy or MailTips up.
func (c *checker) relationshipTargets() {
	for _, d := range relationshipDefaults(c.cfg) {
		if d.rel.TargetApplicationUri == "" && d.uri == "" && d.rel.TargetAutodiscoverEpr == "" && d.epr == "" {
			c.diags.warnf(d.rel.Pos(), CodeRelationshipNoTarget,
				"relationship %q will have neither targetApplicationUri nor targetAutodiscoverEpr, and hybridc can derive neither (it points at no organization this file declares): unless the existing relationship has them, it cannot look anything up; set targetAutodiscoverEpr (and targetApplicationUri)", d.rel.Name)
		}
	}
}

var aliasPattern = regexp.MustCompile(config.Patterns["Alias"].Pattern)

// groupAliases checks that a group without alias can take the local part of
// its primary SMTP address as one.
func (c *checker) groupAliases() {
	for i := range c.cfg.ExchangeOnline.Groups {
		g := &c.cfg.ExchangeOnline.Groups[i]
		if g.Alias != "" {
			continue
		}
		local := localPart(g.PrimarySmtpAddress)
		if !aliasPattern.MatchString(local) || utf8.RuneCountInString(local) > 64 {
			c.diags.errorf(g.ValuePos("primarySmtpAddress"), CodeGroupAlias,
				"group %q declares no alias, and the local part %q of its primary SMTP address is not a valid Exchange alias (letters, digits, ! # $ %% & ' + - / = ^ _ ` { | } ~, periods only between them, at most 64 characters): declare alias", g.Name, local)
		}
	}
}

// localPart is an address's part before its last @.
func localPart(a config.SMTPAddress) string {
	s := string(a)
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		return s[:i]
	}
	return s
}
