package pscheck

import (
	"bytes"
	"sort"
	"strings"
)

// Pos is one place where a needle was found.
type Pos struct {
	Offset    int // byte offset in the source
	Line, Col int // 1-based; Col counts bytes
	// In says what holds the needle: "comment" (#Requires included), "single-quoted string",
	// "single-quoted here-string", "double-quoted string", "double-quoted
	// here-string", "code" (names, barewords, operators, anything else),
	// or "source" when src could not be parsed. A " (decoded)" suffix marks
	// a literal whose decoded value, not its source text, holds the needle;
	// ", past the point where PowerShell ends it" marks a needle after an
	// undoubled ‘ ’ ‚ ‛ that ends the string early in PowerShell.
	In     string
	InData bool // the place lies inside a data section body
}

// OutsideData returns every place in src where needle occurs other than
// inside a single-quoted string or here-string within a data section body
// (DataSections), sorted by offset. A needle is looked for as raw bytes
// anywhere (comments, comment-based help, strings, here-strings, names,
// barewords, the signature block), and also in the decoded value of every
// constant literal outside that safe place (so a needle written with
// backtick escapes in a double-quoted string, or with doubled quotes in a
// single-quoted one, is found too). Inside a data body, occurrences are still reported when they lie
// in a comment, in a double-quoted string (whose $ and backticks PowerShell
// reads), in code outside any literal, past the point where PowerShell ends a
// string whose ‘ ’ ‚ ‛ are not doubled, or anywhere in a data section whose
// subtree holds syntax errors (where the grammar's reading cannot be
// trusted). Without cgo nothing can be proven: every raw occurrence is
// returned with In "source".
//
// Limits: the needle must occur verbatim in the source or in a constant
// literal's value; a value split across literals ('ab' + 'cd'), built from
// [char] codes, or inside an expandable string with variables is not
// reassembled. An empty needle finds nothing.
func OutsideData(src []byte, needle string) []Pos {
	if needle == "" {
		return nil
	}
	root, err := parse(src)
	if err != nil {
		var out []Pos
		for _, o := range rawOccurrences(src, needle) {
			line, col := lineCol(src, o)
			out = append(out, Pos{Offset: o, Line: line, Col: col, In: "source"})
		}
		return out
	}
	data := dataBodies(root, true)
	inData := func(n *node) bool {
		for _, d := range data {
			if d.contains(n) {
				return true
			}
		}
		return false
	}
	comments := commentNodes(root)
	var literals []*node
	root.walk(func(n *node) bool {
		if n.kind == "string_literal" {
			literals = append(literals, n)
		}
		return true
	})
	var out []Pos
	reported := map[*node]bool{} // literals with a raw occurrence reported
	for _, o := range rawOccurrences(src, needle) {
		end := o + len(needle)
		at := &node{start: o, end: end}
		p := Pos{Offset: o, In: "code", InData: inData(at)}
		p.Line, p.Col = lineCol(src, o)
		if overlapsAny(comments, o, end) {
			p.In = "comment"
			out = append(out, p)
			continue
		}
		lit := innermost(literals, o, end)
		if lit == nil {
			out = append(out, p)
			continue
		}
		kind := literalKind(lit)
		p.In = describeLiteral(kind)
		if _, early, _ := decodeString(lit, src); early >= 0 && end > early {
			p.In += ", past the point where PowerShell ends it"
		} else if p.InData && verbatim(kind) {
			continue // the one safe place
		}
		reported[lit] = true
		out = append(out, p)
	}
	for _, lit := range literals {
		kind := literalKind(lit)
		if reported[lit] || inData(lit) && verbatim(kind) {
			continue
		}
		if v, _, ok := decodeString(lit, src); ok && strings.Contains(v, needle) {
			out = append(out, Pos{Offset: lit.start, Line: lit.line, Col: lit.col, In: describeLiteral(kind) + " (decoded)", InData: inData(lit)})
		}
	}
	sortPos(out)
	return out
}

// rawOccurrences returns the offset of every occurrence of needle in src,
// overlapping ones included.
func rawOccurrences(src []byte, needle string) []int {
	var out []int
	for from := 0; from <= len(src); {
		i := bytes.Index(src[from:], []byte(needle))
		if i < 0 {
			break
		}
		out = append(out, from+i)
		from += i + 1
	}
	return out
}

// overlapsAny reports whether [start, end) overlaps one of ns.
func overlapsAny(ns []*node, start, end int) bool {
	for _, n := range ns {
		if n.start < end && start < n.end {
			return true
		}
	}
	return false
}

// innermost returns the smallest of ns that contains [start, end), or nil.
func innermost(ns []*node, start, end int) *node {
	var best *node
	for _, n := range ns {
		if n.start <= start && end <= n.end && (best == nil || n.end-n.start < best.end-best.start) {
			best = n
		}
	}
	return best
}

func sortPos(ps []Pos) {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Offset < ps[j].Offset })
}
