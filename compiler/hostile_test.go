package compiler_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/hybridc/hybridc/compiler"
	"github.com/hybridc/hybridc/golden/pscheck"
)

// marker starts every hostile value, so that the test can find where the
// value went in a script.
const marker = "Zq7"

// hostileValues are appended, after the marker, to every free-text value of
// the configuration: each either is refused at its file:line:col, or stays
// data, never code, comment or help text.
var hostileValues = []struct {
	name  string
	value string
}{
	{name: "single quote", value: "'; Remove-Mailbox -Identity x -Confirm:$false; '"},
	{name: "typographic single quotes", value: "’; Remove-Mailbox x; ‘ ‚ ‛"},
	{name: "double quotes", value: `"; Remove-Mailbox x; “ ” „`},
	{name: "subexpression", value: "$(Remove-Mailbox x)"},
	{name: "backticks", value: "`; Remove-Mailbox x`"},
	{name: "newline", value: "\nRemove-Mailbox x\n"},
	{name: "carriage return", value: "\r\nRemove-Mailbox x\r"},
	{name: "next line", value: "\u0085Remove-Mailbox x"},
	{name: "line separator", value: "\u2028Remove-Mailbox x\u2029"},
	{name: "invisible characters", value: "Organization Manage\u00ADment\u200B\u202Emoc.\u2066"},
	{name: "format characters of every plane", value: "Manage\u0890ment\U000E0041\U0001D173"},
	{name: "semicolon and pipe", value: "; Remove-Mailbox x | Out-Null"},
	{name: "block comment", value: " #> <# Remove-Mailbox x"},
	{name: "issue 8's payload", value: `<#>Get-Mailbox|Remove-Mailbox -Confirm:$false;$z="+"";try{#`},
	{name: "here-string markers", value: "'@ Remove-Mailbox x @' @\" \"@"},
	{name: "letters outside ASCII", value: "Kovács Ödön Ő‑đ王 \\u0041 ~u~ 😀"},
	{name: "ANSI code page quotes", value: "Ödön Ő‑}}Remove-Mailbox x;$Z=data{@{ #đ \\u0027 ~u~ 😀"},
	{name: "signature marker", value: "# SIG # Begin signature block"},
}

// leaf is one free-text scalar of the test configuration, and every other
// scalar with the same text (a mailbox's name and the permissions naming
// it), so that a value is changed consistently everywhere it is used.
type leaf struct {
	value string
	nodes []*yaml.Node
}

// leaves lists the string scalars of doc that are values (not keys), grouped
// by text.
func leaves(doc *yaml.Node) []*leaf {
	byValue := map[string]*leaf{}
	var out []*leaf
	var walk func(n *yaml.Node, key string)
	walk = func(n *yaml.Node, key string) {
		switch n.Kind {
		case yaml.DocumentNode, yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, key)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(n.Content[i+1], n.Content[i].Value)
			}
		case yaml.ScalarNode:
			if n.Tag != "!!str" || key == "version" {
				return
			}
			l := byValue[n.Value]
			if l == nil {
				l = &leaf{value: n.Value}
				byValue[n.Value] = l
				out = append(out, l)
			}
			l.nodes = append(l.nodes, n)
		}
	}
	walk(doc, "")
	return out
}

