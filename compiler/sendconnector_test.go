package compiler

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/state"
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
	tests := []struct {
		name   string
		change func(sc *state.SendConnector)
		want   []string
	}{
		{"as declared", func(*state.SendConnector) {}, nil},
		{"renderings of the same values", func(sc *state.SendConnector) {
			sc.SourceTransportServers = []string{"contoso.com/Configuration/Servers/ex02", "CN=EX01,CN=Servers,CN=Exchange Administrative Group"}
			sc.SmartHosts = []string{"[10.0.0.25]", "SMTP-RELAY.contoso.com"}
			sc.TlsDomain = "MAIL.protection.outlook.com"
		}, nil},
		{"an Edge server among the sources", func(sc *state.SendConnector) {
			sc.SourceTransportServers = append(sc.SourceTransportServers, "EDGE01")
		}, []string{"SourceTransportServers"}},
		{"TLS weakened", func(sc *state.SendConnector) { sc.TlsAuthLevel = "EncryptionOnly" }, []string{"TlsAuthLevel"}},
		{"TLS domain changed", func(sc *state.SendConnector) { sc.TlsDomain = "relay.fabrikam.com" }, []string{"TlsDomain"}},
		{"another certificate", func(sc *state.SendConnector) { sc.TlsCertificateName = "<I>CN=Other<S>CN=mail.contoso.com" }, []string{"TlsCertificateName"}},
		{"another smart host", func(sc *state.SendConnector) { sc.SmartHosts = []string{"smtp.fabrikam.com", "[10.0.0.25]"} }, []string{"SmartHosts"}},
		{"routed by DNS", func(sc *state.SendConnector) { sc.DNSRoutingEnabled = &on }, []string{"SmartHosts"}},
		{"smart hosts with DNS routing off", func(sc *state.SendConnector) { sc.DNSRoutingEnabled = &off }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, states := yamlStates(t, path, data)
			for _, sf := range states {
				for i := range sf.State.SendConnectors {
					tt.change(&sf.State.SendConnectors[i])
				}
			}
			ch, _ := DiffState(res.Plan, states)
			var got []string
			for _, s := range ch.Scripts {
				for _, rc := range append(append([]*ResourceChange{}, s.Added...), s.Changed...) {
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
	c := newImportedConnector(&sc)
	if c.TlsAuthLevel != "DomainValidation" || c.TlsDomain != "mail.protection.outlook.com" || c.TlsCertificateName != "<I>CN=CA<S>CN=mail.contoso.com" ||
		len(c.SmartHosts) != 1 || c.SmartHosts[0] != "[10.0.0.25]" || len(c.SourceServers) != 1 || c.SourceServers[0].Name != "EX01" {
		t.Errorf("imported %+v", c)
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
	_, diags := DiffState(res.Plan, states)
	found := false
	for _, d := range diags {
		found = found || (d.Code == CodeStateUnresolved && strings.Contains(d.Message, `'CONTOSO\fbproxy'`))
	}
	if !found {
		t.Errorf("no warning that the replacement would lose the credentials:\n%s", diags)
	}
}
