package importer

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
	"github.com/hybridc/hybridc/compiler/state"
)

// importFederation declares the federation trust the export read (the
// wizard's, Microsoft Federation Gateway, when there are several), the
// identifier's state and its federated domains; nil when the export read
// no trust.
func importFederation(op *state.State) *config.Federation {
	if len(op.FederationTrusts) == 0 {
		return nil
	}
	trust := op.FederationTrusts[0].Name
	for _, t := range op.FederationTrusts {
		if strings.EqualFold(t.Name, "Microsoft Federation Gateway") {
			trust = t.Name
		}
	}
	f := &config.Federation{Trust: config.Name(trust)}
	kinds.FederationTrust.Import(op, f)
	for _, d := range op.FederatedDomains {
		d = strings.ToLower(d)
		if model.DomainPattern().MatchString(d) {
			f.FederatedDomains = append(f.FederatedDomains, config.FederatedDomain{Domain: config.DomainName(d)})
		}
	}
	return f
}

// writeFederation writes onPremises.federation.
func writeFederation(w *yamlWriter, f *config.Federation) {
	if f == nil {
		return
	}
	w.Line(1, "federation:")
	w.Str(2, "trust", string(f.Trust))
	w.settings(2, kinds.FederationTrust.Declared(f))
	if len(f.FederatedDomains) > 0 {
		w.Line(2, "federatedDomains:")
		for _, d := range f.FederatedDomains {
			w.Line(3, "- domain: %s", pstext.YAMLString(string(d.Domain)))
		}
	}
}

// meshLimit declares cloudMailboxesOnly on a partner of a hybrid
// organization that no on-premises relationship reaches: what the
// organization does now (the "hybrid mesh" limit, HC0365).
func meshLimit(op *config.OnPremises, p *config.Partner) {
	if op != nil && !kinds.RelationshipReaches(op.OrganizationRelationships, p.Domain) {
		t := true
		p.CloudMailboxesOnly = &t
	}
}
