package compiler

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/statediff"
)

// Parts of the valid hybrid file of hybridYAML, split the way an
// administrator might split it over a directory.
const (
	partTop    = "version: 1\n"
	partOnPrem = "onPremises:\n  organization: Contoso\n  exchangeVersion: SE\n  primarySmtpDomains: [contoso.com]\n" +
		"  federatedDelegationNamespace: exchangedelegation.contoso.com\n" + toCloud
	partOnline = "exchangeOnline:\n  tenant: contoso.onmicrosoft.com\n  routingDomain: contoso.mail.onmicrosoft.com\n" +
		"  serviceRoutingNamespace: service.contoso.com\n  primarySmtpDomains: [contoso.com]\n"
)

// bundle makes a Bundle of dir/<name> files from name, text pairs.
func bundle(dir string, nameText ...string) load.Bundle {
	b := load.Bundle{Name: dir}
	for i := 0; i+1 < len(nameText); i += 2 {
		b.Files = append(b.Files, load.Source{Name: dir + "/" + nameText[i], Data: []byte(nameText[i+1])})
	}
	return b
}

func TestLoadAll(t *testing.T) {
	tests := []struct {
		name      string
		bundle    load.Bundle
		wantDiags []string // substrings, one per expected diagnostic, in order
	}{
		{name: "split by organization",
			bundle: bundle("cfg", "a.yaml", partTop, "b.yaml", partOnPrem, "c.yaml", partOnline)},
		{name: "one mapping over two files",
			bundle: bundle("cfg", "a.yaml", partTop+partOnPrem+"exchangeOnline:\n  tenant: contoso.onmicrosoft.com\n",
				"b.yaml", "exchangeOnline:\n  routingDomain: contoso.mail.onmicrosoft.com\n  serviceRoutingNamespace: service.contoso.com\n  primarySmtpDomains: [contoso.com]\n")},
		{name: "a scalar given twice names both positions",
			bundle:    bundle("cfg", "a.yaml", partTop+partOnPrem+partOnline, "b.yaml", "exchangeOnline:\n  tenant: fabrikam.onmicrosoft.com\n"),
			wantDiags: []string{"cfg/b.yaml:2:3: error HC0106: exchangeOnline.tenant is given in two files: the files of a directory merge mappings key by key and join lists, but any other value may be given only once\n\tcfg/a.yaml:11:3: note: first given here"}},
		{name: "a scalar given twice is an error even when equal",
			bundle:    bundle("cfg", "a.yaml", partTop+partOnPrem+partOnline, "b.yaml", partTop),
			wantDiags: []string{"cfg/b.yaml:1:1: error HC0106: version is given in two files: the files of a directory merge mappings key by key and join lists, but any other value may be given only once\n\tcfg/a.yaml:1:1: note: first given here"}},
		{name: "a mapping and a list do not merge",
			bundle:    bundle("cfg", "a.yaml", partTop+partOnPrem+partOnline, "b.yaml", "onPremises: [x]\n"),
			wantDiags: []string{"cfg/b.yaml:1:1: error HC0106: onPremises is given in two files: the files of a directory merge mappings key by key and join lists, but any other value may be given only once\n\tcfg/a.yaml:2:1: note: first given here"}},
		{name: "a top level that is no mapping",
			bundle:    bundle("cfg", "a.yaml", partTop+partOnPrem+partOnline, "b.yaml", "- x\n"),
			wantDiags: []string{"cfg/b.yaml:1:1: error HC0106: this file and cfg/a.yaml do not both hold a mapping at the top level: every file of a directory is a mapping of top-level keys (version, onPremises, exchangeOnline)\n\tcfg/a.yaml:1:1: note: the other file's top level"}},
		{name: "a key left empty in one file",
			bundle:    bundle("cfg", "a.yaml", partTop+partOnPrem+partOnline, "b.yaml", "onPremises:\n"),
			wantDiags: []string{"cfg/b.yaml:1:1: error HC0106: onPremises is given in two files, and one of them leaves it empty (null): the files of a directory merge mappings key by key and join lists; remove the empty one\n\tcfg/a.yaml:2:1: note: first given here"}},
		{name: "load errors of every file",
			bundle:    bundle("cfg", "a.yaml", "a: [\n", "b.yaml", "", "c.yaml", "x: 1\nx: 2\n"),
			wantDiags: []string{"cfg/a.yaml:2:1: error HC0101", "cfg/b.yaml:1:1: error HC0104", "cfg/c.yaml:2:1: error HC0102"}},
		{name: "no file", bundle: bundle("cfg"), wantDiags: []string{"cfg:1:1: error HC0104: cfg holds no YAML file"}},
		{name: "a schema error points into its file",
			bundle: bundle("cfg", "a.yaml", partTop+partOnline, "b.yaml",
				"onPremises:\n  organization: Contoso\n  colour: blue\n  primarySmtpDomains: [contoso.com]\n  federatedDelegationNamespace: exchangedelegation.contoso.com\n"),
			wantDiags: []string{`cfg/b.yaml:1:1: error HC0202: missing required key "exchangeVersion" in onPremises`, `cfg/b.yaml:3:3: error HC0201: unknown key "colour"`}},
		{name: "a rule error points into its file",
			bundle:    bundle("cfg", "a.yaml", partTop+partOnline, "b.yaml", strings.Replace(partOnPrem, "[contoso.mail.onmicrosoft.com, service.contoso.com, contoso.com]", "[contoso.com]", 1)),
			wantDiags: []string{"cfg/b.yaml:8:7: error HC0301"}},
		{name: "duplicate names across files",
			bundle: bundle("cfg", "a.yaml", partTop+partOnPrem+partOnline,
				"b.yaml", "onPremises:\n  organizationRelationships:\n    - name: to cloud\n      domainNames: [contoso.mail.onmicrosoft.com, service.contoso.com, contoso.com]\n"),
			wantDiags: []string{"cfg/b.yaml:3:7: error HC0306: organizationRelationship/to cloud is declared twice in the on-premises Exchange organization Contoso\n\tcfg/a.yaml:8:7: note: first declared here"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := AnalyzeAll(tt.bundle)
			got := res.Diagnostics.String()
			var lines []string // one a diagnostic, with its related positions
			for _, d := range res.Diagnostics {
				lines = append(lines, d.String())
			}
			if len(lines) != len(tt.wantDiags) {
				t.Fatalf("diagnostics:\n%swant %d: %q", got, len(tt.wantDiags), tt.wantDiags)
			}
			for i, w := range tt.wantDiags {
				if !strings.HasPrefix(lines[i], w) {
					t.Errorf("diagnostic %d = %q, want it to start with %q", i, lines[i], w)
				}
			}
			if len(tt.wantDiags) == 0 && res.Schedule == nil {
				t.Error("no plan for a valid bundle")
			}
		})
	}
}

