package importer

import (
	"slices"
	"strconv"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
	"github.com/hybridc/hybridc/compiler/state"
)

// skipMRSProxyOff is the Left out reason of an EWS virtual directory
// whose MRS proxy is off: declaring it would manage a setting nothing asked
// for, so only the directories hybrid moves use are declared.
const skipMRSProxyOff = "EWS virtual directories with MRS proxy off (Exchange's default)"

// skipOtherEndpoint is the Left out reason of a migration endpoint that is
// not a remote move endpoint (IMAP, Outlook Anywhere, ...).
const skipOtherEndpoint = "migration endpoints of another type than ExchangeRemoteMove"

// MRSProxies are the EWS virtual directories of st whose MRS proxy is on,
// declared enabled, sorted by identity; each identity once (ordinal,
// ignoring case).
func (im *importer) MRSProxies(st *state.State) []config.MRSProxy {
	var out []config.MRSProxy
	seen := map[string]bool{}
	for i := range st.WebServicesVirtualDirectories {
		s := &st.WebServicesVirtualDirectories[i]
		key := model.FoldIdentity(s.Identity)
		if kinds.MRSProxy.Current(s, kinds.MRSProxy.Param("enabled")) != true || seen[key] {
			im.Skip(skipMRSProxyOff)
			continue
		}
		seen[key] = true
		m := config.MRSProxy{Identity: config.Name(s.Identity)}
		kinds.MRSProxy.Import(s, &m)
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b config.MRSProxy) int { return strings.Compare(string(a.Identity), string(b.Identity)) })
	return out
}

// MigrationEndpoints are the remote move migration endpoints of st, with
// every setting the state holds, sorted by name; each name once.
func (im *importer) MigrationEndpoints(st *state.State) []config.MigrationEndpoint {
	var out []config.MigrationEndpoint
	seen := map[string]bool{}
	for i := range st.MigrationEndpoints {
		s := &st.MigrationEndpoints[i]
		key := model.FoldIdentity(s.Name)
		if !strings.EqualFold(s.EndpointType, "ExchangeRemoteMove") || s.Name == "" || seen[key] {
			im.Skip(skipOtherEndpoint)
			continue
		}
		seen[key] = true
		e := config.MigrationEndpoint{Name: config.Name(s.Name)}
		kinds.MigrationEndpoint.Import(s, &e)
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b config.MigrationEndpoint) int { return strings.Compare(string(a.Name), string(b.Name)) })
	return out
}

// writeMRSProxies writes the on-premises MRS proxy declarations.
func writeMRSProxies(w *yamlWriter, list []config.MRSProxy) {
	writeItems(w, "mrsProxy", "identity", list, func(p *config.MRSProxy) string { return string(p.Identity) }, kinds.MRSProxy.Declared)
}

// writeMigrationEndpoints writes the tenant's migration endpoints; the
// counts as YAML numbers.
func writeMigrationEndpoints(w *yamlWriter, list []config.MigrationEndpoint) {
	if len(list) == 0 {
		return
	}
	w.Line(1, "migrationEndpoints:")
	for i := range list {
		w.Line(2, "- name: %s", pstext.YAMLString(string(list[i].Name)))
		for _, s := range kinds.MigrationEndpoint.Declared(&list[i]) {
			text := s.Value.(string)
			if _, err := strconv.Atoi(text); err == nil {
				w.Line(3, "%s: %s", s.Key, text)
				continue
			}
			w.Str(3, s.Key, text)
		}
	}
}
