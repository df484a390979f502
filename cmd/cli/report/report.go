// Package report prints diagnostics: one Printer per output format, behind
// one interface, for every command of hybridc. Diagnostics carry their
// values as they are; each printer escapes what its format cannot show
// (text and GitHub workflow commands: control characters and invisible
// format characters written as Go escapes, so that no value reaches a
// terminal as an escape sequence; JSON and SARIF: encoding/json).
package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/hybridc/hybridc/compiler"
)

// Printer writes diagnostics in one output format.
type Printer interface {
	// Diagnostics writes ds: the findings of one configuration, when the
	// format streams, or else of the whole run, at once.
	Diagnostics(w io.Writer, ds compiler.Diagnostics) error
	// Streams reports whether the format may be written a configuration at
	// a time, as each is checked (text, github); a document format (json,
	// sarif) is written once, for the whole run.
	Streams() bool
}

// Format is one output format of diagnostics: its --format name, a line
// for the help, and its printer. version is hybridc's, for formats that
// name the tool (SARIF).
type Format struct {
	Name    string
	Help    string
	Printer func(version string) Printer
}

// Formats are every output format of diagnostics, in the order the help
// lists them; text, the first, is the default.
var Formats = []Format{
	{"text", "file:line:col: severity CODE: message, one a line (the default), then\n           a tab-indented file:line:col: note: line for each related position",
		func(string) Printer { return Text }},
	{"json", `{"formatVersion":1,"diagnostics":[{"file","line","column","severity","code","message","pointer","related"}]}`,
		func(string) Printer { return jsonPrinter{} }},
	{"sarif", "SARIF 2.1.0, for GitHub code scanning (github/codeql-action/upload-sarif)",
		func(v string) Printer { return sarifPrinter{version: v} }},
	{"github", "GitHub Actions workflow commands (::error file=...,line=...,col=...,title=CODE::message),\n           which annotate the lines of a pull request",
		func(string) Printer { return githubPrinter{} }},
}

// Text is the text printer, which every command uses for the diagnostics
// it prints to standard error.
var Text Printer = textPrinter{}

// New returns the printer of the format name, or false.
func New(name, version string) (Printer, bool) {
	for _, f := range Formats {
		if f.Name == name {
			return f.Printer(version), true
		}
	}
	return nil, false
}

// Names are the names of Formats, in order.
func Names() []string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = f.Name
	}
	return names
}

// Help lists the formats for a command's help, one "  name  help" entry a
// format.
func Help() string {
	var b strings.Builder
	for _, f := range Formats {
		fmt.Fprintf(&b, "  %-8s %s\n", f.Name, f.Help)
	}
	return b.String()
}

// OneOf writes names as "a, b or c", for flag help and messages; every
// command's --format lists its formats with it, and with Choices.
func OneOf(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// Choices writes names as "a|b|c", for usage lines (which completion
// reads).
func Choices(names []string) string { return strings.Join(names, "|") }

// textPrinter writes file:line:col: severity CODE: message lines, each
// followed by its related positions (see compiler.Diagnostic.Text), with
// hidden characters made visible.
type textPrinter struct{}

func (textPrinter) Streams() bool { return true }

func (textPrinter) Diagnostics(w io.Writer, ds compiler.Diagnostics) error {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.Text(Visible))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Visible replaces the hidden runes of s (compiler.HiddenRune: control,
// line-separator and invisible format characters, which a state file or a
// file name may hold) with Go escapes, so that no value can break the
// layout of an output or reorder how it reads.
func Visible(s string) string { return visible(s, nil) }

// Name is Visible for a file name, made safe at the start of a line too
// (compiler.LeadSafe): every command prints a file name with it, as
// diagnostics do, wherever the name may start a line.
func Name(s string) string { return compiler.LeadSafe(Visible(s)) }

// visible is Visible leaving the runes keep reports (nil: none) as they
// are.
func visible(s string, keep func(rune) bool) string {
	hidden := func(r rune) bool { return compiler.HiddenRune(r) && (keep == nil || !keep(r)) }
	if !strings.ContainsFunc(s, hidden) {
		return breakCommands(s)
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !hidden(r):
			b.WriteRune(r)
		case r <= 0xff:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return breakCommands(b.String())
}

// breakCommands writes the second '#' of every "##[" as \x23: the GitHub
// Actions runner reads "##[command]data" anywhere in a line of a step's
// output as a workflow command (the older form, tried when a line does not
// parse as "::command"), which a value would otherwise forge.
func breakCommands(s string) string {
	if !strings.Contains(s, "##[") {
		return s
	}
	return strings.ReplaceAll(s, "##[", `#\x23[`)
}
