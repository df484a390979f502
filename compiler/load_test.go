package compiler

import (
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/load"
)

func TestLoad(t *testing.T) {
	tests := []struct {
		name     string
		yaml     string
		wantDiag string // "" for none
	}{
		{name: "plain mapping", yaml: "a: 1\n"},
		{name: "empty file", yaml: "", wantDiag: "input.yaml:1:1: error HC0104"},
		{name: "comment only", yaml: "# nothing\n", wantDiag: "input.yaml:1:1: error HC0104"},
		{name: "duplicate key at the second key", yaml: "a: 1\nb: 2\na: 3\n", wantDiag: "input.yaml:3:1: error HC0102: duplicate key \"a\"\n\tinput.yaml:1:1: note: first given here\n"},
		{name: "duplicate key nested", yaml: "x:\n  a: 1\n  a: 2\n", wantDiag: "input.yaml:3:3: error HC0102"},
		{name: "merge key is not a duplicate", yaml: "base: &b {a: 1}\nx:\n  <<: *b\n  a: 2\n"},
		{name: "second document", yaml: "a: 1\n---\nb: 2\n", wantDiag: "input.yaml:3:1: error HC0103"},
		{name: "syntax error line corrected", yaml: "a: 1\nb: 2\nc: [x\n", wantDiag: "input.yaml:3:1: error HC0101"},
		{name: "unknown anchor located", yaml: "a: 1\nb: *nope\n", wantDiag: "input.yaml:2:4: error HC0101"},
		{name: "custom tag", yaml: "a: !vault x\n", wantDiag: "input.yaml:1:4: error HC0105"},
		{name: "complex key", yaml: "? [a, b]\n: 1\n", wantDiag: "input.yaml:1:3: error HC0105"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := load.Load(load.Source{Name: "input.yaml", Data: []byte(tt.yaml)})
			got := diags.String()
			if tt.wantDiag == "" && got != "" {
				t.Fatalf("unexpected diagnostics:\n%s", got)
			}
			if !strings.Contains(got, tt.wantDiag) {
				t.Fatalf("diagnostics:\n%s\nwant one starting %q", got, tt.wantDiag)
			}
		})
	}
}

func TestLoadMergeAndAliases(t *testing.T) {
	doc, diags := load.Load(load.Source{Name: "m.yaml", Data: []byte("base: &b\n  a: 1\n  b: 1\nother: &o\n  b: 2\n  c: 2\nx:\n  <<: [*b, *o]\n  c: 3\ny: *b\n")})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	x := doc.Tree.(map[string]any)["x"].(map[string]any)
	// Earlier merges win over later ones; the mapping's own keys win over both.
	if x["a"] != 1 || x["b"] != 1 || x["c"] != 3 {
		t.Errorf("merged x = %v, want a:1 b:1 c:3", x)
	}
	// A merged value points at the anchored text where it is written.
	if p := doc.At("/x/a", false); p.Line != 2 || p.Col != 6 {
		t.Errorf("position of merged x.a = %s, want 2:6", p)
	}
	if p := doc.At("/y/b", false); p.Line != 3 {
		t.Errorf("position of aliased y.b = %s, want line 3", p)
	}
}

func TestLoadRefusesAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i <= 9; i++ {
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	_, diags := load.Load(load.Source{Name: "bomb.yaml", Data: []byte(b.String())})
	if !strings.Contains(diags.String(), "HC0105") {
		t.Fatalf("alias bomb not refused: %s", diags)
	}
}

// TestLoadRefusesMergeBomb: expansion through << merges is budgeted as
// through aliases, the budget being counted at the first merge of an alias.
func TestLoadRefusesMergeBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 {k0: x, k1: x, k2: x, k3: x}\n")
	for i := 1; i <= 9; i++ {
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + "\n  <<: [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	_, diags := load.Load(load.Source{Name: "bomb.yaml", Data: []byte(b.String())})
	if !strings.Contains(diags.String(), "HC0105") {
		t.Fatalf("merge bomb not refused: %s", diags)
	}
}

// TestTabIndentation: a tab in indentation is said as such, at the tab,
// whichever of its messages and lines yaml.v3 gives; tabs YAML accepts
// (in a block scalar's text, in a flow list, after a colon) pass.
func TestTabIndentation(t *testing.T) {
	const tab = "error HC0101: tab character in indentation: YAML indents with spaces; replace the tab with spaces"
	tests := []struct{ name, yaml, want string }{
		{"a line starting with a tab", "a:\n\tb: 1\n", "in.yaml:2:1: " + tab},
		{"a tab after a key's line", "a:\n  b: 1\n\tc: 2\n", "in.yaml:3:1: " + tab},
		{"a tab after spaces", "a:\n  b: 1\n  \tc: 2\n", "in.yaml:3:3: " + tab},
		{"a list item", "a:\n  - x\n\t- y\n", "in.yaml:3:1: " + tab},
		{"after a list item's dash", "- a\n-\tb\n", "in.yaml:2:2: " + tab},
		{"a block scalar indented with a tab", "a: |\n\tx\n", "in.yaml:2:1: " + tab},
		{"two tabs, deeper", "x: 1\ny:\n  z: 2\n\t\tw: 3\n", "in.yaml:4:1: " + tab},
		{"CRLF line ends", "a:\r\n  b: 1\r\n\tc: 2\r\n", "in.yaml:3:1: " + tab},
		{"lone CR line ends", "a:\r  b: 1\r\tc: 2\r", "in.yaml:1:3: error HC0108: a carriage return without a line feed: YAML reads it as a line break, git and review tools show it inside a line; use LF or CRLF line breaks"},
		{"a hybridc file", "version: 1\nonPremises:\n  organization: Contoso\n\texchangeVersion: SE\n", "in.yaml:4:1: " + tab},
		{"another error after a tab in a block scalar", "a: |\n  x\n  \ty\nb: @x\n", "in.yaml:4:1: error HC0101: YAML syntax error: found character that cannot start any token"},
		{"a tab in a block scalar's text", "a: |\n  x\n  \ty\n", ""},
		{"a tab in a flow list", "a: [1,\n\t2]\n", ""},
		{"a tab after a colon", "a:\tb\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := load.Load(load.Source{Name: "in.yaml", Data: []byte(tt.yaml)})
			if got := strings.TrimSpace(diags.String()); got != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}
