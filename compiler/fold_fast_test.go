package compiler

import (
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/config"

	"github.com/hybridc/hybridc/compiler/model"
)

// TestFoldIdentityFastPath: the ASCII path folds as strings.Map with
// identityUpper does, for ASCII, other and invalid UTF-8 text alike.
func TestFoldIdentityFastPath(t *testing.T) {
	for _, s := range []string{"", "user000123@contoso.com", "USER@CONTOSO.COM", "Mixed Case 123 !~", "ı and ſ", "Kovács Ödön",
		"K\u212a", "a\xffb", "\xc3", "tail é", "é head", strings.Repeat("abc", 100)} {
		want := strings.Map(model.IdentityUpper, s)
		if got := model.FoldIdentity(s); got != want {
			t.Errorf("foldIdentity(%q) = %q, want %q", s, got, want)
		}
		m := map[string]int{want: 1}
		if got := model.LookupFolded(m, s); got != 1 {
			t.Errorf("lookupFolded(%q) did not find %q", s, want)
		}
	}
}

// TestFoldAllocations: folding ASCII that is already upper case, and
// looking a name up by its fold, allocate nothing; folding lower-case ASCII
// allocates the result only.
func TestFoldAllocations(t *testing.T) {
	m := map[string]int{"USER000123@CONTOSO.COM": 1}
	for name, c := range map[string]struct {
		f    func()
		want float64
	}{
		"upper":  {func() { _ = model.FoldIdentity("USER000123@CONTOSO.COM") }, 0},
		"lower":  {func() { _ = model.FoldIdentity("user000123@contoso.com") }, 1},
		"lookup": {func() { _ = model.LookupFolded(m, "user000123@contoso.com") }, 0},
	} {
		if got := testing.AllocsPerRun(100, c.f); got > c.want {
			t.Errorf("%s: %v allocations, want %v", name, got, c.want)
		}
	}
}

// TestDeclaredIndexPermission: what the declared index caches of each permission
// is what looking its names up gives, in any letter case.
func TestDeclaredIndexPermission(t *testing.T) {
	cfg := largeBatchConfig(400, 2000, 3)
	cfg.Permissions[0].Mailbox = "NOBODY@contoso.com"
	cfg.Permissions[1].Trustee = config.Identity(strings.ToUpper(string(cfg.Permissions[1].Trustee)))
	dir := model.DeclaredIndexOf(cfg)
	for i, p := range cfg.Permissions {
		got := dir.Permission(i)
		if got.Group != dir.Group(p.Mailbox) || got.Mailbox != dir.Mailbox(p.Mailbox) || got.Trustee != dir.Mailbox(p.Trustee) {
			t.Errorf("permission %d: %+v", i, got)
		}
	}
	if dir.Permission(0).Mailbox != nil || dir.Permission(1).Trustee == nil {
		t.Error("an undeclared mailbox was found, or a declared trustee in capitals was not")
	}
}
