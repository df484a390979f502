package check

import (
	"strings"
	"unicode/utf8"

	"github.com/hybridc/hybridc/compiler/model"
)

// suggestCells caps the work of all the suggestions of one Check run, in
// cells of the edit distance table: some 50 ms. Suggestions are computed
// only for references that resolve to nothing, each against the declared
// names of a similar length, and stop early where a name is already too
// far; a file with thousands of misspelt references among 50,000
// mailboxes gets suggestions for the first ones and none once the budget
// is spent, in the order Check finds them, so the output stays
// deterministic.
const suggestCells = 10_000_000

// candidateCells is what looking at one declared name costs beyond the
// cells of its table (its bag compared), in cells.
const candidateCells = 4

// maxSuggestRunes is the longest reference that gets a suggestion: names,
// not distinguished names or long descriptions.
const maxSuggestRunes = 64

// nameSuggester proposes, for a reference to a declared name that names
// nothing, the declared name closest to it: the fewest edits (insertions,
// deletions, substitutions of one character), ignoring case as hybridc
// compares names, within a few edits that grow with the length; ties go to
// the name that sorts first. Its index, the declared names by length, is
// built on first use, so that a file whose references all resolve pays
// nothing.
type nameSuggester struct {
	names  func() []string // the declared names as written
	byLen  map[int][]candidate
	budget *int // cells left, shared by a run's suggesters
	rows   [2][]int
}

// candidate is a declared name as written and folded, with the bag
// signature of its folded characters.
type candidate struct {
	name   string
	folded []rune
	bag    uint64
}

// BagOf counts the characters of r in 16 classes (the character modulo
// 16), four bits each, saturating at 15.
func BagOf(r []rune) uint64 {
	var bag uint64
	for _, c := range r {
		if shift := uint(c%16) * 4; bag>>shift&15 < 15 {
			bag += 1 << shift
		}
	}
	return bag
}

// BagDistance is a lower bound of the edit distance between two strings,
// from their bags: an edit inserts, deletes or replaces one character, so
// it changes each of the two counts of characters one string has more of
// than the other by at most one. Classes and saturation only lower it.
func BagDistance(a, b uint64) int {
	more, fewer := 0, 0
	for shift := uint(0); shift < 64; shift += 4 {
		x, y := int(a>>shift&15), int(b>>shift&15)
		if x > y {
			more += x - y
		} else {
			fewer += y - x
		}
	}
	return max(more, fewer)
}

// newNameSuggester returns a suggester over the names names returns,
// spending budget.
func newNameSuggester(names func() []string, budget *int) *nameSuggester {
	return &nameSuggester{names: names, budget: budget}
}

// maxEdits is how many edits a reference of n characters may be from the
// name it gets as a suggestion: none below 3 characters, where any name is
// close.
func maxEdits(n int) int {
	switch {
	case n < 3:
		return 0
	case n <= 5:
		return 1
	case n <= 12:
		return 2
	}
	return 3
}

// index builds the names by length of their folded form, each name once.
func (s *nameSuggester) index() {
	s.byLen = map[int][]candidate{}
	seen := map[string]bool{}
	for _, n := range s.names() {
		f := model.FoldIdentity(n)
		if seen[f] || utf8.RuneCountInString(f) > maxSuggestRunes+3 {
			continue
		}
		seen[f] = true
		r := []rune(f)
		s.byLen[len(r)] = append(s.byLen[len(r)], candidate{n, r, BagOf(r)})
	}
}

// suggest returns the declared name closest to ref, or "" when none is
// close enough or the budget is spent.
func (s *nameSuggester) suggest(ref string) string {
	r := []rune(model.FoldIdentity(ref))
	k := maxEdits(len(r))
	if k == 0 || len(r) > maxSuggestRunes || *s.budget <= 0 {
		return ""
	}
	if s.byLen == nil {
		s.index()
	}
	best, bestDist, bag := "", k+1, BagOf(r)
	for l := len(r) - k; l <= len(r)+k; l++ {
		for _, c := range s.byLen[l] {
			if *s.budget -= candidateCells; *s.budget < 0 {
				return "" // not every name was compared: no suggestion
			}
			if BagDistance(bag, c.bag) > min(k, bestDist) {
				continue
			}
			d, cells := BoundedDistance(r, c.folded, min(k, bestDist), &s.rows)
			if *s.budget -= cells; *s.budget < 0 {
				return ""
			}
			if d < bestDist || (d == bestDist && d <= k && c.name < best) {
				best, bestDist = c.name, d
			}
		}
	}
	if bestDist == 0 {
		return "" // the same name: nothing to suggest
	}
	return best
}

