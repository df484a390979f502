package cli

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hybridc/hybridc/compiler"
)

// allowedWarnings is validate's --allow-warning: warning codes that are
// printed as ever but do not fail --strict. The flag repeats, and each
// value may list several codes separated by commas.
type allowedWarnings struct {
	raw   []string        // the values given, in order
	codes map[string]bool // the codes, checked by resolve
}

// String is the flag's value, as given.
func (a *allowedWarnings) String() string { return strings.Join(a.raw, ",") }

// Set records one value; resolve checks it once every flag is parsed, so
// that a bad code gets one clear message instead of the usage.
func (a *allowedWarnings) Set(s string) error {
	a.raw = append(a.raw, s)
	return nil
}

// resolve checks every code given: a known diagnostic code (in any letter
// case), and one reported as a warning. An error code is refused: errors
// stop compilation, and no flag may hide one.
func (a *allowedWarnings) resolve() error {
	a.codes = map[string]bool{}
	for _, v := range a.raw {
		for _, c := range strings.Split(v, ",") {
			c = strings.TrimSpace(c)
			code := strings.ToUpper(c)
			rule, known := ruleOf(code)
			switch {
			case c == "":
				return fmt.Errorf("--allow-warning %q: an empty code (give codes such as HC0330, separated by commas)", v)
			case !known:
				return fmt.Errorf("--allow-warning %s: no such diagnostic code%s", printable(c), suggestCode(c))
			case !compiler.IsWarningCode(code):
				return fmt.Errorf("--allow-warning %s: %s (%s) is an error, never a warning: errors cannot be accepted, fix the configuration instead", printable(c), code, rule.Name)
			}
			a.codes[code] = true
		}
	}
	return nil
}

// accepted reports whether warning code was accepted.
func (a *allowedWarnings) accepted(code string) bool { return a.codes[code] }

// unused returns the accepted codes that no diagnostic of diags has,
// sorted: once a configuration no longer gives a warning (Exchange
// upgraded), its --allow-warning can go.
func (a *allowedWarnings) unused(diags compiler.Diagnostics) []string {
	var out []string
	for code := range a.codes {
		found := false
		for _, d := range diags {
			found = found || d.Code == code
		}
		if !found {
			out = append(out, code)
		}
	}
	sort.Strings(out)
	return out
}

// ruleOf returns the rule of a diagnostic code.
func ruleOf(code string) (compiler.Rule, bool) {
	for _, r := range compiler.Rules {
		if r.Code == code {
			return r, true
		}
	}
	return compiler.Rule{}, false
}

// suggestCode is the "did you mean" of an unknown code: the warning code
// of a rule named s (exchange-version-end-of-support), else the code or
// rule name fewest edits away (at most 2 for a code, 3 for a name), a
// warning's before an error's, then the first in order; "" when none is
// that close.
func suggestCode(s string) string {
	if len(s) > 64 {
		return ""
	}
	best, bestDist, bestWarn := "", 0, false
	for _, r := range compiler.Rules {
		if strings.EqualFold(s, r.Name) {
			return fmt.Sprintf("; did you mean %s, the code of %s?", r.Code, r.Name)
		}
		warn := compiler.IsWarningCode(r.Code)
		for _, cand := range []struct {
			text  string
			limit int
		}{{r.Code, 2}, {r.Name, 3}} {
			d := editDistance(strings.ToLower(s), strings.ToLower(cand.text))
			better := best == "" || d < bestDist || (d == bestDist && warn && !bestWarn)
			if d <= cand.limit && better {
				best, bestDist, bestWarn = r.Code+" ("+r.Name+")", d, warn
			}
		}
	}
	if best == "" {
		return ""
	}
	return "; did you mean " + best + "?"
}

// editDistance is the number of insertions, deletions and substitutions
// of one byte that turn a into b (codes and rule names are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
