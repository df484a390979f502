package compiler

import (
	"slices"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/state"
)

// sendConnectorSettings are the send connector's declared settings besides
// its address spaces, as Set-SendConnector names them: the source servers
// (included, or exactly these with exclusiveSourceServers), RequireTLS with
// any TLS setting (Set-SendConnector refuses TlsAuthLevel without it), the
// TLS settings as values, DNS routing off with smart hosts, and the smart
// hosts as a set.
func sendConnectorSettings(sc *config.SendConnector) []Property {
	var ps props
	var servers []string
	for _, s := range sc.SourceServers {
		servers = append(servers, string(s.Name))
	}
	if len(servers) > 0 {
		exclusive := isTrue(sc.ExclusiveSourceServers)
		compare := CompareSuperset
		if exclusive {
			compare = CompareSet
		}
		ps = append(ps, Property{Name: "SourceTransportServers", Value: servers, Compare: compare, Additive: !exclusive})
	}
	if sc.TlsAuthLevel != "" || sc.TlsDomain != "" || sc.TlsCertificateName != "" {
		ps = append(ps, Property{Name: "RequireTLS", Value: true})
	}
	ps.str("TlsAuthLevel", string(sc.TlsAuthLevel), CompareValue)
	ps.str("TlsDomain", string(sc.TlsDomain), CompareValue)
	ps.str("TlsCertificateName", string(sc.TlsCertificateName), CompareValue)
	var hosts []string
	for _, h := range sc.SmartHosts {
		hosts = append(hosts, smartHostName(string(h)))
	}
	if len(hosts) > 0 {
		// Smart hosts route only with DNS routing off: a derived setting
		// plan shows (true -> false) so that rerouting stands out.
		ps = append(ps, Property{Name: "DNSRoutingEnabled", Value: false})
	}
	ps.list("SmartHosts", hosts, CompareSet)
	return ps
}

// certificateName is a TlsCertificateName as the scripts compare it
// (engine ConvertTo-HybridcCertificateName): the issuer and subject split
// into their relative distinguished names at unescaped commas, each
// trimmed, joined again with a comma, in lower case; Exchange may render
// the spacing of either differently from the YAML.
func certificateName(s string) string {
	t := strings.TrimSpace(s)
	upper := strings.ToUpper(t)
	i, j := strings.Index(upper, "<I>"), strings.Index(upper, "<S>")
	if i != 0 || j < 0 {
		return strings.ToLower(t)
	}
	return "<i>" + dnText(t[3:j]) + "<s>" + dnText(t[j+3:])
}

// dnText is a distinguished name's RDNs, trimmed, joined with commas, in
// lower case; an escaped comma (\,) stays inside its RDN.
func dnText(dn string) string {
	var parts []string
	start := 0
	for k := 0; k < len(dn); k++ {
		switch dn[k] {
		case '\\':
			k++
		case ',':
			parts = append(parts, strings.TrimSpace(dn[start:k]))
			start = k + 1
		}
	}
	parts = append(parts, strings.TrimSpace(dn[start:]))
	return strings.ToLower(strings.Join(parts, ","))
}

// smartHostName is a smart host as the scripts compare it: an IP address
// without the brackets Exchange shows it in.
func smartHostName(s string) string {
	return strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(s), "["), "]")
}

// sourceServerName is a source transport server as its name: Exchange may
// render it as the name, a canonical name (contoso.com/.../EX01) or a
// distinguished name (CN=EX01,...); the engine's
// ConvertTo-HybridcServerName reduces each the same way.
func sourceServerName(s string) string {
	if strings.HasPrefix(strings.ToUpper(s), "CN=") {
		rest := s[3:]
		var b strings.Builder
		for i := 0; i < len(rest); i++ {
			switch {
			case rest[i] == '\\' && i+1 < len(rest):
				i++
				b.WriteByte(rest[i])
			case rest[i] == ',':
				return b.String()
			default:
				b.WriteByte(rest[i])
			}
		}
		return s
	}
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// newImportedConnector is the hybrid send connector import writes for an
// exported one: its address spaces, its source servers by name, and its
// settings (importConnectorSettings).
func newImportedConnector(sc *state.SendConnector) *config.SendConnector {
	c := &config.SendConnector{Name: config.Name(sc.Name)}
	for _, s := range sc.AddressSpaces {
		if d := addressSpaceDomain(s); domainPattern().MatchString(d) {
			c.AddressSpaces = append(c.AddressSpaces, config.DomainName(d))
		}
	}
	c.AddressSpaces = sortedFold(c.AddressSpaces)
	for _, s := range sc.SourceTransportServers {
		c.SourceServers = append(c.SourceServers, config.SourceServer{Name: config.Name(sourceServerName(s))})
	}
	importConnectorSettings(c, sc)
	return c
}

// importConnectorSettings copies an exported connector's TLS settings and
// smart hosts into the configuration import writes, where they are values
// a configuration can hold, so that the imported file's scripts find the
// connector in sync.
// The TLS settings are imported only from a connector that requires TLS
// (declaring any sets RequireTLS), TlsDomain only with DomainValidation.
func importConnectorSettings(c *config.SendConnector, sc *state.SendConnector) {
	if sc.RequireTLS == nil || *sc.RequireTLS {
		if slices.Contains(config.Enums["TlsAuthLevel"], sc.TlsAuthLevel) {
			c.TlsAuthLevel = config.TlsAuthLevel(sc.TlsAuthLevel)
		}
		if c.TlsAuthLevel == "DomainValidation" && domainPattern().MatchString(sc.TlsDomain) {
			c.TlsDomain = config.DomainName(sc.TlsDomain)
		}
		if certPattern().MatchString(sc.TlsCertificateName) && len(sc.TlsCertificateName) <= 1024 {
			c.TlsCertificateName = config.CertificateName(sc.TlsCertificateName)
		}
	}
	if sc.DNSRoutingEnabled == nil || *sc.DNSRoutingEnabled {
		return
	}
	for _, h := range sc.SmartHosts {
		if !hostPattern().MatchString(h) {
			return // all or none: a partial list would be set as the whole
		}
	}
	for _, h := range sc.SmartHosts {
		c.SmartHosts = append(c.SmartHosts, config.SmartHost(h))
	}
}
