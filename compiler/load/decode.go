package load

import (
	"reflect"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/hybridc/hybridc/compiler/config"

	"github.com/hybridc/hybridc/compiler/diag"
)

var metaType = reflect.TypeOf(config.Meta{})

// Decode turns a validated document into the Go model and records the
// position of every mapping and field in its Meta. It runs only on documents
// that passed Validate, so the values already have the right types and
// yaml.v3's YAML 1.1 leniencies (yes/no as booleans) never apply.
func Decode(doc *Document) (*config.Config, diag.Diagnostics) {
	var cfg config.Config
	var err error
	doc.Consume = doc.Consume && doc.parts == nil && !doc.aliased
	if doc.parts == nil {
		// One walk over the node tree sets the values and their positions.
		err = doc.decodeNodes(reflect.ValueOf(&cfg).Elem(), doc.Root, nil)
	} else {
		// A directory: each file decoded with its own positions, the
		// models merged as the files' values were (lists joined, the rest
		// given by one file only, which the merge checked).
		for i, part := range doc.parts {
			var c config.Config
			if err = part.decodeNodes(reflect.ValueOf(&c).Elem(), part.Root, nil); err != nil {
				break
			}
			if i == 0 {
				cfg = c
			} else {
				mergeModel(reflect.ValueOf(&cfg).Elem(), reflect.ValueOf(&c).Elem())
			}
		}
	}
	if err != nil {
		var diags diag.Diagnostics
		pos := doc.At("", false)
		if se, ok := err.(*shapeError); ok {
			pos = se.pos
		}
		diags.Errorf(pos, diag.CodeSchemaOther, "cannot decode the file: %v", err)
		return nil, diags
	}
	return &cfg, nil
}

// shapeError is a value of the wrong shape, at its position: an internal
// error, since Decode runs on validated documents.
type shapeError struct {
	pos  diag.Pos
	want string
}

func (e *shapeError) Error() string { return e.want + " was expected" }

// shapeError says that n is not the want the model has there.
func (d *Document) shapeError(n *yaml.Node, want string) error {
	return &shapeError{pos: d.pos(n), want: want}
}

// nodePair is a mapping key and its value, as written.
type nodePair struct{ key, value *yaml.Node }

// resolve follows aliases to the node they stand for.
func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// decodeNodes decodes a single file's node n into v and records positions
// in every Meta, walking the tree the way the loader's walker reads it
// (aliases followed to the anchored text; << merges first, the earliest
// winning, the mapping's own keys over them), so that it needs no index
// and no second, generic decoding pass. key is the key v stands under (nil
// for the root and list items). It runs on validated documents: a value of
// the wrong shape is an internal error.
func (d *Document) decodeNodes(v reflect.Value, n, key *yaml.Node) error {
	n = resolve(n)
	if n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return nil // left at its zero value, as yaml.v3 does
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		return d.decodeNodes(v.Elem(), n, key)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return d.shapeError(n, "a list")
		}
		list := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			if err := d.decodeNodes(list.Index(i), item, nil); err != nil {
				return err
			}
			if d.Consume {
				n.Content[i] = nil // decoded: the model holds it now
			}
		}
		v.Set(list)
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return d.shapeError(n, "a mapping")
		}
		return d.decodeStruct(v, n, key)
	case reflect.String:
		// Only a string is one: a number or a boolean is never turned into
		// its text (2016.0 into "2016.0"). Validate refuses them (HC0209);
		// this keeps a field the schema would let through from being read
		// as something it is not. A plain date stays a string.
		if n.Kind != yaml.ScalarNode || (n.Tag != "!!str" && n.Tag != "!!timestamp") {
			return d.shapeError(n, "a string")
		}
		v.SetString(n.Value)
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			return d.shapeError(n, "true or false")
		}
		v.SetBool(strings.EqualFold(n.Value, "true"))
	default:
		return n.Decode(v.Addr().Interface()) // numbers: yaml.v3's own rules
	}
	return nil
}

