package compiler

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/statefile"
)

// TestFoldIdentityFast: the ASCII fast path and appendFoldIdentity fold
// exactly as strings.Map(identityUpper) does, for every code point, in
// ASCII and mixed strings, and for invalid UTF-8 (each bad byte U+FFFD).
func TestFoldIdentityFast(t *testing.T) {
	want := func(s string) string { return strings.Map(model.IdentityUpper, s) }
	var inputs []string
	for r := rune(0); r <= utf8.MaxRune; r++ {
		inputs = append(inputs, string(r), "a"+string(r)+"Z")
	}
	inputs = append(inputs, "", "USER@CONTOSO.COM", "user@contoso.com", "Straße ı ſ K", "a\xffb", "\xed\xa0\x80", "\xef\xbf\xbd", "x\xc3")
	var buf [8]byte
	for _, s := range inputs {
		w := want(s)
		if got := model.FoldIdentity(s); got != w {
			t.Fatalf("foldIdentity(%q) = %q, want %q", s, got, w)
		}
		if got := string(model.AppendFoldIdentity(buf[:0], s)); got != w {
			t.Fatalf("appendFoldIdentity(%q) = %q, want %q", s, got, w)
		}
	}
}

// TestStateRecipientsLookupAllocates: finding a recipient in a state's
// recipients allocates nothing (each lookup folded its key into a new
// string), whatever the case of the value.
func TestStateRecipientsLookupAllocates(t *testing.T) {
	st := largeStates(100, 100)[0].State
	dir := statefile.NewStateRecipients(st)
	guid := st.Recipients[7].Guid
	if dir.Find("User000007@Contoso.com") == nil || dir.Find(guid) == nil {
		t.Fatal("the recipients are not found")
	}
	if n := testing.AllocsPerRun(100, func() { dir.Find(guid); dir.Find("User000007@Contoso.com"); dir.ResolveProblem(guid) }); n != 0 {
		t.Errorf("a state recipients lookup allocates %v times", n)
	}
}