// TestLoadAllMatchesOneFile checks that a configuration split over files
// analyzes as the same file in one piece: the same plan, with lists joined
// in file order and every position in its own file.
func TestLoadAllMatchesOneFile(t *testing.T) {
	online := partOnline + "  organizationRelationships:\n    - name: To On-Premises\n      domainNames: [exchangedelegation.contoso.com, contoso.com]\n"
	extra := "onPremises:\n  organizationRelationships:\n    - name: Second\n      domainNames: [contoso.mail.onmicrosoft.com, service.contoso.com, contoso.com]\n" +
		"  availabilityAddressSpaces:\n    - forestName: service.contoso.com\n      accessMethod: InternalProxy\n      useServiceAccount: true\n"
	whole := Analyze(load.Source{Name: "whole.yaml", Data: []byte(partTop + partOnPrem + "    - name: Second\n      domainNames: [contoso.mail.onmicrosoft.com, service.contoso.com, contoso.com]\n" +
		"  availabilityAddressSpaces:\n    - forestName: service.contoso.com\n      accessMethod: InternalProxy\n      useServiceAccount: true\n" + online)})
	split := AnalyzeAll(bundle("cfg", "1.yaml", partTop+partOnPrem, "2.yaml", online, "3.yaml", extra))
	if whole.Schedule == nil || split.Schedule == nil {
		t.Fatalf("whole:\n%s\nsplit:\n%s", whole.Diagnostics, split.Diagnostics)
	}
	if ch := statediff.Diff(whole.Schedule, split.Schedule); ch.HasChanges() {
		t.Errorf("the split configuration differs from the whole one: %+v", ch.Scripts)
	}
	onprem := split.Schedule.Scripts[0]
	var got []string
	for _, r := range onprem.Resources {
		got = append(got, r.ID()+"@"+r.Pos().String())
	}
	want := []string{
		"organizationRelationship/To Cloud@cfg/1.yaml:8:7",
		"organizationRelationship/Second@cfg/3.yaml:3:7",
		"availabilityAddressSpace/service.contoso.com@cfg/3.yaml:6:7",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("on-premises resources:\n got %v\nwant %v", got, want)
	}
}

func TestBundleSource(t *testing.T) {
	b := bundle("some/where/cfg", "a.yaml", "x: 1\n", "b.yml", "y: 2\n")
	src := b.Source()
	if src.Name != "some/where/cfg" {
		t.Errorf("name %q", src.Name)
	}
	// As "sha256sum a.yaml b.yml" prints it in the directory.
	want := "d09edadd173a8bbc233d47dcafc30cc876af2fb569812f2bbe0e92a1905bbce8  a.yaml\n" +
		"c16b37617e558ba2ca1fd157e8da35d5511cf03bbc39e61a91c3ad17e6ff1c06  b.yml\n"
	if string(src.Data) != want {
		t.Errorf("manifest:\n%s\nwant:\n%s", src.Data, want)
	}
	moved := bundle("elsewhere", "a.yaml", "x: 1\n", "b.yml", "y: 2\n")
	if !bytes.Equal(moved.Source().Data, src.Data) {
		t.Error("the manifest depends on the directory's path")
	}
	changed := bundle("some/where/cfg", "a.yaml", "x: 1\n", "b.yml", "y: 3\n")
	renamed := bundle("some/where/cfg", "a.yaml", "x: 1\n", "c.yml", "y: 2\n")
	if bytes.Equal(changed.Source().Data, src.Data) || bytes.Equal(renamed.Source().Data, src.Data) {
		t.Error("the manifest does not change with a file's content or name")
	}
}
