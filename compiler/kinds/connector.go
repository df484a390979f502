package kinds

import (
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/state"
)

type (
	conn      = config.SendConnector
	connState = state.SendConnector
)

// SendConnector is the hybrid send connector the wizard created, adopted
// and kept to the declared settings (templates/engine-mailflow.ps1.tmpl).
// Its fields are the settings set as values; its address spaces (with the
// group domains the inventory adds), source servers and the settings
// derived from others (RequireTLS, DNSRoutingEnabled) are its hooks'
// (ConnectorSettings, ConnectorCurrent, ImportConnector,
// SynthesizeConnector).
var SendConnector = &Kind[conn, connState]{
	Decl: Decl{Name: SendConnectorName, Family: "mailflow", After: []string{AcceptedDomainName},
		Engine: Engine{"Sync-HybridcSendConnector", []string{"mailflow"}},
		Reads:  []string{"Get-SendConnector"}, Writes: []string{"Set-SendConnector"}},
	Fields: []Field[conn, connState]{
		Text("tlsAuthLevel", "TlsAuthLevel", CompareValue, func(c *conn) *config.TLSAuthLevel { return &c.TlsAuthLevel },
			func(s *connState) *string { return &s.TlsAuthLevel }),
		Text("tlsDomain", "TlsDomain", CompareValue, func(c *conn) *config.DomainName { return &c.TlsDomain },
			func(s *connState) *string { return &s.TlsDomain }),
		Text("tlsCertificateName", "TlsCertificateName", CompareValue, func(c *conn) *config.CertificateName { return &c.TlsCertificateName },
			func(s *connState) *string { return &s.TlsCertificateName }),
		List("smartHosts", "SmartHosts", CompareSet, func(c *conn) *[]config.SmartHost { return &c.SmartHosts },
			func(s *connState) *[]string { return &s.SmartHosts }),
	},
}

type (
	recv      = config.ReceiveConnector
	recvState = state.ReceiveConnector
)

// ReceiveConnector is an on-premises receive connector whose TLS
// certificate the script keeps. It is found by its identity
// (<server>\<name>), ignoring case; the script never creates one.
var ReceiveConnector = &Kind[recv, recvState]{
	Decl: Decl{Name: ReceiveConnectorName, Family: "transport",
		Engine: Engine{"Sync-HybridcReceiveConnector", []string{"transport"}},
		Reads:  []string{"Get-ReceiveConnector"}, Writes: []string{"Set-ReceiveConnector"}},
	Fields: []Field[recv, recvState]{
		Text("tlsCertificateName", "TlsCertificateName", CompareValue, func(c *recv) *config.CertificateName { return &c.TlsCertificateName },
			func(s *recvState) *string { return &s.TlsCertificateName }),
	},
	Listed: &Listed[recv, recvState]{
		List:     func(st *state.State) *[]recvState { return &st.ReceiveConnectors },
		Key:      func(c *recv) string { return string(c.Identity) },
		StateKey: func(s *recvState) string { return s.Identity },
		Entry: func(_ string, c *recv) recvState {
			return recvState{Identity: string(c.Identity)}
		},
	},
}

// CertificateRef is where a connector names a declared certificate and
// where the value it gives goes, for the checks that resolve it.
func CertificateRef(spec any) (ref *config.Name, name *config.CertificateName) {
	switch c := spec.(type) {
	case *conn:
		return &c.TlsCertificate, &c.TlsCertificateName
	case *recv:
		return &c.TlsCertificate, &c.TlsCertificateName
	}
	return nil, nil
}

// ReceiveCertificate is the certificate a receive connector declares and
// the one it has, for plan --state.
func ReceiveCertificate(c *recv, s *recvState) (declared, current string) {
	return string(c.TlsCertificateName), s.TlsCertificateName
}

// The derived settings and the lists the hooks handle, by cmdlet parameter.
const (
	connectorSpaces  = "AddressSpaces"
	connectorServers = "SourceTransportServers"
	connectorTLS     = "RequireTLS"
	connectorDNS     = "DNSRoutingEnabled"
)

// ConnectorHosts are a connector's declared smart hosts, for the checks.
func ConnectorHosts(c *conn) []config.SmartHost { return c.SmartHosts }

// ConnectorTLS are a connector's declared TLS settings, for the checks:
// the authentication level and the domain ("" when not declared).
func ConnectorTLS(c *conn) (level config.TLSAuthLevel, domain config.DomainName) {
	return c.TlsAuthLevel, c.TlsDomain
}

// ConnectorCertificate is the TLS certificate name a connector declares
// and the one it has, for plan --state, which compares them as the
// scripts do.
func ConnectorCertificate(c *conn, s *connState) (declared, current string) {
	return string(c.TlsCertificateName), s.TlsCertificateName
}

