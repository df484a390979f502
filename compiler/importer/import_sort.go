package importer

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hybridc/hybridc/compiler/config"
)

// sortPermissions sorts permissions by mailbox, access, trustee and
// folder, names ignoring case. Each name is lower-cased once, not at each
// of the sort's comparisons; the sort compares and swaps exactly as
// sorting the permissions themselves would, so ties keep their order.
func sortPermissions(ps []config.Permission) {
	type sorted struct {
		mailbox, trustee, folder string
		access                   config.AccessRight
		at                       int
	}
	keyed := make([]sorted, len(ps))
	for i, p := range ps {
		keyed[i] = sorted{strings.ToLower(string(p.Mailbox)), strings.ToLower(string(p.Trustee)), strings.ToLower(string(p.Folder)), p.Access, i}
	}
	slices.SortFunc(keyed, func(a, b sorted) int {
		return cmp.Or(strings.Compare(a.mailbox, b.mailbox), strings.Compare(string(a.access), string(b.access)),
			strings.Compare(a.trustee, b.trustee), strings.Compare(a.folder, b.folder))
	})
	// ps[i] = (ps before)[keyed[i].at], one cycle of the permutation at
	// a time, in place.
	for i := range keyed {
		if keyed[i].at < 0 {
			continue
		}
		first := ps[i]
		for j := i; ; {
			k := keyed[j].at
			keyed[j].at = -1
			if k == i {
				ps[j] = first
				break
			}
			ps[j], j = ps[k], k
		}
	}
}

// appendLower appends strings.ToLower(s) to b, without allocating for
// ASCII.
func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(b, strings.ToLower(s)...)
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}
