package load

import (
	"sort"
	"strings"
	"sync"
)

var (
	schemaTreeOnce sync.Once
	schemaTree     map[string]any
)

// knownKeys returns the property names the schema allows at the object
// whose additionalProperties keyword failed, from the error's absolute
// keyword location (…#/$defs/OrganizationRelationship/additionalProperties).
func knownKeys(absoluteKeywordLocation string) []string {
	if !strings.Contains(absoluteKeywordLocation, "#") {
		return nil
	}
	_, m := schemaAt(schemaFragment(absoluteKeywordLocation))
	props, _ := m["properties"].(map[string]any)
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// maxSuggestKey is the longest unknown key a suggestion is looked for:
// hybridc's keys have at most 30 characters, so a longer key is no typo of
// one, and the distance to each known key costs as much as its length.
const maxSuggestKey = 64

// didYouMean suggests the known key closest to a misspelt one, if any is
// close enough to be a likely typo.
func didYouMean(key string, known []string) string {
	if len(key) > maxSuggestKey {
		return ""
	}
	best, bestDist := "", max(2, len(key)/3)+1
	for _, k := range known {
		if d := EditDistance(strings.ToLower(key), strings.ToLower(k)); d < bestDist {
			best, bestDist = k, d
		}
	}
	if best == "" {
		return ""
	}
	return "; did you mean " + `"` + best + `"?`
}

// EditDistance is the Levenshtein distance between a and b.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
