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
// The decoder fills it in; it is never read from or written to YAML. The
// fields are a short list (no mapping has more than 64 keys, and hybridc's
// at most 15), one allocation per mapping: a configuration of 500,000
// permissions has 500,000 of them.
type Meta struct {
	pos    Position
	fields []fieldPos
}

// fieldPos is where one field's key, value and list items stand: key and
// value in one file (an alias cannot leave its file), named once, their
// lines and columns as 32-bit numbers (a YAML file hybridc reads has at
// most 256 MiB), so that the Meta of a permission's five fields takes 384
// bytes, not 576.
type fieldPos struct {
	name       string
	file       string
	key, value lineCol
	items      []Position
}

// lineCol is a line and a column.
type lineCol struct{ line, col int32 }

// at is the position of lc in the field's file.
func (f *fieldPos) at(lc lineCol) Position {
	return Position{File: f.file, Line: int(lc.line), Col: int(lc.col)}
}

// NewMeta returns the Meta of a mapping at pos, with room for the
// positions of the given number of fields.
func NewMeta(pos Position, fields int) Meta {
	return Meta{pos: pos, fields: make([]fieldPos, 0, fields)}
}

// SetField records the positions of a field's key, its value, and, for a
// list, of each item.
func (m *Meta) SetField(field string, key, value Position, items []Position) {
	f := fieldPos{name: field, file: key.File, key: lineCol{int32(key.Line), int32(key.Col)},
		value: lineCol{int32(value.Line), int32(value.Col)}, items: items}
	if have := m.field(field); have != nil {
		*have = f
		return
	}
	m.fields = append(m.fields, f)
}

// field returns the positions of a field, or nil when it is not written.
func (m *Meta) field(name string) *fieldPos {
	for i := range m.fields {
		if m.fields[i].name == name {
			return &m.fields[i]
		}
	}
	return nil
}

// Pos is the position of the mapping itself.
func (m *Meta) Pos() Position { return m.pos }

// KeyPos is the position of a field's key, or of the mapping when the field
// is not written.
func (m *Meta) KeyPos(field string) Position {
	if f := m.field(field); f != nil {
		return f.at(f.key)
	}
	return m.pos
}

// ValuePos is the position of a field's value, or of the mapping when the
// field is not written.
func (m *Meta) ValuePos(field string) Position {
	if f := m.field(field); f != nil {
		return f.at(f.value)
	}
	return m.pos
}

// ItemPos is the position of item i of a list field, or of the field's
// value when unknown.
func (m *Meta) ItemPos(field string, i int) Position {
	if f := m.field(field); f != nil && i >= 0 && i < len(f.items) {
		return f.items[i]
	}
	return m.ValuePos(field)
}

// Merge adds what o records to m, for a mapping that two files of a
// directory declare: m's own position stays (the first file's); a field
// only o records is added; a list field both record gets o's items after
// m's, as the directory's lists are joined.
func (m *Meta) Merge(o *Meta) {
	for _, f := range o.fields {
		if have := m.field(f.name); have != nil {
			have.items = append(have.items, f.items...)
			continue
		}
		m.fields = append(m.fields, f)
	}
	if m.pos.IsZero() {
		m.pos = o.pos
	}
}
