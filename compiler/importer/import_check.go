package importer

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	checkpkg "github.com/hybridc/hybridc/compiler/check"
	"github.com/hybridc/hybridc/compiler/diag"
	loadpkg "github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/render"
	"github.com/hybridc/hybridc/compiler/statefile"
)

// ImportedName is the name under which ValidateImported reports the
// generated configuration.
const ImportedName = "hybrid.yaml (generated)"

// ValidateImported runs validate's stages (load, schema, decode, rules) on the text of an
// imported configuration as one file (Files(name, false): a directory's
// files hold the same YAML), and returns its errors. Warnings are left
// out: the header explains those an imported configuration may carry.
func ValidateImported(text []byte) diag.Diagnostics {
	return ValidateImportedWith(text, render.Options{})
}

// ValidateImportedWith is ValidateImported telling opt.Progress what it
// does.
func ValidateImportedWith(text []byte, opt render.Options) diag.Diagnostics {
	// validate's stages but the order: an import writes no dependsOn.
	doc, diags := loadpkg.LoadWith(loadpkg.Source{Name: ImportedName, Data: text}, opt.Progress)
	if doc != nil && !diags.HasErrors() {
		diags = append(diags, loadpkg.ValidateWith(doc, opt.Progress)...)
		if !diags.HasErrors() {
			diag.Stage(opt.Progress, "decoding", 0, "")
			cfg, ds := loadpkg.Decode(doc)
			diags = append(diags, ds...)
			if cfg != nil {
				ds, _ := checkpkg.CheckWith(cfg, opt.Progress)
				diags = append(diags, ds...)
			}
		}
	}
	var errs diag.Diagnostics
	for _, d := range diags {
		if d.Severity == diag.Error {
			errs = append(errs, d)
		}
	}
	return errs.Sort()
}

// TraceToState maps errors about an imported configuration's text back to
// the state values they came from: each is reported at the line and
// column of the string, in the first state file (srcs, in order) that
// holds it, with its JSON pointer, and says where in the generated text
// the value was. The value is the scalar at the error's column, or else
// any string on its line; an error no state value matches keeps its
// position in the generated text. It reports the first DiagnosticLimit
// (by their traced position) and says how many more there were.
func TraceToState(diags diag.Diagnostics, text []byte, srcs []loadpkg.Source) diag.Diagnostics {
	// The stages' own "more findings" notice is not a value to trace: it
	// is taken out, and the limit below says there were more.
	more := 0
	diags = slices.DeleteFunc(slices.Clone(diags), func(d diag.Diagnostic) bool {
		if d.Code == diag.CodeMoreDiagnostics {
			more = -1
			return true
		}
		return false
	})
	lines := strings.Split(string(text), "\n")
	wanted := map[string]bool{}
	candidates := make([][]string, len(diags))
	for i, d := range diags {
		if d.Pos.File != ImportedName || d.Pos.Line < 1 || d.Pos.Line > len(lines) {
			continue
		}
		candidates[i] = lineValues(lines[d.Pos.Line-1], d.Pos.Col)
		for _, c := range candidates[i] {
			wanted[c] = true
		}
	}
	type origin struct {
		pos     diag.Pos
		pointer string
	}
	found := map[string]origin{}
	for _, src := range srcs {
		var lines *loadpkg.LineIndex // built once per source, on its first match
		statefile.ScanJSON(src.Data, func(value []byte, off int, pointer func() string) {
			if v := string(value); wanted[v] {
				if _, done := found[v]; !done {
					if lines == nil {
						lines = loadpkg.NewLineIndex(src.Name, src.Data)
					}
					found[v] = origin{lines.Pos(off), pointer()}
				}
			}
		})
	}
	out := make(diag.Diagnostics, 0, len(diags))
	for i, d := range diags {
		generated := diag.Pos{File: ImportedName, Line: d.Pos.Line, Col: d.Pos.Col}
		traced := false
		for _, c := range candidates[i] {
			if o, ok := found[c]; ok {
				d.Message = fmt.Sprintf("%s: %s", o.pointer, d.Message)
				d.Related = append(slices.Clip(d.Related), diag.Related{Pos: generated, Label: "the value import would write (nothing was written)"})
				d.Pos, d.Pointer, traced = o.pos, o.pointer, true
				break
			}
		}
		if !traced && d.Pos.File == ImportedName {
			d.Message += " (in the configuration import would write; no state value matched)"
		}
		out = append(out, d)
	}
	// At most the diagnostic limit, as validate reports: a hostile state
	// can make every one of its entries an error.
	return diag.Limited(out, more)
}

// lineValues are the strings a diagnostic's line of generated YAML may be
// about: first the scalar at column col (the value after "key: " when col
// points at a key), then every string the line holds.
func lineValues(line string, col int) []string {
	var out []string
	if i := byteIndex(line, col-1); i >= 0 {
		if v, ok := scalarAt(line[i:]); ok {
			out = append(out, v)
		}
	}
	item := strings.TrimSpace(line)
	var doc any
	if yaml.Unmarshal([]byte(item), &doc) == nil {
		collectStrings(doc, &out)
	}
	return out
}

// byteIndex is the byte offset of the character at index n of s, or -1.
func byteIndex(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return -1
}

// scalarAt reads the YAML scalar at the start of s as import writes
// scalars: Go-quoted (strconv.Quote) or plain up to a flow delimiter. A
// key ("name: value") gives its value.
func scalarAt(s string) (string, bool) {
	if strings.HasPrefix(s, `"`) {
		q, err := strconv.QuotedPrefix(s)
		if err != nil {
			return "", false
		}
		v, err := strconv.Unquote(q)
		return v, err == nil
	}
	end := strings.IndexAny(s, ",}]")
	if end < 0 {
		end = len(s)
	}
	v := strings.TrimSpace(s[:end])
	if k := strings.Index(v, ": "); k >= 0 && !strings.ContainsAny(v[:k], " \"") {
		return scalarAt(strings.TrimLeft(s[k+2:], " "))
	}
	return v, v != "" && utf8.ValidString(v)
}

// collectStrings appends every string of a decoded YAML value.
func collectStrings(v any, out *[]string) {
	switch v := v.(type) {
	case string:
		*out = append(*out, v)
	case []any:
		for _, e := range v {
			collectStrings(e, out)
		}
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			collectStrings(v[k], out)
		}
	}
}
