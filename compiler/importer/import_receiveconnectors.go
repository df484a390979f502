package importer

import (
	"slices"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
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
	if len(list) == 0 {
		return
	}
	w.Line(1, "receiveConnectors:")
	for i := range list {
		w.Line(2, "- identity: %s", pstext.YAMLString(string(list[i].Identity)))
		w.settings(3, kinds.ReceiveConnector.Declared(&list[i]))
	}
}
