package compiler

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/load"
)

// wrongItems is a configuration whose mailboxes list holds n numbers
// instead of mappings: n findings of one kind, in 2n bytes.
func wrongItems(n int) load.Source {
	return load.Source{Name: "items.yaml", Data: []byte("version: 1\nmailboxes: [" + strings.Repeat("1,", n-1) + "1]\n")}
}

// unknownKeys is a configuration of n unknown top-level keys.
func unknownKeys(n int) load.Source {
	var b strings.Builder
	b.WriteString("version: 1\n")
	for i := range n {
		fmt.Fprintf(&b, "k%07d: 1\n", i)
	}
	return load.Source{Name: "keys.yaml", Data: []byte(b.String())}
}

// TestDiagnosticsAreCapped: 20,000 wrong list items give the limit's
// findings and one more saying the check stopped (HC0100), not 20,000.
func TestDiagnosticsAreCapped(t *testing.T) {
	ds := Analyze(wrongItems(20_000)).Diagnostics
	limit := diag.DiagnosticLimit()
	if len(ds) != limit+1 {
		t.Fatalf("%d diagnostics, want %d and one saying there are more", len(ds), limit)
	}
	var more []diag.Diagnostic
	for _, d := range ds {
		if d.Code == diag.CodeMoreDiagnostics {
			more = append(more, d)
		}
	}
	if len(more) != 1 || !strings.Contains(more[0].Message, "and more findings not shown: the check stopped after the first 200") {
		t.Errorf("the summary: %v", more)
	}
	defer diag.SetDiagnosticLimit(diag.SetDiagnosticLimit(5))
	if ds := Analyze(wrongItems(20_000)).Diagnostics; len(ds) != 6 {
		t.Errorf("limit 5: %d diagnostics\n%s", len(ds), ds)
	}
}

// TestDiagnosticsCountWhatTheySkip: findings found but not shown are
// counted ("N more").
func TestDiagnosticsCountWhatTheySkip(t *testing.T) {
	defer diag.SetDiagnosticLimit(diag.SetDiagnosticLimit(3))
	ds := diag.Limited(diag.Diagnostics{{Code: "A"}, {Code: "B"}, {Code: "C"}, {Code: "D"}, {Code: "E"}}, 0)
	if len(ds) != 4 || !strings.HasPrefix(ds[3].Message, "2 more findings not shown") {
		t.Errorf("%s", ds)
	}
}

// allocated is how many bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestValidateMemoryIsBounded: the findings of a hostile file take no
// memory in step with their number. 100,000 wrong items (200 KB) took
// 336 MB of allocations before the limit; the node tree and values they
// need are about 25 MB. 200,000 unknown keys (2.4 MB) took 635 MB; they
// are refused before the file is parsed.
func TestValidateMemoryIsBounded(t *testing.T) {
	items, keys := wrongItems(100_000), unknownKeys(200_000)
	load.Compiled() // the schema's compilation is not the file's
	if got := allocated(func() { Analyze(items) }); got > 60<<20 {
		t.Errorf("100,000 wrong items: %d MB allocated, want at most 60", got>>20)
	}
	var ds diag.Diagnostics
	if got := allocated(func() { ds = Analyze(keys).Diagnostics }); got > 16<<20 {
		t.Errorf("200,000 unknown keys: %d MB allocated, want at most 16", got>>20)
	}
	if len(ds) != 1 || ds[0].Code != diag.CodeTooManyKeys || ds[0].Pos.Line != 65 {
		t.Errorf("200,000 unknown keys:\n%s", ds)
	}
}

// TestPrescan: mappings of more than 64 keys are refused before parsing,
// block or flow; what only looks like keys (a block scalar's lines, a
// long list, quoted commas) is not.
func TestPrescan(t *testing.T) {
	many := func(format string, n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, format, i)
		}
		return b.String()
	}
	for _, tc := range []struct {
		name, yaml string
		refused    bool
	}{
		{"nested block mapping", "version: 1\nonPremises:\n" + many("  k%d: 1\n", 70), true},
		{"flow mapping", "version: 1\nonPremises: {" + many("k%d: 1, ", 70) + "}\n", true},
		{"flow mapping in a list", "mailboxes:\n  - {" + many("k%d: 1, ", 70) + "}\n", true},
		{"long list of mappings", "mailboxes:\n" + many("  - name: m%d\n    location: onPremises\n", 500), false},
		{"block scalar", "description: |\n" + many("  k%d: 1\n", 100) + "version: 1\n", false},
		{"block scalar in a list", "x:\n- |\n" + many("  k%d: 1\n", 100), false},
		{"quoted commas", "x: {a: \"" + many("%d,", 100) + "\"}\n", false},
		{"long flow list", "x: [" + many("%d, ", 1000) + "]\n", false},
	} {
		ds := load.Prescan(load.Source{Name: "f.yaml", Data: []byte(tc.yaml)})
		if got := ds.HasErrors(); got != tc.refused {
			t.Errorf("%s: refused %v, want %v\n%s", tc.name, got, tc.refused, ds)
		}
	}
}

// TestDiagnosticsUncountedSayAndMore (review 2, finding 5): unknown keys
// beyond the limit are not counted, so the summary says "and more", not a
// number (300,000 unknown keys were reported as "2 more").
func TestDiagnosticsUncountedSayAndMore(t *testing.T) {
	defer diag.SetDiagnosticLimit(diag.SetDiagnosticLimit(3))
	var b strings.Builder
	b.WriteString("version: 1\n")
	for i := range 30 {
		fmt.Fprintf(&b, "k%d: 1\n", i)
	}
	ds := Analyze(load.Source{Name: "k.yaml", Data: []byte(b.String())}).Diagnostics
	var more []string
	for _, d := range ds {
		if d.Code == diag.CodeMoreDiagnostics {
			more = append(more, d.Message)
		}
	}
	if len(ds) != 4 || len(more) != 1 || !strings.HasPrefix(more[0], "and more findings not shown") {
		t.Errorf("%s", ds)
	}
}
