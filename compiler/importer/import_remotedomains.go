package importer

import (
	"slices"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/state"

	"github.com/hybridc/hybridc/compiler/pstext"
)

// skipWildcardRemoteDomain is the Left out reason of a remote domain
// whose domain has a wildcard: a declaration names one domain.
const skipWildcardRemoteDomain = "remote domains with a wildcard domain (Default, *.domain)"

// skipDuplicateRemoteDomain is the Left out reason of a remote domain
// whose domain an earlier one has: the script refuses a declaration that
// matches several, so the first is declared and the others are left out.
const skipDuplicateRemoteDomain = "remote domains of a domain an earlier one has (remove all but one)"

// RemoteDomains are the remote domains of st, under their names, each with
// every setting the state holds (the kind's import rules), sorted by name.
// The Default remote domain (*) and other wildcard ones are left out, and
// so is every one whose domain (ordinal, ignoring case) an earlier one has.
func (im *importer) RemoteDomains(st *state.State) []config.RemoteDomain {
	var out []config.RemoteDomain
	seen := make(map[string]bool, len(st.RemoteDomains))
	for i := range st.RemoteDomains {
		s := &st.RemoteDomains[i]
		if strings.ContainsAny(s.DomainName, "*?") {
			im.Skip(skipWildcardRemoteDomain)
			continue
		}
		// A set of the folded domains, not a scan of those kept: a hostile
		// state of many remote domains costs linear time.
		if key := model.FoldIdentity(s.DomainName); seen[key] {
			im.Skip(skipDuplicateRemoteDomain)
			continue
		} else {
			seen[key] = true
		}
		rd := config.RemoteDomain{Name: config.Name(s.Name), DomainName: config.DomainName(s.DomainName)}
		kinds.RemoteDomain.Import(s, &rd)
		out = append(out, rd)
	}
	slices.SortFunc(out, func(a, b config.RemoteDomain) int { return strings.Compare(string(a.Name), string(b.Name)) })
	return out
}

// writeRemoteDomains writes an organization's remote domains.
func writeRemoteDomains(w *yamlWriter, list []config.RemoteDomain) {
	if len(list) == 0 {
		return
	}
	w.Line(1, "remoteDomains:")
	for i := range list {
		w.Line(2, "- name: %s", pstext.YAMLString(string(list[i].Name)))
		w.Str(3, "domainName", string(list[i].DomainName))
		w.settings(3, kinds.RemoteDomain.Declared(&list[i]))
	}
}
