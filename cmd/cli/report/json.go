package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/hybridc/hybridc/compiler"
)

// diagnosticsJSON is validate --format json. formatVersion changes only
// when a field changes meaning or is removed; fields may be added.
type diagnosticsJSON struct {
	FormatVersion int              `json:"formatVersion"`
	Diagnostics   []diagnosticJSON `json:"diagnostics"`
}

// diagnosticJSON is one finding: where (1-based line and column, counted in
// characters), how severe ("error" or "warning"), its code and message;
// the RFC 6901 JSON pointer of the node it is about, where it is known;
// and the other positions it names, each with a label.
type diagnosticJSON struct {
	File     string        `json:"file"`
	Line     int           `json:"line"`
	Column   int           `json:"column"`
	Severity string        `json:"severity"`
	Code     string        `json:"code"`
	Message  string        `json:"message"`
	Pointer  string        `json:"pointer,omitempty"`
	Related  []relatedJSON `json:"related,omitempty"`
}

// relatedJSON is a related position of a diagnostic.
type relatedJSON struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Label  string `json:"label"`
}

// jsonPrinter writes the diagnostics as one JSON object; encoding/json
// escapes every control character.
type jsonPrinter struct{}

func (jsonPrinter) Streams() bool { return false }

func (jsonPrinter) Diagnostics(w io.Writer, diags compiler.Diagnostics) error {
	out := diagnosticsJSON{FormatVersion: 1, Diagnostics: []diagnosticJSON{}}
	for _, d := range diags {
		j := diagnosticJSON{
			File: d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Col,
			Severity: d.Severity.String(), Code: d.Code, Message: d.Message, Pointer: d.Pointer,
		}
		for _, r := range d.Related {
			j.Related = append(j.Related, relatedJSON{File: r.Pos.File, Line: r.Pos.Line, Column: r.Pos.Col, Label: r.Label})
		}
		out.Diagnostics = append(out.Diagnostics, j)
	}
	return writeEscaped(w, out)
}

// writeEscaped is WriteIndented with every hidden character that
// encoding/json leaves as it is (C1 controls, bidirectional and zero-width
// characters; it escapes the C0 controls and U+2028, U+2029) written as a
// \u escape: the same JSON value, which no terminal shows as anything but
// text. Outside strings, the indented JSON holds no hidden character but
// its line ends.
func writeEscaped(w io.Writer, v any) error {
	var b bytes.Buffer
	if err := WriteIndented(&b, v); err != nil {
		return err
	}
	out := b.String()
	if strings.ContainsFunc(out, hiddenButLF) {
		var e strings.Builder
		for _, r := range out {
			if !hiddenButLF(r) {
				e.WriteRune(r)
				continue
			}
			if hi, lo := utf16.EncodeRune(r); hi != utf8.RuneError {
				fmt.Fprintf(&e, `\u%04x\u%04x`, hi, lo) // beyond the BMP: a surrogate pair
				continue
			}
			fmt.Fprintf(&e, `\u%04x`, r)
		}
		out = e.String()
	}
	_, err := io.WriteString(w, out)
	return err
}

// hiddenButLF is compiler.HiddenRune but for the line feed.
func hiddenButLF(r rune) bool { return r != '\n' && compiler.HiddenRune(r) }

// WriteIndented writes v as indented JSON with a final newline, without
// HTML escaping (< > & stay as they are), through CommandSafe.
func WriteIndented(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(CommandSafe(b.Bytes()))
	return err
}

// CommandSafe is JSON text with every "##[" written "#\u0023[": the same
// value (the sequence only occurs inside strings), but no GitHub workflow
// command ("##[command]data", read anywhere in a line of a step's output)
// when the JSON is printed in a CI log.
func CommandSafe(js []byte) []byte {
	if !bytes.Contains(js, []byte("##[")) {
		return js
	}
	return bytes.ReplaceAll(js, []byte("##["), []byte(`#\u0023[`))
}
