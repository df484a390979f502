package compiler

import (
	"slices"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/statefile"
)

// TestDiagnosticFields: a diagnostic carries the JSON pointer of its node
// and the other positions it names as fields, not in its message, and
// String writes each related position on a line of its own.
func TestDiagnosticFields(t *testing.T) {
	diags := Analyze(load.Source{Name: "d.yaml", Data: []byte("a: 1\nb:\n  c: 1\n  c: 2\n")}).Diagnostics
	if len(diags) != 1 {
		t.Fatalf("diagnostics: %s", diags)
	}
	d := diags[0]
	want := []diag.Related{{Pos: diag.Pos{File: "d.yaml", Line: 3, Col: 3}, Label: "first given here"}}
	if !slices.Equal(d.Related, want) || strings.Contains(d.Message, "line") || d.Pointer != "/b/c" {
		t.Errorf("related %v, message %q, pointer %q", d.Related, d.Message, d.Pointer)
	}
	if got := d.String(); got != "d.yaml:4:3: error HC0102: duplicate key \"c\"\n\td.yaml:3:3: note: first given here" {
		t.Errorf("String() = %q", got)
	}

	res := Analyze(load.Source{Name: "v.yaml", Data: []byte("version: 1\ncolour: blue\n")})
	i := slices.IndexFunc(res.Diagnostics, func(d diag.Diagnostic) bool { return d.Code == diag.CodeUnknownKey })
	if i < 0 || res.Diagnostics[i].Pointer != "/colour" {
		t.Errorf("the schema's instance location is not the pointer: %#v", res.Diagnostics)
	}
}

// TestDiagnosticText: Text escapes the file, the message and the labels,
// and nothing else; Sort drops only diagnostics equal in every field.
func TestDiagnosticText(t *testing.T) {
	d := diag.Diagnostic{Pos: diag.Pos{File: "f", Line: 1, Col: 2}, Code: "HC0102", Message: "m\x1b",
		Related: []diag.Related{{Pos: diag.Pos{File: "g\x1b", Line: 3, Col: 4}, Label: "l\x1b"}}}
	got := d.Text(func(s string) string { return strings.ReplaceAll(s, "\x1b", "ESC") })
	if got != "f:1:2: error HC0102: mESC\n\tgESC:3:4: note: lESC" {
		t.Errorf("Text = %q", got)
	}
	other := d
	other.Related = nil
	if n := len(diag.Diagnostics{d, other, d, other}.Sort()); n != 2 {
		t.Errorf("Sort kept %d diagnostics, want 2", n)
	}
}

// TestStatePointer: a state file's diagnostics carry the JSON pointer of
// the value, which their message starts with, and a repeated key its
// first position.
func TestStatePointer(t *testing.T) {
	tests := []struct{ json, pointer, related string }{
		{`{"formatVersion": 1, "kind": "onPremises", "organization": "x", "recipients": [{"guid": 5}]}`, "/recipients/0/guid", ""},
		{`{"formatVersion": 1, "kind": "onPremises", "organization": "x", "recipients": [{}]}`, "/recipients/0", ""},
		{`{"formatVersion": 1, "kind": "onPremises", "organization": "x", "organizationRelationships": [{"name": "a"}, {"name": "b", "DOMAINNAMES": ["c", 5]}]}`, "/organizationRelationships/1/DOMAINNAMES/1", ""},
		{`{"formatVersion": 1, "kind": "onPremises", "organization": "x", "organizationConfig": {"NAME": [5]}}`, "/organizationConfig/NAME", ""},
		{`{"formatVersion": 1, "kind": "onPremises", "organization": {"a": 1}}`, "/organization", ""},
		{`{"formatVersion": 1, "kind": "onPremises", "organization": "x", "kind": "onPremises"}`, "/kind", "s.json:1:22"},
	}
	for _, tt := range tests {
		_, diags := statefile.LoadState(load.Source{Name: "s.json", Data: []byte(tt.json)})
		if len(diags) != 1 || diags[0].Pointer != tt.pointer || !strings.HasPrefix(diags[0].Message, tt.pointer+": ") {
			t.Errorf("%s: %#v, want pointer %s", tt.json, diags, tt.pointer)
			continue
		}
		if tt.related != "" && (len(diags[0].Related) != 1 || diags[0].Related[0].Pos.String() != tt.related) {
			t.Errorf("%s: related %v, want %s", tt.json, diags[0].Related, tt.related)
		}
	}
}

// TestDecodeShapePosition: a value of the wrong shape that reached the
// decoder (an internal error) is reported at its node, not with a line
// number in the message.
func TestDecodeShapePosition(t *testing.T) {
	doc, diags := load.Load(load.Source{Name: "s.yaml", Data: []byte("version: 1\nonPremises:\n  organization: [x]\n")})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	_, diags = load.Decode(doc)
	if len(diags) != 1 || diags[0].Pos != (diag.Pos{File: "s.yaml", Line: 3, Col: 17}) || diags[0].Message != "cannot decode the file: a string was expected" {
		t.Errorf("diagnostics: %s", diags)
	}
}
