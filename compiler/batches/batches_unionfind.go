package batches

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

// Find returns the root of v's set, and points every vertex on the way
// directly at it.
func (uf *unionFind) Find(v int32) int32 {
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
	a, b = uf.Find(a), uf.Find(b)
	if a == b {
		return
	}
	if uf.size[a] < uf.size[b] {
		a, b = b, a
	}
	uf.parent[b] = a
	uf.size[a] += uf.size[b]
}
