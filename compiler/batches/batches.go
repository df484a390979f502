package batches

import (
	"slices"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"

	"github.com/hybridc/hybridc/compiler/statefile"
)

// BatchOptions tunes Batches.
type BatchOptions struct {
	// ExcludeServiceAccounts leaves on-premises mailboxes marked
	// serviceAccount: true out of the graph: they join no batch, and are
	// listed in Batching.Excluded to move on their own schedule. A service
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

// Batching is the on-premises mailboxes grouped into move-together
// batches.
type Batching struct {
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
func (p *Batching) Largest() int {
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
func (p *Batching) Sizes() []BatchSize {
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
func Batches(cfg *config.Config, opt BatchOptions) *Batching {
	batching := &Batching{Batches: []Batch{}, Excluded: []config.Identity{}}
	if cfg == nil {
		return batching
	}
	g := batchVertices(cfg.Mailboxes, opt, batching)
	g.join(cfg.Permissions, batching)
	batching.Mailboxes = len(g.names)
	batching.Batches = g.batches()
	return batching
}

// batchGraph is the graph Batches partitions: its vertices are the
// on-premises mailboxes, its edges the permissions joining two of them.
type batchGraph struct {
	// index maps every declared name, in lower case, to its vertex, or to
	// -1 for a mailbox that is not one (in Exchange Online, or an excluded
	// service account).
	index map[string]int32
	// names and keys are each vertex's name, as declared and in lower case.
	names []config.Identity
	keys  []string
	// uf holds the components; degree counts each vertex's edges.
	uf     *unionFind
	degree []int32
}

// batchVertices makes the vertices: the on-premises mailboxes, each once
// (the first of a name counts). It lists the service accounts opt
// excludes in plan.Excluded, sorted.
func batchVertices(mailboxes []config.Mailbox, opt BatchOptions, batching *Batching) *batchGraph {
	g := &batchGraph{index: make(map[string]int32, len(mailboxes))}
	for i := range mailboxes {
		m := &mailboxes[i]
		key := strings.ToLower(string(m.Name))
		if _, dup := g.index[key]; dup {
			continue
		}
		switch {
		case m.Location != statefile.LocationOnPremises:
			g.index[key] = -1
		case opt.ExcludeServiceAccounts && m.ServiceAccount != nil && *m.ServiceAccount:
			g.index[key] = -1
			batching.Excluded = append(batching.Excluded, m.Name)
		default:
			g.index[key] = int32(len(g.names))
			g.names = append(g.names, m.Name)
			g.keys = append(g.keys, key)
		}
	}
	slices.SortFunc(batching.Excluded, compareIdentities)
	n := len(g.names)
	g.uf = newUnionFind(n)
	g.degree = make([]int32, n)
	return g
}

// join adds the edges: each present permission between two different
// vertices, counted in plan.Permissions.
func (g *batchGraph) join(permissions []config.Permission, batching *Batching) {
	var buf []byte
	for i := range permissions {
		p := &permissions[i]
		if p.Ensure.IsAbsent() {
			continue
		}
		var a, b int32
		a, buf = lookupMailbox(g.index, buf, string(p.Mailbox))
		if a < 0 {
			continue
		}
		b, buf = lookupMailbox(g.index, buf, string(p.Trustee))
		if b < 0 || a == b {
			continue
		}
		g.uf.union(a, b)
		g.degree[a]++
		g.degree[b]++
		batching.Permissions++
	}
}

// batchComponent is one component of a batchGraph: its root and size.
type batchComponent struct {
	root, size int32
}

// batches are the components as batches, largest first, each with its
// mailboxes in name order and its hub.
func (g *batchGraph) batches() []Batch {
	order := g.byName()
	comps, comp := g.components(order)
	// Lay the batches out in one backing array, then fill each in name
	// order.
	n := len(g.names)
	all := make([]config.Identity, n)
	next := make([]int32, len(comps)) // by batch: next free slot in all
	batches := make([]Batch, len(comps))
	off := int32(0)
	for i, c := range comps {
		comp[c.root] = int32(i)
		next[i] = off
		batches[i] = Batch{ID: i + 1, Mailboxes: all[off : off+c.size : off+c.size]}
		off += c.size
	}
	for _, v := range order {
		i := comp[g.uf.Find(v)]
		all[next[i]] = g.names[v]
		next[i]++
		if b := &batches[i]; int(g.degree[v]) > b.HubPermissions {
			b.Hub, b.HubPermissions = g.names[v], int(g.degree[v])
		}
	}
	return batches
}

// byName lists the vertices by name; keys are unique, so the order is
// total, and independent of the order of declaration.
func (g *batchGraph) byName() []int32 {
	order := make([]int32, len(g.names))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int { return strings.Compare(g.keys[x], g.keys[y]) })
	return order
}

// components lists one component per root, largest first; the stable
// sort keeps components of one size in order of their first vertex in
// order. comp, by root, is the component's number + 1 in order of first
// vertex (a scratch array batches reuses).
func (g *batchGraph) components(order []int32) (comps []batchComponent, comp []int32) {
	comp = make([]int32, len(g.names))
	for _, v := range order {
		r := g.uf.Find(v)
		if comp[r] == 0 {
			comps = append(comps, batchComponent{root: r, size: g.uf.size[r]})
			comp[r] = int32(len(comps))
		}
	}
	slices.SortStableFunc(comps, func(x, y batchComponent) int { return int(y.size - x.size) })
	return comps, comp
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
