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

// dnText is a distinguished name's RDNs (kinds.SplitDN: RFC 4514, an
// escaped comma or one inside quotes stays inside its RDN), trimmed,
// joined with commas, in lower case.
func dnText(dn string) string {
	return strings.ToLower(strings.Join(kinds.SplitDN(dn), ","))
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