// decodeStruct decodes the mapping n into the struct v (see decodeNodes):
// its Meta first, then each field the mapping gives, in the mapping's
// order. A mapping with a << merge is read through collectPairs, as the
// loader reads it; any other, nearly every one, key by key in place.
func (d *Document) decodeStruct(v reflect.Value, n, key *yaml.Node) error {
	tf := fieldsOf(v.Type())
	var meta *config.Meta
	if tf.meta >= 0 {
		meta = v.Field(tf.meta).Addr().Interface().(*config.Meta)
		at := key
		if at == nil {
			at = n
		}
		*meta = config.NewMeta(d.pos(at), len(n.Content)/2)
	}
	set := func(k, value *yaml.Node) error {
		i, ok := tf.byName[k.Value]
		if !ok {
			return nil
		}
		value = resolve(value)
		if meta != nil {
			meta.SetField(k.Value, d.pos(k), d.pos(value), d.itemPositions(value))
		}
		return d.decodeNodes(v.Field(i), value, k)
	}
	if !hasMerge(n) {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := resolve(n.Content[i]); k.Kind == yaml.ScalarNode {
				if err := set(k, n.Content[i+1]); err != nil {
					return err
				}
			}
		}
		return nil
	}
	pairs := map[string]nodePair{}
	collectPairs(n, pairs)
	for _, f := range tf.list {
		if p, ok := pairs[f.name]; ok {
			if err := set(p.key, p.value); err != nil {
				return err
			}
		}
	}
	return nil
}

// hasMerge reports whether the mapping n has a << merge key.
func hasMerge(n *yaml.Node) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if isMergeKey(n.Content[i]) {
			return true
		}
	}
	return false
}

// collectPairs adds the keys of mapping n to pairs as the loader reads
// them: merged mappings first, the earliest merge winning, then n's own
// keys over them.
func collectPairs(n *yaml.Node, pairs map[string]nodePair) {
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		if isMergeKey(n.Content[i]) {
			merges = append(merges, n.Content[i+1])
		}
	}
	for i := len(merges) - 1; i >= 0; i-- {
		collectMerge(resolve(merges[i]), pairs)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := resolve(n.Content[i]); k.Kind == yaml.ScalarNode && k.Tag != "!!merge" {
			pairs[k.Value] = nodePair{key: k, value: n.Content[i+1]}
		}
	}
}

// collectMerge adds the keys of a << source: a mapping, or a list of
// mappings of which the earlier win.
func collectMerge(src *yaml.Node, pairs map[string]nodePair) {
	switch src.Kind {
	case yaml.MappingNode:
		collectPairs(src, pairs)
	case yaml.SequenceNode:
		for i := len(src.Content) - 1; i >= 0; i-- {
			collectMerge(resolve(src.Content[i]), pairs)
		}
	}
}

// itemPositions returns the positions of a list's items (through aliases,
// where they are written), or nil when n is not a list.
func (d *Document) itemPositions(n *yaml.Node) []diag.Pos {
	if n.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]diag.Pos, len(n.Content))
	for i, item := range n.Content {
		for item.Kind == yaml.AliasNode {
			item = item.Alias
		}
		out[i] = d.pos(item)
	}
	return out
}

// field is a struct field the decoder sets: its index and YAML key.
type field struct {
	index int
	name  string
}

// typeFields are the fields of a struct type the decoder sets, in order
// and by YAML key, and the index of its Meta (-1 without one).
type typeFields struct {
	list   []field
	byName map[string]int
	meta   int
}

var fieldCache sync.Map // reflect.Type → *typeFields

// fieldsOf lists a struct type's located fields, once per type.
func fieldsOf(t reflect.Type) *typeFields {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.(*typeFields)
	}
	tf := &typeFields{byName: map[string]int{}, meta: -1}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Type == metaType {
			tf.meta = i
			continue
		}
		if name := yamlName(f); name != "" {
			tf.list = append(tf.list, field{index: i, name: name})
			tf.byName[name] = i
		}
	}
	fieldCache.Store(t, tf)
	return tf
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

// mergeModel merges src, one file's model, into dst, the earlier files':
// lists joined in file order, structs and pointers to them field by field,
// a Meta with Merge, and any other value taken from src where src gives it
// (the merge of the files' values refused a scalar given twice).
func mergeModel(dst, src reflect.Value) {
	switch dst.Kind() {
	case reflect.Struct:
		if dst.Type() == metaType {
			dst.Addr().Interface().(*config.Meta).Merge(src.Addr().Interface().(*config.Meta))
			return
		}
		for i := 0; i < dst.NumField(); i++ {
			if dst.Type().Field(i).IsExported() || dst.Type().Field(i).Type == metaType {
				mergeModel(dst.Field(i), src.Field(i))
			}
		}
	case reflect.Pointer:
		switch {
		case src.IsNil():
		case dst.IsNil():
			dst.Set(src)
		default:
			mergeModel(dst.Elem(), src.Elem())
		}
	case reflect.Slice:
		switch {
		case dst.IsNil():
			dst.Set(src) // an empty list stays empty, not nil
		case src.Len() > 0:
			dst.Set(reflect.AppendSlice(dst, src))
		}
	default:
		if !src.IsZero() {
			dst.Set(src)
		}
	}
}