// withValue returns the configuration with the leaves' text extended by
// suffix.
func withValue(t *testing.T, doc *yaml.Node, ls []*leaf, suffix string) []byte {
	t.Helper()
	for _, l := range ls {
		for _, n := range l.nodes {
			n.Value = l.value + suffix
			n.Style = yaml.DoubleQuotedStyle
		}
	}
	defer func() {
		for _, l := range ls {
			for _, n := range l.nodes {
				n.Value = l.value
			}
		}
	}()
	out, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// commandShape is the sequence of commands and their parameter names: what
// a script does, independent of the values it passes.
func commandShape(t *testing.T, src []byte) []string {
	t.Helper()
	cmds, err := pscheck.Commands(src)
	if err != nil {
		t.Fatal(err)
	}
	var shape []string
	for _, c := range cmds {
		s := c.Name
		for _, p := range c.Params {
			s += " -" + p.Name
		}
		shape = append(shape, s)
	}
	return shape
}

// TestHostileValuesStayInert appends every hostile value to every
// free-text value of a configuration that declares every kind of resource.
// Each either is refused with a position, or compiles into scripts whose
// commands are those of the baseline and in which the value appears only
// inside the data section.
func TestHostileValuesStayInert(t *testing.T) {
	pscheck.Require(t)
	src, err := os.ReadFile(filepath.Join("testdata", "every-field.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	baseline, err := compiler.Compile(compiler.Source{Name: "every-field.yaml", Data: withValue(t, &doc, nil, "")}, compiler.Options{ToolVersion: "test"})
	if err != nil || baseline.Files == nil {
		t.Fatalf("baseline: %v %s", err, baseline.Diagnostics)
	}
	shapes := map[string][]string{}
	for name, body := range baseline.Files {
		if filepath.Ext(name) == ".ps1" {
			shapes[name] = commandShape(t, body)
		}
	}
	all := leaves(&doc)
	for _, hv := range hostileValues {
		t.Run(hv.name, func(t *testing.T) {
			suffix := marker + hv.value
			var accepted []*leaf
			for _, l := range all {
				res := compiler.Analyze(compiler.Source{Name: "every-field.yaml", Data: withValue(t, &doc, []*leaf{l}, suffix)})
				if !res.Diagnostics.HasErrors() {
					accepted = append(accepted, l)
					continue
				}
				for _, d := range res.Diagnostics {
					if d.Pos.Line == 0 || d.Pos.Col == 0 {
						t.Errorf("%q: refused without a position: %s", l.value, d)
					}
				}
			}
			if len(accepted) == 0 {
				return
			}
			data := withValue(t, &doc, accepted, suffix)
			res, err := compiler.Compile(compiler.Source{Name: "every-field.yaml", Data: data}, compiler.Options{ToolVersion: "test"})
			if err != nil || res.Files == nil {
				t.Fatalf("the values each field accepts do not compile together: %v\n%s", err, res.Diagnostics)
			}
			for name, want := range shapes {
				got := res.Files[name]
				pscheck.CheckGeneratedWith(t, name, got, pscheck.EnvFor(name, "Exchange Server SE"), pscheck.Options{ErrorAction: true, WriteGuarded: true})
				if have := commandShape(t, got); !slices.Equal(want, have) {
					t.Errorf("%s: the values changed the commands of the script", name)
				}
				for _, at := range pscheck.OutsideData(got, marker) {
					t.Errorf("%s:%d:%d: a value of the configuration outside the data section (%s)", name, at.Line, at.Col, at.In)
				}
			}
			t.Logf("%d of %d values accept it", len(accepted), len(all))
		})
	}
}

// TestHostileFileNames compiles a directory configuration whose file names
// are hostile: a file name reaches a script only in the data section.
func TestHostileFileNames(t *testing.T) {
	pscheck.Require(t)
	src, err := os.ReadFile(filepath.Join("testdata", "every-field.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, hv := range hostileValues {
		if strings.ContainsAny(hv.value, "/\\\x00") {
			continue
		}
		t.Run(hv.name, func(t *testing.T) {
			b := compiler.Bundle{Name: marker + hv.value, Files: []compiler.Source{{Name: marker + hv.value + ".yaml", Data: src}}}
			res, err := compiler.CompileAll(b, compiler.Options{ToolVersion: "test"})
			if err != nil {
				t.Fatal(err)
			}
			if res.Files == nil {
				if len(res.Diagnostics) == 0 || res.Diagnostics[0].Code != compiler.CodeFileName || res.Diagnostics[0].Pos.Line != 1 {
					t.Fatalf("refused without HC0107 at the file: %s", res.Diagnostics)
				}
				return
			}
			for name, body := range res.Files {
				if filepath.Ext(name) != ".ps1" {
					continue
				}
				for _, at := range pscheck.OutsideData(body, marker) {
					t.Errorf("%s:%d:%d: the file name outside the data section (%s)", name, at.Line, at.Col, at.In)
				}
			}
		})
	}
}
