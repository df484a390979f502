package model

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"

	"github.com/hybridc/hybridc/compiler/diag"
)

// Schedule is what the scripts will do: for each organization, its
// resources in the order they must be applied. (The plan is something
// else: the change hybridc plan shows.)
type Schedule struct {
	Scripts []*ScriptSchedule
	// Declared is the declared index of the configuration the schedule is
	// of, for the runbook.
	Declared *DeclaredIndex
}

// ScriptSchedule is one script: the organization it configures and its
// resources in order. Removals come first, in reverse dependency order, so
// that a replaced resource frees its name and domains before the new one is
// created; then creations and updates in dependency order.
type ScriptSchedule struct {
	Target    *Target
	Resources []*Resource
}

// Order resolves dependencies into a deterministic order per script:
// explicit dependsOn, plus the implicit dependencies the compiler knows
// (a tenant is customized before any relationship; an availability address
// space comes after the organization's relationships). Ties keep declaration
// order. Every cycle is reported with its whole path.
func Order(cfg *config.Config) (*Schedule, diag.Diagnostics) {
	return OrderWith(BuildInventory(cfg), nil)
}

// OrderWith is Order of a configuration's inventory, telling report (if set)
// how many scripts it has ordered.
func OrderWith(inv *Inventory, report func(diag.Step)) (*Schedule, diag.Diagnostics) {
	byKey := inv.References()
	schedule := &Schedule{Declared: inv.Declared}
	var diags diag.Diagnostics
	counts := map[*Target]int{}
	for _, r := range inv.Resources {
		counts[r.Target]++
	}
	count := diag.Stage(report, "ordering", len(inv.Targets), "scripts")
	for _, t := range inv.Targets {
		count.Add(1)
		g := newGraph(counts[t])
		for _, r := range inv.Resources {
			if r.Target == t {
				g.Add(r)
			}
		}
		if len(g.nodes) == 0 && strings.HasPrefix(t.File, "partner-") {
			continue
		}
		g.connect(byKey[t])
		order, cycles := g.sort()
		diags = append(diags, cycles...)
		schedule.Scripts = append(schedule.Scripts, &ScriptSchedule{Target: t, Resources: order})
	}
	if diags.HasErrors() {
		return nil, diags.Sort()
	}
	return schedule, diags.Sort()
}

// graph is the dependency graph of one script. A node's prereqs must be
// applied before it. Virtual nodes stand for "every resource of a kind", so
// implicit dependencies cost one edge per resource instead of one per pair.
type graph struct {
	nodes []*Node
	// slab holds the nodes of resources, allocated in blocks rather than
	// one by one (a script may have hundreds of thousands).
	slab []Node
	// links are the edges in the order they were made; wire gives each
	// node its own, in that order, from one block.
	links []link
	// batches holds the batch keys ("+kind", "-kind"), one string each.
	batches map[batchID]string
}

// link is an edge before wire: from needs to after it.
type link struct {
	from, to *Node
	pos      diag.Pos
}

// batchID is a kind and whether its resources are removed.
type batchID struct {
	kind   string
	absent bool
}

type Node struct {
	res   *Resource // nil for a virtual node
	label string    // of a virtual node; a resource's is its ID
	Seq   int
	// Rank orders ready nodes: absent resources first, then virtual
	// nodes, then present resources by sequence.
	Rank    int64
	prereqs []edge
	next    []*Node
	waiting int
	done    bool
	// batch is the key of the resources a script reconciles together
	// (see batchOf); "" for a virtual node.
	batch string
	// fanout counts next while the graph is wired.
	fanout int
}

// edge is a dependency and where it was declared (the dependsOn item, or
// the resource for an implicit one).
type edge struct {
	to  *Node
	pos diag.Pos
}

// newGraph returns a graph with room for n resources.
func newGraph(n int) *graph {
	return &graph{slab: make([]Node, 0, n), nodes: make([]*Node, 0, n+len(ImplicitDeps)+8)}
}

func (g *graph) Add(r *Resource) {
	if len(g.slab) == cap(g.slab) {
		g.slab = make([]Node, 0, max(64, 2*cap(g.slab)))
	}
	g.slab = append(g.slab, Node{res: r, Seq: r.Seq, Rank: int64(r.Seq) + 1, batch: g.batchOf(r)})
	n := &g.slab[len(g.slab)-1]
	if !r.Absent {
		n.Rank += 1 << 40 // absent resources first
	}
	g.nodes = append(g.nodes, n)
}

// batchOf is the key of the resources a script reconciles together: the
// kind and whether they are removed.
func (g *graph) batchOf(r *Resource) string {
	id := batchID{r.Kind, r.Absent}
	if key, ok := g.batches[id]; ok {
		return key
	}
	if g.batches == nil {
		g.batches = map[batchID]string{}
	}
	key := "+" + r.Kind
	if r.Absent {
		key = "-" + r.Kind
	}
	g.batches[id] = key
	return key
}

