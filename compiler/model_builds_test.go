package compiler

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/model"
	renderpkg "github.com/hybridc/hybridc/compiler/render"
)

// TestModelBuiltOnce: one compile builds each part of the checked model
// once (the declared index of the mailboxes, the inventory, the index of
// what dependsOn names), and validate at most once, for every example and
// golden case. Check found duplicate names with an index of the mailboxes
// of its own, and the order indexed the inventory again.
func TestModelBuiltOnce(t *testing.T) {
	names := [model.ModelParts]string{"mailbox index", "inventory", "dependsOn index"}
	counts := func(run func()) [model.ModelParts]int64 {
		c := new(model.ModelBuildCounts)
		model.ModelBuilds.Store(c)
		defer model.ModelBuilds.Store(nil)
		run()
		var out [model.ModelParts]int64
		for i := range c {
			out[i] = c[i].Load()
		}
		return out
	}
	compiled := 0
	for _, path := range stageInputs(t) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		src := load.Source{Name: path, Data: data}
		var res *Result
		got := counts(func() { res, err = Compile(src, renderpkg.Options{}) })
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for part, n := range got {
			if n > 1 || res.Files != nil && n != 1 {
				t.Errorf("%s: compile built the %s %d times, want once", path, names[part], n)
			}
		}
		if res.Files != nil {
			compiled++
		}
		for part, n := range counts(func() { Diagnose(src) }) {
			if n > 1 {
				t.Errorf("%s: validate built the %s %d times, want at most once", path, names[part], n)
			}
		}
	}
	if compiled < 20 {
		t.Errorf("only %d inputs compiled", compiled)
	}
}

// TestUniqueRecipientsFromDeclaredIndex: the duplicate mailbox and group
// names found with the declared index are those found before with an index of their
// own: a mailbox after the first of its name, a group named as a mailbox
// (first at the mailbox) or as an earlier group, ignoring case; a mailbox
// named as a group's address is no duplicate.
func TestUniqueRecipientsFromDeclaredIndex(t *testing.T) {
	const yaml = `version: 1
onPremises:
  organization: Contoso
  exchangeVersion: SE
  primarySmtpDomains: [contoso.com]
  federatedDelegationNamespace: exchangedelegation.contoso.com
exchangeOnline:
  tenant: contoso.onmicrosoft.com
  routingDomain: contoso.mail.onmicrosoft.com
  serviceRoutingNamespace: service.contoso.com
  primarySmtpDomains: [contoso.com]
  groups:
    - {name: Alpha, primarySmtpAddress: alpha@contoso.com}
    - {name: onprem1, primarySmtpAddress: g1@contoso.com}
    - {name: ALPHA, primarySmtpAddress: alpha2@contoso.com}
    - {name: beta@contoso.com, primarySmtpAddress: beta@contoso.com}
    - {name: Gamma, primarySmtpAddress: gamma@contoso.com}
    - {name: ONPREM1, primarySmtpAddress: g2@contoso.com}
mailboxes:
  - {name: ONPREM1, location: onPremises}
  - {name: ONPREM2, location: onPremises}
  - {name: onprem1, location: exchangeOnline}
  - {name: Onprem1, location: onPremises}
  - {name: alpha@contoso.com, location: exchangeOnline}
`
	var got []string
	for _, d := range Diagnose(load.Source{Name: "dup.yaml", Data: []byte(yaml)}) {
		if d.Code == diag.CodeDuplicateName && !strings.Contains(d.Message, "unifiedGroup/") {
			got = append(got, d.String())
		}
	}
	want := []string{
		"dup.yaml:14:14: error HC0306: group onprem1 is declared twice\n\tdup.yaml:20:12: note: first declared here",
		"dup.yaml:15:14: error HC0306: group ALPHA is declared twice\n\tdup.yaml:13:14: note: first declared here",
		"dup.yaml:18:14: error HC0306: group ONPREM1 is declared twice\n\tdup.yaml:20:12: note: first declared here",
		"dup.yaml:22:12: error HC0306: mailbox onprem1 is declared twice\n\tdup.yaml:20:12: note: first declared here",
		"dup.yaml:23:12: error HC0306: mailbox Onprem1 is declared twice\n\tdup.yaml:20:12: note: first declared here",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
