package check

import (
	"net/url"
	"strings"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/exchange"
	"github.com/hybridc/hybridc/compiler/kinds"
)

// oauthHosts checks where OAuth sends Exchange: an auth server's metadata
// must come from Microsoft's login host of the tenant's cloud (an error:
// Exchange would trust the tokens another issuer signs), and the
// on-premises intra-organization connector should discover mailboxes at
// Microsoft's Autodiscover host of that cloud (a warning). Without a
// tenant of a known cloud every cloud's host is accepted.
func (c *checker) oauthHosts() {
	op := c.cfg.OnPremises
	if op == nil {
		return
	}
	clouds := exchange.CloudsOf(string(c.cfg.ExchangeOnline.Tenant))
	if len(clouds) == 0 {
		clouds = exchange.Clouds()
	}
	var logins, autodiscovers []string
	for _, cl := range clouds {
		logins = appendNew(logins, cl.LoginHost)
		if u, err := url.Parse(cl.AutodiscoverEndpoint); err == nil && u.Hostname() != "" {
			autodiscovers = appendNew(autodiscovers, strings.ToLower(u.Hostname()))
		}
	}
	if op.OAuth != nil {
		for i := range op.OAuth.AuthServers {
			as := &op.OAuth.AuthServers[i]
			if host := urlHost(kinds.MetadataURL(as)); !contains(logins, host) {
				c.diags.Errorf(as.ValuePos("authMetadataUrl"), diag.CodeAuthMetadataHost,
					"auth server %q: authMetadataUrl's host %q is not Microsoft's login host for the tenant's cloud (%s): Exchange would trust the tokens its issuer signs", as.Name, host, strings.Join(logins, ", "))
			}
		}
	}
	for i := range op.IntraOrganizationConnectors {
		ioc := &op.IntraOrganizationConnectors[i]
		if host := urlHost(kinds.DiscoveryURL(ioc)); !contains(autodiscovers, host) {
			c.diags.Warnf(ioc.ValuePos("discoveryEndpoint"), diag.CodeDiscoveryHost,
				"the intra-organization connector %q: discoveryEndpoint's host %q is not Microsoft's Autodiscover host for the tenant's cloud (%s): Exchange sends its OAuth lookups there", ioc.Name, host, strings.Join(autodiscovers, ", "))
		}
	}
}

// urlHost is a URL's host in lower case ("" when it has none).
func urlHost(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.ToLower(strings.TrimSuffix(p.Hostname(), "."))
}

func appendNew(list []string, s string) []string {
	if s == "" || contains(list, s) {
		return list
	}
	return append(list, s)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
