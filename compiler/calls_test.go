package compiler

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hybridc/hybridc/compiler/load"
	renderpkg "github.com/hybridc/hybridc/compiler/render"
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
			res := Analyze(load.Source{Name: tt.file, Data: data})
			if res.Schedule == nil {
				t.Fatal(res.Diagnostics)
			}
			for _, e := range renderpkg.EstimateCalls(res.Schedule) {
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
	res := Analyze(load.Source{Name: "scale.yaml", Data: scaleFile(5_000, 50_000)})
	if res.Schedule == nil {
		t.Fatal(res.Diagnostics[:1])
	}
	es := renderpkg.EstimateCalls(res.Schedule)
	first, inSync := renderpkg.CallsTotal(es)
	for _, e := range es {
		for _, k := range e.Kinds {
			t.Logf("%s %s: %d items, first run %d, in sync %d", e.File, k.Kind, k.Items, k.FirstRun, k.InSync)
		}
		t.Logf("%s: first run %d, in sync %d", e.File, e.FirstRun, e.InSync)
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
	res, err := Compile(load.Source{Name: "scale.yaml", Data: scaleFile(5_000, 50_000)}, renderpkg.Options{ToolVersion: "test"})
	if err != nil || res.Files == nil {
		t.Fatal(err, res.Diagnostics)
	}
	size := len(res.Files["onprem.ps1"]) + len(res.Files["online.ps1"])
	if size > 15_000_000 {
		t.Errorf("the scripts are %d bytes together, more than 15 MB", size)
	}
	t.Logf("onprem.ps1 %d bytes, online.ps1 %d bytes", len(res.Files["onprem.ps1"]), len(res.Files["online.ps1"]))
}
