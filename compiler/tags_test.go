package compiler

import (
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/load"
)

// TestTags: only the core tags may be written; !!binary and every other tag
// is refused at the tagged node, whatever it stands on.
func TestTags(t *testing.T) {
	tests := []struct {
		name     string
		yaml     string
		wantDiag string // "" for none
	}{
		{name: "core tags", yaml: "a: !!str 1\nb: !!int 2\nc: !!bool true\nd: !!null ~\ne: !!float 1.5\nf: !!map {x: 1}\ng: !!seq [1]\n"},
		{name: "implicit date stays accepted", yaml: "a: 2024-01-02\n"},
		{name: "non-specific tag", yaml: "a: ! 12\n"},
		{name: "binary with a newline", yaml: "a: !!binary YQpi\n", wantDiag: "input.yaml:1:4: error HC0105: YAML tag !!binary is not supported"},
		{name: "binary on a key", yaml: "!!binary YQ==: 1\n", wantDiag: "input.yaml:1:1: error HC0105: YAML tag !!binary"},
		{name: "explicit timestamp", yaml: "a: !!timestamp 2024-01-02\n", wantDiag: "input.yaml:1:4: error HC0105: YAML tag !!timestamp"},
		{name: "custom tag on a mapping", yaml: "a: !thing\n  b: 1\n", wantDiag: "input.yaml:1:4: error HC0105: YAML tag !thing"},
		{name: "custom tag on a list", yaml: "a: !!set [1]\n", wantDiag: "input.yaml:1:4: error HC0105: YAML tag !!set"},
		{name: "binary through an alias", yaml: "x: &b !!binary YQ==\na: *b\n", wantDiag: "input.yaml:1:4: error HC0105: YAML tag !!binary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := load.Load(load.Source{Name: "input.yaml", Data: []byte(tt.yaml)})
			got := diags.String()
			if tt.wantDiag == "" && got != "" {
				t.Fatalf("unexpected diagnostics:\n%s", got)
			}
			if !strings.Contains(got, tt.wantDiag) {
				t.Fatalf("diagnostics:\n%s\nwant one starting %q", got, tt.wantDiag)
			}
		})
	}
}

// TestFoldedDuplicates: every list of domain names or addresses in the
// schema refuses an item repeated in another letter case.
func TestFoldedDuplicates(t *testing.T) {
	const head = "version: 1\nexchangeOnline:\n  tenant: contoso.onmicrosoft.com\n"
	tests := []struct {
		name     string
		yaml     string
		wantDiag string // "" for none
	}{
		{name: "distinct domains", yaml: head + "  primarySmtpDomains: [contoso.com, fabrikam.com]\n"},
		{name: "primary SMTP domains", yaml: head + "  primarySmtpDomains: [fabrikam.com, Fabrikam.com]\n",
			wantDiag: `input.yaml:4:38: error HC0206: primarySmtpDomains: items at index 0 and 1 are equal ignoring case ("fabrikam.com" and "Fabrikam.com")`},
		{name: "relationship domains", yaml: head + "  primarySmtpDomains: [contoso.com]\n  organizationRelationships:\n    - name: P\n      domainNames: [A.example.com, a.example.COM]\n",
			wantDiag: "input.yaml:7:36: error HC0206: domainNames: items at index 0 and 1 are equal ignoring case"},
		{name: "group addresses", yaml: head + "  primarySmtpDomains: [contoso.com]\n  groups:\n    - name: G\n      primarySmtpAddress: g@contoso.com\n      additionalAddresses: [x@contoso.com, X@Contoso.com]\n",
			wantDiag: "input.yaml:8:44: error HC0206: additionalAddresses: items at index 0 and 1 are equal ignoring case"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, diags := load.Load(load.Source{Name: "input.yaml", Data: []byte(tt.yaml)})
			if diags.HasErrors() {
				t.Fatalf("load: %s", diags)
			}
			got := load.Validate(doc).String()
			if tt.wantDiag == "" && got != "" {
				t.Fatalf("unexpected diagnostics:\n%s", got)
			}
			if !strings.Contains(got, tt.wantDiag) {
				t.Fatalf("diagnostics:\n%s\nwant one starting %q", got, tt.wantDiag)
			}
		})
	}
}
