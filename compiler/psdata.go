package compiler

import (
	"fmt"
	"strings"
	"unicode"
)

// A data section holds the desired state of a script as PowerShell literals
// inside `data { }`: PowerShell evaluates a data section in its restricted
// language, which refuses every command, variable (but $true, $false,
// $null) and type, so nothing a value holds can run. These are the values
// it is built from: psMap (a hashtable, keys in the order given), psList (an
// array), string, bool and int.
type (
	psMap  []psEntry
	psList []any
)

// psEntry is one key of a psMap. Keys are fixed by the compiler, never
// taken from the configuration.
type psEntry struct {
	Key   string
	Value any
}

// set appends key = value.
func (m *psMap) set(key string, value any) { *m = append(*m, psEntry{key, value}) }

// inlineWidth is the longest line a hashtable or array is written on before
// it is spread over several lines.
const inlineWidth = 160

// writeData writes v as a data-section literal at the given indentation. It
// fails on a string that cannot be a literal there (see dataString).
func writeData(b *strings.Builder, v any, indent int) error {
	if s, ok, err := inline(v); err != nil {
		return err
	} else if ok && (len(s)+4*indent <= inlineWidth || !isComposite(v)) {
		b.WriteString(s)
		return nil
	}
	pad := strings.Repeat("    ", indent)
	switch v := v.(type) {
	case psMap:
		width := 0
		for _, e := range v {
			width = max(width, len(e.Key))
		}
		b.WriteString("@{\n")
		for _, e := range v {
			b.WriteString(pad + "    " + e.Key + strings.Repeat(" ", width-len(e.Key)) + " = ")
			if err := writeData(b, e.Value, indent+1); err != nil {
				return err
			}
			b.WriteByte('\n')
		}
		b.WriteString(pad + "}")
	case []string:
		list := make(psList, len(v))
		for i, s := range v {
			list[i] = s
		}
		return writeData(b, list, indent)
	case psList:
		b.WriteString("@(\n")
		for i, e := range v {
			b.WriteString(pad + "    ")
			if err := writeData(b, e, indent+1); err != nil {
				return err
			}
			if i < len(v)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(pad + ")")
	default:
		return fmt.Errorf("internal error: data value of type %T", v)
	}
	return nil
}

// inline returns v on one line, and whether that is possible: scalars, and
// hashtables and arrays whose values are scalars or arrays of scalars.
func inline(v any) (string, bool, error) {
	switch v := v.(type) {
	case string:
		s, err := dataString(v)
		return s, true, err
	case bool:
		return Bool(v), true, nil
	case int:
		return fmt.Sprint(v), true, nil
	case []string:
		parts := make([]string, len(v))
		for i, s := range v {
			q, err := dataString(s)
			if err != nil {
				return "", false, err
			}
			parts[i] = q
		}
		return "@(" + strings.Join(parts, ", ") + ")", true, nil
	case psList:
		parts := make([]string, len(v))
		for i, e := range v {
			s, ok, err := inline(e)
			if err != nil || !ok || strings.HasPrefix(s, "@{") || strings.HasPrefix(s, "@(") {
				return "", false, err
			}
			parts[i] = s
		}
		return "@(" + strings.Join(parts, ", ") + ")", true, nil
	case psMap:
		parts := make([]string, len(v))
		for i, e := range v {
			s, ok, err := inline(e.Value)
			if err != nil || !ok || strings.HasPrefix(s, "@{") {
				return "", false, err
			}
			parts[i] = e.Key + " = " + s
		}
		return "@{ " + strings.Join(parts, "; ") + " }", true, nil
	}
	return "", false, nil
}

// dataString is s as a single-quoted literal for a data section: every
// quote character PowerShell knows (' ‘ ’ ‚ ‛) doubled. A value holding the
// signature marker is split inside it and the pieces added with +, which
// the restricted language allows (-join it does not), so that no line of a
// script ever holds the marker. A control character or a Unicode line
// separator cannot be written in a data section (its only escapes are
// expressions the restricted language refuses); the schema refuses them in
// every field, so meeting one here is an internal error.
func dataString(s string) (string, error) {
	for _, r := range s {
		if unicode.IsControl(r) || isLineBreak(r) || unicode.Is(unicode.Cf, r) {
			return "", fmt.Errorf("internal error: the value %q holds a control, line-separator or invisible character, which the schema refuses", s)
		}
	}
	if !strings.Contains(strings.ToUpper(s), "# SIG") {
		return "'" + singleQuotes.Replace(s) + "'", nil
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
	return "(" + strings.Join(parts, " + ") + ")", nil
}

// isComposite reports whether v is a hashtable or an array, which may be
// spread over several lines.
func isComposite(v any) bool {
	switch v.(type) {
	case psMap, psList, []string:
		return true
	}
	return false
}
