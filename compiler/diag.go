package compiler

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
)

// Pos is a position in a source file (file:line:col, 1-based).
type Pos = config.Position

// Severity says whether a diagnostic stops compilation.
type Severity int

// Severities, most severe first.
const (
	Error Severity = iota
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one finding of any stage: where, how severe, a stable code
// (documented in the README) and a message for the administrator.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Code     string
	Message  string
}

// String formats the diagnostic as "file:line:col: error CODE: message".
func (d Diagnostic) String() string {
	return fmt.Sprintf("%s: %s %s: %s", d.Pos, d.Severity, d.Code, d.Message)
}

// Diagnostics is the findings of one or more stages.
type Diagnostics []Diagnostic

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	return slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.Severity == Error })
}

// Sort orders diagnostics by file, line, column, code and message, and drops
// exact duplicates, so that output is stable whatever order the checks ran in.
func (ds Diagnostics) Sort() Diagnostics {
	slices.SortFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Code, b.Code),
			cmp.Compare(a.Message, b.Message),
			cmp.Compare(a.Severity, b.Severity),
		)
	})
	return slices.Compact(ds)
}

// String formats one diagnostic a line.
func (ds Diagnostics) String() string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// errorf appends an error diagnostic.
func (ds *Diagnostics) errorf(pos Pos, code, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Pos: pos, Severity: Error, Code: code, Message: fmt.Sprintf(format, args...)})
}

// warnf appends a warning diagnostic.
func (ds *Diagnostics) warnf(pos Pos, code, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Pos: pos, Severity: Warning, Code: code, Message: fmt.Sprintf(format, args...)})
}
