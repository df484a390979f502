package compiler

import (
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/importer"
	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/model"
	renderpkg "github.com/hybridc/hybridc/compiler/render"
	"github.com/hybridc/hybridc/compiler/state"
	"github.com/hybridc/hybridc/compiler/statediff"
	"github.com/hybridc/hybridc/compiler/statefile"
)

// migrationYAML declares the MRS proxy of two EWS virtual directories and
// a remote move migration endpoint.
const migrationYAML = `version: 1
onPremises:
  organization: Contoso
  exchangeVersion: SE
  primarySmtpDomains: [contoso.com]
  federatedDelegationNamespace: exchangedelegation.contoso.com
  mrsProxy:
    - identity: EXCH1\EWS (Default Web Site)
      enabled: true
    - identity: EXCH2\EWS (Default Web Site)
      enabled: true
exchangeOnline:
  tenant: contoso.onmicrosoft.com
  routingDomain: contoso.mail.onmicrosoft.com
  serviceRoutingNamespace: service.contoso.com
  primarySmtpDomains: [contoso.com]
  migrationEndpoints:
    - name: Hybrid Migration Endpoint
      remoteServer: mail.contoso.com
      maxConcurrentMigrations: 50
      maxConcurrentIncrementalSyncs: 20
`

// migrationStates are the synthesized states of migrationYAML and the two
// organizations' files.
func migrationStates(t *testing.T) (*Result, []*statefile.StateFile, *statefile.StateFile, *statefile.StateFile) {
	t.Helper()
	res, states := yamlStates(t, "migration.yaml", []byte(migrationYAML))
	var onprem, online *statefile.StateFile
	for _, s := range states {
		if s.State.Kind == "onPremises" {
			onprem = s
		} else {
			online = s
		}
	}
	if onprem == nil || online == nil || len(onprem.State.WebServicesVirtualDirectories) != 2 || len(online.State.MigrationEndpoints) != 1 {
		t.Fatalf("the synthesized states lack the virtual directories or the endpoint")
	}
	return res, states, onprem, online
}

// TestMigrationPlanState: plan --state finds a virtual directory by its
// identity and an endpoint by its name (ignoring case), in sync on the
// state the scripts leave; MRS proxy off, another count and another
// remote server are changes; a missing endpoint is added; the call
// estimate counts one Get and one New for a new endpoint.
func TestMigrationPlanState(t *testing.T) {
	res, states, onprem, online := migrationStates(t)
	if ch, _ := statediff.DiffState(res.Schedule, states); ch.HasChanges() {
		t.Fatalf("the synthesized state is not in sync: %s", changeText(ch))
	}
	onprem.State.WebServicesVirtualDirectories[0].Identity = strings.ToLower(onprem.State.WebServicesVirtualDirectories[0].Identity)
	online.State.MigrationEndpoints[0].Name = strings.ToUpper(online.State.MigrationEndpoints[0].Name)
	if ch, _ := statediff.DiffState(res.Schedule, states); ch.HasChanges() {
		t.Errorf("an identity in another case is a change: %s", changeText(ch))
	}
	off := false
	onprem.State.WebServicesVirtualDirectories[1].MRSProxyEnabled = &off
	online.State.MigrationEndpoints[0].MaxConcurrentMigrations = 20
	online.State.MigrationEndpoints[0].RemoteServer = "hybrid.contoso.com"
	got := changeText(first(statediff.DiffState(res.Schedule, states)))
	for _, want := range []string{"MRSProxyEnabled false -> true", "MaxConcurrentMigrations 20 -> 50", "RemoteServer hybrid.contoso.com -> mail.contoso.com"} {
		if !strings.Contains(got, want) {
			t.Errorf("plan --state lacks %q: %s", want, got)
		}
	}
	if strings.Contains(got, "MaxConcurrentIncrementalSyncs") {
		t.Errorf("an unchanged count is reported: %s", got)
	}
	online.State.MigrationEndpoints = nil
	if got := changeText(first(statediff.DiffState(res.Schedule, states))); !strings.Contains(got, "added migrationEndpoint/Hybrid Migration Endpoint") {
		t.Errorf("a missing endpoint is not reported added: %s", got)
	}
	found := false
	for _, e := range renderpkg.EstimateCalls(res.Schedule) {
		for _, k := range e.Kinds {
			if k.Kind == model.KindMigrationEndpoint {
				found = true
				if k.FirstRun != 2 || k.InSync != 1 {
					t.Errorf("migrationEndpoint calls %d/%d, want 2 (Get, New) / 1 (Get)", k.FirstRun, k.InSync)
				}
			}
		}
	}
	if !found {
		t.Errorf("the call estimate has no migration endpoint")
	}
}

func first(ch *statediff.Change, _ diag.Diagnostics) *statediff.Change { return ch }

// TestImportMigration: import declares the directories whose MRS proxy is
// on and the remote move endpoints with their settings, so that plan
// --state on the import is in sync; a directory with MRS proxy off and an
// IMAP endpoint are left out and counted.
func TestImportMigration(t *testing.T) {
	_, states, onprem, online := migrationStates(t)
	off := false
	onprem.State.WebServicesVirtualDirectories = append(onprem.State.WebServicesVirtualDirectories,
		state.WebServicesVirtualDirectory{Identity: `EXCH3\EWS (Default Web Site)`, MRSProxyEnabled: &off})
	online.State.MigrationEndpoints = append(online.State.MigrationEndpoints,
		state.MigrationEndpoint{Name: "IMAP", EndpointType: "IMAP", RemoteServer: "imap.contoso.com"})
	im, diags := importer.Import(states, importer.ImportOptions{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	data := im.Files("hybrid.yaml", false)["hybrid.yaml"]
	text := string(data)
	for _, want := range []string{"mrsProxy:", `identity: "EXCH1\\EWS (Default Web Site)"`, "enabled: true", "migrationEndpoints:",
		"name: Hybrid Migration Endpoint", "remoteServer: mail.contoso.com", "maxConcurrentMigrations: 50", "maxConcurrentIncrementalSyncs: 20",
		"1 EWS virtual directories with MRS proxy off", "1 migration endpoints of another type"} {
		if !strings.Contains(text, want) {
			t.Errorf("the import lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "EXCH3") || strings.Contains(text, "imap.contoso.com") {
		t.Errorf("the import declares a directory with MRS proxy off or the IMAP endpoint:\n%s", text)
	}
	res := Analyze(load.Source{Name: "hybrid.yaml", Data: data})
	if res.Schedule == nil {
		t.Fatalf("%s\n%s", res.Diagnostics, text)
	}
	if ch, _ := statediff.DiffState(res.Schedule, states); ch.HasChanges() {
		t.Errorf("plan --state on the import reports changes: %s", changeText(ch))
	}
}
