package importer

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/diag"
	loadpkg "github.com/hybridc/hybridc/compiler/load"
)

// traceInput is n errors, one per line of generated YAML, each about a
// distinct value that a one-line JSON state file holds (as the export
// scripts' compressed output does).
func traceInput(n int) (diag.Diagnostics, []byte, []loadpkg.Source) {
	var text, state strings.Builder
	state.WriteString(`{"remoteDomains": [`)
	diags := make(diag.Diagnostics, 0, n)
	for i := range n {
		fmt.Fprintf(&text, "      domainName: d%d.example\n", i)
		if i > 0 {
			state.WriteString(", ")
		}
		fmt.Fprintf(&state, `{"name": "n%d", "domainName": "d%d.example"}`, i, i)
		diags = append(diags, diag.Diagnostic{Pos: diag.Pos{File: ImportedName, Line: i + 1, Col: 19}, Severity: diag.Error, Code: diag.CodeStateSyntax, Message: "refused"})
	}
	state.WriteString("]}")
	return diags, []byte(text.String()), []loadpkg.Source{{Name: "state.json", Data: []byte(state.String())}}
}

// allocatedBytes is how many bytes tracing n errors allocates.
func allocatedBytes(n int) uint64 {
	diags, text, srcs := traceInput(n)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	TraceToState(diags, text, srcs)
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestTraceToStateIsLinear: eight times the errors allocate about eight
// times the memory, not sixty-four: each error's position in the state
// file was found by rescanning the file from its start, copying the line
// to count its characters (minutes for a hostile state of 50,000 entries).
func TestTraceToStateIsLinear(t *testing.T) {
	defer diag.SetDiagnosticLimit(diag.SetDiagnosticLimit(1 << 30))
	small, large := allocatedBytes(500), allocatedBytes(4000)
	if ratio := float64(large) / float64(small); ratio > 20 {
		t.Errorf("tracing 4000 errors allocated %d bytes, %.1f times what 500 did (%d): want about 8", large, ratio, small)
	}
}

// TestTraceToStatePositions: a traced error is at its value's line and
// column (in characters) in the state file, with its JSON pointer.
func TestTraceToStatePositions(t *testing.T) {
	diags, text, srcs := traceInput(3)
	srcs[0].Data = []byte(strings.Replace(string(srcs[0].Data), `"n1",`, "\r\n\"\u00e9\u00e9\",", 1))
	got := TraceToState(diags, text, srcs)
	want := []string{"state.json:1:", "state.json:2:", "state.json:2:"}
	for i, d := range got {
		if !strings.HasPrefix(d.Pos.String(), want[i]) || !strings.HasPrefix(d.Message, fmt.Sprintf("/remoteDomains/%d/domainName: ", i)) {
			t.Errorf("error %d: %s: %s", i, d.Pos, d.Message)
		}
	}
	if got[1].Pos.Col != 21 { // "éé", "domainName": " counts characters, not bytes
		t.Errorf("second error at column %d, want 21", got[1].Pos.Col)
	}
}

// TestTraceToStateLimited: import reports at most the diagnostic limit
// of traced errors, then how many more there were.
func TestTraceToStateLimited(t *testing.T) {
	defer diag.SetDiagnosticLimit(diag.SetDiagnosticLimit(50))
	diags, text, srcs := traceInput(500)
	got := TraceToState(diags, text, srcs)
	if len(got) != 51 || got[50].Code != diag.CodeMoreDiagnostics || !strings.Contains(got[50].Message, "450 more") {
		t.Fatalf("%d diagnostics, the last %s %s", len(got), got[len(got)-1].Code, got[len(got)-1].Message)
	}
}

// TestTraceToStateKeepsOneNotice: the stages' own "more findings" notice
// (HC0100) is not traced to a state value nor counted as a finding: the
// traced output keeps every finding up to the limit and one notice
// saying there were more (the Exchange engineer's review: it dropped a
// finding and added a second notice).
func TestTraceToStateKeepsOneNotice(t *testing.T) {
	limit := diag.DiagnosticLimit()
	diags, text, srcs := traceInput(limit)
	diags = append(diags, diag.Diagnostic{Pos: diag.Pos{File: ImportedName, Line: limit, Col: 19}, Severity: diag.Error, Code: diag.CodeMoreDiagnostics, Message: "and more findings not shown"})
	out := TraceToState(diags, text, srcs)
	notices := 0
	for _, d := range out {
		if d.Code == diag.CodeMoreDiagnostics {
			notices++
			if d.Pointer != "" || len(d.Related) > 0 {
				t.Errorf("the notice was traced to a state value: %+v", d)
			}
		}
	}
	if notices != 1 || len(out) != limit+1 {
		t.Errorf("%d findings with %d notices, want %d findings and one notice", len(out)-notices, notices, limit)
	}
}
