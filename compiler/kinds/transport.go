package kinds

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/state"
)

// The kinds of templates/engine-transport.ps1.tmpl.
const (
	ReceiveConnectorName = "receiveConnector"
)

// CertificateName is a declared certificate as Exchange Server's
// connectors name it: <I>issuer<S>subject.
func CertificateName(c *config.Certificate) config.CertificateName {
	return config.CertificateName("<I>" + string(c.Issuer) + "<S>" + string(c.Subject))
}

// CertificateDomain is the domain Exchange Online's connectors name a
// declared certificate by (the inbound connector's sender certificate, the
// outbound connector's TLS domain): its declared domain, else its
// subject's one CN, read as RFC 4514 reads a DN (SubjectCNs); "" when the
// subject has none, several (validate refuses those without a domain) or
// one that is no domain.
func CertificateDomain(c *config.Certificate) config.DomainName {
	if c.Domain != "" {
		return c.Domain
	}
	cns := SubjectCNs(string(c.Subject))
	if len(cns) != 1 || !pattern("DomainName").MatchString(cns[0]) {
		return ""
	}
	return config.DomainName(strings.ToLower(cns[0]))
}

// ValidCertificateName reports whether s is a certificate name a
// configuration can hold (<I>issuer<S>subject).
func ValidCertificateName(s string) bool {
	return len(s) <= 1024 && pattern("CertificateName").MatchString(s)
}

// The Exchange Online connectors' kinds.
const (
	InboundConnectorName  = "inboundConnector"
	OutboundConnectorName = "outboundConnector"
)

type (
	inbound       = config.InboundConnector
	inboundState  = state.InboundConnector
	outbound      = config.OutboundConnector
	outboundState = state.OutboundConnector
)

// The settings every hybrid connector of Exchange Online has, which the
// script sets whatever the YAML declares, by cmdlet parameter.
const (
	connectorType  = "ConnectorType"
	connectorCloud = "CloudServicesMailEnabled"
	inboundTLS     = "RequireTls"
	inboundSenders = "SenderDomains"
	outboundTLS    = "TlsSettings"
	outboundMX     = "UseMXRecord"
	onPremisesType = "OnPremises"
	domainTLS      = "DomainValidation"
)

// InboundConnector is the Exchange Online connector that accepts mail
// from on-premises, identified by the certificate on-premises presents.
// Its fixed settings are its hooks' (InboundSettings, InboundCurrent).
var InboundConnector = &Kind[inbound, inboundState]{
	Decl: Decl{Name: InboundConnectorName, Family: "transport",
		Engine: Engine{"Sync-HybridcInboundConnector", []string{"transport"}},
		Reads:  []string{"Get-InboundConnector"}, Writes: []string{"New-InboundConnector", "Set-InboundConnector"}},
	Fields: []Field[inbound, inboundState]{
		Text("tlsSenderCertificateName", "TlsSenderCertificateName", CompareValue, func(c *inbound) *config.DomainName { return &c.TlsSenderCertificateName },
			func(s *inboundState) *string { return &s.TlsSenderCertificateName }),
	},
	Listed: &Listed[inbound, inboundState]{
		List:     func(st *state.State) *[]inboundState { return &st.InboundConnectors },
		Key:      func(c *inbound) string { return string(c.Name) },
		StateKey: func(s *inboundState) string { return s.Name },
		Entry: func(name string, _ *inbound) inboundState {
			on := true
			return inboundState{Name: name, ConnectorType: onPremisesType, CloudServicesMailEnabled: &on, RequireTls: &on, SenderDomains: []string{"*"}}
		},
	},
}

// InboundSettings are an inbound connector's settings as the script sets
// them: the fixed ones, then the declared ones.
func InboundSettings(c *inbound) []Property {
	return append([]Property{{Name: connectorType, Value: onPremisesType}, {Name: connectorCloud, Value: true},
		{Name: inboundTLS, Value: true}, {Name: inboundSenders, Value: []string{"*"}, Compare: CompareSet}}, InboundConnector.Properties(c)...)
}

// OutboundSettings are an outbound connector's settings as the script
// sets them: the fixed ones, then the declared ones.
func OutboundSettings(c *outbound) []Property {
	return append([]Property{{Name: connectorType, Value: onPremisesType}, {Name: connectorCloud, Value: true},
		{Name: outboundTLS, Value: domainTLS}, {Name: outboundMX, Value: false}}, OutboundConnector.Properties(c)...)
}

