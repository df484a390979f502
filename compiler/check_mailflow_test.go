package compiler

import (
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/model"
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
			[]string{diag.CodeSmartHostOutside + " 10:59", diag.CodeTLSAuthLevelWeak + " 11:19"}},
		{"another TLS domain", "    tlsAuthLevel: DomainValidation\n    tlsDomain: relay.fabrikam.com\n", []string{diag.CodeTLSDomainOutside + " 11:16"}},
		{"tlsDomain without DomainValidation", "    tlsAuthLevel: CertificateValidation\n    tlsDomain: mail.protection.outlook.com\n",
			[]string{diag.CodeTLSAuthLevelWeak + " 10:19", diag.CodeTLSDomainNeedsDomain + " 11:16"}},
		{"tlsDomain alone", "    tlsDomain: mail.protection.outlook.com\n", []string{diag.CodeTLSDomainNeedsDomain + " 10:16"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Analyze(load.Source{Name: "hybrid.yaml", Data: []byte(connectorYAML(tt.lines))})
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
		if !model.HostPattern().MatchString(h) {
			t.Errorf("%s refused", h)
		}
	}
	for _, h := range []string{"999.1.1.1", "10.0.0.256", "[10.0.0.1", "10.0.0.1]", "[smtp.contoso.com]", "1.2.3", "smtp..contoso.com", "-smtp.contoso.com", "smtp.contoso.123"} {
		if model.HostPattern().MatchString(h) {
			t.Errorf("%s accepted", h)
		}
		res := Analyze(load.Source{Name: "hybrid.yaml", Data: []byte(connectorYAML("    smartHosts: [\"" + h + "\"]\n"))})
		if !res.Diagnostics.HasErrors() {
			t.Errorf("%s: no error\n%s", h, res.Diagnostics)
		}
	}
}

// TestGroupDomainConflict (review 2, finding 1): a group domain that is a
// primary SMTP domain, a partner's domain (or a child of it), the tenant's
// namespace or the parent of a declared domain is refused at its value;
// a child of our own primary domain is Microsoft's example and passes.
func TestGroupDomainConflict(t *testing.T) {
	partner := "  partners:\n    - domain: fabrikam.com\n      tenant: fabrikam.onmicrosoft.com\n      relationship:\n        name: Fabrikam\n        domainNames: [fabrikam.com, mail.northwind.com]\n"
	for _, tt := range []struct {
		domain string
		want   string
	}{
		{"groups.contoso.com", ""},
		{"contoso.com", "is a primary SMTP domain of onPremises"},
		{"fabrikam.com", "is partner fabrikam.com's domain"},
		{"groups.fabrikam.com", "child domain of fabrikam.com"},
		{"contoso.mail.onmicrosoft.com", "onmicrosoft.com"},
		{"delegation.contoso.com", ""},
		{"northwind.com", "parent domain of mail.northwind.com"},
		{"service.contoso.com", `relationship "To Cloud"`},
		{"contoso.onmicrosoft.com", "onmicrosoft.com"},
	} {
		t.Run(tt.domain, func(t *testing.T) {
			mx := strings.ReplaceAll(tt.domain, ".", "-") + ".mail.protection.outlook.com"
			src := hybridYAML(toCloud+"  hybridSendConnector:\n    name: Outbound to Office 365\n    addressSpaces: [contoso.mail.onmicrosoft.com]\n"+
				"  groupDomains:\n    - domain: "+tt.domain+"\n      mx: "+mx+"\n", partner)
			res := Analyze(load.Source{Name: "hybrid.yaml", Data: []byte(src)})
			var got []string
			for _, d := range res.Diagnostics {
				if d.Code == diag.CodeGroupDomainConflict {
					got = append(got, d.Pos.String()+" "+d.Message)
				}
			}
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("refused: %v", got)
			case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want) || !strings.HasPrefix(got[0], "hybrid.yaml:14:15 ")):
				t.Errorf("got %v, want one HC0354 at 14:15 saying %q\n%s", got, tt.want, res.Diagnostics)
			}
		})
	}
}

// TestSendConnectorForeign (review 2, finding 2): an address space other
// than the routing domain or a group domain, and a smart host of
// Exchange Online that is not the MX of a declared domain, are warned
// about at the item.
func TestSendConnectorForeign(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{"routing domain and own MX", hybridYAML("  hybridSendConnector:\n    name: Outbound to Office 365\n    addressSpaces: [contoso.mail.onmicrosoft.com]\n    smartHosts: [contoso-com.mail.protection.outlook.com]\n", ""), nil},
		{"a foreign address space", hybridYAML("  hybridSendConnector:\n    name: Outbound to Office 365\n    addressSpaces: [contoso.mail.onmicrosoft.com, fabrikam.com]\n", ""), []string{diag.CodeAddressSpaceExtra + " 9:51"}},
		{"another tenant's MX", hybridYAML("  hybridSendConnector:\n    name: Outbound to Office 365\n    addressSpaces: [contoso.mail.onmicrosoft.com]\n    smartHosts: [fabrikam-com.mail.protection.outlook.com]\n", ""), []string{diag.CodeSmartHostOutside + " 10:18"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Analyze(load.Source{Name: "hybrid.yaml", Data: []byte(tt.yaml)})
			var got []string
			for _, d := range res.Diagnostics {
				if d.Code == diag.CodeAddressSpaceExtra || d.Code == diag.CodeSmartHostOutside {
					got = append(got, d.Code+" "+strings.TrimPrefix(d.Pos.String(), "hybrid.yaml:"))
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("diagnostics %v, want %v\n%s", got, tt.want, res.Diagnostics)
			}
		})
	}
}
