package pscheck

import (
	"os/exec"
	"strings"
	"testing"
)

// TestGrammarIsTestOnly: no package that "go install ./..." builds (as
// pre-commit's language: golang does) depends on the cgo grammar; only
// tests link it.
func TestGrammarIsTestOnly(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go tool is not on PATH")
	}
	out, err := exec.Command(goTool, "list", "-deps", "github.com/hybridc/hybridc/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if strings.Contains(pkg, "tree-sitter") || strings.HasSuffix(pkg, "/testdata/grammar") {
			t.Errorf("%s is built by go install ./...: the grammar must be reachable from tests only", pkg)
		}
	}
}
