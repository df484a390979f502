package compiler

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
)

// Comparison kinds: how a script compares a property's current value with
// the declared one.
const (
	CompareValue = ""    // as strings, case-insensitively
	CompareSet   = "set" // as sets of strings, case-insensitively
	// CompareSuperset requires the declared strings among the current ones,
	// case-insensitively; the scripts add the missing ones (@{ Add = ... })
	// and keep the others.
	CompareSuperset = "superset"
	CompareURI      = "uri"       // as URLs, ignoring a trailing slash and case
	CompareIdentity = "principal" // as the object the declared name resolves to
	// CompareRecipients compares lists of recipients as sets, resolving
	// each declared name.
	CompareRecipients = "recipients"
	// CompareAddressSpaces requires the declared address spaces among the
	// current ones; others are kept.
	CompareAddressSpaces = "addressSpaces"
)

// Property is one managed setting of a resource, named after the cmdlet
// parameter that sets it. Value is a string, a bool or a []string.
type Property struct {
	Name    string
	Value   any
	Compare string
	// Additive marks a list the scripts only add to (a send connector's
	// address spaces, a group's members): an item taken out of the YAML is
	// left in place, not removed.
	Additive bool
}

// Properties are the settings a resource declares, in the order the cmdlet
// documentation lists them. Settings the YAML leaves out are not managed and
// not listed. Scripts set exactly these; plans compare exactly these.
func (r *Resource) Properties() []Property {
	switch r.Kind {
	case KindOrganizationRelationship:
		return relationshipProperties(r.Relationship)
	case KindAvailabilityAddressSpace:
		return addressSpaceProperties(r.AddressSpace)
	}
	return r.props
}

// props builds a property list, leaving out what is not declared.
type props []Property

func (ps *props) str(name string, v, compare string) {
	if v != "" {
		*ps = append(*ps, Property{Name: name, Value: v, Compare: compare})
	}
}

func (ps *props) boolean(name string, b *bool) {
	if b != nil {
		*ps = append(*ps, Property{Name: name, Value: *b})
	}
}

func (ps *props) list(name string, items []string, compare string) {
	if len(items) > 0 {
		*ps = append(*ps, Property{Name: name, Value: items, Compare: compare})
	}
}

func relationshipProperties(rel *config.OrganizationRelationship) []Property {
	var ps props
	// Additive: a relationship adopted from the wizard, or edited by hand,
	// may list domains the YAML does not (the routing domain, other
	// federated domains); they are kept.
	if len(rel.DomainNames) > 0 {
		ps = append(ps, Property{Name: "DomainNames", Value: texts(rel.DomainNames), Compare: CompareSuperset, Additive: true})
	}
	ps.boolean("Enabled", rel.Enabled)
	ps.boolean("FreeBusyAccessEnabled", rel.FreeBusyAccessEnabled)
	ps.str("FreeBusyAccessLevel", string(rel.FreeBusyAccessLevel), CompareValue)
	ps.str("FreeBusyAccessScope", string(rel.FreeBusyAccessScope), CompareIdentity)
	ps.boolean("MailTipsAccessEnabled", rel.MailTipsAccessEnabled)
	ps.str("MailTipsAccessLevel", string(rel.MailTipsAccessLevel), CompareValue)
	ps.boolean("DeliveryReportEnabled", rel.DeliveryReportEnabled)
	ps.str("TargetApplicationUri", string(rel.TargetApplicationUri), CompareURI)
	ps.str("TargetAutodiscoverEpr", string(rel.TargetAutodiscoverEpr), CompareURI)
	ps.str("TargetSharingEpr", string(rel.TargetSharingEpr), CompareURI)
	return ps
}

func addressSpaceProperties(a *config.AvailabilityAddressSpace) []Property {
	var ps props
	ps.str("ForestName", string(a.ForestName), CompareValue)
	ps.str("AccessMethod", string(a.AccessMethod), CompareValue)
	ps.boolean("UseServiceAccount", a.UseServiceAccount)
	return ps
}

// texts converts a list of named string types.
func texts[S ~string](in []S) []string {
	if in == nil {
		return nil
	}
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = string(s)
	}
	return out
}

// containsFold reports whether list holds s, ignoring case.
func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
