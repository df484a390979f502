package golden_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/diag"
)

// TestCasesCompileClean: a case named for what it shows (not rule-* nor
// invalid-*) compiles into scripts, with no error among its findings, so
// that a change elsewhere (a new rule) cannot turn a case's scripts into a
// diagnostics file unnoticed.
func TestCasesCompileClean(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("cases", "*", "input.yaml"))
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no golden cases found: %v", err)
	}
	for _, input := range inputs {
		name := filepath.Base(filepath.Dir(input))
		if strings.HasPrefix(name, "rule-") || strings.HasPrefix(name, "invalid-") {
			continue
		}
		out := compileCase(t, input)
		if text, ok := out[diagnosticsFile]; ok && strings.Contains(string(text), " "+diag.Error.String()+" ") {
			t.Errorf("case %s has errors (rename it rule-... if they are what it shows):\n%s", name, text)
		}
		scripts := 0
		for file := range out {
			if filepath.Ext(file) == ".ps1" {
				scripts++
			}
		}
		if scripts == 0 {
			t.Errorf("case %s compiles into no script", name)
		}
	}
}