// link records that from needs to first.
func (g *graph) link(from, to *Node, pos diag.Pos) {
	g.links = append(g.links, link{from: from, to: to, pos: pos})
}

// wire gives every node its prerequisites and its dependents in the order
// they were linked, each node's a slice of one block of each, instead of
// a slice grown per node (two per resource, a million at 500,000
// permissions).
func (g *graph) wire() {
	for _, l := range g.links {
		l.from.waiting++
		l.to.fanout++
	}
	edges, next := make([]edge, len(g.links)), make([]*Node, len(g.links))
	for _, n := range g.nodes {
		n.prereqs, edges = edges[:0:n.waiting], edges[n.waiting:]
		n.next, next = next[:0:n.fanout], next[n.fanout:]
	}
	for _, l := range g.links {
		l.from.prereqs = append(l.from.prereqs, edge{to: l.to, pos: l.pos})
		l.to.next = append(l.to.next, l.from)
	}
	g.links = nil
}

// ImplicitDeps are the dependencies the compiler knows, from the kinds'
// declarations (kinds.Decl.After): a resource of the kind on the left
// comes after every present resource of the kinds on the right, in the
// same script.
var ImplicitDeps = func() map[string][]string {
	m := map[string][]string{}
	for _, d := range kinds.All() {
		if len(d.After) > 0 {
			m[d.Name] = d.After
		}
	}
	return m
}()

// connect adds the explicit edges (dependsOn) and the implicit ones, the
// latter through one virtual node per kind.
func (g *graph) connect(byKey map[ResourceKey]*Resource) {
	g.links = make([]link, 0, 2*len(g.nodes)+16)
	var nodeOf map[*Resource]*Node // for dependsOn, made when one is met
	for _, n := range g.nodes {
		if len(n.res.DependsOn) > 0 && nodeOf == nil {
			nodeOf = make(map[*Resource]*Node, len(g.nodes))
			for _, n := range g.nodes {
				nodeOf[n.res] = n
			}
		}
	}
	every := map[string]*Node{}
	var virtual []*Node
	everyOf := func(kind string) *Node {
		if every[kind] == nil {
			every[kind] = &Node{label: "(every " + kind + ", implicitly)", Seq: -1, Rank: 1 << 40}
			virtual = append(virtual, every[kind])
		}
		return every[kind]
	}
	for _, n := range g.nodes {
		if !n.res.Absent {
			g.link(everyOf(n.res.Kind), n, n.res.Pos())
		}
	}
	for _, n := range g.nodes {
		r := n.res
		for i, ref := range r.DependsOn {
			dep := nodeOf[byKey[RefKey(ref)]]
			if dep == nil || dep.res.Absent != r.Absent {
				continue // reported by Check, or harmless: removals run first
			}
			if r.Absent {
				g.link(dep, n, r.Meta.ItemPos("dependsOn", i)) // remove dependents first
			} else {
				g.link(n, dep, r.Meta.ItemPos("dependsOn", i))
			}
		}
		if r.Absent {
			continue
		}
		for _, kind := range ImplicitDeps[r.Kind] {
			if e := every[kind]; e != nil {
				g.link(n, e, r.Pos())
			}
		}
	}
	g.nodes = append(g.nodes, virtual...)
	g.wire()
}

// sort is Kahn's algorithm: absent resources first, then by declaration
// order among those that are ready, but kind by kind: once a resource is
// placed, the ready resources of the same kind (and the same presence) come
// next. The scripts reconcile a run of one kind with one bulk read, so
// batching keeps the number of reads independent of how a file interleaves
// its declarations.
func (g *graph) sort() ([]*Resource, diag.Diagnostics) {
	ready := make(NodeHeap, 0, len(g.nodes))
	byBatch := map[string]*NodeHeap{}
	push := func(n *Node) {
		ready.Push(n)
		if key := n.batch; key != "" {
			if byBatch[key] == nil {
				byBatch[key] = &NodeHeap{}
			}
			byBatch[key].Push(n)
		}
	}
	for _, n := range g.nodes {
		if n.waiting == 0 {
			push(n)
		}
	}
	out := make([]*Resource, 0, len(g.slab))
	last := ""
	for {
		var n *Node
		if h := byBatch[last]; h != nil {
			for len(*h) > 0 && n == nil {
				if m := h.Pop(); !m.done {
					n = m
				}
			}
		}
		for n == nil && len(ready) > 0 {
			if m := ready.Pop(); !m.done {
				n = m
			}
		}
		if n == nil {
			break
		}
		n.done = true
		if n.res != nil {
			out = append(out, n.res)
			last = n.batch
		}
		for _, m := range n.next {
			if m.waiting--; m.waiting == 0 {
				push(m)
			}
		}
	}
	return out, g.cycles()
}
