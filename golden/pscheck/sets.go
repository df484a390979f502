package pscheck

import (
	"sort"
	"strings"
)

// checkSets applies rule 2: some parameter set holds every given parameter
// and, when all arguments are known (no unresolved splat, no pipeline input,
// no unknown parameter: wantRequired), has all its required parameters given
// by name or by position.
func (ck *checker) checkSets(given map[string]*param, npos int, wantRequired bool) {
	spec, c := ck.spec, ck.cmd
	var names []string
	for canon := range given {
		if canon != "WhatIf" && canon != "Confirm" {
			names = append(names, canon)
		}
	}
	sort.Strings(names)
	requiredCheck := wantRequired && !c.Piped && len(c.Unresolved) == 0
	type result struct {
		set     string
		posMax  int
		missing []string
	}
	var best *result
	for _, setName := range spec.setNames {
		set := spec.ParameterSets[setName]
		if !holdsAll(set, names) {
			continue
		}
		r := &result{set: setName}
		type slot struct {
			name string
			pos  int
		}
		var slots []slot
		for p, sp := range set.Params {
			if _, ok := given[p]; !ok && sp.Position != nil {
				slots = append(slots, slot{p, *sp.Position})
			}
		}
		sort.Slice(slots, func(i, j int) bool {
			if slots[i].pos != slots[j].pos {
				return slots[i].pos < slots[j].pos
			}
			return slots[i].name < slots[j].name
		})
		r.posMax = len(slots)
		bound := map[string]bool{}
		for i := 0; i < npos && i < len(slots); i++ {
			bound[slots[i].name] = true
		}
		for p, sp := range set.Params {
			if _, ok := given[p]; sp.Required && !ok && !bound[p] {
				r.missing = append(r.missing, p)
			}
		}
		sort.Strings(r.missing)
		posOK := npos <= r.posMax
		if posOK && (len(r.missing) == 0 || !requiredCheck) {
			return
		}
		if best == nil || better(posOK, len(r.missing), npos <= best.posMax, len(best.missing)) {
			best = r
		}
	}
	switch {
	case best == nil:
		ck.report(c.node, "%s: no parameter set takes all of -%s together", spec.name, strings.Join(names, ", -"))
	case npos > best.posMax:
		ck.report(c.node, "%s: %d positional argument(s) but parameter set %s takes at most %d; name the parameters", spec.name, npos, best.set, best.posMax)
	default:
		ck.report(c.node, "%s: missing required parameter -%s (parameter set %s)", spec.name, strings.Join(best.missing, ", -"), best.set)
	}
}

// better orders failed parameter sets for the report: sets that take the
// positional arguments first, then fewer missing required parameters.
func better(posOK bool, missing int, bestPosOK bool, bestMissing int) bool {
	if posOK != bestPosOK {
		return posOK
	}
	return missing < bestMissing
}

func holdsAll(set *setSpec, names []string) bool {
	for _, n := range names {
		if _, ok := set.Params[n]; !ok {
			return false
		}
	}
	return true
}
