package compiler

import (
	"os"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/diag"
)

// TestREADMEListsEveryCode keeps the README's table of diagnostic codes in
// step with the compiler: every code, with its name, has a row.
func TestREADMEListsEveryCode(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	for _, r := range diag.Rules {
		if row := "| " + r.Code + " | " + r.Name + " |"; !strings.Contains(readme, row) {
			t.Errorf("README.md has no row %q", row)
		}
	}
}
