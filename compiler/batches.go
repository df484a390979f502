package compiler

import (
	"slices"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
)

// locationOnPremises is the Location of a mailbox that has not moved to
// Exchange Online yet.
const locationOnPremises config.Location = "onPremises"

// BatchOptions tunes Batches.
type BatchOptions struct {
	// ExcludeServiceAccounts leaves on-premises mailboxes marked
	// serviceAccount: true out of the graph: they join no batch, and are
	// listed in BatchPlan.Excluded to move on their own schedule. A service
	// account with rights on many mailboxes would otherwise fuse all of them
	// into one batch.
	ExcludeServiceAccounts bool
}

// Batch is a set of on-premises mailboxes that must move to Exchange Online
// together.
type Batch struct {
	// ID numbers the batches 1..n in the plan's order.
	ID int
	// Mailboxes are the names of the batch's mailboxes as declared, sorted
	// case-insensitively.
	Mailboxes []config.Identity
	// Hub is the mailbox of the batch that takes part in the most of the
	// permissions that join it (the first in the batch's order on a tie),
	// and HubPermissions is how many. A large batch usually hangs on such a
	// mailbox: a service account, or a delegate of many. Both are zero for a
	// batch of one.
	Hub            config.Identity
	HubPermissions int
}

// BatchPlan is the on-premises mailboxes grouped into move-together
// batches.
type BatchPlan struct {
	// Batches, largest first; batches of the same size are ordered by their
	// first mailbox. Every on-premises mailbox that is not excluded is in
	// exactly one.
	Batches []Batch
	// Excluded are the on-premises service accounts left out with
	// BatchOptions.ExcludeServiceAccounts, sorted case-insensitively.
	Excluded []config.Identity
	// Mailboxes is the number of mailboxes in Batches.
	Mailboxes int
	// Permissions is the number of permissions that join two mailboxes
	// (both on-premises and not excluded, present, and not a mailbox's own).
	Permissions int
}

// Largest is the size of the largest batch, 0 when there is none.
func (p *BatchPlan) Largest() int {
	if len(p.Batches) == 0 {
		return 0
	}
	return len(p.Batches[0].Mailboxes)
}

// BatchSize is one bar of the histogram of batch sizes: how many batches
// have Size mailboxes.
type BatchSize struct {
	Size, Batches int
}

// Sizes is the histogram of batch sizes, largest size first, listing only
// the sizes that occur.
func (p *BatchPlan) Sizes() []BatchSize {
	var out []BatchSize
	for _, b := range p.Batches {
		if n := len(b.Mailboxes); len(out) > 0 && out[len(out)-1].Size == n {
			out[len(out)-1].Batches++
		} else {
			out = append(out, BatchSize{Size: n, Batches: 1})
		}
	}
	return out
}

