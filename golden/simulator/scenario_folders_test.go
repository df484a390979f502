package simulator

import (
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
