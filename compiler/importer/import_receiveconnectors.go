package importer

import (
	"slices"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/state"
)

// skipReceiveConnector is the Left out reason of a receive connector
// without a TLS certificate a configuration can name, or without a
// <server>\<name> identity.
const skipReceiveConnector = "receive connectors without a TLS certificate as <I>issuer<S>subject or a <server>\\<name> identity"

// ReceiveConnectors are the on-premises receive connectors that present a
// TLS certificate (the wizard sets the Default Frontend connectors'), by
// identity, each with its certificate as the value it has: import cannot
// tell a certificate's expiry, so it declares no certificates: entry.
// Connectors of one identity (ordinal, ignoring case) are kept once.
func (im *importer) ReceiveConnectors(st *state.State) []config.ReceiveConnector {
	var out []config.ReceiveConnector
	seen := map[string]bool{}
	for i := range st.ReceiveConnectors {
		s := &st.ReceiveConnectors[i]
		rc := config.ReceiveConnector{Identity: config.Identity(s.Identity)}
		kinds.ReceiveConnector.Import(s, &rc)
		_, current := kinds.ReceiveCertificate(&rc, s)
		key := model.FoldIdentity(s.Identity)
		if !strings.Contains(s.Identity, `\`) || !kinds.ValidCertificateName(current) || seen[key] {
			im.Skip(skipReceiveConnector)
			continue
		}
		seen[key] = true
		out = append(out, rc)
	}
	slices.SortFunc(out, func(a, b config.ReceiveConnector) int { return strings.Compare(string(a.Identity), string(b.Identity)) })
	return out
}

// writeReceiveConnectors writes the on-premises receive connectors.
func writeReceiveConnectors(w *yamlWriter, list []config.ReceiveConnector) {
	writeItems(w, "receiveConnectors", "identity", list, func(c *config.ReceiveConnector) string { return string(c.Identity) }, kinds.ReceiveConnector.Declared)
}

// skipOnlineConnector is the Left out reason of an Exchange Online
// connector import cannot declare as it is.
const skipOnlineConnector = "Exchange Online connectors (OnPremises, CloudServicesMailEnabled) with a certificate domain, smart host or recipient domain that is no plain domain or host (wildcards), or a duplicate name"

// OnlineConnectors are Exchange Online's hybrid inbound and outbound
// connectors (ConnectorType OnPremises, CloudServicesMailEnabled) under
// their names, with their settings as the values they have, sorted by
// name.
func (im *importer) OnlineConnectors(st *state.State) ([]config.InboundConnector, []config.OutboundConnector) {
	var in []config.InboundConnector
	var out []config.OutboundConnector
	seen := map[string]bool{}
	for i := range st.InboundConnectors {
		s := &st.InboundConnectors[i]
		if !kinds.HybridInbound(s) {
			continue
		}
		c := config.InboundConnector{Name: config.Name(s.Name)}
		kinds.InboundConnector.Import(s, &c)
		if key := "in " + model.FoldIdentity(s.Name); seen[key] || !kinds.ImportableInbound(&c) {
			im.Skip(skipOnlineConnector)
			continue
		} else {
			seen[key] = true
		}
		in = append(in, c)
	}
	for i := range st.OutboundConnectors {
		s := &st.OutboundConnectors[i]
		if !kinds.HybridOutbound(s) {
			continue
		}
		c := config.OutboundConnector{Name: config.Name(s.Name)}
		kinds.OutboundConnector.Import(s, &c)
		if key := "out " + model.FoldIdentity(s.Name); seen[key] || !kinds.ImportableOutbound(&c) {
			im.Skip(skipOnlineConnector)
			continue
		} else {
			seen[key] = true
		}
		out = append(out, c)
	}
	slices.SortFunc(in, func(a, b config.InboundConnector) int { return strings.Compare(string(a.Name), string(b.Name)) })
	slices.SortFunc(out, func(a, b config.OutboundConnector) int { return strings.Compare(string(a.Name), string(b.Name)) })
	return in, out
}

// writeOnlineConnectors writes Exchange Online's connectors.
func writeOnlineConnectors(w *yamlWriter, in []config.InboundConnector, out []config.OutboundConnector) {
	writeItems(w, "inboundConnectors", "name", in, func(c *config.InboundConnector) string { return string(c.Name) }, kinds.InboundConnector.Declared)
	writeItems(w, "outboundConnectors", "name", out, func(c *config.OutboundConnector) string { return string(c.Name) }, kinds.OutboundConnector.Declared)
}
