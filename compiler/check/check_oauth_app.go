package check

import (
	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// dedicatedAppSource checks that onPremises.oauth and
// exchangeOnline.hybridApplication say the same of the dedicated Exchange
// hybrid application: the feature is not turned off while the application
// is declared (HC0375), and an auth server names the declared application
// (HC0374). What they leave out the other implies (config.EffectiveOAuth).
func (c *checker) dedicatedAppSource(op *config.OnPremises) {
	app := c.cfg.ExchangeOnline.HybridApplication
	if app == nil || op.OAuth == nil {
		return
	}
	o := op.OAuth
	if o.DedicatedApplication != nil && !*o.DedicatedApplication {
		c.diags.Errorf(o.ValuePos("dedicatedApplication"), diag.CodeDedicatedAppOff,
			"oauth.dedicatedApplication is false, but exchangeOnline.hybridApplication declares the dedicated Exchange hybrid application: Exchange Server would keep using the shared Office 365 Exchange Online service principal; leave dedicatedApplication out (the application turns it on) or remove hybridApplication")
		c.diags.Relate(app.Pos(), "the application is declared here")
	}
	if app.AppID == "" {
		return
	}
	for i := range o.AuthServers {
		a := &o.AuthServers[i]
		if other := a.OtherApplication(app.AppID); other != "" {
			c.diags.Errorf(a.ValuePos("applicationIdentifier"), diag.CodeAuthServerAppID,
				"the auth server %s names the application %s, but exchangeOnline.hybridApplication.appId is %s: Exchange Server would request tokens for another application than the one entra-app.ps1 manages; leave applicationIdentifier out (it is the application's appId) or make them equal",
				pstext.Quote(string(a.Name)), other, app.AppID)
			c.diags.Relate(app.ValuePos("appId"), "the application's appId")
		}
	}
}
