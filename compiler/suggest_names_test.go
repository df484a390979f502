package compiler

import (
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/scalegen"
	"testing"

	"github.com/hybridc/hybridc/compiler/check"
	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/load"
)

// TestBoundedDistance: the banded distance is the Levenshtein distance
// wherever that is within the bound, and the bound plus one beyond it.
func TestBoundedDistance(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	word := func() []rune {
		b := make([]rune, r.IntN(9))
		for i := range b {
			b[i] = rune('a' + r.IntN(3))
		}
		return b
	}
	var rows [2][]int
	for range 20000 {
		a, b, k := word(), word(), r.IntN(5)
		want := min(load.EditDistance(string(a), string(b)), k+1)
		if got, _ := check.BoundedDistance(a, b, k, &rows); got != want {
			t.Fatalf("boundedDistance(%q, %q, %d) = %d, want %d", string(a), string(b), k, got, want)
		}
	}
}

// TestDidYouMeanDeclaredNames: a reference to a name declared nowhere gets
// the closest declared name of what it must name, ignoring case, ties
// going to the name that sorts first; a name far from all, or too short
// to tell, gets none.
func TestDidYouMeanDeclaredNames(t *testing.T) {
	const online = "  groups:\n    - name: Falcon\n      primarySmtpAddress: falcon@groups.contoso.com\n      members: [%s]\n"
	const mailboxes = "mailboxes:\n  - {name: ONPREM1, location: onPremises}\n  - {name: ONPREM2, location: onPremises}\n" +
		"  - {name: Assistant, location: onPremises}\n  - {name: EXO1, location: exchangeOnline}\n  - {name: AB, location: exchangeOnline}\n"
	tests := []struct {
		name, onprem, members, permissions string
		want                               string
	}{
		{name: "permission mailbox", members: "EXO1", permissions: "{access: FullAccess, mailbox: Asistant, trustee: ONPREM1}",
			want: `FullAccess permission: Asistant is not a declared mailbox or group; did you mean "Assistant"?`},
		{name: "permission mailbox, a group address", members: "EXO1", permissions: "{access: SendAs, mailbox: falcon@group.contoso.com, trustee: EXO1}",
			want: `SendAs permission: falcon@group.contoso.com is not a declared mailbox or group; did you mean "falcon@groups.contoso.com"?`},
		{name: "trustee, ignoring case", members: "EXO1", permissions: "{access: FullAccess, mailbox: ONPREM1, trustee: assistnt}",
			want: `FullAccess permission: trustee assistnt is not a declared mailbox; did you mean "Assistant"?`},
		{name: "trustee, a tie goes to the first name", members: "EXO1", permissions: "{access: FullAccess, mailbox: EXO1, trustee: ONPREM3}",
			want: `FullAccess permission: trustee ONPREM3 is not a declared mailbox; did you mean "ONPREM1"?`},
		{name: "group member", members: "EXO1, 0NPREM2", permissions: "{access: FullAccess, mailbox: EXO1, trustee: ONPREM1}",
			want: `group "Falcon": 0NPREM2 is not a declared mailbox; did you mean "ONPREM2"?`},
		{name: "a group is no trustee", members: "EXO1", permissions: "{access: FullAccess, mailbox: EXO1, trustee: Falcom}",
			want: `FullAccess permission: trustee Falcom is not a declared mailbox`},
		{name: "far from every name", members: "EXO1", permissions: "{access: FullAccess, mailbox: EXO1, trustee: PHANTOM}",
			want: `FullAccess permission: trustee PHANTOM is not a declared mailbox`},
		{name: "too short to tell", members: "EXO1", permissions: "{access: FullAccess, mailbox: EXO1, trustee: AC}",
			want: `FullAccess permission: trustee AC is not a declared mailbox`},
		{name: "role assignment policy", members: "EXO1", permissions: "{access: FullAccess, mailbox: EXO1, trustee: ONPREM1}",
			onprem: "  roleAssignmentPolicies:\n    - name: Staff\n      mailboxes: [ONPREM1, ONPRM2]\n",
			want:   `role assignment policy "Staff": ONPRM2 is not a declared mailbox; did you mean "ONPREM2"?`},
		{name: "dependsOn", members: "EXO1", permissions: "{access: FullAccess, mailbox: EXO1, trustee: ONPREM1}",
			onprem: toCloud + "    - name: To Partner\n      domainNames: [contoso.mail.onmicrosoft.com, service.contoso.com, contoso.com]\n      dependsOn: [organizationRelationship/To Clod]\n",
			want:   `dependsOn: organizationRelationship/To Clod is not declared in the on-premises Exchange organization Contoso; did you mean "organizationRelationship/To Cloud"?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			yaml := hybridYAML(tt.onprem, strings.Replace(online, "%s", tt.members, 1)) + mailboxes + "permissions:\n  - " + tt.permissions + "\n"
			res := Analyze(load.Source{Name: "names.yaml", Data: []byte(yaml)})
			var got []string
			for _, d := range res.Diagnostics {
				if d.Code == diag.CodeUndeclaredRecipient || d.Code == diag.CodeDependencyMissing {
					got = append(got, d.Message)
				}
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("messages %q, want [%q]\n%s", got, tt.want, res.Diagnostics)
			}
		})
	}
}

// TestDidYouMeanBoundedAtScale: among 50,000 mailboxes, hundreds of
// misspelt trustees cost at most the run's budget of suggestion work:
// the first ones get their suggestion, the rest none once it is spent,
// and Check stays fast.
func TestDidYouMeanBoundedAtScale(t *testing.T) {
	cfg := scalegen.Config(50_000, 2_000, 7)
	start := cpuTime()
	check.Check(cfg)
	clean := cpuTime() - start
	const typos = 500
	for i := range typos {
		p := &cfg.Permissions[i]
		name := string(p.Trustee)
		p.Trustee = config.Identity(strings.Replace(name, "@contoso.com", "@contoso.con", 1)) // one edit
	}
	start = cpuTime()
	diags := check.Check(cfg)
	elapsed := cpuTime() - start
	suggested, undeclared := 0, 0
	for _, d := range diags {
		if d.Code != diag.CodeUndeclaredRecipient || !strings.Contains(d.Message, "trustee") {
			continue
		}
		undeclared++
		if strings.Contains(d.Message, "did you mean") {
			suggested++
		}
	}
	t.Logf("%d undeclared trustees, %d with a suggestion; Check took %v of CPU, %v without the typos", undeclared, suggested, elapsed, clean)
	if elapsed-clean > time.Second {
		t.Errorf("the suggestions took %v of CPU: their budget is some 50 ms", elapsed-clean)
	}
	if undeclared != typos {
		t.Fatalf("%d undeclared trustees reported, want %d", undeclared, typos)
	}
	if suggested == 0 || suggested == typos {
		t.Errorf("%d of %d suggested: want the first ones, until the budget is spent", suggested, typos)
	}
	// The first permission's trustee, found first, has its suggestion.
	typo := string(cfg.Permissions[0].Trustee)
	i := slices.IndexFunc(diags, func(d diag.Diagnostic) bool { return strings.Contains(d.Message, "trustee "+typo+" ") })
	if want := `did you mean "` + strings.TrimSuffix(typo, "n") + `m"?`; i < 0 || !strings.HasSuffix(diags[i].Message, want) {
		t.Errorf("no finding for %s ending %q", typo, want)
	}
}

// TestBagDistanceIsALowerBound: the bag filter never drops a name within
// the edit distance looked for.
func TestBagDistanceIsALowerBound(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	word := func() []rune {
		b := make([]rune, r.IntN(40))
		for i := range b {
			b[i] = []rune("aAbé0 1ıKk@.")[r.IntN(12)]
		}
		return b
	}
	for range 20000 {
		a, b := word(), word()
		if lb, d := check.BagDistance(check.BagOf(a), check.BagOf(b)), load.EditDistance(string(a), string(b)); lb > d {
			t.Fatalf("bagDistance(%q, %q) = %d > edit distance %d", string(a), string(b), lb, d)
		}
	}
}
