package compiler

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestEstimateCalls counts the calls of small configurations by hand: the
// preflight's two, one bulk read per kind, and the changes of a first run.
func TestEstimateCalls(t *testing.T) {
	tests := []struct {
		name                  string
		file                  string
		script                string
		wantFirst, wantInSync int
	}{
		// Preflight 2; relationships 1 read + 1 New (no InternalProxy
		// address space: Exchange SE has no older mailbox server to proxy).
		{name: "seed 000 on-premises", file: "contoso-hybrid.yaml", script: "onprem.ps1", wantFirst: 4, wantInSync: 3},
		// Preflight 2; customization 2 (Enable, Get); relationships 1 + 1.
		{name: "seed 000 online", file: "contoso-hybrid.yaml", script: "online.ps1", wantFirst: 6, wantInSync: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("..", "examples", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			res := Analyze(Source{Name: tt.file, Data: data})
			if res.Plan == nil {
				t.Fatal(res.Diagnostics)
			}
			for _, e := range EstimateCalls(res.Plan) {
				if e.File != tt.script {
					continue
				}
				if e.FirstRun != tt.wantFirst || e.InSync != tt.wantInSync {
					t.Errorf("first run %d, in sync %d; want %d and %d (%+v)", e.FirstRun, e.InSync, tt.wantFirst, tt.wantInSync, e.Kinds)
				}
				return
			}
			t.Fatalf("no estimate for %s", tt.script)
		})
	}
}

// TestCallsAtScale holds the scripts of 5,000 mailboxes with 50,000
// delegated permissions to issue 8's budget: at most 10,000 Exchange calls
// over both scripts for a run where everything is in sync. The simulator's
// TestScale (HYBRIDC_SCALE=1) counts the same calls by running the scripts
// and holds them equal to these; the README's table is its measurement.
func TestCallsAtScale(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 50,000 permissions")
	}
	res := Analyze(Source{Name: "scale.yaml", Data: scaleFile(5_000, 50_000)})
	if res.Plan == nil {
		t.Fatal(res.Diagnostics[:1])
	}
	es := EstimateCalls(res.Plan)
	first, inSync := CallsTotal(es)
	for _, e := range es {
		for _, k := range e.Kinds {
			t.Logf("%s %s: %d items, first run %d, in sync %d (+%d by display name)", e.File, k.Kind, k.Items, k.FirstRun, k.InSync, k.InSyncByDisplayName)
		}
		t.Logf("%s: first run %d, in sync %d (+%d by display name)", e.File, e.FirstRun, e.InSync, e.InSyncByDisplayName)
	}
	if inSync > 10_000 {
		t.Errorf("an in-sync run makes %d Exchange calls, more than 10,000", inSync)
	}
	t.Log(fmt.Sprintf("total: first run %d, in sync %d", first, inSync))
}

// TestScriptSizeAtScale holds the scripts of 5,000 mailboxes with 50,000
// delegated permissions to issue 8's budget: 15 MB for both together (the
// engine is fixed; the size grows with the data only).
func TestScriptSizeAtScale(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles 50,000 permissions")
	}
	res, err := Compile(Source{Name: "scale.yaml", Data: scaleFile(5_000, 50_000)}, Options{ToolVersion: "test"})
	if err != nil || res.Files == nil {
		t.Fatal(err, res.Diagnostics)
	}
	size := len(res.Files["onprem.ps1"]) + len(res.Files["online.ps1"])
	if size > 15_000_000 {
		t.Errorf("the scripts are %d bytes together, more than 15 MB", size)
	}
	t.Logf("onprem.ps1 %d bytes, online.ps1 %d bytes", len(res.Files["onprem.ps1"]), len(res.Files["online.ps1"]))
}

// TestEstimateCallsGrouped counts by hand the calls of Send on Behalf, one
// Set-Mailbox per mailbox whose delegates change, and the folder reads
// with -User an in-sync run makes where Exchange names folder users only
// by display name: one per permission declared absent on a folder that
// holds declared entries.
func TestEstimateCallsGrouped(t *testing.T) {
	yaml := `version: 1
onPremises:
  organization: Contoso
  exchangeVersion: SE
  primarySmtpDomains: [contoso.com]
  federatedDelegationNamespace: exchangedelegation.contoso.com
exchangeOnline:
  tenant: contoso.onmicrosoft.com
  routingDomain: contoso.mail.onmicrosoft.com
  serviceRoutingNamespace: service.contoso.com
  primarySmtpDomains: [contoso.com]
mailboxes:
  - {name: BOSS1, location: onPremises}
  - {name: BOSS2, location: onPremises}
  - {name: BOSS3, location: onPremises}
  - {name: D1, location: onPremises}
  - {name: D2, location: onPremises}
  - {name: D3, location: onPremises}
permissions:
  - {access: SendOnBehalf, mailbox: BOSS1, trustee: D1}
  - {access: SendOnBehalf, mailbox: BOSS1, trustee: D2}
  - {access: SendOnBehalf, mailbox: BOSS1, trustee: D3}
  - {access: SendOnBehalf, mailbox: BOSS2, trustee: D1}
  - {access: SendOnBehalf, mailbox: BOSS3, trustee: D1, ensure: absent}
  - {access: Folder, mailbox: BOSS1, trustee: D1, folder: Calendar, folderAccessRights: Reviewer}
  - {access: Folder, mailbox: BOSS1, trustee: D2, folder: Calendar, folderAccessRights: Reviewer, ensure: absent}
  - {access: Folder, mailbox: BOSS2, trustee: D2, folder: Calendar, folderAccessRights: Reviewer, ensure: absent}
`
	res := Analyze(Source{Name: "grouped.yaml", Data: []byte(yaml)})
	if res.Plan == nil {
		t.Fatal(res.Diagnostics)
	}
	want := map[string][3]int{
		// Get-Recipient, Get-User, Get-Mailbox; Set-Mailbox for BOSS1 and
		// BOSS2 (BOSS3's delegate is absent: nothing to remove).
		KindSendOnBehalf: {5, 3, 0},
		// Removals come first: a step of the two absent permissions (two
		// calendars read, each found by its type: 4), then one of the
		// present one (2, and its grant). In sync, D2's absent permission
		// on BOSS1's calendar, which holds D1's entry, is read with -User
		// (BOSS2's calendar holds no declared entry).
		KindFolderPermission: {7, 6, 1},
	}
	for _, e := range EstimateCalls(res.Plan) {
		if e.File != "onprem.ps1" {
			continue
		}
		got := map[string][3]int{}
		for _, k := range e.Kinds {
			got[k.Kind] = [3]int{k.FirstRun, k.InSync, k.InSyncByDisplayName}
		}
		for kind, w := range want {
			if got[kind] != w {
				t.Errorf("%s: first run, in sync, by display name %v; want %v", kind, got[kind], w)
			}
		}
		if e.InSyncByDisplayName != 1 {
			t.Errorf("InSyncByDisplayName %d, want 1", e.InSyncByDisplayName)
		}
		return
	}
	t.Fatal("no estimate for onprem.ps1")
}
