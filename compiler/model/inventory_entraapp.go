package model

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"

	"github.com/hybridc/hybridc/compiler/pstext"
)

// Kinds of the dedicated Exchange hybrid application (entra-app.ps1).
const (
	KindHybridApplication        = kinds.HybridApplicationName
	KindHybridServicePrincipal   = kinds.HybridServicePrincipalName
	KindHybridAppPermission      = kinds.HybridAppPermissionName
	KindHybridKeyCredential      = kinds.HybridKeyCredentialName
	KindFirstPartyKeyCredentials = kinds.FirstPartyKeyCredentialsName
)

// EntraAppScript is the script that brings the dedicated Exchange hybrid
// application in Entra ID to the declared state (Microsoft Graph).
const EntraAppScript = "entra-app.ps1"

// HybridAppPermissions are the declared application permissions of a
// hybrid application as app roles, Exchange Online's first, in the
// configuration's order; a name the table does not know is left out (the
// schema refuses it).
func HybridAppPermissions(app *config.HybridApplication) []kinds.AppRole {
	var out []kinds.AppRole
	for _, p := range app.ExchangePermissions {
		if r, ok := kinds.AppRoleOf(kinds.ExchangeOnlineAppID, string(p)); ok {
			out = append(out, r)
		}
	}
	for _, p := range app.GraphPermissions {
		if r, ok := kinds.AppRoleOf(kinds.MicrosoftGraphAppID, string(p)); ok {
			out = append(out, r)
		}
	}
	return out
}

// HybridAppCertificate is one declared auth certificate: its thumbprint in
// upper case, which of the two it is, and its dates.
type HybridAppCertificate struct {
	Thumbprint, Role, EffectiveDate, NotAfter string
	Meta                                      *config.Meta
}

// HybridAppCertificates are the declared auth certificates, the current
// one first.
func HybridAppCertificates(op *config.OnPremises) []HybridAppCertificate {
	if op == nil || op.AuthCertificate == nil {
		return nil
	}
	ac := op.AuthCertificate
	out := []HybridAppCertificate{{Thumbprint: strings.ToUpper(string(ac.Thumbprint)), Role: "current", NotAfter: string(ac.NotAfter), Meta: &ac.Meta}}
	if n := ac.Next; n != nil {
		out = append(out, HybridAppCertificate{Thumbprint: strings.ToUpper(string(n.Thumbprint)), Role: "next",
			EffectiveDate: string(n.EffectiveDate), NotAfter: string(n.NotAfter), Meta: &n.Meta})
	}
	return out
}

// HybridApp adds entra-app.ps1 and its resources when the configuration
// declares exchangeOnline.hybridApplication: the application, its service
// principal, each permission, each auth certificate as a key credential,
// and the clean-up of the shared service principal when asked for.
func (inv *Inventory) HybridApp(cfg *config.Config) {
	app := cfg.ExchangeOnline.HybridApplication
	if app == nil {
		return
	}
	tenant := string(cfg.ExchangeOnline.Tenant)
	t := inv.target(&Target{File: EntraAppScript, EntraApp: true, Organization: tenant,
		Title: "the dedicated Exchange hybrid application in the Entra ID of " + tenant})
	name := string(app.DisplayName)
	appProps := []Property{{Name: "DisplayName", Value: name}}
	if app.AppID != "" {
		appProps = append(appProps, Property{Name: "AppId", Value: strings.ToLower(string(app.AppID))})
	}
	var perms []string
	for _, r := range HybridAppPermissions(app) {
		perms = append(perms, r.API+": "+r.Value)
	}
	appProps = append(appProps, Property{Name: "Permissions", Value: perms, Compare: CompareSuperset})
	inv.Add(&Resource{Kind: KindHybridApplication, Name: name, Target: t, Meta: &app.Meta, Spec: app, Props: appProps})
	inv.Add(&Resource{Kind: KindHybridServicePrincipal, Name: name, Target: t, Meta: &app.Meta, Spec: app,
		Props: []Property{{Name: "AppId", Value: "(the application's)"}}})
	for _, r := range HybridAppPermissions(app) {
		inv.Add(&Resource{Kind: KindHybridAppPermission, Name: r.Value, Target: t, Meta: &app.Meta, Spec: r,
			Props: []Property{{Name: "ResourceId", Value: r.API}, {Name: "AppRoleId", Value: r.ID}}})
	}
	certs := HybridAppCertificates(cfg.OnPremises)
	var thumbprints []string
	for i := range certs {
		c := &certs[i]
		thumbprints = append(thumbprints, c.Thumbprint)
		inv.Add(&Resource{Kind: KindHybridKeyCredential, Name: c.Thumbprint, Target: t, Meta: c.Meta, Spec: c,
			Props: []Property{{Name: "CustomKeyIdentifier", Value: c.Thumbprint}, {Name: "Usage", Value: "Verify"}}})
	}
	if pstext.IsTrue(app.CleanUpFirstPartyKeyCredentials) && len(thumbprints) > 0 {
		inv.Add(&Resource{Kind: KindFirstPartyKeyCredentials, Target: t, Meta: &app.Meta, Spec: app,
			Props: []Property{{Name: "Thumbprints", Value: thumbprints, Compare: CompareSet}}})
	}
}

// hybridAppData are the data items of the hybrid application's kinds.
func hybridAppData(m *pstext.PSMap, r *Resource) bool {
	switch r.Kind {
	case KindHybridApplication, KindHybridServicePrincipal:
		app := r.Spec.(*config.HybridApplication)
		m.Set("Name", string(app.DisplayName))
		m.Set("AppId", strings.ToLower(string(app.AppID)))
		if r.Kind == KindHybridApplication {
			var access pstext.PSList
			for _, p := range HybridAppPermissions(app) {
				access = append(access, appRoleData(p))
			}
			m.Set("Permissions", access)
		}
	case KindHybridAppPermission:
		for _, kv := range appRoleData(r.Spec.(kinds.AppRole)) {
			m.Set(kv.Key, kv.Value)
		}
	case KindHybridKeyCredential:
		c := r.Spec.(*HybridAppCertificate)
		m.Set("Thumbprint", c.Thumbprint)
		m.Set("Role", c.Role)
		m.Set("EffectiveDate", c.EffectiveDate)
		m.Set("NotAfter", c.NotAfter)
	case KindFirstPartyKeyCredentials:
		m.Set("Thumbprints", r.Props[0].Value)
		m.Set("ResourceAppId", kinds.ExchangeOnlineAppID)
	}
	return true
}

// appRoleData is an app role as a data item's keys.
func appRoleData(p kinds.AppRole) pstext.PSMap {
	return pstext.PSMap{{Key: "Api", Value: p.API}, {Key: "ResourceAppId", Value: p.ResourceAppID}, {Key: "Value", Value: p.Value}, {Key: "AppRoleId", Value: p.ID}}
}
