package compiler

import (
	"strings"
	"testing"
	"time"

	checkpkg "github.com/hybridc/hybridc/compiler/check"
	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/load"
)

// TestCertificateDomainRFC4514: the subject's CN is read as RFC 4514
// reads a DN: an escaped comma or a quoted one stays inside its value, so
// a CN smuggled into O= is no CN; several CNs give no domain.
func TestCertificateDomainRFC4514(t *testing.T) {
	for _, c := range []struct{ subject, want string }{
		{`CN=mail.contoso.com, O=Contoso, C=US`, "mail.contoso.com"},
		{`O=Contoso\, CN=mx.attacker.example, CN=mail.contoso.com`, "mail.contoso.com"},
		{`O="Contoso, CN=mx.attacker.example", CN=mail.contoso.com`, "mail.contoso.com"},
		{`O=Contoso, CN=mail.contoso.com, CN=mx.attacker.example`, ""},
		{`CN=mail.contoso.com+OU=Mail, O=Contoso`, "mail.contoso.com"},
		{`CN=mail\2Econtoso.com`, "mail.contoso.com"},
		{`O=Contoso`, ""},
	} {
		got := kinds.CertificateDomain(&config.Certificate{Subject: config.CertificateDN(c.subject)})
		if string(got) != c.want {
			t.Errorf("%s: %q, want %q", c.subject, got, c.want)
		}
	}
}

// TestCertificateSeveralCNs: a subject with several CNs and no domain is
// refused at the subject (file:line:col); declaring domain: accepts it.
func TestCertificateSeveralCNs(t *testing.T) {
	defer func(now func() time.Time) { checkpkg.Now = now }(checkpkg.Now)
	checkpkg.Now = func() time.Time { return time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC) }
	yaml := `version: 1
certificates:
  - name: mail
    subject: 'O=Contoso\, CN=mx.attacker.example, CN=mail.contoso.com, CN=other.contoso.com'
    issuer: CN=R3
    notAfter: "2027-03-31"
exchangeOnline:
  tenant: contoso.onmicrosoft.com
  primarySmtpDomains: [contoso.com]
  inboundConnectors:
    - name: Inbound from Contoso
      tlsCertificate: mail
`
	ds := Diagnose(load.Source{Name: "h.yaml", Data: []byte(yaml)})
	found := false
	for _, d := range ds {
		if d.Code == diag.CodeCertificateNoDomain && strings.Contains(d.Message, "2 CNs") && d.Pos.Line == 4 {
			found = true
		}
		if strings.Contains(d.Message, "attacker") && !strings.Contains(d.Message, "O=Contoso") {
			t.Errorf("the escaped CN is read as a CN: %s", d)
		}
	}
	if !found {
		t.Errorf("several CNs without a domain: %s, want %s at line 4", ds, diag.CodeCertificateNoDomain)
	}
	withDomain := strings.Replace(yaml, "    issuer: CN=R3\n", "    issuer: CN=R3\n    domain: mail.contoso.com\n", 1)
	for _, d := range Diagnose(load.Source{Name: "h.yaml", Data: []byte(withDomain)}) {
		if d.Code == diag.CodeCertificateNoDomain {
			t.Errorf("with domain: %s", d)
		}
	}
}
