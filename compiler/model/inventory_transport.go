package model

import (
	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
)

// The kinds of the connectors' TLS certificates (engine-transport).
const (
	KindReceiveConnector  = kinds.ReceiveConnectorName
	KindInboundConnector  = kinds.InboundConnectorName
	KindOutboundConnector = kinds.OutboundConnectorName
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

// OnlineConnectors adds Exchange Online's inbound and outbound connectors
// with their fixed settings.
func (inv *Inventory) OnlineConnectors(t *Target, in []config.InboundConnector, out []config.OutboundConnector) {
	for i := range in {
		c := &in[i]
		inv.Add(&Resource{Kind: KindInboundConnector, Name: string(c.Name), Target: t, Meta: &c.Meta, Spec: c,
			Props: kinds.InboundSettings(c)})
	}
	for i := range out {
		c := &out[i]
		inv.Add(&Resource{Kind: KindOutboundConnector, Name: string(c.Name), Target: t, Meta: &c.Meta, Spec: c,
			Props: kinds.OutboundSettings(c)})
	}
}