// meant is the end of a message that suggests name: `; did you mean
// "X"?`, or "" without one.
func meant(name string) string {
	if name == "" {
		return ""
	}
	return `; did you mean "` + name + `"?`
}

// BoundedDistance returns the edit distance between a and b when it is at
// most k, and k+1 otherwise, with the cells it computed: only the diagonal
// band of width 2k+1, and no further once a whole row exceeds k. rows are
// the two rows of the table, reused from one call to the next.
func BoundedDistance(a, b []rune, k int, rows *[2][]int) (dist, cells int) {
	far := k + 1
	if len(a)-len(b) > k || len(b)-len(a) > k {
		return far, 0
	}
	for i := range rows {
		if cap(rows[i]) < len(b)+1 {
			rows[i] = make([]int, len(b)+1, 2*len(b)+1)
		}
		rows[i] = rows[i][:len(b)+1]
	}
	prev, cur := rows[0], rows[1]
	for j := 0; j <= min(len(b), k+1); j++ {
		prev[j] = min(j, far) // the band of row 0, and far just past it
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-k), min(len(b), i+k)
		cur[lo-1] = far
		if lo == 1 {
			cur[0] = min(i, far)
		}
		rowMin := cur[lo-1]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j-1]+cost, prev[j]+1, cur[j-1]+1, far)
			rowMin = min(rowMin, cur[j])
		}
		cells += hi - lo + 1
		if hi < len(b) {
			cur[hi+1] = far
		}
		if rowMin > k {
			return far, cells
		}
		prev, cur = cur, prev
	}
	return prev[len(b)], cells
}

// suggestMailbox is the "did you mean" of a reference to a mailbox that is
// not declared: the closest declared mailbox name.
func (c *checker) suggestMailbox(ref string) string {
	if c.mailboxNames == nil {
		c.mailboxNames = newNameSuggester(func() []string {
			out := make([]string, len(c.cfg.Mailboxes))
			for i, m := range c.cfg.Mailboxes {
				out[i] = string(m.Name)
			}
			return out
		}, &c.suggestBudget)
	}
	return meant(c.mailboxNames.suggest(ref))
}

// suggestRecipient is the "did you mean" of a reference to a mailbox or
// group that is neither: the closest mailbox name, group name or group
// address.
func (c *checker) suggestRecipient(ref string) string {
	if c.recipientNames == nil {
		c.recipientNames = newNameSuggester(func() []string {
			out := make([]string, 0, len(c.cfg.Mailboxes)+2*len(c.cfg.ExchangeOnline.Groups))
			for _, m := range c.cfg.Mailboxes {
				out = append(out, string(m.Name))
			}
			for _, g := range c.cfg.ExchangeOnline.Groups {
				out = append(out, string(g.Name), string(g.PrimarySmtpAddress))
			}
			return out
		}, &c.suggestBudget)
	}
	return meant(c.recipientNames.suggest(ref))
}

// suggestDependency is the "did you mean" of a dependsOn reference that
// names nothing in its organization: the closest name of a resource of
// that kind there, as kind/name.
func (c *checker) suggestDependency(inv *model.Inventory, t *model.Target, ref string) string {
	kind, name, _ := strings.Cut(ref, "/")
	key := dependencyKinds{t, kind}
	s := c.dependencyNames[key]
	if s == nil {
		s = newNameSuggester(func() []string {
			var out []string
			for _, r := range inv.Resources {
				if r.Target == t && r.Kind == kind {
					out = append(out, r.Name)
				}
			}
			return out
		}, &c.suggestBudget)
		if c.dependencyNames == nil {
			c.dependencyNames = map[dependencyKinds]*nameSuggester{}
		}
		c.dependencyNames[key] = s
	}
	if found := s.suggest(name); found != "" {
		return meant(kind + "/" + found)
	}
	return ""
}

// dependencyKinds are the resources of one kind in one organization.
type dependencyKinds struct {
	target *model.Target
	kind   string
}
