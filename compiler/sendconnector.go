package compiler

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/state"
)

// certificateName is a connector's tlsCertificateName as the scripts
// compare it (engine ConvertTo-HybridcCertificateName): the issuer and
// subject split
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

// newImportedConnector is the hybrid send connector import writes for an
// exported one (kinds.ImportConnector).
func newImportedConnector(sc *state.SendConnector) *config.SendConnector {
	return kinds.ImportConnector(sc)
}
