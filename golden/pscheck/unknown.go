package pscheck

import (
	"sort"
	"strings"
)

// Helpers for rule 5 of CheckCatalog: commands that are not catalog cmdlets.

// definedFunctions returns the lower-case names of the functions and
// filters defined in the script.
func definedFunctions(root *node, src []byte) map[string]bool {
	out := map[string]bool{}
	root.walk(func(n *node) bool {
		if n.kind == "function_statement" {
			if fn := n.firstOfKind("function_name"); fn != nil {
				out[varName(fn.text(src))] = true
			}
		}
		return true
	})
	return out
}

// isPathLike reports whether a command name is a script or program path
// (.\x.ps1, C:\tools\x.exe), which the catalog check leaves alone.
func isPathLike(name string) bool {
	l := strings.ToLower(name)
	return strings.ContainsAny(l, `\/`) || strings.HasPrefix(l, ".") ||
		strings.HasSuffix(l, ".ps1") || strings.HasSuffix(l, ".exe") || strings.HasSuffix(l, ".cmd")
}

// suggest names the closest catalog cmdlet or standard command to a mistyped
// name, or returns "".
func suggest(name string, cat *catalog) string {
	lower := strings.ToLower(name)
	if len(lower) < 6 || !strings.Contains(lower, "-") {
		return ""
	}
	bestName, bestDist := "", 3
	consider := func(candLower, cand string) {
		if d := editDistance(lower, candLower, bestDist); d < bestDist {
			bestName, bestDist = cand, d
		}
	}
	for l, spec := range cat.byLower {
		consider(l, spec.name)
	}
	for _, f := range strings.Fields(standardCommands + entraConnectCommands + graphCommands) {
		if strings.Contains(f, "-") {
			consider(strings.ToLower(f), f)
		}
	}
	if bestName == "" {
		return ""
	}
	return "; did you mean " + bestName + "?"
}

// editDistance is the Levenshtein distance of a and b, or limit when it is
// at least limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
}

// SessionCommands returns the commands src calls that its session must
// provide: Exchange cmdlets of the catalog and Entra Connect's, that is
// every static command that is neither a function src defines nor a
// standard PowerShell 5.1 command, sorted and without duplicates. Generated
// scripts check these exist in their preflight ($HybridcRequiredCommands).
func SessionCommands(src []byte) ([]string, error) {
	root, err := parse(src)
	if err != nil {
		return nil, err
	}
	funcs := definedFunctions(root, src)
	seen := map[string]bool{}
	var out []string
	for _, c := range findCommands(root, src) {
		lower := strings.ToLower(c.Name)
		if c.Dynamic || isPathLike(c.Name) || funcs[lower] || seen[lower] {
			continue
		}
		if standard[lower] && !strings.Contains(entraConnectCommands+graphCommands, c.Name) {
			continue
		}
		seen[lower] = true
		out = append(out, c.Name)
	}
	sort.Strings(out)
	return out, nil
}
