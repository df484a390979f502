package cli

import (
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
)

// TestPlanWarningLabel (review finding 2): a warning that removes nothing
// (a group's changed address when the group is not exclusive) is labelled
// as a note, in text and Markdown; a removal keeps [REMOVES: ...].
func TestPlanWarningLabel(t *testing.T) {
	note := &compiler.ResourceChange{Warning: "address changed"}
	removal := &compiler.ResourceChange{Warning: "exclusive", Removes: true}
	if got := warningText(note); got != " [NOTE: address changed]" {
		t.Errorf("note: %q", got)
	}
	if got := warningText(removal); got != " [REMOVES: exclusive]" {
		t.Errorf("removal: %q", got)
	}
	if got := warningMarkdown(note); strings.Contains(got, "removes") || !strings.Contains(got, "note") {
		t.Errorf("Markdown note: %q", got)
	}
}

// TestWarningMarkdownBreaksCommands: a warning quoting a YAML value (the
// connector account's DN) reaches the Markdown plan with hidden characters
// visible and no "##[", which the Actions runner reads anywhere in a line
// as a workflow command (attacker's third review).
func TestWarningMarkdownBreaksCommands(t *testing.T) {
	for _, removes := range []bool{false, true} {
		got := warningMarkdown(&compiler.ResourceChange{Warning: "changes to CN=##[error]pwned\u202e x", Removes: removes})
		if strings.Contains(got, "##[") || strings.ContainsRune(got, '\u202e') {
			t.Errorf("removes=%v: %q", removes, got)
		}
	}
}
