package compiler

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/load"
)

// nestedKeys is the attacker's file of F1: a mailbox of n unknown keys,
// after head (a document marker, a flow value first).
func nestedKeys(head string, n int) load.Source {
	var b strings.Builder
	b.WriteString(head + "mailboxes:\n  - name: x\n")
	for i := range n {
		fmt.Fprintf(&b, "    k%d: a\n", i)
	}
	return load.Source{Name: "b.yaml", Data: []byte(b.String())}
}

// TestPrescanDoesNotGiveUp: what made the prescan hand the file to the
// parser (a leading ---, a flow value before the keys, a directive, a
// quoted string over lines, a tab-indented line) no longer hides a
// mapping of thousands of keys: each is refused (HC0110) at the 65th key,
// with little allocated. 300,000 keys after --- took 258 MB and 38-84 s.
func TestPrescanDoesNotGiveUp(t *testing.T) {
	load.Compiled()
	for _, head := range []string{
		"---\nversion: 1\n",
		"version: [1]\n",
		"%YAML 1.2\n---\nversion: 1\n",
		"version: 1\nnote: \"a\n  b\"\n",
		"version: 1\nx: {a: 1,\n  b: 2}\n",
		"version: 1\n\t\n",
		"version: 1\n...\n---\n",
	} {
		src := nestedKeys(head, 20_000)
		var ds diag.Diagnostics
		if got := allocated(func() { ds = Analyze(src).Diagnostics }); got > 8<<20 {
			t.Errorf("%q: %d MB allocated, want at most 8", head, got>>20)
		}
		line := strings.Count(head, "\n") + 2 + 64 // name: x is the first key
		if len(ds) != 1 || ds[0].Code != diag.CodeTooManyKeys || ds[0].Pos.Line != line || ds[0].Pos.Col != 5 {
			t.Errorf("%q: want HC0110 at %d:5, got\n%s", head, line, ds)
		}
	}
}

// TestPrescanFullSize: the attacker's 600,000 keys after --- (8.8 MB),
// which ran for 513 s and grew past 418 MB, are refused at once.
func TestPrescanFullSize(t *testing.T) {
	src := nestedKeys("---\nversion: 1\n", 600_000)
	var ds diag.Diagnostics
	if got := allocated(func() { ds = Analyze(src).Diagnostics }); got > 8<<20 {
		t.Errorf("%d MB allocated, want at most 8", got>>20)
	}
	if len(ds) != 1 || ds[0].Code != diag.CodeTooManyKeys {
		t.Errorf("%s", ds)
	}
}

// TestNodeCap: a file with more node starts than the cap is refused
// (HC0111) before it is parsed, whatever its shape: the attacker's flow
// list (3,000,000 items took 707 MB), block items, nested empty
// collections, explicit keys. The cap is lowered to 100,000 here; the
// files have 150,000 items.
func TestNodeCap(t *testing.T) {
	defer func(n int) { load.MaxNodes = n }(load.MaxNodes)
	load.MaxNodes = 100_000
	const n = 150_000
	for name, text := range map[string]string{
		"flow list":     "version: 1\nmailboxes: [" + strings.Repeat("a,", n) + "a]\n",
		"---, flow":     "---\nversion: 1\nmailboxes: [" + strings.Repeat("a,", n) + "a]\n",
		"empty items":   "version: 1\nmailboxes:\n" + strings.Repeat("-\n", n),
		"empty lists":   "version: 1\nmailboxes: [" + strings.Repeat("[],", n) + "[]]\n",
		"explicit keys": "version: 1\nmailboxes:\n" + strings.Repeat("- ?\n", n/2),
		"tab-indented":  "version: 1\nmailboxes: [\n" + strings.Repeat("\ta,\n", n) + "]\n",
	} {
		src := load.Source{Name: "l.yaml", Data: []byte(text)}
		var ds diag.Diagnostics
		if got := allocated(func() { ds = Analyze(src).Diagnostics }); got > 4<<20 {
			t.Errorf("%s: %d MB allocated, want at most 4", name, got>>20)
		}
		if len(ds) != 1 || ds[0].Code != diag.CodeTooManyNodes || ds[0].Pos.Line < 2 {
			t.Errorf("%s: want one HC0111, got\n%s", name, ds)
		}
	}
	// Under the cap, the same shape is parsed (and fails the schema).
	src := load.Source{Name: "l.yaml", Data: []byte("version: 1\nmailboxes: [" + strings.Repeat("a,", 40_000) + "a]\n")}
	if ds := Analyze(src).Diagnostics; len(ds) == 0 || ds[0].Code == diag.CodeTooManyNodes {
		t.Errorf("under the cap: %s", ds[:min(len(ds), 3)])
	}
}

