package pstext

import (
	"fmt"
	"strconv"
	"strings"
)

// A data section holds the desired state of a script as PowerShell literals
// inside `data { }`: PowerShell evaluates a data section in its restricted
// language, which refuses every command, variable (but $true, $false,
// $null) and type, so nothing a value holds can run. These are the values
// it is built from: psMap (a hashtable, keys in the order given), psList (an
// array), string, bool and int.
type (
	PSMap  []psEntry
	PSList []any
)

// psEntry is one key of a psMap. Keys are fixed by the compiler, never
// taken from the configuration.
type psEntry struct {
	Key   string
	Value any
}

// Set appends key = value.
func (m *PSMap) Set(key string, value any) { *m = append(*m, psEntry{key, value}) }

// inlineWidth is the longest line a hashtable or array is written on before
// it is spread over several lines.
const inlineWidth = 160

// WriteData writes v as a data-section literal at the given indentation,
// and reports whether it wrote a string escaped (see escapeText), which the
// script must then decode. It fails on a string that cannot be a literal
// there (see dataString).
func WriteData(b *strings.Builder, v any, indent int) (escaped bool, err error) {
	w := dataWriter{b: b}
	err = w.write(v, indent)
	return w.escaped, err
}

// dataWriter writes a data section, with one scratch buffer for the
// one-line forms it tries first.
type dataWriter struct {
	b       *strings.Builder
	scratch []byte
	// escaped is set once a string is written escaped.
	escaped bool
}

// write writes v at the given indentation: on one line where it fits
// (scalars always), else spread over lines.
func (w *dataWriter) write(v any, indent int) error {
	line, ok, err := w.appendInline(w.scratch[:0], v)
	w.scratch = line
	if err != nil {
		return err
	}
	if ok && (len(line)+4*indent <= inlineWidth || !isComposite(v)) {
		w.b.Write(line)
		return nil
	}
	pad := strings.Repeat("    ", indent)
	switch v := v.(type) {
	case PSMap:
		width := 0
		for _, e := range v {
			width = max(width, len(e.Key))
		}
		w.b.WriteString("@{\n")
		for _, e := range v {
			w.b.WriteString(pad + "    " + e.Key + strings.Repeat(" ", width-len(e.Key)) + " = ")
			if err := w.write(e.Value, indent+1); err != nil {
				return err
			}
			w.b.WriteByte('\n')
		}
		w.b.WriteString(pad + "}")
	case []string:
		list := make(PSList, len(v))
		for i, s := range v {
			list[i] = s
		}
		return w.write(list, indent)
	case PSList:
		w.b.WriteString("@(\n")
		for i, e := range v {
			w.b.WriteString(pad + "    ")
			if err := w.write(e, indent+1); err != nil {
				return err
			}
			if i < len(v)-1 {
				w.b.WriteByte(',')
			}
			w.b.WriteByte('\n')
		}
		w.b.WriteString(pad + ")")
	default:
		return fmt.Errorf("internal error: data value of type %T", v)
	}
	return nil
}

// appendInline appends v on one line to dst, and reports whether that is
// possible: scalars, and hashtables and arrays whose values are scalars or
// arrays of scalars (a hashtable or array inside an array, or a hashtable
// inside a hashtable, is not).
func (w *dataWriter) appendInline(dst []byte, v any) ([]byte, bool, error) {
	switch v := v.(type) {
	case string:
		if PlainLiteral(v) {
			return append(append(append(dst, '\''), v...), '\''), true, nil
		}
		s, escaped, err := DataString(v)
		w.escaped = w.escaped || escaped
		return append(dst, s...), true, err
	case bool:
		return append(dst, Bool(v)...), true, nil
	case int:
		return strconv.AppendInt(dst, int64(v), 10), true, nil
	case []string:
		dst = append(dst, "@("...)
		for i, s := range v {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			q, escaped, err := DataString(s)
			if err != nil {
				return dst, false, err
			}
			w.escaped = w.escaped || escaped
			dst = append(dst, q...)
		}
		return append(dst, ')'), true, nil
	case PSList:
		dst = append(dst, "@("...)
		for i, e := range v {
			if isComposite(e) {
				return dst, false, nil
			}
			if i > 0 {
				dst = append(dst, ", "...)
			}
			var ok bool
			var err error
			if dst, ok, err = w.appendInline(dst, e); err != nil || !ok {
				return dst, false, err
			}
		}
		return append(dst, ')'), true, nil
	case PSMap:
		dst = append(dst, "@{ "...)
		for i, e := range v {
			if _, nested := e.Value.(PSMap); nested {
				return dst, false, nil
			}
			if list, isList := e.Value.(PSList); isList && len(list) > 0 && isComposite(list[0]) {
				return dst, false, nil
			}
			if i > 0 {
				dst = append(dst, "; "...)
			}
			dst = append(append(dst, e.Key...), " = "...)
			var ok bool
			var err error
			if dst, ok, err = w.appendInline(dst, e.Value); err != nil || !ok {
				return dst, false, err
			}
		}
		return append(dst, " }"...), true, nil
	}
	return dst, false, nil
}

// PlainLiteral reports whether s is written as itself in single quotes,
// as dataString would write it: printable ASCII without a quote or a #
// (the signature marker's start), not starting with escapeMarker. Nearly
// every value is, and is then appended without a string made for it.
func PlainLiteral(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7F || c == '\'' || c == '#' {
			return false
		}
	}
	return !strings.HasPrefix(s, EscapeMarker)
}

// DataString is s as a single-quoted literal for a data section, and
// whether it was written escaped. A string with a character outside ASCII
// (or that begins with escapeMarker) is escaped first (escapeText), so that
// every literal, and the script, is pure ASCII; then every ' is doubled (and
// ‘ ’ ‚ ‛, which PowerShell also takes for quotes, though escaping leaves
// none). A value holding the signature marker is split inside it and the
// pieces added with +, which the restricted language allows (-join it does
// not), so that no line of a script ever holds the marker; the pieces add up
// to the escaped text, decoded as a whole. A control character or a Unicode
// line separator cannot be written in a data section (its only escapes are
// expressions the restricted language refuses); the schema refuses them in
// every field, so meeting one here is an internal error.
func DataString(s string) (string, bool, error) {
	for i, r := range s {
		if r >= 0x20 && r < 0x7F {
			continue // printable ASCII: the common case
		}
		if HiddenRune(r) {
			return "", false, fmt.Errorf("internal error: the value %q holds a control, line-separator or invisible character at byte %d, which the schema refuses", s, i)
		}
	}
	escaped := escapeNeeded(s)
	if escaped {
		s = escapeText(s)
	}
	if !strings.Contains(s, "#") || !strings.Contains(strings.ToUpper(s), "# SIG") {
		if !strings.ContainsAny(s, "'\u2018\u2019\u201A\u201B") {
			return "'" + s + "'", escaped, nil
		}
		return "'" + singleQuotes.Replace(s) + "'", escaped, nil
	}
	var parts []string
	var run strings.Builder
	for _, r := range s {
		run.WriteRune(r)
		if strings.HasSuffix(strings.ToUpper(run.String()), "# SI") {
			parts = append(parts, "'"+singleQuotes.Replace(run.String())+"'")
			run.Reset()
		}
	}
	parts = append(parts, "'"+singleQuotes.Replace(run.String())+"'")
	return "(" + strings.Join(parts, " + ") + ")", escaped, nil
}

// isComposite reports whether v is a hashtable or an array, which may be
// spread over several lines.
func isComposite(v any) bool {
	switch v.(type) {
	case PSMap, PSList, []string:
		return true
	}
	return false
}
