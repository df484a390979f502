package compiler

import (
	"reflect"
	"strconv"
	"strings"

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
	doc.locate(reflect.ValueOf(&cfg).Elem(), "")
	return &cfg, nil
}

// locate walks v (found at pointer) and fills in the Meta of every struct
// from the document's index.
func (d *Document) locate(v reflect.Value, pointer string) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			d.locate(v.Elem(), pointer)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			d.locate(v.Index(i), pointer+"/"+strconv.Itoa(i))
		}
	case reflect.Struct:
		t := v.Type()
		var meta *config.Meta
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.Type == metaType {
				meta = v.Field(i).Addr().Interface().(*config.Meta)
				*meta = config.NewMeta(d.At(pointer, true))
				continue
			}
			name := yamlName(f)
			if name == "" {
				continue
			}
			child := pointer + "/" + escapePointer(name)
			at, ok := d.index[child]
			if !ok {
				continue
			}
			if meta != nil {
				meta.SetField(name, d.At(child, true), d.pos(at.value), d.itemPositions(child))
			}
			d.locate(v.Field(i), child)
		}
	}
}

// itemPositions returns the positions of a list's items, or nil when the
// value at pointer is not a list.
func (d *Document) itemPositions(pointer string) []Pos {
	var out []Pos
	for i := 0; ; i++ {
		at, ok := d.index[pointer+"/"+strconv.Itoa(i)]
		if !ok {
			return out
		}
		out = append(out, d.pos(at.value))
	}
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
