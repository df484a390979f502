package compiler

import (
	"strings"
)

// name is how messages name the node.
func (n *node) name() string {
	if n.res != nil {
		return n.res.ID()
	}
	return n.label
}

// cycles reports each cycle among the nodes sort could not place. Walking
// prerequisites from a blocked node always reaches a cycle; walks that run
// into an earlier walk's nodes lead to a cycle already reported.
func (g *graph) cycles() Diagnostics {
	var diags Diagnostics
	walked := map[*node]int{}
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
func firstBlocked(n *node) edge {
	var best edge
	for _, e := range n.prereqs {
		if !e.to.done && (best.to == nil || e.to.seq < best.to.seq) {
			best = e
		}
	}
	return best
}

// cycleDiagnostic describes a cycle starting from its earliest-declared
// resource, at the dependsOn entry that leaves it.
func cycleDiagnostic(path []edge) Diagnostic {
	start := 0
	for i, e := range path {
		if e.to.res != nil && (path[start].to.res == nil || e.to.seq < path[start].to.seq) {
			start = i
		}
	}
	path = append(path[start:], path[:start]...)
	labels := make([]string, 0, len(path)+1)
	var where []Related
	for _, e := range path {
		labels = append(labels, e.to.name())
		if e.to.res != nil {
			where = append(where, Related{Pos: e.to.res.Pos(), Label: e.to.name() + " is declared here"})
		}
	}
	labels = append(labels, path[0].to.name())
	return Diagnostic{Pos: path[0].pos, Severity: Error, Code: CodeDependencyCycle,
		Message: "dependency cycle: " + strings.Join(labels, " → ") + " (each depends on the next)", Related: where}
}
