package model

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/diag"
)

// name is how messages name the node.
func (n *Node) name() string {
	if n.res != nil {
		return n.res.ID()
	}
	return n.label
}

// cycles reports each cycle among the nodes sort could not place. Walking
// prerequisites from a blocked node always reaches a cycle; walks that run
// into an earlier walk's nodes lead to a cycle already reported.
func (g *graph) cycles() diag.Diagnostics {
	var diags diag.Diagnostics
	walked := map[*Node]int{}
	for walk, start := range g.nodes {
		if start.done || start.res == nil || walked[start] != 0 {
			continue
		}
		var path []edge
		n := start
		for walked[n] == 0 {
			walked[n] = walk + 1
			e := firstBlocked(n)
			path = append(path, edge{to: n, pos: e.pos})
			n = e.to
		}
		if walked[n] != walk+1 {
			continue
		}
		for path[0].to != n {
			path = path[1:]
		}
		diags = append(diags, cycleDiagnostic(path))
	}
	return diags
}

// firstBlocked is the earliest-declared prerequisite not yet placed.
func firstBlocked(n *Node) edge {
	var best edge
	for _, e := range n.prereqs {
		if !e.to.done && (best.to == nil || e.to.Seq < best.to.Seq) {
			best = e
		}
	}
	return best
}

// cycleDiagnostic describes a cycle starting from its earliest-declared
// resource, at the dependsOn entry that leaves it.
func cycleDiagnostic(path []edge) diag.Diagnostic {
	start := 0
	for i, e := range path {
		if e.to.res != nil && (path[start].to.res == nil || e.to.Seq < path[start].to.Seq) {
			start = i
		}
	}
	path = append(path[start:], path[:start]...)
	labels := make([]string, 0, len(path)+1)
	var where []diag.Related
	for _, e := range path {
		labels = append(labels, e.to.name())
		if e.to.res != nil {
			where = append(where, diag.Related{Pos: e.to.res.Pos(), Label: e.to.name() + " is declared here"})
		}
	}
	labels = append(labels, path[0].to.name())
	return diag.Diagnostic{Pos: path[0].pos, Severity: diag.Error, Code: diag.CodeDependencyCycle,
		Message: "dependency cycle: " + strings.Join(labels, " → ") + " (each depends on the next)", Related: where}
}
