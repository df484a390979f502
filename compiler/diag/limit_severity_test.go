package diag

import "testing"

// TestLimitedSeverity: the cap's HC0100 is a warning when every finding
// is a warning and all were counted (an import of many hostile objects
// that only warn stays usable), an error when one finding is an error or
// a stage stopped without counting.
func TestLimitedSeverity(t *testing.T) {
	defer SetDiagnosticLimit(SetDiagnosticLimit(5))
	var warnings Diagnostics
	for i := 1; i <= 8; i++ {
		warnings.Warnf(Pos{File: "h.yaml", Line: i, Col: 1}, "HC0373", "warning %d", i)
	}
	last := func(ds Diagnostics) Diagnostic { return ds[len(ds)-1] }
	if d := last(Limited(append(Diagnostics(nil), warnings...), 0)); d.Code != CodeMoreDiagnostics || d.Severity != Warning {
		t.Errorf("only warnings: %v, want the cap as a warning", d)
	}
	if Limited(append(Diagnostics(nil), warnings...), 0).HasErrors() {
		t.Errorf("only warnings: the result has errors")
	}
	withError := append(append(Diagnostics(nil), warnings...), Diagnostic{Pos: Pos{File: "h.yaml", Line: 9, Col: 1}, Severity: Error, Code: "HC0205", Message: "bad"})
	if d := last(Limited(withError, 0)); d.Severity != Error {
		t.Errorf("an error among them: %v, want the cap as an error", d)
	}
	if d := last(Limited(append(Diagnostics(nil), warnings...), -1)); d.Severity != Error {
		t.Errorf("uncounted findings: %v, want the cap as an error", d)
	}
}
