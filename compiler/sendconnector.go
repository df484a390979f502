package compiler

import (
	"slices"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/state"
)

// sendConnectorSettings are the send connector's declared settings besides
// its address spaces, as Set-SendConnector names them: the source servers
// and smart hosts as sets (exactly these), the TLS settings as values.
func sendConnectorSettings(sc *config.SendConnector) []Property {
	var ps props
	var servers []string
	for _, s := range sc.SourceServers {
		servers = append(servers, string(s.Name))
	}
	ps.list("SourceTransportServers", servers, CompareSet)
	ps.str("TlsAuthLevel", string(sc.TlsAuthLevel), CompareValue)
	ps.str("TlsDomain", string(sc.TlsDomain), CompareValue)
	ps.str("TlsCertificateName", string(sc.TlsCertificateName), CompareValue)
	var hosts []string
	for _, h := range sc.SmartHosts {
		hosts = append(hosts, smartHostName(string(h)))
	}
	ps.list("SmartHosts", hosts, CompareSet)
	return ps
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
		if d := addressSpaceDomain(s); domainPattern.MatchString(d) {
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
func importConnectorSettings(c *config.SendConnector, sc *state.SendConnector) {
	if slices.Contains(config.Enums["TlsAuthLevel"], sc.TlsAuthLevel) {
		c.TlsAuthLevel = config.TlsAuthLevel(sc.TlsAuthLevel)
	}
	if domainPattern.MatchString(sc.TlsDomain) {
		c.TlsDomain = config.DomainName(sc.TlsDomain)
	}
	if certPattern.MatchString(sc.TlsCertificateName) && len(sc.TlsCertificateName) <= 1024 {
		c.TlsCertificateName = config.CertificateName(sc.TlsCertificateName)
	}
	if sc.DNSRoutingEnabled == nil || *sc.DNSRoutingEnabled {
		return
	}
	for _, h := range sc.SmartHosts {
		if !hostPattern.MatchString(h) {
			return // all or none: a partial list would be set as the whole
		}
	}
	for _, h := range sc.SmartHosts {
		c.SmartHosts = append(c.SmartHosts, config.SmartHost(h))
	}
}
