package kinds

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/state"
)

// TestCurrentIndexIsLinear: comparing n declarations with a state of n
// objects of a kind folds each identity once (2n folds), where scanning
// the state for each declaration compared n*n pairs: a hostile state of
// 50,000 remote domains took minutes of plan --state.
func TestCurrentIndexIsLinear(t *testing.T) {
	const n = 4000
	st := &state.State{}
	for i := range n {
		st.RemoteDomains = append(st.RemoteDomains, state.RemoteDomain{Name: fmt.Sprint(i), DomainName: fmt.Sprintf("d%d.example", i)})
	}
	folds := 0
	fold := func(s string) string { folds++; return strings.ToUpper(s) }
	lookup := RemoteDomain.CurrentIndex(st, fold)
	for i := range n {
		spec := &config.RemoteDomain{DomainName: config.DomainName(fmt.Sprintf("D%d.EXAMPLE", n-1-i))}
		if _, matches := lookup(spec); len(matches) != 1 {
			t.Fatalf("%s not found", spec.DomainName)
		}
	}
	if folds > 2*n {
		t.Errorf("%d folds for %d declarations in a state of %d: want at most %d", folds, n, n, 2*n)
	}
}

// TestCurrentIndexTakesTheFirstMatch: of two state objects with the same
// folded identity the first is current, as the engine takes $current[0];
// an identity the state lacks is not found.
func TestCurrentIndexTakesTheFirstMatch(t *testing.T) {
	yes, no := true, false
	st := &state.State{RemoteDomains: []state.RemoteDomain{
		{Name: "a", DomainName: "other.example"},
		{Name: "b", DomainName: "Same.Example", AutoReplyEnabled: &yes},
		{Name: "c", DomainName: "SAME.example", AutoReplyEnabled: &no},
	}}
	lookup := RemoteDomain.CurrentIndex(st, strings.ToUpper)
	current, matches := lookup(&config.RemoteDomain{DomainName: "same.EXAMPLE"})
	if strings.Join(matches, ",") != "b,c" {
		t.Fatalf("same.EXAMPLE matches %q, want both b and c, in order", matches)
	}
	if got := current("AutoReplyEnabled"); fmt.Sprint(got) != fmt.Sprint(RemoteDomain.Current(&st.RemoteDomains[1], "AutoReplyEnabled")) {
		t.Errorf("AutoReplyEnabled = %v, want the first match's", got)
	}
	if fmt.Sprint(current("AutoReplyEnabled")) == fmt.Sprint(RemoteDomain.Current(&st.RemoteDomains[2], "AutoReplyEnabled")) {
		t.Errorf("the index took the last match")
	}
	if _, matches := lookup(&config.RemoteDomain{DomainName: "missing.example"}); len(matches) > 0 {
		t.Error("missing.example found")
	}
}
