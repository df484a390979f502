package compiler

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	checkpkg "github.com/hybridc/hybridc/compiler/check"
	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/statediff"
)

// TestCertificateRenewalPlanState: the organizations the transport
// case's scripts leave are in sync; renewing the declared certificate
// (one change under certificates:) shows on every connector that names
// it, on-premises (<I>issuer<S>subject) and online (its domain).
func TestCertificateRenewalPlanState(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "golden", "cases", "transport-certificates", "input.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	res, states := yamlStates(t, "input.yaml", data)
	if ch, _ := statediff.DiffState(res.Schedule, states); ch.HasChanges() {
		t.Fatalf("the synthesized state is not in sync:\n%s", changeText(ch))
	}
	renewed := strings.Replace(string(data), "subject: CN=mail.contoso.com,", "subject: CN=smtp.contoso.com,", 1)
	if renewed == string(data) {
		t.Fatal("the case's certificate subject is not CN=mail.contoso.com")
	}
	next := Analyze(load.Source{Name: "input.yaml", Data: []byte(renewed)})
	if next.Schedule == nil {
		t.Fatalf("the renewed file: %s", next.Diagnostics)
	}
	ch, _ := statediff.DiffState(next.Schedule, states)
	got := changeText(ch)
	for _, want := range []string{
		"onprem.ps1 changed sendConnector/Outbound to Office 365 TlsCertificateName",
		`onprem.ps1 changed receiveConnector/EXCH1\Default Frontend EXCH1 TlsCertificateName`,
		`onprem.ps1 changed receiveConnector/EXCH2\Default Frontend EXCH2 TlsCertificateName`,
		"online.ps1 changed inboundConnector/Inbound from Contoso TlsSenderCertificateName mail.contoso.com -> smtp.contoso.com",
		"online.ps1 changed outboundConnector/Outbound to Contoso TlsDomain mail.contoso.com -> smtp.contoso.com",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the renewal's plan lacks %q:\n%s", want, got)
		}
	}
	if n := ch.Counts().Changed; n != 5 {
		t.Errorf("the renewal changes %d resources, want 5 (each connector once):\n%s", n, got)
	}
}

// TestCertificateExpiry: a certificate warns from 30 days before its
// notAfter (HC0380) and is refused after that day (HC0381), measured in
// UTC against check.Now.
func TestCertificateExpiry(t *testing.T) {
	defer func(now func() time.Time) { checkpkg.Now = now }(checkpkg.Now)
	const yaml = `version: 1
certificates:
  - name: mail
    subject: CN=mail.contoso.com
    issuer: CN=R3
    notAfter: "2027-03-31"
exchangeOnline:
  tenant: contoso.onmicrosoft.com
  primarySmtpDomains: [contoso.com]
  inboundConnectors:
    - name: Inbound from Contoso
      tlsCertificate: mail
`
	for _, c := range []struct {
		now  string
		want string
	}{
		{"2027-02-28T00:00:00Z", ""},
		{"2027-03-01T00:00:00Z", diag.CodeCertificateExpiring},
		{"2027-03-31T23:59:59Z", diag.CodeCertificateExpiring},
		{"2027-04-01T00:00:00Z", diag.CodeCertificateExpired},
	} {
		now, _ := time.Parse(time.RFC3339, c.now)
		checkpkg.Now = func() time.Time { return now }
		ds := Diagnose(load.Source{Name: "h.yaml", Data: []byte(yaml)})
		var codes []string
		for _, d := range ds {
			codes = append(codes, d.Code)
		}
		got := strings.Join(codes, ",")
		if got != c.want {
			t.Errorf("at %s: %q, want %q (%s)", c.now, got, c.want, ds)
		}
	}
}
