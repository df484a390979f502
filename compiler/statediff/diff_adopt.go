package statediff

import (
	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/model"
)

// adoptionWarning is what plan (YAML to YAML) says of a new resource the
// script may take over instead of creating: the wizard's object, adopted
// and managed under its own name when the organization has none of the
// declared name ("" for a resource that never takes one over). plan
// --state says which one it takes ("exists as '<name>'").
func adoptionWarning(r *model.Resource) string {
	switch r.Kind {
	case kinds.InboundConnectorName:
		return "may take over the wizard's connector ('Inbound from <GUID>', managed under its own name) when the tenant has none of the declared name; plan --state says which"
	case kinds.OutboundConnectorName:
		return "may take over the wizard's connector ('Outbound to <GUID>', managed under its own name) when the tenant has none of the declared name; plan --state says which"
	case kinds.SendConnectorName:
		if sc, ok := r.Spec.(*config.SendConnector); ok && kinds.Adopts(sc.Adopt) {
			return "may take over the wizard's send connector (managed under its own name) when the organization has none of the declared name (adopt: false opts out); plan --state says which"
		}
	case kinds.OrganizationRelationshipName:
		if r.Relationship != nil && kinds.Adopts(r.Relationship.Adopt) {
			which := "one listing a declared domain"
			if r.WizardPrefix != "" {
				which += ", or the wizard's by its name"
			}
			return "may take over an existing relationship (" + which + "; managed under its own name) when none has the declared name (adopt: false opts out); plan --state says which"
		}
	}
	return ""
}
