package load

import (
	"bytes"
	"errors"
	"io"
	"math"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// Source is one input file: its name as the user gave it (used in every
// position) and its bytes.
type Source struct {
	Name string
	Data []byte
}

// Document is a loaded YAML file, or several merged (LoadAll): the node tree
// that keeps every position, the same content as plain values for schema
// validation (a single file's long lists left as lazy lists, converted item
// by item as they are validated), and an index from JSON pointer to the
// key and value nodes.
type Document struct {
	// Source is the file; for a merged document, the Bundle's Source.
	Source Source
	Root   *yaml.Node
	Tree   any
	index  map[string]nodeAt
	// files names the file of every node of a merged document (nil for
	// a single file, whose nodes all belong to Source).
	files map[*yaml.Node]string
	// parts are the files a directory's document merges, in order (nil for
	// a single file): Decode reads each one's nodes.
	parts []*Document
	// pairs caches, per mapping node lookup has walked through, its keys
	// (merged ones included): a mapping's pairs are collected once, not
	// once per finding located in it.
	pairs map[*yaml.Node]map[string]nodePair
	// aliased is set when the file uses an alias: a node may then stand
	// for values in several places, and Decode keeps every node.
	aliased bool
	// Consume lets Decode drop each list item's nodes once it has decoded
	// them (a single file without aliases), so that the node tree shrinks
	// as the model grows: analyze sets it, since nothing reads the nodes
	// after Decode (a decoding error is reported at the root).
	Consume bool
}

// nodeAt is where the value at a JSON pointer stands: its key (nil for the
// root and for list items) and the value itself.
type nodeAt struct {
	key, value *yaml.Node
}

// aliasBudget caps how many values a file may expand to through aliases:
// four times the nodes it is written with, plus some slack. Legitimate
// sharing stays far below; a "billion laughs" file is refused at once
// instead of exhausting memory.
func aliasBudget(root *yaml.Node) int {
	return 4*countNodes(root) + 10_000
}

// countNodes counts the nodes of a tree as written, not following aliases.
func countNodes(n *yaml.Node) int {
	count := 1
	for _, c := range n.Content {
		count += countNodes(c)
	}
	return count
}

var yamlLine = pstext.LazyRegexp(`^yaml: line (\d+): (.*)$`)

// Load parses src as exactly one YAML document. It reports syntax errors,
// duplicate keys, a second document, custom tags and complex keys, all with
// positions.
func Load(src Source) (*Document, diag.Diagnostics) {
	return LoadWith(src, nil)
}

// LoadWith is Load telling report (if set) how many bytes of the file the YAML
// parser has read, which is most of the stage's time.
func LoadWith(src Source, report func(diag.Step)) (*Document, diag.Diagnostics) {
	var diags diag.Diagnostics
	if strings.IndexFunc(src.Name, pstext.HiddenRune) >= 0 {
		diags.Errorf(diag.Pos{File: strconv.Quote(src.Name), Line: 1, Col: 1}, diag.CodeFileName, "the file name holds a control character or a line separator: rename the file")
		return nil, diags
	}
	if diags := Prescan(src); diags.HasErrors() {
		return nil, diags
	}
	if diags := textForm(src); diags.HasErrors() {
		return nil, diags
	}
	count := diag.Stage(report, "loading", len(src.Data), "bytes")
	dec := yaml.NewDecoder(countingReader{bytes.NewReader(src.Data), count})
	var file yaml.Node
	if err := dec.Decode(&file); err != nil {
		if errors.Is(err, io.EOF) {
			diags.Errorf(diag.Pos{File: src.Name, Line: 1, Col: 1}, diag.CodeEmptyDocument, "the file holds no YAML document")
		} else {
			diags = append(diags, syntaxError(src, err))
		}
		return nil, diags
	}
	var second yaml.Node
	switch err := dec.Decode(&second); {
	case err == nil:
		pos := diag.Pos{File: src.Name, Line: second.Line, Col: second.Column}
		if len(second.Content) > 0 {
			pos.Line, pos.Col = second.Content[0].Line, second.Content[0].Column
		}
		diags.Errorf(pos, diag.CodeSecondDocument, "a second YAML document starts here; a hybridc file holds exactly one")
	case !errors.Is(err, io.EOF):
		diags = append(diags, syntaxError(src, err))
	}
	if len(file.Content) == 0 {
		diags.Errorf(diag.Pos{File: src.Name, Line: 1, Col: 1}, diag.CodeEmptyDocument, "the file holds no YAML document")
		return nil, diags
	}
	doc := &Document{Source: src, Root: file.Content[0]}
	w := walker{doc: doc, budget: math.MaxInt, countLater: true, lazy: true}
	doc.Tree = w.value(doc.Root, "", nil)
	doc.aliased = w.aliased
	diags = append(diags, w.diags...)
	more := 0
	if w.stopped {
		more = -1
	}
	if diags.HasErrors() {
		return nil, diag.Limited(diags, more)
	}
	return doc, diags.Sort()
}

// countingReader counts what is read from r.
type countingReader struct {
	r     io.Reader
	count *diag.Counter
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.count.Add(n)
	return n, err
}

// syntaxError turns a yaml.v3 error into a diagnostic. yaml.v3 reports a line
// but no column, and for parser errors ("did not find expected ...") and
// tabs in indentation the line of its 0-based context mark, one too low:
// that is corrected. A tab in indentation is said as such, at the tab
// (tabIndentation). Otherwise the column given is that of the line's first
// character other than a space. An unknown anchor is located by its first
// use.
func syntaxError(src Source, err error) diag.Diagnostic {
	msg := err.Error()
	pos := diag.Pos{File: src.Name, Line: 1, Col: 1}
	if m := yamlLine().FindStringSubmatch(msg); m != nil {
		pos.Line, _ = strconv.Atoi(m[1])
		msg = m[2]
		if at, ok := tabIndentation(src.Data, msg, pos.Line); ok {
			pos.Line, pos.Col = at.Line, at.Col
			return diag.Diagnostic{Pos: pos, Severity: diag.Error, Code: diag.CodeYAMLSyntax,
				Message: "tab character in indentation: YAML indents with spaces; replace the tab with spaces"}
		}
		if strings.HasPrefix(msg, "did not find expected") || strings.Contains(msg, "tab character") {
			pos.Line++
		}
		pos.Col = firstColumn(src.Data, pos.Line)
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
		if m := unknownAnchor().FindStringSubmatch(msg); m != nil {
			pos = locate(src, "*"+m[1])
		}
	}
	return diag.Diagnostic{Pos: pos, Severity: diag.Error, Code: diag.CodeYAMLSyntax, Message: "YAML syntax error: " + msg}
}

var unknownAnchor = pstext.LazyRegexp(`^unknown anchor '([^']*)' referenced$`)

// locate finds the first occurrence of text in the source, or 1:1.
func locate(src Source, text string) diag.Pos {
	i := bytes.Index(src.Data, []byte(text))
	if i < 0 {
		return diag.Pos{File: src.Name, Line: 1, Col: 1}
	}
	before := src.Data[:i]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len([]rune(string(before[bytes.LastIndexByte(before, '\n')+1:]))) + 1
	return diag.Pos{File: src.Name, Line: line, Col: col}
}

// firstColumn is the 1-based column of the first non-blank character of a
// 1-based line, or 1.
func firstColumn(data []byte, line int) int {
	lines := bytes.Split(data, []byte("\n"))
	if line < 1 || line > len(lines) {
		return 1
	}
	text := []rune(string(lines[line-1]))
	for i, r := range text {
		if r != ' ' {
			return i + 1
		}
	}
	return 1
}

// DropValues lets go of the plain values Validate checks (the whole
// document's, for a directory the merged one), which nothing after
// validation reads: positions come from the node trees, and a directory's
// index (indexed) is built from its files' own values, which stay.
func (d *Document) DropValues() { d.Tree = nil }

// pos is the position of a node in its file.
func (d *Document) pos(n *yaml.Node) diag.Pos {
	file := d.Source.Name
	if f, ok := d.files[n]; ok {
		file = f
	}
	return diag.Pos{File: file, Line: n.Line, Col: n.Column}
}

// indexed returns the document's index from JSON pointer to nodes,
// building it on first use: loading a valid file needs none (Decode reads
// positions from the node tree), so it is built only for what asks for a
// position by pointer.
func (d *Document) indexed() map[string]nodeAt {
	if d.index != nil {
		return d.index
	}
	if d.parts != nil {
		m := NewMerger(d.Source, true)
		for _, p := range d.parts {
			m.Add(p)
		}
		d.index, d.files = m.Doc.index, m.Doc.files
		return d.index
	}
	d.index = map[string]nodeAt{}
	w := walker{doc: d, budget: aliasBudget(d.Root), index: true}
	w.value(d.Root, "", nil)
	return d.index
}

// At returns the position of the value at a JSON pointer; with key set, the
// position of its key when it has one. It falls back to the nearest parent
// that exists, and to 1:1.
func (d *Document) At(pointer string, key bool) diag.Pos {
	for {
		if at, ok := d.Lookup(pointer); ok {
			if key && at.key != nil {
				return d.pos(at.key)
			}
			return d.pos(at.value)
		}
		if pointer == "" {
			return diag.Pos{File: d.Source.Name, Line: 1, Col: 1}
		}
		pointer = pointer[:strings.LastIndexByte(pointer, '/')]
	}
}

// Lookup returns the nodes at a JSON pointer. A directory's document looks
// it up in its index (indexed); a single file's is found by walking its
// node tree along the pointer, as the loader's walker reads it (aliases
// followed, << merges under the mapping's own keys), so that finding a few
// positions in a file of a million values does not index every one.
func (d *Document) Lookup(pointer string) (nodeAt, bool) {
	if d.parts != nil || d.index != nil {
		at, ok := d.indexed()[pointer]
		return at, ok
	}
	at := nodeAt{value: resolve(d.Root)}
	if pointer == "" {
		return at, true
	}
	for _, seg := range strings.Split(pointer[1:], "/") {
		switch n := at.value; n.Kind {
		case yaml.MappingNode:
			p, ok := d.pairsOf(n)[unescapePointer(seg)]
			if !ok {
				return nodeAt{}, false
			}
			at = nodeAt{key: p.key, value: resolve(p.value)}
		case yaml.SequenceNode:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(n.Content) || !isIndex(seg) {
				return nodeAt{}, false
			}
			at = nodeAt{value: resolve(n.Content[i])}
		default:
			return nodeAt{}, false
		}
	}
	return at, true
}

// pairsOf returns the keys of the mapping n (collectPairs), collected on
// its first lookup and kept.
func (d *Document) pairsOf(n *yaml.Node) map[string]nodePair {
	if p, ok := d.pairs[n]; ok {
		return p
	}
	if d.pairs == nil {
		d.pairs = map[*yaml.Node]map[string]nodePair{}
	}
	p := make(map[string]nodePair, len(n.Content)/2)
	collectPairs(n, p)
	d.pairs[n] = p
	return p
}

// Bundle is a configuration split over several files: the YAML files of a
// directory, which LoadAll merges in the order given (by name).
type Bundle struct {
	// Name is the directory as the user gave it. Scripts' headers name it.
	Name string
	// Files are the directory's YAML files, sorted by name.
	Files []Source
}

// Source is what the scripts' headers record for the bundle: its name, and
// as its data a manifest of its files, one line per file in order, as
// sha256sum prints it ("<SHA-256 in hex>  <base name>\n"), each file's
// SHA-256 being SourceSHA256's (that of its canonical form: for a file with
// LF line breaks and no byte order mark, its bytes). The SHA-256 in a
// header, that of this manifest, thus covers every file's name and content,
// and depends neither on the path the directory was given by nor on the
// files' line breaks.
func (b Bundle) Source() Source {
	var manifest bytes.Buffer
	for _, f := range b.Files {
		manifest.WriteString(SourceSHA256(f.Data) + "  " + path.Base(filepath.ToSlash(f.Name)) + "\n")
	}
	return Source{Name: b.Name, Data: manifest.Bytes()}
}

// LoadAll loads every file of b as Load does and merges them into one
// document: mappings key by key, lists joined in file order. A key whose
// value is a scalar, or a mapping in one file and a list in another, may be
// given by one file only; a second one is an error naming both positions.
// Every value keeps the position in the file that wrote it.
func LoadAll(b Bundle) (*Document, diag.Diagnostics) {
	return LoadAllWith(b, nil)
}

// LoadAllWith is LoadAll telling report (if set) how many files it loaded.
func LoadAllWith(b Bundle, report func(diag.Step)) (*Document, diag.Diagnostics) {
	var diags diag.Diagnostics
	var docs []*Document
	count := diag.Stage(report, "loading", len(b.Files), "files")
	for _, src := range b.Files {
		doc, ds := Load(src)
		diags = append(diags, ds...)
		if doc != nil {
			docs = append(docs, doc)
		}
		count.Add(1)
	}
	if len(b.Files) == 0 {
		diags.Errorf(diag.Pos{File: b.Name, Line: 1, Col: 1}, diag.CodeEmptyDocument, "%s holds no YAML file (*.yaml, *.yml)", b.Name)
	}
	if diags.HasErrors() {
		return nil, diags.Sort()
	}
	diag.Stage(report, "merging", 0, "")
	for _, d := range docs {
		d.Tree = Materialize(d.Tree) // merged as whole values
	}
	m := NewMerger(b.Source(), false)
	for _, d := range docs {
		m.Add(d)
	}
	if m.conflict {
		// Merge again, recording positions, to report each conflict.
		m = NewMerger(b.Source(), true)
		for _, d := range docs {
			m.Add(d)
		}
		diags = append(diags, m.diags...)
		return nil, diags.Sort()
	}
	// Decode reads each file's nodes; positions by pointer are built from
	// the files when asked for (indexed).
	m.Doc.parts = docs
	return m.Doc, diags.Sort()
}
