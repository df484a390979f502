package model

import (
	"github.com/hybridc/hybridc/compiler/kinds"
)

// Comparison kinds: how a script compares a property's current value with
// the declared one (see package kinds).
const (
	CompareValue         = kinds.CompareValue
	CompareSet           = kinds.CompareSet
	CompareSuperset      = kinds.CompareSuperset
	CompareURI           = kinds.CompareURI
	CompareIdentity      = kinds.CompareIdentity
	CompareRecipients    = kinds.CompareRecipients
	CompareAddressSpaces = kinds.CompareAddressSpaces
)

// Property is one managed setting of a resource, named after the cmdlet
// parameter that sets it (kinds.Property).
type Property = kinds.Property

// Properties are the settings a resource declares, in the order the cmdlet
// documentation lists them. Settings the YAML leaves out are not managed and
// not listed. Scripts set exactly these; plans compare exactly these.
func (r *Resource) Properties() []Property {
	switch r.Kind {
	case KindOrganizationRelationship:
		return kinds.OrganizationRelationship.Properties(r.Relationship)
	case KindAvailabilityAddressSpace:
		return kinds.AvailabilityAddressSpace.Properties(r.AddressSpace)
	}
	return r.Props
}

// props builds a property list, leaving out what is not declared.
type props []Property

func (ps *props) Str(name string, v, compare string) {
	if v != "" {
		*ps = append(*ps, Property{Name: name, Value: v, Compare: compare})
	}
}

func (ps *props) Boolean(name string, b *bool) {
	if b != nil {
		*ps = append(*ps, Property{Name: name, Value: *b})
	}
}

func (ps *props) List(name string, items []string, compare string) {
	if len(items) > 0 {
		*ps = append(*ps, Property{Name: name, Value: items, Compare: compare})
	}
}

// Texts converts a list of named string types.
func Texts[S ~string](in []S) []string {
	if in == nil {
		return nil
	}
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = string(s)
	}
	return out
}
