package model

import (
	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
)

// KindIntraOrganizationConnector is an OAuth connector towards the other
// organization.
const KindIntraOrganizationConnector = kinds.IntraOrganizationConnectorName

// IntraOrganizationConnectors adds one organization's OAuth connectors.
func (inv *Inventory) IntraOrganizationConnectors(t *Target, list []config.IntraOrganizationConnector) {
	for i := range list {
		c := &list[i]
		inv.Add(&Resource{Kind: KindIntraOrganizationConnector, Name: string(c.Name), Target: t, Meta: &c.Meta, DependsOn: c.DependsOn, Spec: c,
			Props: kinds.IntraOrganizationConnector.Properties(c)})
	}
}
