package config

// EffectiveOAuth is onPremises.oauth as the scripts apply it, with what
// exchangeOnline.hybridApplication implies (one source of truth for the
// dedicated Exchange hybrid application):
//   - dedicatedApplication left out is true when the application is
//     declared (Microsoft's procedure turns the feature on once the
//     application exists), placed at the application;
//   - an auth server's applicationIdentifier left out is the application's
//     appId, when declared.
//
// A declared value is kept: a disagreement is validate's error (HC0374,
// HC0375). It returns o itself when nothing is implied, a copy otherwise;
// nil when neither is declared.
func EffectiveOAuth(o *OAuth, app *HybridApplication) *OAuth {
	if app == nil {
		return o
	}
	out := OAuth{Meta: app.Meta}
	if o != nil {
		out = *o
	}
	if out.DedicatedApplication == nil {
		on := true
		out.DedicatedApplication = &on
		if o != nil {
			// Positions of the implied value: the application's.
			out.Meta = app.Meta
		}
	}
	if app.AppID != "" && len(out.AuthServers) > 0 {
		servers := make([]AuthServer, len(out.AuthServers))
		copy(servers, out.AuthServers)
		for i := range servers {
			if servers[i].ApplicationIdentifier == "" {
				servers[i].ApplicationIdentifier = app.AppID
			}
		}
		out.AuthServers = servers
	}
	return &out
}

// DedicatedAppImplied reports whether the dedicated application's setting
// override is on because exchangeOnline.hybridApplication is declared, not
// because oauth.dedicatedApplication says so.
func DedicatedAppImplied(o *OAuth, app *HybridApplication) bool {
	return app != nil && (o == nil || o.DedicatedApplication == nil)
}
