package check

import (
	"fmt"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/exchange"
	"github.com/hybridc/hybridc/compiler/kinds"

	"github.com/hybridc/hybridc/compiler/pstext"
)

// cloudTargets is the application URI and Autodiscover endpoint of a
// relationship towards a tenant, from the behaviour table's cloud for the
// tenant name's suffix. Only a confirmed cloud gives defaults (worldwide,
// the values the Hybrid Configuration Wizard sets); for the sovereign
// clouds the table records no confirmed values, and GCC High and DoD share
// the onmicrosoft.us suffix, so hybridc does not guess: reason then says
// why the YAML must declare them.
func cloudTargets(tenant config.TenantName) (uri config.URI, epr config.HTTPSURL, reason string) {
	c, ok := exchange.Cloud(string(tenant))
	switch {
	case !ok:
		return "", "", fmt.Sprintf("hybridc cannot tell the cloud of tenant %q from its name: GCC High and DoD share onmicrosoft.us, and other suffixes are no known cloud", tenant)
	case !c.Confirmed || c.ApplicationURI == "" || c.AutodiscoverEndpoint == "":
		return "", "", fmt.Sprintf("hybridc has no confirmed endpoints for the %s cloud of tenant %q", c.Name, tenant)
	}
	return config.URI(c.ApplicationURI), config.HTTPSURL(c.AutodiscoverEndpoint), ""
}

// Defaults fills in what a configuration leaves out and hybridc can derive,
// so that the plan, the scripts and the runbook all see the same values. It
// runs after Check, on a configuration without errors:
//
//   - a relationship towards a worldwide Exchange Online tenant
//     (on-premises towards the tenant, ours towards a partner, a partner's
//     towards ours) gets targetApplicationUri and targetAutodiscoverEpr from
//     the behaviour table (see cloudTargets: sovereign clouds get none);
//   - the tenant's relationship towards on-premises gets
//     targetAutodiscoverEpr https://autodiscover.<first on-premises primary
//     SMTP domain>/autodiscover/autodiscover.svc/WSSecurity, and
//     targetApplicationUri the on-premises federation application URI,
//     FYDIBOHF25SPDLT.<account namespace> (kinds.OnPremisesAccountNamespace:
//     the one onPremises.federation expects; the value the
//     Hybrid Configuration Wizard writes, as Get-FederationInformation
//     returns it for the on-premises domain);
//   - a Microsoft 365 group gets the local part of its primary SMTP address
//     as alias.
//
// A value the YAML gives is never changed.
func Defaults(cfg *config.Config) {
	for _, d := range relationshipDefaults(cfg) {
		uri, epr, _ := kinds.Endpoints(d.rel)
		if *uri == "" {
			*uri = d.uri
		}
		if *epr == "" {
			*epr = d.epr
		}
	}
	for i := range cfg.ExchangeOnline.Groups {
		g := &cfg.ExchangeOnline.Groups[i]
		if g.Alias == "" {
			g.Alias = config.Alias(LocalPart(g.PrimarySmtpAddress))
		}
	}
}

// relationshipDefault is a relationship to be present and the target
// values it gets when the YAML leaves them out ("" when none applies, and
// then why).
type relationshipDefault struct {
	rel    *config.OrganizationRelationship
	uri    config.URI
	epr    config.HTTPSURL
	reason string
	// online marks a relationship towards an Exchange Online tenant.
	online bool
	// guess marks the endpoint towards on-premises derived from the first
	// primary SMTP domain: the organization may publish another.
	guess bool
	// onPremises marks the tenant's relationship towards on-premises.
	onPremises bool
}

// relationshipDefaults lists every relationship to be present with its
// defaults.
func relationshipDefaults(cfg *config.Config) []relationshipDefault {
	var out []relationshipDefault
	add := func(rel *config.OrganizationRelationship, d relationshipDefault) {
		if !rel.Ensure.IsAbsent() {
			d.rel = rel
			out = append(out, d)
		}
	}
	towards := func(tenant config.TenantName) relationshipDefault {
		uri, epr, reason := cloudTargets(tenant)
		return relationshipDefault{uri: uri, epr: epr, reason: reason, online: true}
	}
	eo := &cfg.ExchangeOnline
	ours := towards(eo.Tenant)
	onPremises := relationshipDefault{reason: "it points at no organization this file declares", onPremises: true}
	if op := cfg.OnPremises; op != nil {
		for i := range op.OrganizationRelationships {
			rel := &op.OrganizationRelationships[i]
			if p := kinds.TowardsPartner(rel, eo); p != nil {
				add(rel, towards(p.Tenant))
			} else {
				add(rel, ours)
			}
		}
		if len(op.PrimarySmtpDomains) > 0 {
			onPremises = relationshipDefault{epr: config.HTTPSURL(fmt.Sprintf("https://autodiscover.%s/autodiscover/autodiscover.svc/WSSecurity", strings.ToLower(string(op.PrimarySmtpDomains[0])))), guess: true, onPremises: true}
		}
		if ns := kinds.OnPremisesAccountNamespace(op); ns != "" {
			onPremises.uri = kinds.OnPremisesApplicationURI(ns)
		}
	}
	for i := range eo.OrganizationRelationships {
		add(&eo.OrganizationRelationships[i], onPremises)
	}
	for i := range eo.Partners {
		p := &eo.Partners[i]
		add(&p.Relationship, towards(p.Tenant))
		if p.ReverseRelationship != nil {
			add(p.ReverseRelationship, ours)
		}
	}
	return out
}

var aliasPattern = pstext.LazyRegexp(config.Patterns["Alias"].Pattern)

// LocalPart is an address's part before its last @.
func LocalPart(a config.SMTPAddress) string {
	s := string(a)
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		return s[:i]
	}
	return s
}
