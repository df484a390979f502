package statediff

import (
	"fmt"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/state"
)

// receiveConnector finds the connector by its identity (<server>\<name>,
// ignoring case) as Sync-HybridcReceiveConnector does: the script never
// creates one, so a missing connector fails, as do several of one
// identity; the certificate is compared as Exchange renders it.
func (c *stateComparer) receiveConnector(r *model.Resource) (ScriptStatus, []PropertyChange) {
	st := c.recipients.St
	var found []*state.ReceiveConnector
	for i := range st.ReceiveConnectors {
		if model.SameIdentity(st.ReceiveConnectors[i].Identity, r.Name) {
			found = append(found, &st.ReceiveConnectors[i])
		}
	}
	switch len(found) {
	case 0:
		c.unresolved(r, "no such receive connector (the script sets receive connectors, it never creates one)")
		return ScriptAdded, nil
	case 1:
	default:
		names := make([]string, len(found))
		for i, f := range found {
			names[i] = f.Identity
		}
		c.unresolved(r, fmt.Sprintf("several receive connectors have the identity '%s': '%s'", r.Name, strings.Join(names, "', '")))
	}
	spec, rc := r.Spec.(*config.ReceiveConnector), found[0]
	param := kinds.ReceiveConnector.Param("tlsCertificateName")
	return status(c.compareProperties(r, r.Properties(), func(name string) any {
		declared, current := kinds.ReceiveCertificate(spec, rc)
		if name == param && current != "" && model.CertificateName(current) == model.CertificateName(declared) {
			return declared // the same certificate, rendered otherwise
		}
		return kinds.ReceiveConnector.Current(rc, name)
	}))
}
