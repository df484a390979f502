package importer

import (
	"cmp"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/config"

	"github.com/hybridc/hybridc/compiler/pstext"
)

// TestYAMLScalarRules: plainScalar and specialScalar decide as the
// regular expressions they replace, on every string of up to three
// characters from an alphabet of the interesting ones and on random
// longer ones.
func TestYAMLScalarRules(t *testing.T) {
	plain := regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9 ._@/\\+-]*[A-Za-z0-9_.@/\\+-]$|^[A-Za-z_]$`)
	special := regexp.MustCompile(`(?i)^(true|false|yes|no|on|off|y|n|null|~|[-+]?[0-9][0-9._eExXoOa-fA-F+-]*|\.inf|\.nan)$`)
	alphabet := []string{"a", "Z", "0", "9", "_", " ", ".", "@", "/", `\`, "+", "-", "x", "O", "e", "F", "g", "~", ":", "#", `"`, "'", "\t", "ſ", "é", "\xff"}
	check := func(s string) {
		if got, want := pstext.PlainScalar(s), plain.MatchString(s); got != want {
			t.Fatalf("plainScalar(%q) = %v, want %v", s, got, want)
		}
		if got, want := pstext.YAMLString(s), yamlStringRegexp(s, plain, special); got != want {
			t.Fatalf("yamlString(%q) = %q, want %q", s, got, want)
		}
	}
	var all func(prefix string, n int)
	all = func(prefix string, n int) {
		check(prefix)
		if n > 0 {
			for _, c := range alphabet {
				all(prefix+c, n-1)
			}
		}
	}
	all("", 3)
	words := []string{"true", "False", "YES", "no", "On", "OFF", "y", "N", "null", "~", ".inf", ".NaN", "0x1F", "-1.5e+3", "+0o17", "1_000", "user@contoso.com", `CONTOSO\user`}
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 200_000 {
		var b strings.Builder
		if rnd.IntN(4) == 0 {
			b.WriteString(words[rnd.IntN(len(words))])
		}
		for range rnd.IntN(8) {
			b.WriteString(alphabet[rnd.IntN(len(alphabet))])
		}
		check(b.String())
	}
}

// yamlStringRegexp is yamlString as it was written with regular
// expressions.
func yamlStringRegexp(s string, plain, special *regexp.Regexp) string {
	if plain.MatchString(s) && !special.MatchString(s) {
		return s
	}
	return strconv.Quote(s)
}

// TestSortPermissionsOrder: sortPermissions orders permissions exactly as
// sorting them with the comparison itself, ties (names equal ignoring
// case) included.
func TestSortPermissionsOrder(t *testing.T) {
	names := []string{"a@x", "A@x", "b@x", "B@X", "ä@x", "Ä@x", "user1@contoso.com", "User1@Contoso.com"}
	access := []config.AccessRight{"FullAccess", "SendAs", "SendOnBehalf", "Folder"}
	rnd := rand.New(rand.NewPCG(3, 4))
	for n := range 300 {
		ps := make([]config.Permission, n)
		for i := range ps {
			ps[i] = config.Permission{Access: access[rnd.IntN(len(access))], Mailbox: config.Identity(names[rnd.IntN(len(names))]),
				Trustee: config.Identity(names[rnd.IntN(len(names))]), Folder: config.FolderName([]string{"", "Calendar", "calendar"}[rnd.IntN(3)])}
		}
		want := slices.Clone(ps)
		slices.SortFunc(want, func(a, b config.Permission) int {
			return cmp.Or(strings.Compare(strings.ToLower(string(a.Mailbox)), strings.ToLower(string(b.Mailbox))),
				strings.Compare(string(a.Access), string(b.Access)),
				strings.Compare(strings.ToLower(string(a.Trustee)), strings.ToLower(string(b.Trustee))),
				strings.Compare(strings.ToLower(string(a.Folder)), strings.ToLower(string(b.Folder))))
		})
		sortPermissions(ps)
		if !slices.EqualFunc(ps, want, func(a, b config.Permission) bool {
			return a.Access == b.Access && a.Mailbox == b.Mailbox && a.Trustee == b.Trustee && a.Folder == b.Folder
		}) {
			t.Fatalf("%d permissions: sortPermissions differs from the comparison", n)
		}
	}
}

// TestAppendLower: appendLower is strings.ToLower, for ASCII and not.
func TestAppendLower(t *testing.T) {
	for _, s := range []string{"", "FullAccess", "user@contoso.com", "ÄÖÜ@X", "İ", "a\xffB", "K", "\x00A"} {
		if got := string(appendLower([]byte("p"), s)); got != "p"+strings.ToLower(s) {
			t.Errorf("appendLower(%q) = %q, want %q", s, got, "p"+strings.ToLower(s))
		}
	}
}
