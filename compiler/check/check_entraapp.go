package check

import (
	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// hybridApplication checks what entra-app.ps1 needs: at least one
// permission, and Exchange's auth certificate as the key credential
// (Microsoft Learn, "Deploy dedicated Exchange hybrid app").
func (c *checker) hybridApplication() {
	app := c.cfg.ExchangeOnline.HybridApplication
	if app == nil {
		return
	}
	if len(app.ExchangePermissions)+len(app.GraphPermissions) == 0 {
		c.diags.Errorf(app.Pos(), diag.CodeHybridAppPermissions,
			"hybridApplication declares no permission: Exchange Server uses the application for EWS (exchangePermissions: [full_access_as_app]) or, from the May 2026 hotfix update, Microsoft Graph (graphPermissions)")
	} else if len(app.ExchangePermissions) == 0 {
		c.diags.Warnf(app.KeyPos("graphPermissions"), diag.CodeHybridAppGraphOnly,
			"hybridApplication is granted Microsoft Graph permissions only: Exchange Server uses them from the May 2026 hotfix update; servers of earlier builds need exchangePermissions: [full_access_as_app] for free/busy, MailTips and photos")
	}
	c.hybridAppCleanUp()
	if op := c.cfg.OnPremises; op == nil || op.AuthCertificate == nil {
		c.diags.Errorf(app.Pos(), diag.CodeHybridAppCertificate,
			"hybridApplication needs onPremises.authCertificate (thumbprint, and next during a renewal): Exchange signs its tokens with that certificate, which entra-app.ps1 adds to the application as its key credential")
	}
}

// hybridAppCleanUp refuses cleanUpFirstPartyKeyCredentials unless the
// on-premises organization uses the dedicated application
// (onPremises.oauth.dedicatedApplication: true; build's check says whether
// its servers can): removing the auth certificate from the shared Office 365
// Exchange Online service principal while Exchange still signs its tokens
// for it breaks free/busy, MailTips and photos.
func (c *checker) hybridAppCleanUp() {
	app := c.cfg.ExchangeOnline.HybridApplication
	if !pstext.IsTrue(app.CleanUpFirstPartyKeyCredentials) {
		return
	}
	op := c.cfg.OnPremises
	if op != nil && op.OAuth != nil && pstext.IsTrue(op.OAuth.DedicatedApplication) {
		return
	}
	c.diags.Errorf(app.ValuePos("cleanUpFirstPartyKeyCredentials"), diag.CodeHybridAppCleanUp,
		"cleanUpFirstPartyKeyCredentials removes Exchange's auth certificate from the shared Office 365 Exchange Online service principal, which Exchange Server uses until it uses the dedicated application: declare onPremises.oauth.dedicatedApplication: true (on a build that can use it), or leave the clean-up out")
}