// ConnectorSettings are the connector's declared settings besides its
// address spaces, as Set-SendConnector names them: the source servers
// (included, or exactly these with exclusiveSourceServers), RequireTLS
// with any TLS setting (Set-SendConnector refuses TlsAuthLevel without
// it), the TLS settings as values, DNS routing off with smart hosts, and
// the smart hosts as a set.
func ConnectorSettings(c *conn) []Property {
	var ps []Property
	var servers []string
	for _, s := range c.SourceServers {
		servers = append(servers, string(s.Name))
	}
	if len(servers) > 0 {
		exclusive := isTrue(c.ExclusiveSourceServers)
		compare := CompareSuperset
		if exclusive {
			compare = CompareSet
		}
		ps = append(ps, Property{Name: connectorServers, Value: servers, Compare: compare, Additive: !exclusive})
	}
	if c.TlsAuthLevel != "" || c.TlsDomain != "" || c.TlsCertificateName != "" {
		ps = append(ps, Property{Name: connectorTLS, Value: true})
	}
	for _, p := range SendConnector.Properties(c) {
		if hosts, ok := p.Value.([]string); ok {
			// Smart hosts route only with DNS routing off: a derived setting
			// plan shows (true -> false) so that rerouting stands out.
			ps = append(ps, Property{Name: connectorDNS, Value: false})
			for i, h := range hosts {
				hosts[i] = SmartHostName(h)
			}
		}
		ps = append(ps, p)
	}
	return ps
}

// ConnectorCurrent is a connector's current value of a property,
// normalized as the engine's Get-HybridcSendConnectorView does.
func ConnectorCurrent(s *connState, param string) any {
	var out []string
	switch param {
	case connectorSpaces:
		for _, x := range s.AddressSpaces {
			out = append(out, AddressSpaceDomain(x))
		}
		return out
	case connectorServers:
		for _, x := range s.SourceTransportServers {
			out = append(out, SourceServerName(x))
		}
		return out
	case connectorTLS:
		return boolValue(s.RequireTLS)
	case connectorDNS:
		return boolValue(s.DNSRoutingEnabled)
	case SendConnector.Param("smartHosts"):
		if isTrue(s.DNSRoutingEnabled) {
			return []string(nil) // DNS routing: set again with DNS routing off
		}
		for _, x := range s.SmartHosts {
			out = append(out, SmartHostName(x))
		}
		return out
	}
	return SendConnector.Current(s, param)
}

// SynthesizeConnector is the hybrid connector as the export reads it once
// the script ran: the wizard's connector with the declared settings and
// address spaces.
func SynthesizeConnector(c *conn, name string, spaces []string) connState {
	s := connState{Name: name, CloudServicesMailEnabled: true, AddressSpaces: []string{}, SourceTransportServers: []string{}}
	SendConnector.Synthesize(c, &s)
	for _, d := range spaces {
		s.AddressSpaces = append(s.AddressSpaces, "SMTP:"+d+";1")
	}
	if c.TlsAuthLevel != "" || c.TlsDomain != "" || c.TlsCertificateName != "" {
		on := true
		s.RequireTLS = &on
	}
	for _, src := range c.SourceServers {
		s.SourceTransportServers = append(s.SourceTransportServers, string(src.Name))
	}
	if len(c.SmartHosts) > 0 {
		off := false
		s.DNSRoutingEnabled = &off
	}
	return s
}

// ImportConnector is the hybrid send connector import writes for an
// exported one: its address spaces, its source servers by name, and its
// settings where they are values a configuration can hold, so that the
// imported file's scripts find the connector in sync. The TLS settings are
// imported only from a connector that requires TLS (declaring any sets
// RequireTLS), TlsDomain only with DomainValidation; the smart hosts only
// with DNS routing off, all or none.
func ImportConnector(s *connState) *conn {
	c := &conn{Name: config.Name(s.Name)}
	for _, x := range s.AddressSpaces {
		if d := AddressSpaceDomain(x); pattern("DomainName").MatchString(d) {
			c.AddressSpaces = append(c.AddressSpaces, config.DomainName(d))
		}
	}
	slices.SortFunc(c.AddressSpaces, func(a, b config.DomainName) int { return strings.Compare(string(a), string(b)) })
	for _, x := range s.SourceTransportServers {
		c.SourceServers = append(c.SourceServers, config.SourceServer{Name: config.Name(SourceServerName(x))})
	}
	if s.RequireTLS == nil || *s.RequireTLS {
		if slices.Contains(config.Enums["TLSAuthLevel"], s.TlsAuthLevel) {
			c.TlsAuthLevel = config.TLSAuthLevel(s.TlsAuthLevel)
		}
		if c.TlsAuthLevel == "DomainValidation" && pattern("DomainName").MatchString(s.TlsDomain) {
			c.TlsDomain = config.DomainName(s.TlsDomain)
		}
		if pattern("CertificateName").MatchString(s.TlsCertificateName) && len(s.TlsCertificateName) <= 1024 {
			c.TlsCertificateName = config.CertificateName(s.TlsCertificateName)
		}
	}
	if s.DNSRoutingEnabled == nil || *s.DNSRoutingEnabled {
		return c
	}
	for _, h := range s.SmartHosts {
		if !pattern("SmartHost").MatchString(h) {
			return c // all or none: a partial list would be set as the whole
		}
	}
	for _, h := range s.SmartHosts {
		c.SmartHosts = append(c.SmartHosts, config.SmartHost(h))
	}
	return c
}

