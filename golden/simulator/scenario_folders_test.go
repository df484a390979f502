package simulator

import (
	"path/filepath"
	"strings"
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
	if change, diags := compiler.DiffState(c.Schedule, states); diags.HasErrors() || change.HasChanges() {
		t.Errorf("plan --state of the example on the exported states: %v changes %v\n%s", diags.String(), change.Counts(), describeChange(change))
	}
	im, diags := compiler.Import(states, compiler.ImportOptions{})
	if im == nil || diags.HasErrors() {
		t.Fatalf("import:\n%s", diags.String())
	}
	imported := compiler.Analyze(compiler.Source{Name: "hybrid.yaml", Data: im.Files("hybrid.yaml", false)["hybrid.yaml"]})
	if imported.Schedule == nil {
		t.Fatalf("the imported configuration has no plan:\n%s", imported.Diagnostics.String())
	}
	checkKept(t, c, imported, states)
}

// TestScenarioFolderNameWithBackslash (review A5): a mailbox whose calendar
// was renamed Inbox\Secret. The resolved path BOSS1:\Inbox\Secret would
// name the Inbox's subfolder Secret, another folder: the item fails,
// naming the backslash, and no folder permission is changed.
func TestScenarioFolderNameWithBackslash(t *testing.T) {
	for _, c := range configs(t) {
		if c.Label != "examples_permissions" {
			continue
		}
		dir := t.TempDir()
		c.scripts(t, dir)
		got := simulate(t, dir, []run{{Script: "onprem.ps1", Variant: map[string]any{"folderLanguage": "renamed"},
			ScriptParameters: reportFor("report.json"), OutState: "after.json", CallLog: "calls"}})
		r := readReport(t, filepath.Join(dir, "report.json"))
		if got[0].ExitCode != 1 {
			t.Errorf("the run exited %d, want 1\n%s", got[0].ExitCode, describe(r))
		}
		wantResult(t, "run", r, `folderPermission/ASSIST1 on BOSS1:\Calendar`, "failed", "backslash")
		for _, cl := range readCalls(t, filepath.Join(dir, "calls")) {
			if strings.HasSuffix(cl.Cmdlet, "-MailboxFolderPermission") && !strings.HasPrefix(cl.Cmdlet, "Get-") {
				t.Errorf("%s called on %v", cl.Cmdlet, cl.Parameters["Identity"])
			}
		}
	}
}
