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

// onlineConnector finds an Exchange Online connector as the engine's
// Find-HybridcOnlineConnector does: by name; else the one wizard
// connector (named 'Inbound from <GUID>' / 'Outbound to <GUID>') that no
// other declared connector of the kind names and no earlier one took over
// is adopted ("exists as"), several are refused, and none means the script
// creates it. It returns the index of the connector (-1: none, -2:
// several, which the script refuses).
func (c *stateComparer) onlineConnector(r *model.Resource, what string, names []string, wizardOf func(i int) bool) int {
	var wizard []int
	for i, n := range names {
		if model.SameIdentity(n, r.Name) {
			return i
		}
	}
	for i, n := range names {
		if wizardOf(i) && !c.taken[what+"/"+model.FoldIdentity(n)] && !c.declaredName(r.Kind, n) {
			wizard = append(wizard, i)
		}
	}
	switch len(wizard) {
	case 0:
		return -1
	case 1:
		if c.taken == nil {
			c.taken = map[string]bool{}
		}
		c.taken[what+"/"+model.FoldIdentity(names[wizard[0]])] = true
		c.warnings[r] = "exists as '" + names[wizard[0]] + "' (adopted: the wizard's connector, managed under its own name)"
		return wizard[0]
	}
	found := make([]string, len(wizard))
	for j, i := range wizard {
		found[j] = names[i]
	}
	c.unresolved(r, fmt.Sprintf("no %s connector has this name and several are the wizard's (OnPremises, CloudServicesMailEnabled): '%s'; rename the one to manage to the declared name or remove the others", what, strings.Join(found, "', '")))
	return -2
}

// declaredName reports whether a declared resource of the kind in the
// script has the name (the engine's Test-HybridcDeclaredName).
func (c *stateComparer) declaredName(kind, name string) bool {
	for _, o := range c.resources {
		if o.Kind == kind && model.SameIdentity(o.Name, name) {
			return true
		}
	}
	return false
}

// inboundConnector compares an inbound connector, found or adopted as
// the engine finds it.
func (c *stateComparer) inboundConnector(r *model.Resource) (ScriptStatus, []PropertyChange) {
	list := c.recipients.St.InboundConnectors
	names := make([]string, len(list))
	for i := range list {
		names[i] = list[i].Name
	}
	i := c.onlineConnector(r, "inbound", names, func(i int) bool { return kinds.WizardInbound(&list[i]) })
	switch i {
	case -1:
		return ScriptAdded, nil
	case -2:
		return ScriptUnchanged, nil // refused: the script changes nothing
	}
	return status(c.compareProperties(r, r.Properties(), func(name string) any { return kinds.InboundCurrent(&list[i], name) }))
}

// outboundConnector compares an outbound connector, found or adopted as
// the engine finds it.
func (c *stateComparer) outboundConnector(r *model.Resource) (ScriptStatus, []PropertyChange) {
	list := c.recipients.St.OutboundConnectors
	names := make([]string, len(list))
	for i := range list {
		names[i] = list[i].Name
	}
	i := c.onlineConnector(r, "outbound", names, func(i int) bool { return kinds.WizardOutbound(&list[i]) })
	switch i {
	case -1:
		return ScriptAdded, nil
	case -2:
		return ScriptUnchanged, nil // refused: the script changes nothing
	}
	return status(c.compareProperties(r, r.Properties(), func(name string) any { return kinds.OutboundCurrent(&list[i], name) }))
}
