package golden_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// engineDir holds the engine store: one file per script section, each run
// and piece of it once, as every script golden tests renders it.
const engineDir = "engine"

// ref names a variant of a run or piece: variant 1 is the text met first
// (cases in name order, then the export cases), 2 the next different one,
// and so on. Variants exist where a template conditional sits inside a
// function or a section: an engine edit that changes every variant alike
// changes the store, never the cases.
type ref struct {
	name    string
	variant int
}

func (r ref) String() string {
	if r.variant == 1 {
		return r.name
	}
	return r.name + "#" + strconv.Itoa(r.variant)
}

func parseRef(s string) (ref, error) {
	name, v, found := strings.Cut(s, "#")
	if !found {
		return ref{name: s, variant: 1}, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 2 {
		return ref{}, fmt.Errorf("bad variant in %q", s)
	}
	return ref{name: name, variant: n}, nil
}

// section is the stored engine text of one section of the scripts.
type section struct {
	pieces     map[string][]string // piece name: the text of each variant
	pieceOrder []ref
	runs       map[string][][]ref // run name: the pieces of each variant
	runOrder   []ref
	// firstUse says where each piece variant was met first, for messages.
	firstUse map[ref]string
}

// store is golden/engine by section name.
type store map[string]*section

func (st store) section(name string) *section {
	s := st[name]
	if s == nil {
		s = &section{pieces: map[string][]string{}, runs: map[string][][]ref{}, firstUse: map[ref]string{}}
		st[name] = s
	}
	return s
}

// add stores the engine runs of a split script and returns its case file:
// the case lines, and a directive line naming each run.
func (st store) add(segs []segment, where string) string {
	var b strings.Builder
	for _, sg := range segs {
		if sg.run == "" {
			b.WriteString(strings.Join(sg.lines, ""))
			continue
		}
		sec := st.section(sg.pieces[0].section)
		var refs []ref
		for _, p := range sg.pieces {
			refs = append(refs, sec.addPiece(p, where))
		}
		b.WriteString(directive + sec.addRun(sg.run, refs).String() + "\n")
	}
	return b.String()
}

func (s *section) addPiece(p piece, where string) ref {
	i := slices.Index(s.pieces[p.name], p.text)
	if i < 0 {
		s.pieces[p.name] = append(s.pieces[p.name], p.text)
		i = len(s.pieces[p.name]) - 1
		r := ref{p.name, i + 1}
		s.pieceOrder = append(s.pieceOrder, r)
		s.firstUse[r] = where
	}
	return ref{p.name, i + 1}
}

func (s *section) addRun(name string, refs []ref) ref {
	i := slices.IndexFunc(s.runs[name], func(v []ref) bool { return slices.Equal(v, refs) })
	if i < 0 {
		s.runs[name] = append(s.runs[name], refs)
		i = len(s.runs[name]) - 1
		s.runOrder = append(s.runOrder, ref{name, i + 1})
	}
	return ref{name, i + 1}
}

// file is a section's stored form: its runs, each a list of pieces, then
// its pieces in the order they were met, each a directive line and its
// text, the variants of a piece together.
func (s *section) file() []byte {
	var b strings.Builder
	for _, r := range s.runOrder {
		var names []string
		for _, p := range s.runs[r.name][r.variant-1] {
			names = append(names, p.String())
		}
		fmt.Fprintf(&b, "%srun %s: %s\n", directive, r, strings.Join(names, " "))
	}
	for _, r := range s.pieceOrder {
		if r.variant > 1 {
			continue // written after its first variant
		}
		for v, text := range s.pieces[r.name] {
			fmt.Fprintf(&b, "%spiece %s\n%s", directive, ref{r.name, v + 1}, text)
		}
	}
	return []byte(b.String())
}

// parseSection reads a section's stored form (file).
func parseSection(data string) (*section, error) {
	s := &section{pieces: map[string][]string{}, runs: map[string][][]ref{}, firstUse: map[ref]string{}}
	var cur *ref
	var text strings.Builder
	flush := func() {
		if cur != nil {
			s.pieces[cur.name] = append(s.pieces[cur.name], text.String())
			s.pieceOrder = append(s.pieceOrder, *cur)
		}
		text.Reset()
	}
	for i, l := range strings.SplitAfter(data, "\n") {
		if l == "" {
			continue
		}
		body, isDirective := strings.CutPrefix(l, directive)
		if !isDirective {
			if cur == nil {
				return nil, fmt.Errorf("line %d: text before the first piece", i+1)
			}
			text.WriteString(l)
			continue
		}
		body = strings.TrimSuffix(body, "\n")
		if rest, ok := strings.CutPrefix(body, "run "); ok {
			if cur != nil {
				return nil, fmt.Errorf("line %d: a run after the first piece", i+1)
			}
			head, list, _ := strings.Cut(rest, ": ")
			r, err := parseRef(head)
			if err != nil || r.variant != len(s.runs[r.name])+1 {
				return nil, fmt.Errorf("line %d: bad run %q", i+1, head)
			}
			var refs []ref
			for _, f := range strings.Fields(list) {
				p, err := parseRef(f)
				if err != nil {
					return nil, fmt.Errorf("line %d: %v", i+1, err)
				}
				refs = append(refs, p)
			}
			s.runs[r.name] = append(s.runs[r.name], refs)
			s.runOrder = append(s.runOrder, r)
			continue
		}
		flush()
		cur = nil
		rest, ok := strings.CutPrefix(body, "piece ")
		r, err := parseRef(rest)
		if !ok || err != nil || r.variant != len(s.pieces[r.name])+1 {
			return nil, fmt.Errorf("line %d: bad directive %q", i+1, body)
		}
		cur = &r
	}
	flush()
	return s, nil
}

// assemble puts a script's text together from its case file and the store.
func (st store) assemble(caseFile string) (string, error) {
	var b strings.Builder
	for i, l := range strings.SplitAfter(caseFile, "\n") {
		body, isDirective := strings.CutPrefix(l, directive)
		if !isDirective {
			b.WriteString(l)
			continue
		}
		r, err := parseRef(strings.TrimSuffix(body, "\n"))
		if err != nil {
			return "", fmt.Errorf("line %d: %v", i+1, err)
		}
		name, _, _ := strings.Cut(r.name, "/")
		sec := st[name]
		if sec == nil || r.variant > len(sec.runs[r.name]) {
			return "", fmt.Errorf("line %d: %s is not in %s", i+1, r, filepath.Join("golden", engineDir, name+".ps1"))
		}
		for _, p := range sec.runs[r.name][r.variant-1] {
			if p.variant > len(sec.pieces[p.name]) {
				return "", fmt.Errorf("line %d: run %s names piece %s, which %s lacks", i+1, r, p, filepath.Join("golden", engineDir, name+".ps1"))
			}
			b.WriteString(sec.pieces[p.name][p.variant-1])
		}
	}
	return b.String(), nil
}

// loadStore reads golden/engine as it is on disk.
func loadStore() (store, error) {
	files, err := filepath.Glob(filepath.Join(engineDir, "*.ps1"))
	if err != nil {
		return nil, err
	}
	st := store{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		s, err := parseSection(string(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f, err)
		}
		st[strings.TrimSuffix(filepath.Base(f), ".ps1")] = s
	}
	return st, nil
}

// staleness says which piece or run of a section's stored text differs
// from what the compiler renders, for a failure that names it.
func staleness(want, got *section) string {
	for _, r := range want.pieceOrder {
		v := got.pieces[r.name]
		if r.variant > len(v) {
			return fmt.Sprintf("piece %s (first rendered in %s) is missing", r, want.firstUse[r])
		}
		if v[r.variant-1] != want.pieces[r.name][r.variant-1] {
			return fmt.Sprintf("piece %s (first rendered in %s) differs:\n%s", r, want.firstUse[r],
				firstDifference([]byte(v[r.variant-1]), []byte(want.pieces[r.name][r.variant-1])))
		}
	}
	for _, r := range got.pieceOrder {
		if r.variant > len(want.pieces[r.name]) {
			return fmt.Sprintf("piece %s is no longer rendered by any case", r)
		}
	}
	return "its runs (the lists of pieces) or the order of its pieces differ"
}
