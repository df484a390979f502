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

// skipAddressPolicy is the Left out reason of an email address policy
// without a coexistence template: hybridc declares a policy only for the
// templates it adds.
const skipAddressPolicy = "email address policies without a coexistence template (smtp:...@<tenant>.mail.onmicrosoft.com)"

// addressTemplate is config's AddressTemplate pattern, compiled on first use.
var addressTemplate = pstext.LazyRegexp(config.Patterns["AddressTemplate"].Pattern)

// AddressPolicies are the on-premises email address policies that have a
// coexistence template (a secondary smtp: template in a routing domain),
// each declaring those templates only, sorted by name: the policy's other
// templates are the organization's own, which the script keeps. The
// others are left out.
func (im *importer) AddressPolicies(st *state.State) []config.EmailAddressPolicy {
	var out []config.EmailAddressPolicy
	for i := range st.EmailAddressPolicies {
		s := &st.EmailAddressPolicies[i]
		kept := kinds.KeepTemplates(s, func(t string) bool {
			at := strings.LastIndexByte(t, '@')
			return addressTemplate().MatchString(t) && at > 0 && model.RoutingPattern().MatchString(t[at+1:])
		})
		p := config.EmailAddressPolicy{Name: config.Name(s.Name)}
		kinds.EmailAddressPolicy.Import(&kept, &p)
		if len(p.AddTemplates) == 0 {
			im.Skip(skipAddressPolicy)
			continue
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b config.EmailAddressPolicy) int { return strings.Compare(string(a.Name), string(b.Name)) })
	return out
}

// coexistenceAcceptedDomain declares coexistenceAcceptedDomain: true when
// the on-premises organization holds the tenant's routing domain as an
// accepted domain (as the wizard creates it), else nothing: an
// organization without one is left to the YAML's author.
func coexistenceAcceptedDomain(op *state.State, routing config.RoutingDomain) *bool {
	if routing == "" || !hasAccepted(op, string(routing)) {
		return nil
	}
	yes := true
	return &yes
}

// writeAddressPolicies writes the on-premises email address policies.
func writeAddressPolicies(w *yamlWriter, op *config.OnPremises) {
	w.Boolean(1, "coexistenceAcceptedDomain", op.CoexistenceAcceptedDomain)
	writeItems(w, "emailAddressPolicies", "name", op.EmailAddressPolicies, func(p *config.EmailAddressPolicy) string { return string(p.Name) }, kinds.EmailAddressPolicy.Declared)
}

// skipOnPremisesOrganization is the Left out reason of the tenant's
// further on-premises organization objects: the YAML declares one.
const skipOnPremisesOrganization = "on-premises organization objects after the first (the YAML declares one; review which belongs to this organization)"

// OnPremisesOrganization is the tenant's first on-premises organization
// object (the state's order), under its name, with every setting the state
// holds; the others are left out. nil when the tenant has none.
func (im *importer) OnPremisesOrganization(st *state.State) *config.OnPremisesOrganization {
	list := *kinds.OnPremisesOrganization.Listed.List(st)
	if len(list) == 0 {
		return nil
	}
	for range list[1:] {
		im.Skip(skipOnPremisesOrganization)
	}
	s := &list[0]
	o := &config.OnPremisesOrganization{Name: config.Name(s.Name), OrganizationGuid: config.GUID(kinds.OnPremisesOrganization.Listed.StateKey(s))}
	if strings.EqualFold(string(o.Name), string(o.OrganizationGuid)) {
		o.Name = ""
	}
	kinds.OnPremisesOrganization.Import(s, o)
	return o
}

// writeOnPremisesOrganization writes the tenant's on-premises
// organization object.
func writeOnPremisesOrganization(w *yamlWriter, o *config.OnPremisesOrganization) {
	if o == nil {
		return
	}
	w.Line(1, "onPremisesOrganization:")
	w.Str(2, "name", string(o.Name))
	w.Str(2, "organizationGuid", string(o.OrganizationGuid))
	w.settings(2, kinds.OnPremisesOrganization.Declared(o))
}
