package simulator

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestScenarioLocalizedFolders: a folder permission on a default folder
// declared by its English name (Calendar) converges on mailboxes whose
// folders bear German or French names (Kalender, Calendrier), where
// mailbox:\Calendar does not exist: the engine resolves the folder by its
// type. The whole life runs: -Check, -WhatIf, a first run, -Check and a
// second run without changes.
func TestScenarioLocalizedFolders(t *testing.T) {
	for _, c := range configs(t) {
		if c.Label != "examples_permissions" {
			continue
		}
		for _, language := range []string{"de", "fr"} {
			c, language := c, language
			t.Run(language, func(t *testing.T) {
				t.Parallel()
				lifecycleWith(t, c, map[string]any{"folderLanguage": language})
			})
		}
	}
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
