package check

import (
	"strings"
	"time"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/model"
)

// Now is the time the certificates' expiry is measured against (tests
// set it).
var Now = time.Now

// expiryWarning is how long before a certificate's notAfter validate
// warns.
const expiryWarning = 30 * 24 * time.Hour

// certRef is a connector's reference to a declared certificate: where it
// stands, its name, whether it also declares the value the reference
// gives, and set, which gives it (false: the certificate has no domain).
type certRef struct {
	owner string
	meta  *config.Meta
	ref   config.Name
	value string
	set   func(*config.Certificate) bool
	// key is the setting the reference gives; needed, whether the
	// connector must declare one of the two.
	key    string
	needed bool
}

// certificates checks the declared certificates (unique names, expiry)
// and resolves each connector's tlsCertificate into the value it gives,
// before the inventory reads the connectors' settings: a renewal then
// changes every connector that names the certificate.
func (c *checker) certificates() {
	byName := map[string]*config.Certificate{}
	for i := range c.cfg.Certificates {
		cert := &c.cfg.Certificates[i]
		key := model.FoldIdentity(string(cert.Name))
		if byName[key] != nil {
			c.diags.Errorf(cert.ValuePos("name"), diag.CodeCertificateDuplicate,
				"certificate %q is declared twice (names are compared ignoring case)", cert.Name)
			continue
		}
		byName[key] = cert
		c.certificateExpiry(cert)
		if cns := kinds.SubjectCNs(string(cert.Subject)); cert.Domain == "" && len(cns) > 1 {
			c.diags.Errorf(cert.ValuePos("subject"), diag.CodeCertificateNoDomain,
				"certificate %q: its subject has %d CNs (%s): which one Exchange Online's connectors name is ambiguous; declare its domain", cert.Name, len(cns), strings.Join(cns, ", "))
		}
	}
	for _, r := range c.certRefs() {
		if r.ref == "" {
			if r.needed && r.value == "" {
				c.diags.Errorf(r.meta.Pos(), diag.CodeCertificateTwice,
					"%s declares no certificate: declare tlsCertificate (a name under certificates:) or %s", r.owner, r.key)
			}
			continue
		}
		if r.value != "" {
			c.diags.Errorf(r.meta.KeyPos("tlsCertificate"), diag.CodeCertificateTwice,
				"%s declares both tlsCertificate and %s: declare one of them", r.owner, r.value)
			continue
		}
		cert := byName[model.FoldIdentity(string(r.ref))]
		if cert == nil {
			c.diags.Errorf(r.meta.ValuePos("tlsCertificate"), diag.CodeCertificateUnknown,
				"%s names certificate %q, which certificates: does not declare%s", r.owner, r.ref, meant(c.suggestCertificate(string(r.ref))))
			continue
		}
		if !r.set(cert) {
			c.diags.Errorf(r.meta.ValuePos("tlsCertificate"), diag.CodeCertificateNoDomain,
				"%s names certificate %q, which has neither a domain nor a CN in its subject (%s) that is a domain: declare its domain", r.owner, cert.Name, cert.Subject)
		}
	}
}

// certificateExpiry warns about a certificate that expires within 30
// days and refuses one past its notAfter (the end of that day, UTC).
func (c *checker) certificateExpiry(cert *config.Certificate) {
	day, err := time.Parse("2006-01-02", string(cert.NotAfter))
	if err != nil {
		c.diags.Errorf(cert.ValuePos("notAfter"), diag.CodeBadFormat, "notAfter %q of certificate %q is no date (YYYY-MM-DD)", cert.NotAfter, cert.Name)
		return
	}
	end := day.Add(24 * time.Hour)
	now := Now().UTC()
	switch {
	case !now.Before(end):
		c.diags.Errorf(cert.ValuePos("notAfter"), diag.CodeCertificateExpired,
			"certificate %q expired on %s: connectors that present it fail TLS; renew it and declare the new subject, issuer and notAfter", cert.Name, cert.NotAfter)
	case day.Sub(now) <= expiryWarning:
		c.diags.Warnf(cert.ValuePos("notAfter"), diag.CodeCertificateExpiring,
			"certificate %q expires on %s (within 30 days): renew it, then change it here once; plan shows each connector that presents it", cert.Name, cert.NotAfter)
	}
}

// certRefs are the connectors' references to declared certificates.
func (c *checker) certRefs() []certRef {
	var out []certRef
	if op := c.cfg.OnPremises; op != nil {
		if sc := op.HybridSendConnector; sc != nil {
			out = append(out, nameRef("send connector "+quote(string(sc.Name)), &sc.Meta, sc, false))
		}
		for i := range op.ReceiveConnectors {
			rc := &op.ReceiveConnectors[i]
			if server, name, ok := strings.Cut(string(rc.Identity), `\`); !ok || strings.TrimSpace(server) == "" || strings.TrimSpace(name) == "" {
				c.diags.Errorf(rc.ValuePos("identity"), diag.CodeReceiveIdentity,
					"receive connector %q: the identity must be <server>\\<name> (EXCH1\\Default Frontend EXCH1), which names one connector in the organization", rc.Identity)
			}
			out = append(out, nameRef("receive connector "+quote(string(rc.Identity)), &rc.Meta, rc, true))
		}
	}
	eo := &c.cfg.ExchangeOnline
	for i := range eo.InboundConnectors {
		ic := &eo.InboundConnectors[i]
		out = append(out, domainRef("inbound connector "+quote(string(ic.Name)), "tlsSenderCertificateName", &ic.Meta, ic))
	}
	for i := range eo.OutboundConnectors {
		oc := &eo.OutboundConnectors[i]
		out = append(out, domainRef("outbound connector "+quote(string(oc.Name)), "tlsDomain", &oc.Meta, oc))
	}
	return out
}

// nameRef is the reference of an Exchange Server connector, which names
// the certificate as <I>issuer<S>subject.
func nameRef(owner string, meta *config.Meta, spec any, needed bool) certRef {
	ref, name := kinds.CertificateRef(spec)
	r := certRef{owner: owner, meta: meta, ref: *ref, key: "tlsCertificateName", needed: needed, set: func(cert *config.Certificate) bool {
		*name = kinds.CertificateName(cert)
		return true
	}}
	if *name != "" {
		r.value = r.key
	}
	return r
}

// domainRef is the reference of an Exchange Online connector, which names
// the certificate by its domain (key, in the YAML).
func domainRef(owner, key string, meta *config.Meta, spec any) certRef {
	ref, domain := kinds.DomainRef(spec)
	r := certRef{owner: owner, meta: meta, ref: *ref, key: key, needed: true, set: func(cert *config.Certificate) bool {
		*domain = kinds.CertificateDomain(cert)
		return *domain != ""
	}}
	if *domain != "" {
		r.value = key
	}
	return r
}

// suggestCertificate is the closest declared certificate name to ref.
func (c *checker) suggestCertificate(ref string) string {
	names := make([]string, len(c.cfg.Certificates))
	for i := range c.cfg.Certificates {
		names[i] = string(c.cfg.Certificates[i].Name)
	}
	return newNameSuggester(func() []string { return names }, &c.suggestBudget).suggest(ref)
}
