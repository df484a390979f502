package model

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/state"

	"github.com/hybridc/hybridc/compiler/pstext"
)

// CertificateName is a connector's tlsCertificateName as the scripts
// compare it (engine ConvertTo-HybridcCertificateName): the issuer and
// subject split
// into their relative distinguished names at unescaped commas, each
// trimmed, joined again with a comma, in lower case; Exchange may render
// the spacing of either differently from the YAML.
func CertificateName(s string) string {
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

// NewImportedConnector is the hybrid send connector import writes for an
// exported one (kinds.ImportConnector).
func NewImportedConnector(sc *state.SendConnector) *config.SendConnector {
	return kinds.ImportConnector(sc)
}

var (
	DomainPattern  = pstext.LazyRegexp(config.Patterns["DomainName"].Pattern)
	RoutingPattern = pstext.LazyRegexp(config.Patterns["RoutingDomain"].Pattern)
	httpsPattern   = pstext.LazyRegexp(config.Patterns["HTTPSURL"].Pattern)
	certPattern    = pstext.LazyRegexp(config.Patterns["CertificateName"].Pattern)
	HostPattern    = pstext.LazyRegexp(config.Patterns["SmartHost"].Pattern)
)
