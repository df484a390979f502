package reflector

import (
	"fmt"
	"slices"
	"strings"

	"github.com/invopop/jsonschema"
)

// PartSchemaID is the $id of the part schema.
const PartSchemaID = "https://hybridc.dev/schema/hybrid.part.schema.json"

// GeneratePart returns the schema of one file of a directory configuration
// (a part): the schema of a whole configuration without what a part need
// not say by itself. A directory's files are merged mappings key by key
// and lists joined (compiler/load/merge.go), so a mapping that is reached from
// the top through mappings only (the configuration itself, onPremises,
// exchangeOnline, onPremises.hybridSendConnector, onPremises.entraConnect)
// may have its keys spread over several files: in a part, such a mapping
// requires no key, and the conditions on the whole (with onPremises,
// exchangeOnline needs its routing namespaces) are dropped. Everything else
// stays: no unknown key, every value's type and form, and every list
// item's required keys, since an item is written whole in one file. hybridc
// validate checks the merged directory against the full schema; the part
// schema is for editors, through the modeline of each part.
func GeneratePart() ([]byte, error) {
	s, err := reflectConfig()
	if err != nil {
		return nil, err
	}
	if err := relaxMerged(s); err != nil {
		return nil, err
	}
	s.ID = PartSchemaID
	s.Title = "hybridc configuration part (one file of a directory configuration)"
	return encode(s)
}

// relaxMerged drops the required keys and conditions of the definitions
// that are mappings merged across files. It refuses a model in which such a
// definition is also used where it is not merged (a list item), which
// relaxing in place would relax there too.
func relaxMerged(root *jsonschema.Schema) error {
	root.If, root.Then, root.Else = nil, nil, nil
	merged := map[string]bool{}
	var walk func(name string)
	walk = func(name string) {
		if merged[name] {
			return
		}
		merged[name] = true
		d := root.Definitions[name]
		if d.Properties == nil {
			return
		}
		for p := d.Properties.Oldest(); p != nil; p = p.Next() {
			if ref, ok := defRef(p.Value.Ref); ok && root.Definitions[ref] != nil && root.Definitions[ref].Type == "object" {
				walk(ref)
			}
		}
	}
	top, ok := defRef(root.Ref)
	if !ok || root.Definitions[top] == nil {
		return fmt.Errorf("part schema: the schema's $ref %q names no definition", root.Ref)
	}
	walk(top)
	if err := mergedOnlyThere(root, merged); err != nil {
		return err
	}
	for name := range merged {
		d := root.Definitions[name]
		d.Required, d.If, d.Then, d.Else = nil, nil, nil, nil
	}
	return nil
}

// mergedOnlyThere checks that each merged definition is referred to only
// as a property of a merged definition (or as the root).
func mergedOnlyThere(root *jsonschema.Schema, merged map[string]bool) error {
	names := make([]string, 0, len(root.Definitions))
	for n := range root.Definitions {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		d := root.Definitions[n]
		if d.Properties == nil {
			continue
		}
		for p := d.Properties.Oldest(); p != nil; p = p.Next() {
			if ref, ok := defRef(p.Value.Ref); ok && merged[ref] && !merged[n] {
				return fmt.Errorf("part schema: %s is merged across files but also the property %s of %s: give it a definition of its own", ref, p.Key, n)
			}
			if p.Value.Items != nil {
				if ref, ok := defRef(p.Value.Items.Ref); ok && merged[ref] {
					return fmt.Errorf("part schema: %s is merged across files but also the items of %s.%s: give it a definition of its own", ref, n, p.Key)
				}
			}
		}
	}
	return nil
}

// defRef returns the definition name of a "#/$defs/NAME" reference.
func defRef(ref string) (string, bool) {
	return strings.CutPrefix(ref, "#/$defs/")
}
