package kinds

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
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
// subject's CN ("" when it has none).
func CertificateDomain(c *config.Certificate) config.DomainName {
	if c.Domain != "" {
		return c.Domain
	}
	for _, rdn := range strings.Split(string(c.Subject), ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(rdn), "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), "CN") {
			v = strings.TrimSpace(v)
			if pattern("DomainName").MatchString(v) {
				return config.DomainName(strings.ToLower(v))
			}
			return ""
		}
	}
	return ""
}

// ValidCertificateName reports whether s is a certificate name a
// configuration can hold (<I>issuer<S>subject).
func ValidCertificateName(s string) bool {
	return len(s) <= 1024 && pattern("CertificateName").MatchString(s)
}
