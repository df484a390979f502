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
	fields map[string]*fieldPos
}

// fieldPos is where one field's key, value and list items stand.
type fieldPos struct {
	key, value Position
	items      []Position
}

// NewMeta returns the Meta of a mapping at pos.
func NewMeta(pos Position) Meta { return Meta{pos: pos} }

// SetField records the positions of a field's key, its value, and, for a
// list, of each item.
func (m *Meta) SetField(field string, key, value Position, items []Position) {
	if m.fields == nil {
		m.fields = make(map[string]*fieldPos, 4)
	}
	m.fields[field] = &fieldPos{key: key, value: value, items: items}
}

// Pos is the position of the mapping itself.
func (m *Meta) Pos() Position { return m.pos }

// KeyPos is the position of a field's key, or of the mapping when the field
// is not written.
func (m *Meta) KeyPos(field string) Position {
	if f, ok := m.fields[field]; ok {
		return f.key
	}
	return m.pos
}

// ValuePos is the position of a field's value, or of the mapping when the
// field is not written.
func (m *Meta) ValuePos(field string) Position {
	if f, ok := m.fields[field]; ok {
		return f.value
	}
	return m.pos
}

// ItemPos is the position of item i of a list field, or of the field's
// value when unknown.
func (m *Meta) ItemPos(field string, i int) Position {
	if f, ok := m.fields[field]; ok && i >= 0 && i < len(f.items) {
		return f.items[i]
	}
	return m.ValuePos(field)
}

// Merge adds what o records to m, for a mapping that two files of a
// directory declare: m's own position stays (the first file's); a field
// only o records is added; a list field both record gets o's items after
// m's, as the directory's lists are joined.
func (m *Meta) Merge(o *Meta) {
	for name, f := range o.fields {
		if m.fields == nil {
			m.fields = make(map[string]*fieldPos, len(o.fields))
		}
		if have, ok := m.fields[name]; ok {
			have.items = append(have.items, f.items...)
			continue
		}
		copied := *f
		m.fields[name] = &copied
	}
	if m.pos.IsZero() {
		m.pos = o.pos
	}
}
