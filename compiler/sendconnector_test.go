package compiler

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/state"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/statediff"
)

// TestDiffStateSendConnectorSettings: plan --state compares the send
// connector's routing and TLS settings as the engine does (issue 19 point
// 14): a misrouted connector is a change naming the property, while the
// renderings Exchange may use (a source server as a canonical or
// distinguished name, an IP smart host in brackets, other letter case) are
// in sync.
func TestDiffStateSendConnectorSettings(t *testing.T) {
	path := filepath.Join("..", "golden", "cases", "send-connector-settings", "input.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	off := false
	on := true
	exclusive := func(y string) string {
		return strings.Replace(y, "    sourceServers:\n", "    exclusiveSourceServers: true\n    sourceServers:\n", 1)
	}
	tests := []struct {
		name   string
		yaml   func(string) string
		change func(sc *state.SendConnector)
		want   []string
	}{
		{"as declared", nil, func(*state.SendConnector) {}, nil},
		{"renderings of the same values", nil, func(sc *state.SendConnector) {
			sc.SourceTransportServers = []string{"contoso.com/Configuration/Servers/ex02", "CN=EX01,CN=Servers,CN=Exchange Administrative Group"}
			sc.SmartHosts = []string{"[10.0.0.25]", "SMTP-RELAY.contoso.com"}
			sc.TlsDomain = "MAIL.protection.outlook.com"
		}, nil},
		// Review finding 7: the same certificate with other spacing and case.
		{"the certificate rendered with other spacing", nil, func(sc *state.SendConnector) {
			sc.TlsCertificateName = "<I>cn=Contoso Issuing CA,O=Contoso,  C=US <S> CN=mail.contoso.com,O=Contoso,C=US"
		}, nil},
		// Review finding 4: servers the YAML does not declare are kept.
		{"another server among the sources", nil, func(sc *state.SendConnector) {
			sc.SourceTransportServers = append(sc.SourceTransportServers, "EX03")
		}, nil},
		{"a declared server missing", nil, func(sc *state.SendConnector) {
			sc.SourceTransportServers = []string{"EX01", "EX03"}
		}, []string{"SourceTransportServers"}},
		{"an Edge server among exclusive sources", exclusive, func(sc *state.SendConnector) {
			sc.SourceTransportServers = append(sc.SourceTransportServers, "EDGE01")
		}, []string{"SourceTransportServers"}},
		// Review finding 5: TlsAuthLevel needs RequireTLS.
		{"TLS not required", nil, func(sc *state.SendConnector) { sc.RequireTLS = &off }, []string{"RequireTLS"}},
		{"TLS weakened", nil, func(sc *state.SendConnector) { sc.TlsAuthLevel = "EncryptionOnly" }, []string{"TlsAuthLevel"}},
		{"TLS domain changed", nil, func(sc *state.SendConnector) { sc.TlsDomain = "relay.fabrikam.com" }, []string{"TlsDomain"}},
		{"another certificate", nil, func(sc *state.SendConnector) { sc.TlsCertificateName = "<I>CN=Other<S>CN=mail.contoso.com" }, []string{"TlsCertificateName"}},
		{"another smart host", nil, func(sc *state.SendConnector) { sc.SmartHosts = []string{"smtp.fabrikam.com", "[10.0.0.25]"} }, []string{"SmartHosts"}},
		// Attacker A2: turning DNS routing off shows in the plan.
		{"routed by DNS", nil, func(sc *state.SendConnector) { sc.DNSRoutingEnabled = &on }, []string{"DNSRoutingEnabled", "SmartHosts"}},
		{"smart hosts with DNS routing off", nil, func(sc *state.SendConnector) { sc.DNSRoutingEnabled = &off }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := data
			if tt.yaml != nil {
				data = []byte(tt.yaml(string(data)))
			}
			res, states := yamlStates(t, path, data)
			for _, sf := range states {
				for i := range sf.State.SendConnectors {
					tt.change(&sf.State.SendConnectors[i])
				}
			}
			ch, _ := statediff.DiffState(res.Schedule, states)
			var got []string
			for _, s := range ch.Scripts {
				for _, rc := range append(append([]*statediff.ResourceChange{}, s.Added...), s.Changed...) {
					for _, p := range rc.Properties {
						got = append(got, p.Name)
					}
					if len(rc.Properties) == 0 {
						got = append(got, rc.ID)
					}
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("changes %v, want %v", got, tt.want)
			}
		})
	}
}

// TestImportSendConnectorSettings: import writes the exported connector's
// settings, so that the imported configuration is in sync with the
// organization it came from (export, import and plan --state agree).
func TestImportSendConnectorSettings(t *testing.T) {
	off := false
	sc := state.SendConnector{Name: "Outbound to Office 365 - 1", CloudServicesMailEnabled: true, AddressSpaces: []string{"SMTP:contoso.mail.onmicrosoft.com;1"},
		SourceTransportServers: []string{"contoso.com/Servers/EX01"}, TlsAuthLevel: "DomainValidation", TlsDomain: "mail.protection.outlook.com",
		TlsCertificateName: "<I>CN=CA<S>CN=mail.contoso.com", SmartHosts: []string{"[10.0.0.25]"}, DNSRoutingEnabled: &off}
	c := model.NewImportedConnector(&sc)
	if c.TlsAuthLevel != "DomainValidation" || c.TlsDomain != "mail.protection.outlook.com" || c.TlsCertificateName != "<I>CN=CA<S>CN=mail.contoso.com" ||
		len(c.SmartHosts) != 1 || c.SmartHosts[0] != "[10.0.0.25]" || len(c.SourceServers) != 1 || c.SourceServers[0].Name != "EX01" {
		t.Errorf("imported %+v", c)
	}
}

// TestDiffStateAddressSpaceCredentialsWithoutUserName (review finding 8):
// a PerUserFB or OrgWideFB address space without the service account holds
// credentials whatever UserName says (its rendering is unconfirmed), so
// plan --state warns even when the export has no UserName.
func TestDiffStateAddressSpaceCredentialsWithoutUserName(t *testing.T) {
	path := filepath.Join("..", "golden", "cases", "rule-internal-proxy", "input.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data = []byte(strings.Replace(string(data), "      useServiceAccount: true\n", "", 1))
	for _, method := range []string{"PerUserFB", "OrgWideFB"} {
		res, states := yamlStates(t, path, data)
		for _, sf := range states {
			for i := range sf.State.AvailabilityAddressSpaces {
				a := &sf.State.AvailabilityAddressSpaces[i]
				a.AccessMethod, a.UseServiceAccount, a.UserName = method, nil, ""
			}
		}
		_, diags := statediff.DiffState(res.Schedule, states)
		found := false
		for _, d := range diags {
			found = found || (d.Code == diag.CodeStateUnresolved && strings.Contains(d.Message, "holds credentials"))
		}
		if !found {
			t.Errorf("%s without UserName: no warning that the replacement would lose the credentials:\n%s", method, diags)
		}
	}
}

// TestCertificateNameNormalized (review finding 7): the comparison form of
// a TlsCertificateName ignores spacing around RDNs and case, keeps an
// escaped comma inside its RDN, and tells other certificates apart.
func TestCertificateNameNormalized(t *testing.T) {
	base := model.CertificateName("<I>CN=Contoso CA, O=Contoso, C=US<S>CN=mail.contoso.com, O=Contoso")
	for _, same := range []string{"<i>cn=contoso ca,o=contoso,c=us<s>cn=mail.contoso.com,o=contoso", " <I> CN=Contoso CA ,O=Contoso,C=US <S>CN=mail.contoso.com,  O=Contoso "} {
		if got := model.CertificateName(same); got != base {
			t.Errorf("%q -> %q, want %q", same, got, base)
		}
	}
	for _, other := range []string{"<I>CN=Contoso CA, O=Contoso<S>CN=mail.contoso.com, O=Contoso", "<I>CN=Contoso\\, CA, O=Contoso, C=US<S>CN=mail.contoso.com, O=Contoso"} {
		if model.CertificateName(other) == base {
			t.Errorf("%q compares equal to %q", other, base)
		}
	}
}

// TestDiffStateAddressSpaceCredentials: plan --state warns, as the script
// refuses, when replacing an address space would lose the credentials it
// holds (issue 19 point 1).
func TestDiffStateAddressSpaceCredentials(t *testing.T) {
	path := filepath.Join("..", "golden", "cases", "rule-internal-proxy", "input.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The declared one uses no service account and asks for nothing.
	data = []byte(strings.Replace(string(data), "      useServiceAccount: true\n", "", 1))
	res, states := yamlStates(t, path, data)
	for _, sf := range states {
		for i := range sf.State.AvailabilityAddressSpaces {
			a := &sf.State.AvailabilityAddressSpaces[i]
			a.AccessMethod, a.UseServiceAccount, a.UserName = "OrgWideFB", nil, `CONTOSO\fbproxy`
		}
	}
	_, diags := statediff.DiffState(res.Schedule, states)
	found := false
	for _, d := range diags {
		found = found || (d.Code == diag.CodeStateUnresolved && strings.Contains(d.Message, `'CONTOSO\fbproxy'`))
	}
	if !found {
		t.Errorf("no warning that the replacement would lose the credentials:\n%s", diags)
	}
}
