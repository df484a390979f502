package model

import (
	"strconv"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// The OAuth kinds (templates/engine-oauth.ps1.tmpl).
const (
	KindIntraOrganizationConnector = kinds.IntraOrganizationConnectorName
	KindAuthServer                 = kinds.AuthServerName
	KindDedicatedApplication       = kinds.DedicatedApplicationName
	KindPartnerApplication         = kinds.PartnerApplicationName
	KindAuthCertificate            = kinds.AuthCertificateName
)

// OAuth adds the on-premises auth servers and the setting override of the
// dedicated Exchange hybrid application.
func (inv *Inventory) OAuth(t *Target, o *config.OAuth) {
	if o == nil {
		return
	}
	for i := range o.AuthServers {
		a := &o.AuthServers[i]
		inv.Add(&Resource{Kind: KindAuthServer, Name: string(a.Name), Target: t, Meta: &a.Meta, Spec: a,
			Props: kinds.AuthServer.Properties(a)})
	}
	if o.DedicatedApplication != nil {
		inv.Add(&Resource{Kind: KindDedicatedApplication, Name: kinds.DedicatedAppOverrideName, Target: t, Meta: &o.Meta, Spec: o,
			Props: kinds.DedicatedApplication.Properties(o)})
	}
	if p := o.PartnerApplication; p != nil {
		inv.Add(&Resource{Kind: KindPartnerApplication, Name: kinds.ExchangeOnlinePartnerApplication, Target: t, Meta: &p.Meta, Spec: p,
			Props: kinds.PartnerApplication.Properties(p)})
	}
}

// IntraOrganizationConnectors adds one organization's OAuth connectors.
func (inv *Inventory) IntraOrganizationConnectors(t *Target, list []config.IntraOrganizationConnector) {
	for i := range list {
		c := &list[i]
		inv.Add(&Resource{Kind: KindIntraOrganizationConnector, Name: string(c.Name), Target: t, Meta: &c.Meta, DependsOn: c.DependsOn, Spec: c,
			Props: kinds.IntraOrganizationConnector.Properties(c)})
	}
}

// AuthCertificate adds Exchange's auth certificate, named by its declared
// thumbprint: the next certificate, when declared, is its properties
// (Set-AuthConfig -NewCertificateThumbprint -NewCertificateEffectiveDate).
func (inv *Inventory) AuthCertificate(t *Target, ac *config.AuthCertificate) {
	if ac == nil {
		return
	}
	var ps []Property
	if n := ac.Next; n != nil {
		ps = append(ps, Property{Name: "NewCertificateThumbprint", Value: string(n.Thumbprint)},
			Property{Name: "NewCertificateEffectiveDate", Value: string(n.EffectiveDate)})
	}
	inv.Add(&Resource{Kind: KindAuthCertificate, Name: string(ac.Thumbprint), Target: t, Meta: &ac.Meta, Spec: ac, Props: ps})
}

// authCertificateData writes the declared current thumbprint and the
// notice period of its expiry; the properties follow.
func authCertificateData(m *pstext.PSMap, r *Resource) bool {
	m.Set("Name", r.Name)
	m.Set("WarnDays", strconv.Itoa(kinds.AuthCertificateWarnDays))
	return false
}
