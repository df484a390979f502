package importer

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
	"github.com/hybridc/hybridc/compiler/state"
)

// skipConnectorDomains is the Left out reason of an intra-organization
// connector the configuration cannot declare: no target address domain,
// one that is no domain name, or a discovery endpoint that is no https://
// URL.
const skipConnectorDomains = "intra-organization connectors without valid target address domains or an https:// discovery endpoint"

// skipConnectorOverlap is the Left out reason of an intra-organization
// connector sharing a domain with an earlier one: the script refuses a
// declaration that matches several.
const skipConnectorOverlap = "intra-organization connectors sharing a domain with an earlier one (remove all but one)"

// httpsPattern is the configuration's pattern of an https:// URL.
var httpsPattern = pstext.LazyRegexp(config.Patterns["HTTPSURL"].Pattern)

// IntraOrganizationConnectors are the OAuth connectors of st, under their
// names, with every setting the state holds, sorted by name. A connector
// that shares a domain (ordinal, ignoring case) with an earlier one, or
// that the configuration could not declare, is left out.
func (im *importer) IntraOrganizationConnectors(st *state.State) []config.IntraOrganizationConnector {
	var out []config.IntraOrganizationConnector
	seen := make(map[string]bool, len(st.IntraOrganizationConnectors))
	for i := range st.IntraOrganizationConnectors {
		s := &st.IntraOrganizationConnectors[i]
		if !declarableConnector(s) {
			im.Skip(skipConnectorDomains)
			continue
		}
		if slices.ContainsFunc(kinds.StateConnectorDomains(s), func(d string) bool { return seen[model.FoldIdentity(d)] }) {
			im.Skip(skipConnectorOverlap)
			continue
		}
		for _, d := range kinds.StateConnectorDomains(s) {
			seen[model.FoldIdentity(d)] = true
		}
		c := config.IntraOrganizationConnector{Name: config.Name(s.Name)}
		kinds.IntraOrganizationConnector.Import(s, &c)
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b config.IntraOrganizationConnector) int {
		return strings.Compare(string(a.Name), string(b.Name))
	})
	return out
}

// declarableConnector reports whether the configuration can declare s.
func declarableConnector(s *state.IntraOrganizationConnector) bool {
	if len(kinds.StateConnectorDomains(s)) == 0 || !httpsPattern().MatchString(kinds.StateDiscoveryEndpoint(s)) {
		return false
	}
	for _, d := range kinds.StateConnectorDomains(s) {
		if !model.DomainPattern().MatchString(d) {
			return false
		}
	}
	return true
}

// writeIntraOrganizationConnectors writes an organization's OAuth
// connectors.
func writeIntraOrganizationConnectors(w *yamlWriter, list []config.IntraOrganizationConnector) {
	writeItems(w, "intraOrganizationConnectors", "name", list, func(c *config.IntraOrganizationConnector) string { return string(c.Name) }, kinds.IntraOrganizationConnector.Declared)
}

// skipAuthServer is the Left out reason of an auth server the scripts do
// not manage: not Entra ID's (Type AzureAD), or without an https://
// metadata URL.
const skipAuthServer = "auth servers other than Entra ID ones (Type AzureAD) with an https:// metadata URL"

// OAuth is what the on-premises state holds of OAuth: its Entra ID auth
// servers, sorted by name, and the dedicated application's setting
// override (the first one, when several) and the partner application of
// Exchange Online; nil when it holds none.
func (im *importer) OAuth(st *state.State) *config.OAuth {
	o := &config.OAuth{}
	for i := range st.AuthServers {
		s := &st.AuthServers[i]
		if !kinds.DeclarableAuthServer(s) {
			im.Skip(skipAuthServer)
			continue
		}
		a := config.AuthServer{Name: config.Name(s.Name)}
		kinds.AuthServer.Import(s, &a)
		o.AuthServers = append(o.AuthServers, a)
	}
	slices.SortFunc(o.AuthServers, func(a, b config.AuthServer) int { return strings.Compare(string(a.Name), string(b.Name)) })
	for i := range st.SettingOverrides {
		if s := &st.SettingOverrides[i]; kinds.IsDedicatedAppOverride(s) && o.DedicatedApplication == nil {
			kinds.DedicatedApplication.Import(s, o)
		}
	}
	for i := range st.PartnerApplications {
		if s := &st.PartnerApplications[i]; kinds.IsExchangeOnlinePartnerApp(s) && o.PartnerApplication == nil {
			o.PartnerApplication = &config.PartnerApplication{}
			kinds.PartnerApplication.Import(s, o.PartnerApplication)
		}
	}
	if len(o.AuthServers) == 0 && o.DedicatedApplication == nil && o.PartnerApplication == nil {
		return nil
	}
	return o
}

// writeOAuth writes the on-premises OAuth settings.
func writeOAuth(w *yamlWriter, o *config.OAuth) {
	if o == nil {
		return
	}
	w.Line(1, "oauth:")
	w.Boolean(2, "dedicatedApplication", o.DedicatedApplication)
	if len(o.AuthServers) > 0 {
		w.Line(2, "authServers:")
		for i := range o.AuthServers {
			w.Line(3, "- name: %s", pstext.YAMLString(string(o.AuthServers[i].Name)))
			w.settings(4, kinds.AuthServer.Declared(&o.AuthServers[i]))
		}
	}
	if o.PartnerApplication != nil {
		w.Line(2, "partnerApplication:")
		w.settings(3, kinds.PartnerApplication.Declared(o.PartnerApplication))
	}
}

// skipAuthCertificate is the Left out reason of an auth configuration
// whose current certificate has expired or is not on the exporting server:
// validate refuses an expired one (HC0371) and the scripts fail for it.
const skipAuthCertificate = "the auth certificate (expired, or not on the server the export ran on)"

// AuthCertificate is the state's current auth certificate with its real
// expiry, as onPremises.authCertificate declares it; nil when the state
// holds none. The next certificate is left out: the export does not read
// its expiry, and the scripts leave a next certificate they are not told
// of alone.
func (im *importer) AuthCertificate(st *state.State) *config.AuthCertificate {
	a := st.Auth()
	if a == nil || a.CurrentCertificateThumbprint == "" {
		return nil
	}
	notAfter, err := time.Parse(time.RFC3339, a.CurrentCertificateNotAfter)
	if err != nil || notAfter.Before(time.Now().UTC()) || !thumbprintPattern().MatchString(a.CurrentCertificateThumbprint) {
		im.Skip(skipAuthCertificate)
		return nil
	}
	return &config.AuthCertificate{Thumbprint: config.Thumbprint(strings.ToUpper(a.CurrentCertificateThumbprint)), NotAfter: config.Date(notAfter.UTC().Format("2006-01-02"))}
}

// thumbprintPattern is the configuration's pattern of a thumbprint.
var thumbprintPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(config.Patterns["Thumbprint"].Pattern) })

// writeAuthCertificate writes onPremises.authCertificate.
func writeAuthCertificate(w *yamlWriter, ac *config.AuthCertificate) {
	if ac == nil {
		return
	}
	w.Line(1, "authCertificate:")
	w.Str(2, "thumbprint", string(ac.Thumbprint))
	w.Str(2, "notAfter", string(ac.NotAfter))
}
