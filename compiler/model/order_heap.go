package model

// NodeHeap orders ready nodes: absent resources first, then by sequence.
// push and pop are container/heap's Push and Pop, comparison for
// comparison (nodes of equal rank come out in the same order), without
// its interface calls: a script may order hundreds of thousands. Each
// entry holds its node's rank, so that the comparisons read the heap's
// own array and not a node each.
type NodeHeap []rankedNode

// rankedNode is a node in a NodeHeap, with its rank.
type rankedNode struct {
	rank int64
	node *Node
}

// Push adds n.
func (h *NodeHeap) Push(n *Node) {
	*h = append(*h, rankedNode{rank: n.Rank, node: n})
	q := *h
	for j := len(q) - 1; ; {
		i := (j - 1) / 2 // parent
		if i == j || !(q[j].rank < q[i].rank) {
			break
		}
		q[i], q[j] = q[j], q[i]
		j = i
	}
}

// Pop removes and returns the node of the lowest rank.
func (h *NodeHeap) Pop() *Node {
	q := *h
	n := len(q) - 1
	q[0], q[n] = q[n], q[0]
	for i := 0; ; {
		j1 := 2*i + 1
		if j1 >= n || j1 < 0 {
			break
		}
		j := j1
		if j2 := j1 + 1; j2 < n && q[j2].rank < q[j1].rank {
			j = j2
		}
		if !(q[j].rank < q[i].rank) {
			break
		}
		q[i], q[j] = q[j], q[i]
		i = j
	}
	top := q[n].node
	*h = q[:n]
	return top
}