// InboundCurrent is an inbound connector's current value of a setting,
// normalized as the engine's Get-HybridcInboundView does: sender domains
// as domains (Exchange shows smtp:*;1).
func InboundCurrent(s *inboundState, param string) any {
	switch param {
	case connectorType:
		return textValue(s.ConnectorType)
	case connectorCloud:
		return boolValue(s.CloudServicesMailEnabled)
	case inboundTLS:
		return boolValue(s.RequireTls)
	case inboundSenders:
		var out []string
		for _, d := range s.SenderDomains {
			out = append(out, AddressSpaceDomain(d))
		}
		return out
	}
	return InboundConnector.Current(s, param)
}

// OutboundCurrent is an outbound connector's current value of a setting,
// normalized as the engine's Get-HybridcOutboundView does: smart hosts
// without an address's brackets.
func OutboundCurrent(s *outboundState, param string) any {
	switch param {
	case connectorType:
		return textValue(s.ConnectorType)
	case connectorCloud:
		return boolValue(s.CloudServicesMailEnabled)
	case outboundTLS:
		return textValue(s.TlsSettings)
	case outboundMX:
		return boolValue(s.UseMXRecord)
	case SendConnector.Param("smartHosts"):
		hosts, _ := OutboundConnector.Current(s, param).([]string)
		var out []string
		for _, h := range hosts {
			out = append(out, SmartHostName(h))
		}
		return out
	}
	return OutboundConnector.Current(s, param)
}

// HybridInbound and HybridOutbound report whether a connector is one the
// wizard creates (ConnectorType OnPremises, CloudServicesMailEnabled),
// which the script adopts when it is the only one.
func HybridInbound(s *inboundState) bool {
	return strings.EqualFold(s.ConnectorType, onPremisesType) && s.CloudServicesMailEnabled != nil && *s.CloudServicesMailEnabled
}

// HybridOutbound: see HybridInbound.
func HybridOutbound(s *outboundState) bool {
	return strings.EqualFold(s.ConnectorType, onPremisesType) && s.CloudServicesMailEnabled != nil && *s.CloudServicesMailEnabled
}

// WizardInbound and WizardOutbound report whether a connector is one the
// script may take over when none has the declared name: a hybrid one
// (HybridInbound) named as the wizard names it, 'Inbound from <GUID>' or
// 'Outbound to <GUID>' (the engine's Test-HybridcWizardConnector).
func WizardInbound(s *inboundState) bool {
	return HybridInbound(s) && wizardConnectorName(s.Name, "Inbound from ")
}

// WizardOutbound: see WizardInbound.
func WizardOutbound(s *outboundState) bool {
	return HybridOutbound(s) && wizardConnectorName(s.Name, "Outbound to ")
}

// wizardConnectorName reports whether name is prefix (ignoring case)
// followed by a GUID in its 8-4-4-4-12 form.
func wizardConnectorName(name, prefix string) bool {
	if len(name) != len(prefix)+36 || !strings.EqualFold(name[:len(prefix)], prefix) {
		return false
	}
	for i, r := range name[len(prefix):] {
		switch {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if r != '-' {
				return false
			}
		case !strings.ContainsRune("0123456789abcdefABCDEF", r):
			return false
		}
	}
	return true
}

// DomainRef is where an Exchange Online connector names a declared
// certificate and where the domain it gives goes, for the checks.
func DomainRef(spec any) (ref *config.Name, domain *config.DomainName) {
	switch c := spec.(type) {
	case *inbound:
		return &c.TlsCertificate, &c.TlsSenderCertificateName
	case *outbound:
		return outboundDomainRef(c)
	}
	return nil, nil
}

func textValue(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// ValidDomains reports whether each of ds is a plain domain name (""
// counts: not declared).
func ValidDomains(ds ...string) bool {
	for _, d := range ds {
		if d != "" && !pattern("DomainName").MatchString(d) {
			return false
		}
	}
	return true
}

// ValidHosts reports whether each of hs is a smart host a configuration
// can hold.
func ValidHosts(hs []string) bool {
	for _, h := range hs {
		if !pattern("SmartHost").MatchString(h) {
			return false
		}
	}
	return true
}

// ImportableInbound reports whether an imported inbound connector holds
// only values a configuration can hold.
func ImportableInbound(c *inbound) bool {
	return ValidDomains(string(c.TlsSenderCertificateName))
}

// ImportableOutbound reports whether an imported outbound connector holds
// only values a configuration can hold, its smart hosts included.
func ImportableOutbound(c *outbound) bool {
	var hosts, domains []string
	for _, p := range OutboundConnector.Declared(c) {
		if v, ok := p.Value.([]string); ok && p.Param == SendConnector.Param("smartHosts") {
			hosts = v
		} else if ok {
			domains = append(domains, v...)
		} else if d, ok := p.Value.(string); ok {
			domains = append(domains, d)
		}
	}
	return len(hosts) > 0 && ValidHosts(hosts) && ValidDomains(domains...)
}