// Batches groups the on-premises mailboxes of cfg into the batches that must
// move to Exchange Online together: the connected components of the
// undirected graph whose vertices are the on-premises mailboxes and whose
// edges are the present permissions (Full Access, Send As, Send on Behalf,
// folder) between two of them, whichever grants and whichever receives. A
// permission with a mailbox already in Exchange Online, or with a group,
// joins nothing: cross-premises permissions work once one side has moved
// (but folder permissions, which the check stage warns about: HC0321).
// Mailboxes with no such permission are batches of one.
//
// Permissions name mailboxes by Identity, matched case-insensitively; names
// that are not declared mailboxes (the check stage reports them) join
// nothing, and of two mailboxes declared with the same name the first counts.
//
// The result is deterministic whatever the order of cfg's lists: batches by
// size, largest first, then by their first mailbox; mailboxes within a batch
// sorted case-insensitively. Grouping is union-find with path compression
// and union by size, linear in mailboxes and permissions (up to the inverse
// Ackermann function); sorting the names for the output adds O(n log n).
func Batches(cfg *config.Config, opt BatchOptions) *BatchPlan {
	plan := &BatchPlan{Batches: []Batch{}, Excluded: []config.Identity{}}
	if cfg == nil {
		return plan
	}

	// Vertices: the on-premises mailboxes, each once. index maps every
	// declared name, in lower case, to its vertex, or to -1 for a mailbox
	// that is not one (in Exchange Online, or an excluded service account).
	index := make(map[string]int32, len(cfg.Mailboxes))
	var names []config.Identity
	var keys []string
	for i := range cfg.Mailboxes {
		m := &cfg.Mailboxes[i]
		key := strings.ToLower(string(m.Name))
		if _, dup := index[key]; dup {
			continue
		}
		switch {
		case m.Location != locationOnPremises:
			index[key] = -1
		case opt.ExcludeServiceAccounts && m.ServiceAccount != nil && *m.ServiceAccount:
			index[key] = -1
			plan.Excluded = append(plan.Excluded, m.Name)
		default:
			index[key] = int32(len(names))
			names = append(names, m.Name)
			keys = append(keys, key)
		}
	}
	slices.SortFunc(plan.Excluded, compareIdentities)

	n := len(names)
	uf := newUnionFind(n)
	degree := make([]int32, n)
	var buf []byte
	for i := range cfg.Permissions {
		p := &cfg.Permissions[i]
		if p.Ensure.IsAbsent() {
			continue
		}
		var a, b int32
		a, buf = lookupMailbox(index, buf, string(p.Mailbox))
		if a < 0 {
			continue
		}
		b, buf = lookupMailbox(index, buf, string(p.Trustee))
		if b < 0 || a == b {
			continue
		}
		uf.union(a, b)
		degree[a]++
		degree[b]++
		plan.Permissions++
	}
	plan.Mailboxes = n

	// order lists the vertices by name; keys are unique, so the order is
	// total, and independent of the order of declaration.
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int { return strings.Compare(keys[x], keys[y]) })

	// One component per root, numbered in order of its first mailbox.
	comp := make([]int32, n) // by root: component number + 1
	type component struct {
		root, size int32
	}
	var comps []component
	for _, v := range order {
		r := uf.find(v)
		if comp[r] == 0 {
			comps = append(comps, component{root: r, size: uf.size[r]})
			comp[r] = int32(len(comps))
		}
	}
	// Largest first; the stable sort keeps batches of one size in order of
	// their first mailbox.
	slices.SortStableFunc(comps, func(x, y component) int { return int(y.size - x.size) })

	// Lay the batches out in one backing array, then fill each in name
	// order.
	all := make([]config.Identity, n)
	next := make([]int32, len(comps)) // by batch: next free slot in all
	plan.Batches = make([]Batch, len(comps))
	off := int32(0)
	for i, c := range comps {
		comp[c.root] = int32(i)
		next[i] = off
		plan.Batches[i] = Batch{ID: i + 1, Mailboxes: all[off : off+c.size : off+c.size]}
		off += c.size
	}
	for _, v := range order {
		i := comp[uf.find(v)]
		all[next[i]] = names[v]
		next[i]++
		if b := &plan.Batches[i]; int(degree[v]) > b.HubPermissions {
			b.Hub, b.HubPermissions = names[v], int(degree[v])
		}
	}
	return plan
}

// lookupMailbox looks s up in index by its lower case, using buf for ASCII
// names so that the lookup does not allocate.
func lookupMailbox(index map[string]int32, buf []byte, s string) (int32, []byte) {
	buf = buf[:0]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			v, ok := index[strings.ToLower(s)]
			if !ok {
				return -1, buf
			}
			return v, buf
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	v, ok := index[string(buf)]
	if !ok {
		return -1, buf
	}
	return v, buf
}

// compareIdentities orders names case-insensitively, and names that
// differ only in case by their bytes.
func compareIdentities(a, b config.Identity) int {
	if c := strings.Compare(strings.ToLower(string(a)), strings.ToLower(string(b))); c != 0 {
		return c
	}
	return strings.Compare(string(a), string(b))
}

// unionFind is a disjoint-set forest over vertices 0..n-1, with union by
// size and path compression.
type unionFind struct {
	parent, size []int32
}

func newUnionFind(n int) *unionFind {
	uf := &unionFind{parent: make([]int32, n), size: make([]int32, n)}
	for i := range uf.parent {
		uf.parent[i] = int32(i)
		uf.size[i] = 1
	}
	return uf
}

// find returns the root of v's set, and points every vertex on the way
// directly at it.
func (uf *unionFind) find(v int32) int32 {
	root := v
	for uf.parent[root] != root {
		root = uf.parent[root]
	}
	for v != root {
		up := uf.parent[v]
		uf.parent[v] = root
		v = up
	}
	return root
}

// union joins the sets of a and b, hanging the smaller under the larger.
func (uf *unionFind) union(a, b int32) {
	a, b = uf.find(a), uf.find(b)
	if a == b {
		return
	}
	if uf.size[a] < uf.size[b] {
		a, b = b, a
	}
	uf.parent[b] = a
	uf.size[a] += uf.size[b]
}
