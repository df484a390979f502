package compiler

import (
	"reflect"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/hybridc/hybridc/compiler/config"
)

var metaType = reflect.TypeOf(config.Meta{})

// Decode turns a validated document into the Go model and records the
// position of every mapping and field in its Meta. It runs only on documents
// that passed Validate, so the values already have the right types and
// yaml.v3's YAML 1.1 leniencies (yes/no as booleans) never apply.
func Decode(doc *Document) (*config.Config, Diagnostics) {
	var cfg config.Config
	if err := doc.root.Decode(&cfg); err != nil {
		var diags Diagnostics
		diags.errorf(doc.At("", false), CodeSchemaOther, "cannot decode the file: %v", err)
		return nil, diags
	}
	doc.locate(reflect.ValueOf(&cfg).Elem(), make([]byte, 0, 128))
	return &cfg, nil
}

// locate walks v (found at the JSON pointer in buf) and fills in the Meta
// of every struct from the document's index. It builds pointers in one
// buffer and looks them up without allocating; it returns the buffer, as
// long as it has grown.
func (d *Document) locate(v reflect.Value, buf []byte) []byte {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			buf = d.locate(v.Elem(), buf)
		}
	case reflect.Slice:
		n := len(buf)
		for i := 0; i < v.Len(); i++ {
			buf = strconv.AppendInt(append(buf[:n], '/'), int64(i), 10)
			buf = d.locate(v.Index(i), buf)
		}
		buf = buf[:n]
	case reflect.Struct:
		n := len(buf)
		var meta *config.Meta
		for _, f := range fieldsOf(v.Type()) {
			if f.meta {
				meta = v.Field(f.index).Addr().Interface().(*config.Meta)
				if at, ok := d.index[string(buf)]; ok {
					node := at.value
					if at.key != nil {
						node = at.key
					}
					*meta = config.NewMeta(d.pos(node))
				} else {
					*meta = config.NewMeta(d.At(string(buf), true))
				}
				continue
			}
			buf = append(append(buf[:n], '/'), f.escaped...)
			at, ok := d.index[string(buf)]
			if !ok {
				continue
			}
			if meta != nil {
				key := at.value
				if at.key != nil {
					key = at.key
				}
				meta.SetField(f.name, d.pos(key), d.pos(at.value), d.itemPositions(at.value))
			}
			buf = d.locate(v.Field(f.index), buf)
		}
		buf = buf[:n]
	}
	return buf
}

// itemPositions returns the positions of a list's items (through aliases,
// where they are written), or nil when n is not a list.
func (d *Document) itemPositions(n *yaml.Node) []Pos {
	if n.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]Pos, len(n.Content))
	for i, item := range n.Content {
		for item.Kind == yaml.AliasNode {
			item = item.Alias
		}
		out[i] = d.pos(item)
	}
	return out
}

// field is a struct field the decoder locates: its index, YAML key (and
// the key escaped for a JSON pointer), or whether it is the Meta.
type field struct {
	index         int
	name, escaped string
	meta          bool
}

var fieldCache sync.Map // reflect.Type → []field

// fieldsOf lists a struct type's located fields, once per type.
func fieldsOf(t reflect.Type) []field {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]field)
	}
	var fs []field
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Type == metaType {
			fs = append(fs, field{index: i, meta: true})
			continue
		}
		if name := yamlName(f); name != "" {
			fs = append(fs, field{index: i, name: name, escaped: escapePointer(name)})
		}
	}
	fieldCache.Store(t, fs)
	return fs
}

// yamlName is a struct field's YAML key, or "" when it has none.
func yamlName(f reflect.StructField) string {
	tag := f.Tag.Get("yaml")
	name, _, _ := strings.Cut(tag, ",")
	if name == "-" || !f.IsExported() {
		return ""
	}
	if name == "" {
		return strings.ToLower(f.Name)
	}
	return name
}