// SmartHostName is a smart host as the scripts compare it: an IP address
// without the brackets Exchange shows it in.
func SmartHostName(s string) string {
	return strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(s), "["), "]")
}

// AddressSpaceDomain is the domain of an address space as Exchange shows
// it (SMTP:contoso.mail.onmicrosoft.com;1).
func AddressSpaceDomain(s string) string {
	if i := strings.IndexByte(s, ':'); i >= 0 {
		s = s[i+1:]
	}
	if i := strings.IndexByte(s, ';'); i >= 0 {
		s = s[:i]
	}
	return strings.ToLower(s)
}

// SourceServerName is a source transport server as its name: Exchange may
// render it as the name, a canonical name (contoso.com/.../EX01) or a
// distinguished name (CN=EX01,...); the engine's
// ConvertTo-HybridcServerName reduces each the same way.
func SourceServerName(s string) string {
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

func boolValue(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}

// patterns are config's patterns, each compiled on first use.
var patterns sync.Map

func pattern(name string) *regexp.Regexp {
	if re, ok := patterns.Load(name); ok {
		return re.(*regexp.Regexp)
	}
	re, _ := patterns.LoadOrStore(name, regexp.MustCompile(config.Patterns[name].Pattern))
	return re.(*regexp.Regexp)
}

// OutboundConnector is the Exchange Online connector that sends mail to
// on-premises through its smart hosts. Its smart hosts and TLS domain are
// the send connector's parameters of the same names.
var OutboundConnector = &Kind[outbound, outboundState]{
	Decl: Decl{Name: OutboundConnectorName, Family: "transport",
		Engine: Engine{"Sync-HybridcOutboundConnector", []string{"transport"}},
		Reads:  []string{"Get-OutboundConnector"}, Writes: []string{"New-OutboundConnector", "Set-OutboundConnector"}},
	Fields: []Field[outbound, outboundState]{
		List("smartHosts", SendConnector.Param("smartHosts"), CompareSet, func(c *outbound) *[]config.SmartHost { return &c.SmartHosts },
			func(s *outboundState) *[]string { return &s.SmartHosts }),
		Text("tlsDomain", SendConnector.Param("tlsDomain"), CompareValue, func(c *outbound) *config.DomainName { return &c.TlsDomain },
			func(s *outboundState) *string { return &s.TlsDomain }),
		List("recipientDomains", "RecipientDomains", CompareSuperset, func(c *outbound) *[]config.DomainName { return &c.RecipientDomains },
			func(s *outboundState) *[]string { return &s.RecipientDomains }).Adds(),
		Bool("routeAllMessagesViaOnPremises", "RouteAllMessagesViaOnPremises", func(c *outbound) **bool { return &c.RouteAllMessagesViaOnPremises },
			func(s *outboundState) **bool { return &s.RouteAllMessagesViaOnPremises }),
	},
	Listed: &Listed[outbound, outboundState]{
		List:     func(st *state.State) *[]outboundState { return &st.OutboundConnectors },
		Key:      func(c *outbound) string { return string(c.Name) },
		StateKey: func(s *outboundState) string { return s.Name },
		Entry: func(name string, _ *outbound) outboundState {
			on, off := true, false
			return outboundState{Name: name, ConnectorType: onPremisesType, CloudServicesMailEnabled: &on, TlsSettings: domainTLS, UseMXRecord: &off}
		},
	},
}

// outboundDomainRef is DomainRef of an outbound connector.
func outboundDomainRef(c *outbound) (ref *config.Name, domain *config.DomainName) {
	return &c.TlsCertificate, &c.TlsDomain
}

// OutboundRouting is where an Exchange Online outbound connector sends
// mail, for the cross-checks: its smart hosts, its recipient domains and
// routeAllMessagesViaOnPremises (nil when not declared).
func OutboundRouting(c *outbound) (hosts []config.SmartHost, recipients []config.DomainName, routeAll *bool) {
	return c.SmartHosts, c.RecipientDomains, c.RouteAllMessagesViaOnPremises
}
