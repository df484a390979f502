package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"

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
// (documented in the README) and a message for the administrator. Pointer
// is the RFC 6901 JSON pointer of the node it is about, where the stage
// knows it ("" where not): in a state file, of the file as written; in a
// configuration, of the merged configuration (the document that hybridc
// schema describes), so that in a directory configuration a list index
// counts the items of every file, not of the one Pos is in. Related are the other positions it names (where
// a duplicate was first declared). The message holds values as they are:
// each printer escapes what its format cannot show.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Code     string
	Message  string
	Pointer  string
	Related  []Related
}

// Related is another position a diagnostic names, with a short label that
// says what is there ("first declared here").
type Related struct {
	Pos   Pos
	Label string
}

// String formats the diagnostic as "file:line:col: error CODE: message",
// followed by a "\tfile:line:col: note: label" line for each related
// position. Nothing is escaped: see Text.
func (d Diagnostic) String() string {
	return d.Text(func(s string) string { return s })
}

// Text is String with escape applied to every value that comes from the
// configuration, the command line or the file system: the file names, the
// message and the labels.
func (d Diagnostic) Text(escape func(string) string) string {
	s := fmt.Sprintf("%s: %s %s: %s", escapePos(d.Pos, escape), d.Severity, d.Code, escape(d.Message))
	for _, r := range d.Related {
		s += fmt.Sprintf("\n\t%s: note: %s", escapePos(r.Pos, escape), escape(r.Label))
	}
	return s
}

// escapePos is p as file:line:col with its file name escaped and made
// safe at the start of a line (LeadSafe).
func escapePos(p Pos, escape func(string) string) string {
	p.File = LeadSafe(escape(p.File))
	return p.String()
}

// LeadSafe is the file name name with "./" before it when, after any
// leading white space, it starts with ':': printed at the start of a line,
// such a name (a file may be called "::error file=x::y") would be read by
// the GitHub Actions runner as a workflow command, which it parses on any
// line of a step's output that starts with "::" once white space is
// trimmed. "./NAME" names the same file.
func LeadSafe(name string) string {
	if strings.HasPrefix(strings.TrimLeftFunc(name, unicode.IsSpace), ":") {
		return "./" + name
	}
	return name
}

// equal reports whether two diagnostics say the same thing at the same
// places.
func (d Diagnostic) equal(o Diagnostic) bool {
	return d.Pos == o.Pos && d.Severity == o.Severity && d.Code == o.Code &&
		d.Message == o.Message && d.Pointer == o.Pointer && slices.Equal(d.Related, o.Related)
}

// Diagnostics is the findings of one or more stages.
type Diagnostics []Diagnostic

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	return slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.Severity == Error })
}

// Sort orders diagnostics by file, line, column, code, message, severity,
// pointer and related positions, and drops exact duplicates, so that output is stable whatever order the checks ran in.
func (ds Diagnostics) Sort() Diagnostics {
	slices.SortFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Code, b.Code),
			cmp.Compare(a.Message, b.Message),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Pointer, b.Pointer),
			slices.CompareFunc(a.Related, b.Related, compareRelated),
		)
	})
	return slices.CompactFunc(ds, Diagnostic.equal)
}

// compareRelated orders related positions by file, line, column and label.
func compareRelated(a, b Related) int {
	return cmp.Or(
		cmp.Compare(a.Pos.File, b.Pos.File),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Col, b.Pos.Col),
		cmp.Compare(a.Label, b.Label),
	)
}

// String formats one diagnostic a line, each followed by its related
// positions (see Diagnostic.String).
func (ds Diagnostics) String() string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// Errorf appends an error diagnostic.
func (ds *Diagnostics) Errorf(pos Pos, code, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Pos: pos, Severity: Error, Code: code, Message: fmt.Sprintf(format, args...)})
}

// Point sets the JSON pointer of the diagnostic appended last.
func (ds Diagnostics) Point(pointer string) {
	ds[len(ds)-1].Pointer = pointer
}

// Relate adds a related position to the diagnostic appended last.
func (ds Diagnostics) Relate(pos Pos, label string) {
	last := &ds[len(ds)-1]
	last.Related = append(last.Related, Related{Pos: pos, Label: label})
}

// Warnf appends a warning diagnostic.
func (ds *Diagnostics) Warnf(pos Pos, code, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Pos: pos, Severity: Warning, Code: code, Message: fmt.Sprintf(format, args...)})
}
