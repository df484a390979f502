package config

import "fmt"

// Position is a place in a source file. Line and Col are 1-based; Col counts
// characters as YAML does. The zero Position means "no position".
type Position struct {
	File string
	Line int
	Col  int
}

// String formats the position as file:line:col.
func (p Position) String() string {
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// IsZero reports whether p is the zero Position.
func (p Position) IsZero() bool { return p == Position{} }

// Meta records where a mapping of the YAML file and each of its fields stand.
// The decoder fills it in; it is never read from or written to YAML.
type Meta struct {
	pos    Position
	keys   map[string]Position
	values map[string]Position
	items  map[string][]Position
}

// NewMeta returns the Meta of a mapping at pos.
func NewMeta(pos Position) Meta { return Meta{pos: pos} }

// SetField records the positions of a field's key, its value, and, for a
// list, of each item.
func (m *Meta) SetField(field string, key, value Position, items []Position) {
	if m.keys == nil {
		m.keys = map[string]Position{}
		m.values = map[string]Position{}
		m.items = map[string][]Position{}
	}
	m.keys[field] = key
	m.values[field] = value
	if items != nil {
		m.items[field] = items
	}
}

// Pos is the position of the mapping itself.
func (m *Meta) Pos() Position { return m.pos }

// KeyPos is the position of a field's key, or of the mapping when the field
// is not written.
func (m *Meta) KeyPos(field string) Position {
	if p, ok := m.keys[field]; ok {
		return p
	}
	return m.pos
}

// ValuePos is the position of a field's value, or of the mapping when the
// field is not written.
func (m *Meta) ValuePos(field string) Position {
	if p, ok := m.values[field]; ok {
		return p
	}
	return m.pos
}

// ItemPos is the position of item i of a list field, or of the field's
// value when unknown.
func (m *Meta) ItemPos(field string, i int) Position {
	if items := m.items[field]; i >= 0 && i < len(items) {
		return items[i]
	}
	return m.ValuePos(field)
}
