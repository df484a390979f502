package compiler

import (
	"path/filepath"
	"testing"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/importer"
	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/statediff"
)

// TestImportRoundTrip: for every example, the state synthesized from it
// imports into a configuration that validates (warnings only where the
// header explains them) and that plan --state finds in sync with the same
// state: equivalent to the example for what the states hold.
func TestImportRoundTrip(t *testing.T) {
	paths, _ := filepath.Glob("../examples/*.yaml")
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			orig, states := exampleStates(t, path)
			im, diags := importer.Import(states, importer.ImportOptions{})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			for _, split := range []bool{false, true} {
				files := im.Files("hybrid.yaml", split)
				for n, data := range files {
					if !importer.WrittenByImport(data) {
						t.Errorf("split %v: %s does not say that import wrote it", split, n)
					}
				}
				var res *Result
				if split {
					b := load.Bundle{Name: "imported"}
					for _, n := range files.Names() {
						b.Files = append(b.Files, load.Source{Name: n, Data: files[n]})
					}
					res = AnalyzeAll(b)
				} else {
					res = Analyze(load.Source{Name: "hybrid.yaml", Data: files["hybrid.yaml"]})
				}
				for _, d := range res.Diagnostics {
					if d.Severity == diag.Error || !explained[d.Code] {
						t.Errorf("split %v: %s", split, d)
					}
				}
				if res.Schedule == nil {
					t.Fatalf("%s", files["hybrid.yaml"])
				}
				ch, _ := statediff.DiffState(res.Schedule, states)
				if ch.HasChanges() {
					t.Errorf("split %v: plan --state on the import reports changes", split)
				}
				if got, want := len(res.Config.Permissions), len(orig.Config.Permissions); got != want {
					t.Errorf("%d permissions, want %d", got, want)
				}
				if got, want := len(res.Config.ExchangeOnline.Groups), len(orig.Config.ExchangeOnline.Groups); got != want {
					t.Errorf("%d groups, want %d", got, want)
				}
			}
		})
	}
}

// explained are the warnings an imported configuration may carry: its
// header says they are findings in the organization itself.
var explained = map[string]bool{diag.CodeRelationshipNoTarget: true, diag.CodeACLSyncDisabled: true, diag.CodeCrossPremisesFeature: true, diag.CodeExchangeEndOfSupport: true}

// TestImportFilesValidate: the single file and the directory an import
// lays out validate at any size: one file holds one permissions key, not
// one per thousand permissions.
func TestImportFilesValidate(t *testing.T) {
	tests := []struct {
		name        string
		mailboxes   int
		permissions int
	}{
		{name: "fewer permissions than a part", mailboxes: 20, permissions: 50},
		{name: "more permissions than a part", mailboxes: 400, permissions: 2500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			im, diags := importer.Import(largeStates(tt.mailboxes, tt.permissions), importer.ImportOptions{})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			if errs := importer.ValidateImported(im.Files("hybrid.yaml", false)["hybrid.yaml"]); len(errs) > 0 {
				t.Errorf("the single file does not validate:\n%s", errs)
			}
		})
	}
}
