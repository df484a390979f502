package compiler

import (
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/state"

	"github.com/hybridc/hybridc/compiler/importer"
	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/statediff"
)

// TestImportRemoteDomains: import declares each organization's remote
// domains under their names with their settings, so that plan --state on
// the import is in sync; the Default (*) and other wildcard domains are
// left out and counted in the header.
func TestImportRemoteDomains(t *testing.T) {
	_, states := yamlStates(t, "remote.yaml", []byte(remoteDomainsYAML))
	yes := true
	for _, sf := range states {
		sf.State.RemoteDomains = append(sf.State.RemoteDomains, state.RemoteDomain{Name: "Default", DomainName: "*", AutoReplyEnabled: &yes, AllowedOOFType: "External"})
	}
	im, diags := importer.Import(states, importer.ImportOptions{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	data := im.Files("hybrid.yaml", false)["hybrid.yaml"]
	text := string(data)
	for _, want := range []string{"name: Hybrid Domain - contoso.mail.onmicrosoft.com", "domainName: contoso.mail.onmicrosoft.com",
		"targetDeliveryDomain: true", "allowedOOFType: InternalLegacy", "name: Hybrid Domain - contoso.com",
		"2 remote domains with a wildcard domain (Default, *.domain)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the import lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "domainName: '*'") || strings.Contains(text, "name: Default") {
		t.Errorf("the import declares the Default remote domain:\n%s", text)
	}
	res := Analyze(load.Source{Name: "hybrid.yaml", Data: data})
	if res.Schedule == nil {
		t.Fatalf("%s\n%s", res.Diagnostics, text)
	}
	if ch, _ := statediff.DiffState(res.Schedule, states); ch.HasChanges() {
		t.Errorf("plan --state on the import reports changes: %s", changeText(ch))
	}
}

// TestImportRemoteDomainsDuplicate: of two remote domains of one domain
// (ordinal, ignoring case), import declares the first, as the script would
// refuse a declaration that matches both, and counts the other under
// Left out; the import compiles and plan --state on it is in sync apart
// from the ambiguity it warns about.
func TestImportRemoteDomainsDuplicate(t *testing.T) {
	_, states := yamlStates(t, "remote.yaml", []byte(remoteDomainsYAML))
	for _, sf := range states {
		if len(sf.State.RemoteDomains) == 0 {
			t.Fatal("the states have no remote domain")
		}
		first := sf.State.RemoteDomains[0]
		dup := first
		dup.Name = first.Name + " (copy)"
		dup.DomainName = strings.ToUpper(first.DomainName)
		sf.State.RemoteDomains = append(sf.State.RemoteDomains, dup)
	}
	im, diags := importer.Import(states, importer.ImportOptions{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	data := im.Files("hybrid.yaml", false)["hybrid.yaml"]
	text := string(data)
	if strings.Contains(text, " (copy)") {
		t.Errorf("the import declares the second remote domain of a domain:\n%s", text)
	}
	if !strings.Contains(text, "2 remote domains of a domain an earlier one has") {
		t.Errorf("the import does not count the duplicates under Left out:\n%s", text)
	}
	res := Analyze(load.Source{Name: "hybrid.yaml", Data: data})
	if res.Schedule == nil || res.Diagnostics.HasErrors() {
		t.Fatalf("the import does not compile: %s\n%s", res.Diagnostics, text)
	}
	if _, d := statediff.DiffState(res.Schedule, states); !strings.Contains(d.String(), "several objects have DomainName") {
		t.Errorf("plan --state on two remote domains of one domain does not warn: %s", d.String())
	}
}
