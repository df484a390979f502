package config

import (
	"testing"
)

// TestMetaPositions: a field's key, value and items are found by name;
// a field not written falls back to the mapping; setting a field again
// replaces it.
func TestMetaPositions(t *testing.T) {
	at := func(line int) Position { return Position{File: "f.yaml", Line: line, Col: 3} }
	m := NewMeta(at(1), 2)
	m.SetField("name", at(2), at(3), nil)
	m.SetField("domains", at(4), at(5), []Position{at(6), at(7)})
	m.SetField("extra", at(8), at(9), nil) // beyond the room given
	m.SetField("name", at(10), at(11), nil)
	for _, c := range []struct {
		got, want Position
	}{
		{m.Pos(), at(1)}, {m.KeyPos("name"), at(10)}, {m.ValuePos("name"), at(11)},
		{m.KeyPos("domains"), at(4)}, {m.ItemPos("domains", 1), at(7)}, {m.ItemPos("domains", 2), at(5)},
		{m.ValuePos("extra"), at(9)}, {m.KeyPos("missing"), at(1)}, {m.ItemPos("missing", 0), at(1)},
	} {
		if c.got != c.want {
			t.Errorf("got %v, want %v", c.got, c.want)
		}
	}
	if len(m.fields) != 3 {
		t.Errorf("%d fields recorded, want 3", len(m.fields))
	}
}

// TestMetaMerge: a second file's fields are added, its list items follow
// the first file's, and the first file's own position stays.
func TestMetaMerge(t *testing.T) {
	a, b := Position{File: "a.yaml", Line: 1, Col: 1}, Position{File: "b.yaml", Line: 1, Col: 1}
	at := func(p Position, line int) Position { p.Line = line; return p }
	m := NewMeta(a, 1)
	m.SetField("mailboxes", at(a, 2), at(a, 2), []Position{at(a, 3)})
	o := NewMeta(b, 2)
	o.SetField("mailboxes", at(b, 5), at(b, 5), []Position{at(b, 6), at(b, 7)})
	o.SetField("permissions", at(b, 8), at(b, 9), nil)
	m.Merge(&o)
	if m.Pos() != a || m.KeyPos("mailboxes") != at(a, 2) || m.ItemPos("mailboxes", 2) != at(b, 7) || m.ValuePos("permissions") != at(b, 9) {
		t.Errorf("merged: %+v", m)
	}
	var empty Meta
	empty.Merge(&o)
	if empty.Pos() != b || empty.ItemPos("mailboxes", 0) != at(b, 6) {
		t.Errorf("merged into an empty Meta: %+v", empty)
	}
}
