package diag

import (
	"fmt"
	"sync/atomic"
)

// DefaultDiagnosticLimit is how many diagnostics a run reports at most by
// default (validate's --max-diagnostics changes it). A file with more
// findings is almost always one mistake repeated, or hostile; reporting
// every one of a million would take memory and time in step with them.
const DefaultDiagnosticLimit = 200

var diagnosticLimit atomic.Int64

func init() { diagnosticLimit.Store(DefaultDiagnosticLimit) }

// SetDiagnosticLimit sets how many diagnostics each configuration's
// analysis reports at most (at least 1), and returns the previous limit.
func SetDiagnosticLimit(n int) int {
	return int(diagnosticLimit.Swap(int64(max(n, 1))))
}

// DiagnosticLimit is the current limit (see SetDiagnosticLimit).
func DiagnosticLimit() int { return int(diagnosticLimit.Load()) }

// Limited keeps the first DiagnosticLimit of ds, sorted, and says in one more
// diagnostic how many were left out: more is the number of findings a stage
// stopped before making (-1 when it stopped without counting them, since
// counting would cost what it avoids). That diagnostic is a warning when
// every finding is one (more is 0), else an error.
func Limited(ds Diagnostics, more int) Diagnostics {
	ds = ds.Sort()
	limit := DiagnosticLimit()
	if len(ds) <= limit && more == 0 {
		return ds
	}
	// The cap is an error unless every finding is known to be a warning
	// (none was left uncounted): a file of many warnings stays usable.
	severity := Error
	if more == 0 && !ds.HasErrors() {
		severity = Warning
	}
	if len(ds) > limit {
		if more >= 0 {
			more += len(ds) - limit
		}
		ds = ds[:limit]
	}
	pos := Pos{File: "", Line: 1, Col: 1}
	if len(ds) > 0 {
		pos = ds[len(ds)-1].Pos
	}
	msg := "and more findings not shown: the check stopped after the first %d (raise the limit with --max-diagnostics, or fix these first)"
	if more > 0 {
		msg = fmt.Sprintf("%d more findings not shown: the check stopped after the first %%d (raise the limit with --max-diagnostics, or fix these first)", more)
	}
	return append(ds, Diagnostic{Pos: pos, Severity: severity, Code: CodeMoreDiagnostics, Message: fmt.Sprintf(msg, limit)})
}

// full reports whether ds holds as many diagnostics as a run reports: a
// stage checking item by item stops there.
func full(ds Diagnostics) bool { return len(ds) >= DiagnosticLimit() }
