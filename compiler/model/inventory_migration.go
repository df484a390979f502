package model

import (
	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
)

// KindMRSProxy is the kind of an EWS virtual directory's MRS proxy.
const KindMRSProxy = kinds.MRSProxyName

// KindMigrationEndpoint is the kind of an online migration endpoint.
const KindMigrationEndpoint = kinds.MigrationEndpointName

// MRSProxies adds the on-premises virtual directories' MRS proxy settings,
// each named by its identity.
func (inv *Inventory) MRSProxies(t *Target, list []config.MRSProxy) {
	for i := range list {
		m := &list[i]
		inv.Add(&Resource{Kind: KindMRSProxy, Name: string(m.Identity), Target: t, Meta: &m.Meta, Spec: m,
			Props: kinds.MRSProxy.Properties(m)})
	}
}

// MigrationEndpoints adds the tenant's migration endpoints.
func (inv *Inventory) MigrationEndpoints(t *Target, list []config.MigrationEndpoint) {
	for i := range list {
		e := &list[i]
		inv.Add(&Resource{Kind: KindMigrationEndpoint, Name: string(e.Name), Target: t, Meta: &e.Meta, Spec: e,
			Props: kinds.MigrationEndpoint.Properties(e)})
	}
}
