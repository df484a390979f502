package model

import (
	"strconv"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// Federation adds the federation trust and the federated organization
// identifier when onPremises.federation is declared: first in onprem.ps1,
// so that its report comes before any change.
func (inv *Inventory) Federation(t *Target, op *config.OnPremises) {
	f := op.Federation
	if f == nil {
		return
	}
	ps := kinds.FederationTrust.Properties(f)
	if domains := kinds.FederationDomains(f); len(domains) > 0 {
		ps = append(ps, Property{Name: "Domains", Value: domains, Compare: CompareSuperset, Additive: true})
	}
	inv.Add(&Resource{Kind: KindFederationTrust, Name: string(f.Trust), Target: t, Meta: &f.Meta, Spec: op, Props: ps})
}

// federationData writes the trust's name, the declared account namespace
// and the certificate's notice period; the properties follow.
func federationData(m *pstext.PSMap, r *Resource) bool {
	op := r.Spec.(*config.OnPremises)
	m.Set("Name", r.Name)
	m.Set("AccountNamespace", string(kinds.OnPremisesAccountNamespace(op)))
	m.Set("CertificateDays", strconv.Itoa(kinds.FederationCertificateDays))
	return false
}
