package statefile

import (
	"reflect"
	"strings"
	"sync"

	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/state"
)

// fastKind is how fastDecodeState decodes one field of the state format.
type fastKind uint8

const (
	fastString  fastKind = iota // string
	fastBool                    // bool
	fastBoolPtr                 // *bool
	fastInt                     // int
	fastStrings                 // []string
	fastStruct                  // a struct of the format
	FastEntries                 // []struct at the top level: a list decoded entry by entry
)

// fastField is one JSON key of an object of the state format.
type fastField struct {
	Name  string
	index int // of the Go field
	Kind  fastKind
	sub   *fastObject // fastStruct, fastEntries: the object's (entry's) fields
	limit int         // fastEntries: at most this many entries (0: the caps only)
}

// fastObject is the fields of one struct of the state format, by their
// exact JSON name, and by loose, the names lower-cased without '-' and
// '_': a key that matches one loosely but not exactly is left to the
// careful decoder, which matches keys as encoding/json does.
type fastObject struct {
	Fields []fastField
	byName map[string]int
	loose  map[string]bool
}

// fastLimits are the caps of the top-level lists beyond scanState's.
var fastLimits = map[string]int{"recipients": maxStateRecipients}

var (
	fastStateOnce sync.Once
	fastStateDesc *fastObject
)

// FastStateObject is the description of state.State the fast decoder
// follows, or nil when the format holds a Go type it does not decode (the
// careful decoder then reads every file).
func FastStateObject() *fastObject {
	fastStateOnce.Do(func() {
		fastStateDesc, _ = fastDescribe(reflect.TypeFor[state.State](), true)
	})
	return fastStateDesc
}

// fastDescribe describes a struct type of the state format; top marks
// state.State, whose lists of structs are decoded entry by entry. It
// reports false for a field of a type it does not decode.
func fastDescribe(t reflect.Type, top bool) (*fastObject, bool) {
	obj := &fastObject{byName: map[string]int{}, loose: map[string]bool{}}
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" || f.Anonymous || opts != "" && opts != "omitempty" {
			return nil, false
		}
		if name == "" {
			name = f.Name
		}
		ff := fastField{Name: name, index: i}
		switch t := f.Type; {
		case t.Kind() == reflect.String:
			ff.Kind = fastString
		case t.Kind() == reflect.Bool:
			ff.Kind = fastBool
		case t.Kind() == reflect.Int:
			ff.Kind = fastInt
		case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Bool:
			ff.Kind = fastBoolPtr
		case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String:
			ff.Kind = fastStrings
		case top && t.Kind() == reflect.Struct:
			ff.Kind = fastStruct
			ff.sub = fastDescribeSub(t)
		case top && t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Struct:
			ff.Kind, ff.limit = FastEntries, fastLimits[name]
			ff.sub = fastDescribeSub(t.Elem())
		}
		if ff.Kind == fastStruct || ff.Kind == FastEntries {
			if ff.sub == nil {
				return nil, false
			}
		} else if !fastPlain(f.Type, ff.Kind) {
			return nil, false
		}
		if _, dup := obj.byName[name]; dup || len(obj.Fields) == 64 {
			return nil, false
		}
		obj.byName[name] = len(obj.Fields)
		obj.loose[looseKey(name)] = true
		obj.Fields = append(obj.Fields, ff)
	}
	return obj, true
}

// fastDescribeSub describes a struct inside the state, or is nil.
func fastDescribeSub(t reflect.Type) *fastObject {
	obj, ok := fastDescribe(t, false)
	if !ok {
		return nil
	}
	return obj
}

// fastPlain reports whether a field's type is exactly what kind decodes
// (a named type of another kind, such as a struct, is not).
func fastPlain(t reflect.Type, kind fastKind) bool {
	switch kind {
	case fastString:
		return t == reflect.TypeFor[string]()
	case fastBool:
		return t == reflect.TypeFor[bool]()
	case fastInt:
		return t == reflect.TypeFor[int]()
	case fastBoolPtr:
		return t == reflect.TypeFor[*bool]()
	case fastStrings:
		return t == reflect.TypeFor[[]string]()
	}
	return false
}

// looseKey is an ASCII key lower-cased, without '-' and '_': two keys
// encoding/json could match to one field have the same looseKey, or one of
// them is not ASCII (which the fast decoder leaves to the careful one).
func looseKey(key string) string {
	b := make([]byte, 0, len(key))
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case c == '-' || c == '_':
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// checkEntry is the message for a list entry that lacks what identifies
// it, or "": a recipient's or Microsoft 365 group's guid, a permission's
// mailbox and access, the name of a relationship, connector, role group or
// policy, an accepted domain's domainName, an address space's forestName,
// a message configuration's recipient.
func checkEntry(e any) string {
	switch e := e.(type) {
	case *state.AcceptedDomain:
		return need("domainName", e.DomainName)
	case *state.ReceiveConnector:
		return need("identity", e.Identity)
	case *state.InboundConnector:
		return need("name", e.Name)
	case *state.OutboundConnector:
		return need("name", e.Name)
	case *state.WebServicesVirtualDirectory:
		return need("identity", e.Identity)
	case *state.MigrationEndpoint:
		return need("name", e.Name)
	case *state.OrganizationRelationship:
		return need("name", e.Name)
	case *state.AvailabilityAddressSpace:
		return need("forestName", kinds.StateForest(e))
	case *state.SendConnector:
		return need("name", e.Name)
	case *state.Recipient:
		return need("guid", e.Guid)
	case *state.UnifiedGroup:
		return need("guid", e.Guid)
	case *state.RoleGroup:
		return need("name", e.Name)
	case *state.RoleAssignmentPolicy:
		return need("name", e.Name)
	case *state.Permission:
		return checkPermission(e)
	case *state.MessageConfiguration:
		return need("recipient", e.Recipient)
	case *state.RemoteDomain:
		return need("domainName", e.DomainName)
	case *state.FederationTrust:
		return need("name", e.Name)
	case *state.EmailAddressPolicy:
		return need("name", e.Name)
	case *state.OnPremisesOrganization:
		return need("organizationGuid", e.OrganizationGuid)
	case *state.IntraOrganizationConnector:
		return need("name", e.Name)
	case *state.AuthServer:
		return need("name", e.Name)
	case *state.SettingOverride:
		return need("name", e.Name)
	case *state.PartnerApplication:
		return need("name", e.Name)
	}
	return "not an entry of the state format"
}
