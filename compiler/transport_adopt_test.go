package compiler

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/state"
	"github.com/hybridc/hybridc/compiler/statediff"
)

const wizardInbound = "Inbound from 3f6c2b1a-9d4e-4c7b-8a2f-1e5d6c7b8a90"

// adoptCase is the transport case with its synthesized states, the online
// state's inbound connector renamed to name with another certificate.
func adoptCase(t *testing.T, yaml func(string) string, name string) *statediff.Change {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "golden", "cases", "transport-certificates", "input.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	_, states := yamlStates(t, "input.yaml", data)
	for _, sf := range states {
		if sf.State.Kind != state.ExchangeOnline {
			continue
		}
		for i := range sf.State.InboundConnectors {
			sf.State.InboundConnectors[i].Name = name
			sf.State.InboundConnectors[i].TlsSenderCertificateName = "old.contoso.com"
		}
	}
	next := Analyze(load.Source{Name: "input.yaml", Data: []byte(yaml(string(data)))})
	if next.Schedule == nil {
		t.Fatalf("%s", next.Diagnostics)
	}
	ch, _ := statediff.DiffState(next.Schedule, states)
	return ch
}

func inboundChange(ch *statediff.Change, id string) (added bool, rc *statediff.ResourceChange) {
	for _, s := range ch.Scripts {
		for _, r := range s.Added {
			if r.ID == id {
				return true, r
			}
		}
		for _, r := range s.Changed {
			if r.ID == id {
				return false, r
			}
		}
	}
	return false, nil
}

// TestOnlineConnectorAdoption: plan --state takes over only a connector
// named as the wizard names it ("exists as '<name>'"), never a
// production connector of another name, never one another declared
// connector names, and not twice.
func TestOnlineConnectorAdoption(t *testing.T) {
	same := func(s string) string { return s }
	added, rc := inboundChange(adoptCase(t, same, wizardInbound), "inboundConnector/Inbound from Contoso")
	if rc == nil || added || !strings.Contains(rc.Warning, "exists as '"+wizardInbound+"'") {
		t.Errorf("the wizard's connector: added %v, %+v; want changed, exists as", added, rc)
	}
	added, rc = inboundChange(adoptCase(t, same, "Production inbound"), "inboundConnector/Inbound from Contoso")
	if rc == nil || !added || strings.Contains(rc.Warning, "exists as") {
		t.Errorf("a connector of another name is taken over: added %v, %+v", added, rc)
	}
	second := func(s string) string {
		return strings.Replace(s, "  inboundConnectors:\n    - name: Inbound from Contoso\n      tlsCertificate: mail-2027\n",
			"  inboundConnectors:\n    - name: Inbound from Contoso\n      tlsCertificate: mail-2027\n    - name: Inbound from Fabrikam\n      tlsCertificate: mail-2027\n", 1)
	}
	ch := adoptCase(t, second, wizardInbound)
	if added, rc := inboundChange(ch, "inboundConnector/Inbound from Contoso"); rc == nil || added {
		t.Errorf("the first declared connector does not take the wizard's over: %v %+v", added, rc)
	}
	if added, rc := inboundChange(ch, "inboundConnector/Inbound from Fabrikam"); rc == nil || !added || strings.Contains(rc.Warning, "exists as") {
		t.Errorf("the second declared connector takes the same one over: %v %+v", added, rc)
	}
	named := func(s string) string {
		return strings.Replace(second(s), "    - name: Inbound from Fabrikam\n", "    - name: "+wizardInbound+"\n", 1)
	}
	ch = adoptCase(t, named, wizardInbound)
	if added, rc := inboundChange(ch, "inboundConnector/Inbound from Contoso"); rc == nil || !added {
		t.Errorf("a connector another declared item names is taken over: %v %+v", added, rc)
	}
}

// TestPlanMayTakeOver: plan (YAML to YAML) marks a new connector, send
// connector or relationship that may take over the wizard's object.
func TestPlanMayTakeOver(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "golden", "cases", "transport-certificates", "input.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	next := Analyze(load.Source{Name: "input.yaml", Data: data})
	if next.Schedule == nil {
		t.Fatalf("%s", next.Diagnostics)
	}
	ch := statediff.Diff(nil, next.Schedule)
	want := map[string]string{
		"inboundConnector/Inbound from Contoso": "may take over the wizard's connector ('Inbound from <GUID>'",
		"outboundConnector/Outbound to Contoso": "may take over the wizard's connector ('Outbound to <GUID>'",
		"sendConnector/Outbound to Office 365":  "may take over the wizard's send connector",
	}
	for _, s := range ch.Scripts {
		for _, rc := range s.Added {
			if w, ok := want[rc.ID]; ok {
				if !strings.Contains(rc.Warning, w) {
					t.Errorf("%s: %q, want %q", rc.ID, rc.Warning, w)
				}
				delete(want, rc.ID)
			}
		}
	}
	for id := range want {
		t.Errorf("%s is not added", id)
	}
}
