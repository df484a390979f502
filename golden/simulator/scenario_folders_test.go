package simulator

import (
	"testing"

	"github.com/hybridc/hybridc/compiler"
)

// TestScenarioLocalizedFolders: a folder permission on a default folder
// declared by its English name (Calendar) converges on mailboxes whose
// folders bear German or French names (Kalender, Calendrier), where
// mailbox:\Calendar does not exist: the engine resolves the folder by its
// type. The whole life runs: -Check, -WhatIf, a first run, -Check and a
// second run without changes. Then the export, given -Folders Calendar,
// finds the same folder by its type and records its entries under
// Calendar: plan --state finds the example in sync and import keeps the
// permission.
func TestScenarioLocalizedFolders(t *testing.T) {
	for _, c := range configs(t) {
		if c.Label != "examples_permissions" {
			continue
		}
		for _, language := range []string{"de", "fr"} {
			c, language := c, language
			t.Run(language, func(t *testing.T) {
				t.Parallel()
				variant := map[string]any{"folderLanguage": language}
				dir := lifecycleWith(t, c, variant)
				if t.Failed() {
					t.FailNow()
				}
				_, states := exportStates(t, c, dir, variant)
				checkLocalizedExport(t, c, states)
			})
		}
	}
}

// checkLocalizedExport: the exported states hold the example's folder
// permissions under their declared (English) names, plan --state of the
// example finds nothing to change, and the imported configuration declares
// every permission of the example.
func checkLocalizedExport(t *testing.T, c config, states []*compiler.StateFile) {
	t.Helper()
	folders := map[string]int{}
	for _, st := range states {
		for _, p := range st.State.Permissions {
			if p.Access == "Folder" && p.TrusteeGuid != "" {
				folders[p.Folder]++
			}
		}
	}
	for _, name := range declaredFolders(c) {
		if folders[name] == 0 {
			t.Errorf("the export recorded no entry of a recipient on %s (recorded: %v)", name, folders)
		}
	}
	if change, diags := compiler.DiffState(c.Plan, states); diags.HasErrors() || change.HasChanges() {
		t.Errorf("plan --state of the example on the exported states: %v changes %v\n%s", diags.String(), change.Counts(), describeChange(change))
	}
	im, diags := compiler.Import(states, compiler.ImportOptions{})
	if im == nil || diags.HasErrors() {
		t.Fatalf("import:\n%s", diags.String())
	}
	imported := compiler.Analyze(compiler.Source{Name: "hybrid.yaml", Data: im.Files("hybrid.yaml", false)["hybrid.yaml"]})
	if imported.Plan == nil {
		t.Fatalf("the imported configuration has no plan:\n%s", imported.Diagnostics.String())
	}
	checkKept(t, c, imported, states)
}