// TestLookupCachesPairs: locating findings in one mapping collects its
// keys once, not once per finding (200 findings in a mapping of 300,000
// keys rebuilt 60 million map entries).
func TestLookupCachesPairs(t *testing.T) {
	var b strings.Builder
	b.WriteString("m:\n")
	for i := range 60 {
		fmt.Fprintf(&b, "  k%d: %d\n", i, i)
	}
	doc, ds := load.Load(load.Source{Name: "m.yaml", Data: []byte(b.String())})
	if doc == nil {
		t.Fatal(ds)
	}
	if p := doc.At("/m/k7", true); p.Line != 9 || p.Col != 3 {
		t.Fatalf("At: %v", p)
	}
	if n := testing.AllocsPerRun(100, func() { doc.At("/m/k59", true) }); n > 2 {
		t.Errorf("At allocates %v times a call, want at most 2 (the pointer's segments)", n)
	}
}

// TestPrescanQuoteInPlainScalar (review 2, finding 5a): in `x: {a:'b}`
// the quote is part of the plain scalar a:'b, not the start of a string,
// so the keys after it are still counted: 300,000 keys up to a quote at
// the end of the file were parsed (75 CPU-s and 2 GB at 3.2 million).
// A quote at a line's start after a plain scalar continues it too.
func TestPrescanQuoteInPlainScalar(t *testing.T) {
	load.Compiled()
	for _, head := range []string{
		"version: 1\nx: {a:'b}\n",
		"version: 1\nx: {a:\"b}\n",
		"version: 1\nx: {a: b\n 'c}\n",
		"version: 1\nx: [a'b, c\"d]\n",
	} {
		var b strings.Builder
		b.WriteString(head)
		for i := range 20_000 {
			fmt.Fprintf(&b, "k%d: 1\n", i)
		}
		b.WriteString("z: \"'\"\n")
		src := load.Source{Name: "q.yaml", Data: []byte(b.String())}
		var ds diag.Diagnostics
		if got := allocated(func() { ds = Analyze(src).Diagnostics }); got > 8<<20 {
			t.Errorf("%q: %d MB allocated, want at most 8", head, got>>20)
		}
		if len(ds) != 1 || ds[0].Code != diag.CodeTooManyKeys {
			t.Errorf("%q: want one HC0110, got %d diagnostics, first %v", head, len(ds), ds[:min(len(ds), 2)])
		}
	}
}

// TestFlowKeysQuotes: where YAML starts a quoted scalar in a flow
// collection (after { [ , a ? or : indicator, a JSON-like key's ':', an
// anchor or a tag) its commas are not counted; a ” inside a single-quoted
// string does not end it.
func TestFlowKeysQuotes(t *testing.T) {
	commas := strings.Repeat(",", 100)
	for _, text := range []string{
		"{a: '" + commas + "'}",
		"{a: \"" + commas + "\"}",
		"{\"a\":'" + commas + "'}",
		"{'a' :\"" + commas + "\"}",
		"{a: &x '" + commas + "'}",
		"{a: !!str '" + commas + "'}",
		"{? '" + commas + "': b}",
		"{a: 'it''s" + commas + "'}",
		"{a: # a comment '\n  '" + commas + "'}",
	} {
		if at, end := load.FlowKeys([]byte(text), 0); at >= 0 || end != len(text)-1 {
			t.Errorf("%q: at %d, end %d, want -1 and %d", text, at, end, len(text)-1)
		}
	}
	// A quote inside a plain scalar, or after one's line break, starts
	// nothing: the commas after it count.
	for _, text := range []string{
		"{a:'b" + commas + "}",
		"{a: b\n '" + commas + "'}",
		"{a :'" + commas + "'}",
		"{a: b'c" + commas + "'}",
	} {
		if at, _ := load.FlowKeys([]byte(text), 0); at < 0 {
			t.Errorf("%q: the keys after the quote were not counted", text)
		}
	}
}

// TestPrescanCarriageReturns (review 2, finding 5b): YAML ends a line at
// a lone \r as at \n or \r\n, so the prescan does too: a file of keys on
// \r-only lines (3.2 MB parsed into 300,000 keys) is refused at the 65th
// key, at the position YAML gives it.
func TestPrescanCarriageReturns(t *testing.T) {
	load.Compiled()
	for _, nl := range []string{"\r", "\r\n"} {
		src := nestedKeys("---\nversion: 1\n", 20_000)
		src.Data = []byte(strings.ReplaceAll(string(src.Data), "\n", nl))
		var ds diag.Diagnostics
		if got := allocated(func() { ds = Analyze(src).Diagnostics }); got > 8<<20 {
			t.Errorf("%q: %d MB allocated, want at most 8", nl, got>>20)
		}
		if len(ds) != 1 || ds[0].Code != diag.CodeTooManyKeys || ds[0].Pos.Line != 4+64 || ds[0].Pos.Col != 5 {
			t.Errorf("%q: want HC0110 at 68:5, got %d diagnostics, first %v", nl, len(ds), ds[:min(len(ds), 2)])
		}
	}
}
