package check

import (
	"strconv"
	"strings"
	"time"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// Today is the day validate measures the auth certificate's expiry from
// (UTC); tests set it.
var Today = func() time.Time { return time.Now().UTC() }

// authCertWarnDays is how long before its expiry validate warns about the
// auth certificate.
const authCertWarnDays = 60

// minimumBuild is the first build of a cumulative update that can use the
// dedicated Exchange hybrid application: the April 2025 hotfix update
// ("Exchange Server build numbers and release dates", Microsoft Learn:
// 2016 CU23 Apr25HU 15.1.2507.55, 2019 CU14 Apr25HU 15.2.1544.25, 2019 CU15
// Apr25HU 15.2.1748.24; every Exchange SE build, from RTM 15.2.2562.17).
// The key is minor.build; the value the first revision that can.
var minimumBuild = map[string]int{"1.2507": 55, "2.1544": 25, "2.1748": 24}

// firstSEBuild is the build of Exchange Server SE RTM (15.2.2562.17).
const firstSEBuild = 2562

// buildsThatCan names the builds that can use the dedicated application.
const buildsThatCan = "Exchange Server SE (15.2.2562.17 and later), Exchange 2019 CU15 with the April 2025 hotfix update or later (15.2.1748.24), Exchange 2019 CU14 with it (15.2.1544.25), Exchange 2016 CU23 with it (15.1.2507.55)"

// oauth checks the build against the version and the dedicated
// application, the auth certificate's dates and the connectors' domains.
func (c *checker) oauth() {
	op := c.cfg.OnPremises
	if op == nil {
		return
	}
	c.build(op)
	c.dedicatedAppSource(op)
	if op.AuthCertificate != nil {
		c.authCertificate(op.AuthCertificate)
	}
	c.connectorDomains(op)
	c.dedicatedAppSharingEpr(op)
	c.dedicatedAppServer(op)
	c.oauthHosts()
}

// dedicatedAppServer refuses the dedicated application without an auth
// server: the override would switch Exchange Server to an application no
// Entra ID auth server names (HC0377; the script's read-back gate refuses
// it at run time too, after the other changes).
func (c *checker) dedicatedAppServer(op *config.OnPremises) {
	o := config.EffectiveOAuth(op.OAuth, c.cfg.ExchangeOnline.HybridApplication)
	if o == nil || !pstext.IsTrue(o.DedicatedApplication) || len(o.AuthServers) > 0 {
		return
	}
	c.diags.Errorf(o.KeyPos("dedicatedApplication"), diag.CodeDedicatedAppServer,
		"the dedicated Exchange hybrid application is on but onPremises.oauth.authServers declares no auth server: declare the tenant's Entra ID auth server (name EvoSts - <tenant id>, authMetadataUrl https://login.microsoftonline.com/<tenant id>/federationmetadata/2007-06/federationmetadata.xml); its applicationIdentifier defaults to exchangeOnline.hybridApplication.appId")
}

// dedicatedAppSharingEpr warns when the dedicated application is declared
// and an enabled on-premises relationship towards Exchange Online has no
// targetSharingEpr: Microsoft's ConfigureExchangeHybridApplication.ps1
// (-FullyConfigureExchangeHybridApplication, -ConfigureTargetSharingEpr)
// sets it on such relationships to the EWS URL Autodiscover v2 returns for
// the tenant, so that Autodiscover v1 is no longer used.
func (c *checker) dedicatedAppSharingEpr(op *config.OnPremises) {
	if op.OAuth == nil || !pstext.IsTrue(op.OAuth.DedicatedApplication) {
		return
	}
	ews := kinds.CloudEWSURL(string(c.cfg.ExchangeOnline.Tenant))
	for i := range op.OrganizationRelationships {
		r := &op.OrganizationRelationships[i]
		if !kinds.LacksSharingEpr(r) {
			continue
		}
		c.diags.Warnf(r.ValuePos("name"), diag.CodeDedicatedAppSharing,
			"the dedicated Exchange hybrid application is declared, but the relationship %q towards Exchange Online has no targetSharingEpr: Microsoft's ConfigureExchangeHybridApplication.ps1 sets it to the EWS URL Autodiscover v2 returns for the tenant, so that Autodiscover v1 is no longer used; declare targetSharingEpr: %s", r.Name, ews)
		c.diags.Relate(op.OAuth.ValuePos("dedicatedApplication"), "declared here")
	}
}

// parseBuild splits 15.minor.build.revision; ok is false for any other form.
func parseBuild(b config.Build) (minor, build, rev int, ok bool) {
	parts := strings.Split(string(b), ".")
	if len(parts) != 4 || parts[0] != "15" {
		return 0, 0, 0, false
	}
	var n [3]int
	for i, p := range parts[1:] {
		v, err := strconv.Atoi(p)
		if err != nil {
			return 0, 0, 0, false
		}
		n[i] = v
	}
	return n[0], n[1], n[2], true
}

// buildVersion is the exchangeVersion a build belongs to.
func buildVersion(minor, build int) config.ExchangeVersion {
	switch {
	case minor == 0:
		return "2013"
	case minor == 1:
		return "2016"
	case minor == 2 && build >= firstSEBuild:
		return "SE"
	case minor == 2:
		return "2019"
	}
	return ""
}

// canUseDedicatedApp reports whether a build can use the dedicated
// Exchange hybrid application.
func canUseDedicatedApp(minor, build, rev int) bool {
	if minor == 2 && build >= firstSEBuild {
		return true
	}
	first, known := minimumBuild[strconv.Itoa(minor)+"."+strconv.Itoa(build)]
	return known && rev >= first
}

// build checks onPremises.build against exchangeVersion, and the builds
// that can use the dedicated application when it is declared.
func (c *checker) build(op *config.OnPremises) {
	app := c.cfg.ExchangeOnline.HybridApplication
	o := config.EffectiveOAuth(op.OAuth, app)
	dedicated := o != nil && pstext.IsTrue(o.DedicatedApplication)
	if op.Build == "" {
		if dedicated && op.ExchangeVersion != "SE" {
			c.diags.Errorf(o.ValuePos("dedicatedApplication"), diag.CodeDedicatedAppNoBuild,
				"the dedicated Exchange hybrid application needs %s; declare onPremises.build (Get-ExchangeServer: AdminDisplayVersion) so that validate can tell whether Exchange %s's servers can use it", buildsThatCan, op.ExchangeVersion)
		}
		return
	}
	pos := op.ValuePos("build")
	minor, build, rev, ok := parseBuild(op.Build)
	if !ok {
		return // the schema's pattern reports it
	}
	if v := buildVersion(minor, build); v != op.ExchangeVersion {
		c.diags.Errorf(pos, diag.CodeBuildVersion, "build %s is Exchange %s, but exchangeVersion is %s: declare the build of the hybrid servers and their version", op.Build, orUnknown(v), op.ExchangeVersion)
		return
	}
	if dedicated && !canUseDedicatedApp(minor, build, rev) {
		c.diags.Errorf(pos, diag.CodeDedicatedAppBuild,
			"build %s cannot use the dedicated Exchange hybrid application (oauth.dedicatedApplication): install the April 2025 hotfix update or later on a supported cumulative update, or Exchange Server SE; the builds that can: %s", op.Build, buildsThatCan)
		c.diags.Relate(o.ValuePos("dedicatedApplication"), declaredOrImplied(op.OAuth, app))
	}
}

// declaredOrImplied says where the dedicated application is turned on:
// by oauth.dedicatedApplication, or by exchangeOnline.hybridApplication.
func declaredOrImplied(o *config.OAuth, app *config.HybridApplication) string {
	if config.DedicatedAppImplied(o, app) {
		return "implied by exchangeOnline.hybridApplication"
	}
	return "declared here"
}

func orUnknown(v config.ExchangeVersion) string {
	if v == "" {
		return "of no known version"
	}
	return string(v)
}

// day parses a declared date; ok is false when the schema refused it.
func day(d config.Date) (time.Time, bool) {
	t, err := time.Parse("2006-01-02", string(d))
	return t, err == nil
}

// authCertificate checks the declared auth certificate's dates against
// today, and the next certificate's against the current one's.
func (c *checker) authCertificate(ac *config.AuthCertificate) {
	notAfter, ok := day(ac.NotAfter)
	if !ok {
		return
	}
	today := Today().Truncate(24 * time.Hour)
	pos := ac.ValuePos("notAfter")
	covered := false // a next certificate takes over before the current one expires
	if n := ac.Next; n != nil {
		eff, ok1 := day(n.EffectiveDate)
		nextAfter, ok2 := day(n.NotAfter)
		switch {
		case !ok1 || !ok2:
		case strings.EqualFold(string(n.Thumbprint), string(ac.Thumbprint)):
			c.diags.Errorf(n.ValuePos("thumbprint"), diag.CodeAuthCertNextDates, "the next auth certificate is the current one (%s): declare the thumbprint of the new certificate", ac.Thumbprint)
		case !eff.Before(notAfter):
			c.diags.Errorf(n.ValuePos("effectiveDate"), diag.CodeAuthCertNextDates, "the next auth certificate takes over on %s, not before the current one expires (%s): OAuth stops in between; choose an earlier effectiveDate", n.EffectiveDate, ac.NotAfter)
		case !eff.Before(nextAfter):
			c.diags.Errorf(n.ValuePos("effectiveDate"), diag.CodeAuthCertNextDates, "the next auth certificate takes over on %s but expires on %s", n.EffectiveDate, n.NotAfter)
		default:
			covered = true
		}
	}
	left := int(notAfter.Sub(today).Hours() / 24)
	switch {
	case left < 0 && !covered:
		c.diags.Errorf(pos, diag.CodeAuthCertExpired, "Exchange's auth certificate %s expired on %s: OAuth with Exchange Online (free/busy, MailTips, photos) has stopped. Do not wait 48 hours: as Microsoft's procedure for an expired auth certificate says, create a new one (New-ExchangeCertificate -KeySize 2048 -PrivateKeyExportable $true -SubjectName 'cn=Microsoft Exchange Server Auth Certificate' -DomainName @() -Services SMTP), make it effective now (Set-AuthConfig -NewCertificateThumbprint <thumbprint> -NewCertificateEffectiveDate (Get-Date); then Set-AuthConfig -PublishCertificate and Set-AuthConfig -ClearPreviousCertificate), recycle the MSExchangeOWAAppPool and MSExchangeECPAppPool application pools, upload it to the dedicated Exchange hybrid application (its key credential) if it is used, and declare it as the current certificate", ac.Thumbprint, ac.NotAfter)
	case left < 0:
		c.diags.Errorf(pos, diag.CodeAuthCertExpired, "Exchange's auth certificate %s expired on %s and the next one has taken over: declare the next certificate as the current one", ac.Thumbprint, ac.NotAfter)
	case left <= authCertWarnDays && !covered:
		c.diags.Warnf(pos, diag.CodeAuthCertExpiring, "Exchange's auth certificate %s expires on %s, in %d days, and no next certificate takes over before then: create one and declare it under next (effectiveDate at least 48 hours ahead), then update the dedicated Exchange hybrid application's key credential", ac.Thumbprint, ac.NotAfter, left)
	}
}

// connectorDomains warns when an intra-organization connector leaves out
// the other organization's main domains.
func (c *checker) connectorDomains(op *config.OnPremises) {
	routing := string(c.cfg.ExchangeOnline.RoutingDomain)
	for i := range op.IntraOrganizationConnectors {
		ioc := &op.IntraOrganizationConnectors[i]
		if routing != "" && !pstext.ContainsFold(texts(kinds.ConnectorDomains(ioc)), routing) {
			c.diags.Warnf(ioc.ValuePos("targetAddressDomains"), diag.CodeConnectorDomains,
				"the intra-organization connector %q does not list the tenant's routing domain %s: OAuth lookups of Exchange Online mailboxes do not use it", ioc.Name, routing)
		}
	}
	for i := range c.cfg.ExchangeOnline.IntraOrganizationConnectors {
		ioc := &c.cfg.ExchangeOnline.IntraOrganizationConnectors[i]
		for _, d := range op.PrimarySmtpDomains {
			if !pstext.ContainsFold(texts(kinds.ConnectorDomains(ioc)), string(d)) {
				c.diags.Warnf(ioc.ValuePos("targetAddressDomains"), diag.CodeConnectorDomains,
					"the intra-organization connector %q does not list the on-premises domain %s: OAuth lookups of its on-premises mailboxes do not use it", ioc.Name, d)
			}
		}
	}
}

func texts(in []config.DomainName) []string {
	out := make([]string, len(in))
	for i, d := range in {
		out[i] = string(d)
	}
	return out
}
