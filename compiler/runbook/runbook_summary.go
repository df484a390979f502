package runbook

import (
	"strconv"
	"strings"

	"github.com/hybridc/hybridc/compiler/model"
)

// The runbook summarizes by kind and count, so that its size does not grow
// with the number of mailboxes and permissions. Lists of single objects
// remain only where a person must act on each one, and those are capped at
// runbookCap items, followed by how many more there are and where to find
// them all: section 1 names the resources of a kind only when it has at most
// runbookCap of them (the scripts' -WhatIf and -Check name every one); the
// private items table, the owners on-premises, the auto-mapping and folder
// permissions across premises and the verification commands stop after
// runbookCap. Lists that grow only with what an administrator configures by
// hand anyway (group domains and their DNS records, partner tenants,
// relationships) are complete.

// RunbookCap is the most items a per-object list of the runbook shows.
const RunbookCap = 10

// Thousands formats n in decimal with a comma between groups of three
// digits: 50,000.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + Thousands(-n)
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// capped keeps the first runbookCap items of a list of Markdown items and
// says how many it left out.
func capped(items []string) (shown []string, more int) {
	if len(items) <= RunbookCap {
		return items, 0
	}
	return items[:RunbookCap:RunbookCap], len(items) - RunbookCap
}

// JoinCapped joins items (Markdown, or plain text for a code block's
// comments) with commas, the first runbookCap of them, and "and N more"
// for the rest, or "and N more <what>s" when what is given.
func JoinCapped(items []string, what string) string {
	shown, more := capped(items)
	s := strings.Join(shown, ", ")
	switch {
	case more > 0 && what != "":
		s += " and " + plural(more, "more "+what)
	case more > 0:
		s += " and " + Thousands(more) + " more"
	}
	return s
}

// kindCount counts the resources of one kind that a script makes present,
// or those it removes, and keeps the first runbookCap of them.
type kindCount struct {
	Kind    string
	Removed bool
	N       int
	First   []*model.Resource
}

// byKind groups resources by kind and by whether they are removed, in the
// order each group first appears: the order in which the script reaches it.
// Since a script removes before it creates, the removals come first.
func byKind(resources []*model.Resource) []*kindCount {
	var kinds []*kindCount
	type key struct {
		kind    string
		removed bool
	}
	index := map[key]*kindCount{}
	var k *kindCount // the last resource's group: a script's resources come by kind
	for _, r := range resources {
		if k == nil || k.Kind != r.Kind || k.Removed != r.Absent {
			k = index[key{r.Kind, r.Absent}]
		}
		if k == nil {
			k = &kindCount{Kind: r.Kind, Removed: r.Absent}
			index[key{r.Kind, r.Absent}] = k
			kinds = append(kinds, k)
		}
		if k.N++; k.N <= RunbookCap {
			k.First = append(k.First, r)
		}
	}
	return kinds
}

// KindSummary is one Markdown line per kind of resources the script makes
// present, and one per kind it removes: the kind, the count and, for at most
// runbookCap resources, their names. listed is false when some kind had too
// many resources to name.
func KindSummary(resources []*model.Resource) (lines []string, listed bool) {
	listed = true
	for _, k := range byKind(resources) {
		line := MdCode(k.Kind)
		if k.Removed {
			line = "remove " + line
		}
		switch {
		case k.N == 1 && k.First[0].Name == "":
		case k.N > RunbookCap:
			line += " (" + Thousands(k.N) + ")"
			listed = false
		default:
			names := make([]string, k.N)
			for i, r := range k.First {
				names[i] = MdCode(r.Name)
			}
			line += " (" + Thousands(k.N) + "): " + strings.Join(names, ", ")
		}
		lines = append(lines, line)
	}
	return lines, listed
}

// checkSample adds to b the verification commands (check) of at most
// runbookCap resources of each kind that keep accepts, kind by kind in the
// order the script reaches each kind, those it makes present before those
// it removes. After a kind with more resources, a comment says how many
// more there are and that the -Check of script compares each one.
func checkSample(b *codeBlock, script string, resources []*model.Resource, keep func(*model.Resource) bool, check func(*model.Resource)) {
	var kinds []string
	groups := map[string][2]*kindCount{} // present, removed
	for _, k := range byKind(resources) {
		if !keep(k.First[0]) {
			continue
		}
		g, seen := groups[k.Kind]
		if !seen {
			kinds = append(kinds, k.Kind)
		}
		if k.Removed {
			g[1] = k
		} else {
			g[0] = k
		}
		groups[k.Kind] = g
	}
	for _, kind := range kinds {
		n, sample := 0, make([]*model.Resource, 0, RunbookCap)
		for _, k := range groups[kind] {
			if k != nil {
				n += k.N
				sample = append(sample, k.First[:min(len(k.First), RunbookCap-len(sample))]...)
			}
		}
		for _, r := range sample {
			check(r)
		}
		if more := n - len(sample); more > 0 {
			b.Comment("and " + plural(more, "more "+kind+" resource") + ": .\\" + script + " -Check compares each one")
		}
	}
}
