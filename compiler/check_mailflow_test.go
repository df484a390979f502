package compiler

import (
	"strings"
	"testing"
)

// connectorYAML is a hybrid file whose on-premises section declares the
// hybrid send connector with the lines given (from file line 9).
func connectorYAML(lines string) string {
	return hybridYAML("  hybridSendConnector:\n    name: Outbound to Office 365\n    addressSpaces: [contoso.mail.onmicrosoft.com]\n"+lines, "")
}

// TestSendConnectorRouting (attacker A2, review finding 5): validate warns,
// at the value's file:line:col, when the hybrid send connector would route
// mail to the tenant outside Exchange Online (smart hosts elsewhere, TLS
// below DomainValidation, another TLS domain), and refuses a tlsDomain
// without DomainValidation; the wizard's settings give nothing.
func TestSendConnectorRouting(t *testing.T) {
	tests := []struct {
		name  string
		lines string
		want  []string // "code line:col"
	}{
		{"the wizard's settings", "    tlsAuthLevel: DomainValidation\n    tlsDomain: mail.protection.outlook.com\n    smartHosts: [contoso-com.mail.protection.outlook.com]\n", nil},
		{"a relay outside Microsoft with weak TLS", "    smartHosts: [contoso-com.mail.protection.outlook.com, mx.attacker-relay.net]\n    tlsAuthLevel: EncryptionOnly\n",
			[]string{CodeSmartHostOutside + " 10:59", CodeTLSAuthLevelWeak + " 11:19"}},
		{"another TLS domain", "    tlsAuthLevel: DomainValidation\n    tlsDomain: relay.fabrikam.com\n", []string{CodeTLSDomainOutside + " 11:16"}},
		{"tlsDomain without DomainValidation", "    tlsAuthLevel: CertificateValidation\n    tlsDomain: mail.protection.outlook.com\n",
			[]string{CodeTLSAuthLevelWeak + " 10:19", CodeTLSDomainNeedsDomain + " 11:16"}},
		{"tlsDomain alone", "    tlsDomain: mail.protection.outlook.com\n", []string{CodeTLSDomainNeedsDomain + " 10:16"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Analyze(Source{Name: "hybrid.yaml", Data: []byte(connectorYAML(tt.lines))})
			var got []string
			for _, d := range res.Diagnostics {
				got = append(got, d.Code+" "+strings.TrimPrefix(d.Pos.String(), "hybrid.yaml:"))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("diagnostics %v, want %v\n%s", got, tt.want, res.Diagnostics)
			}
		})
	}
}

// TestSmartHostStrict (attacker A2): a smart host is a host name or an
// IPv4 address with octets 0-255 in balanced brackets or none.
func TestSmartHostStrict(t *testing.T) {
	for _, h := range []string{"smtp.contoso.com", "relay", "10.0.0.1", "[10.0.0.1]", "255.255.255.255", "contoso-com.mail.protection.outlook.com"} {
		if !hostPattern.MatchString(h) {
			t.Errorf("%s refused", h)
		}
	}
	for _, h := range []string{"999.1.1.1", "10.0.0.256", "[10.0.0.1", "10.0.0.1]", "[smtp.contoso.com]", "1.2.3", "smtp..contoso.com", "-smtp.contoso.com", "smtp.contoso.123"} {
		if hostPattern.MatchString(h) {
			t.Errorf("%s accepted", h)
		}
		res := Analyze(Source{Name: "hybrid.yaml", Data: []byte(connectorYAML("    smartHosts: [\"" + h + "\"]\n"))})
		if !res.Diagnostics.HasErrors() {
			t.Errorf("%s: no error\n%s", h, res.Diagnostics)
		}
	}
}
