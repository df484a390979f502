package compiler

import (
	"os"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/load"
)

// TestDirectoryPointerIsMerged: in a directory configuration, a
// diagnostic's JSON pointer addresses the merged configuration (a list
// index counts the items of every file), while its position is in the file
// that holds the value; the Pointer doc comment and the README's json
// format say so.
func TestDirectoryPointerIsMerged(t *testing.T) {
	a, err := os.ReadFile("../examples/contoso-hybrid.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b := "onPremises:\n  primarySmtpDomains:\n    - CONTOSO.com\n"
	res := AnalyzeAll(load.Bundle{Name: "m", Files: []load.Source{{Name: "m/a.yaml", Data: a}, {Name: "m/b.yaml", Data: []byte(b)}}})
	var found bool
	for _, d := range res.Diagnostics {
		if d.Code != diag.CodeBadList {
			continue
		}
		found = true
		if d.Pos.File != "m/b.yaml" || d.Pos.Line != 3 || d.Pointer != "/onPremises/primarySmtpDomains/1" {
			t.Errorf("got %s, pointer %q", d, d.Pointer)
		}
	}
	if !found {
		t.Fatalf("no %s:\n%s", diag.CodeBadList, res.Diagnostics)
	}
	for file, want := range map[string]string{
		"diag/diag.go": "of the merged configuration (the document that hybridc",
		"../README.md": "in a configuration, of the merged configuration that `hybridc schema` describes",
	} {
		text, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(text), want) {
			t.Errorf("%s does not say what a pointer addresses: %q", file, want)
		}
	}
}
