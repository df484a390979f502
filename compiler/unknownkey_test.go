package compiler

import (
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/load"
)

// TestUnknownKeyWithQuote: an unknown key holding a quote is reported as
// it is written, at its own position, and no valid key is blamed (the
// schema library's message, which quotes the keys with ', is not parsed).
func TestUnknownKeyWithQuote(t *testing.T) {
	yaml := "version: 1\nonPremises:\n  organization: Contoso\n  \"zz', 'organization\": 1\n"
	diags := Analyze(load.Source{Name: "q.yaml", Data: []byte(yaml)}).Diagnostics
	var unknown []diag.Diagnostic
	for _, d := range diags {
		if d.Code == diag.CodeUnknownKey {
			unknown = append(unknown, d)
		}
	}
	if len(unknown) != 1 {
		t.Fatalf("want one unknown key, got:\n%s", diag.Diagnostics(unknown))
	}
	d := unknown[0]
	if d.Pos.Line != 4 || d.Pointer != "/onPremises/zz', 'organization" || !strings.HasPrefix(d.Message, `unknown key "zz', 'organization" in onPremises`) {
		t.Errorf("got %s (pointer %q)", d, d.Pointer)
	}
}
