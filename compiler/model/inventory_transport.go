package model

import (
	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
)

// The kinds of the connectors' TLS certificates (engine-transport).
const (
	KindReceiveConnector = kinds.ReceiveConnectorName
)

// ReceiveConnectors adds the on-premises receive connectors, named by
// their identity.
func (inv *Inventory) ReceiveConnectors(t *Target, list []config.ReceiveConnector) {
	for i := range list {
		rc := &list[i]
		inv.Add(&Resource{Kind: KindReceiveConnector, Name: string(rc.Identity), Target: t, Meta: &rc.Meta, Spec: rc,
			Props: kinds.ReceiveConnector.Properties(rc)})
	}
}
