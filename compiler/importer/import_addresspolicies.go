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
		kept := state.EmailAddressPolicy{Name: s.Name}
		for _, t := range s.EnabledEmailAddressTemplates {
			at := strings.LastIndexByte(t, '@')
			if addressTemplate().MatchString(t) && at > 0 && model.RoutingPattern().MatchString(t[at+1:]) {
				kept.EnabledEmailAddressTemplates = append(kept.EnabledEmailAddressTemplates, t)
			}
		}
		if len(kept.EnabledEmailAddressTemplates) == 0 {
			im.Skip(skipAddressPolicy)
			continue
		}
		p := config.EmailAddressPolicy{Name: config.Name(s.Name)}
		kinds.EmailAddressPolicy.Import(&kept, &p)
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b config.EmailAddressPolicy) int { return strings.Compare(string(a.Name), string(b.Name)) })
	return out
}

// writeAddressPolicies writes the on-premises email address policies.
func writeAddressPolicies(w *yamlWriter, list []config.EmailAddressPolicy) {
	if len(list) == 0 {
		return
	}
	w.Line(1, "emailAddressPolicies:")
	for i := range list {
		w.Line(2, "- name: %s", pstext.YAMLString(string(list[i].Name)))
		w.settings(3, kinds.EmailAddressPolicy.Declared(&list[i]))
	}
}
