package statefile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/hybridc/hybridc/compiler/state"

	diagpkg "github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/load"
)

// maxStateRecipients caps a state's recipients, the largest entries in
// memory: 20 times the 50,000-mailbox benchmark's.
const maxStateRecipients = 1_000_000

// stateDecoder decodes a state file's top-level object key by key, and its
// lists entry by entry, checking each entry as soon as it is decoded: a
// list of entries that identify nothing ({} a million times) is refused at
// its first entry instead of being held whole.
type stateDecoder struct {
	name string
	data []byte
	dec  *json.Decoder
	st   state.State
	diag *diagpkg.Diagnostic
}

// CarefulDecodeState checks a state file with scanState and decodes it
// with decodeState, or returns the first problem as a diagnostic at its
// line and column, with the JSON pointer of the value: what LoadState
// reports when the fast decoder gives up.
func CarefulDecodeState(name string, data []byte) (*state.State, *diagpkg.Diagnostic) {
	if p := scanState(data); p != nil {
		if p.syntax {
			var err *json.SyntaxError
			if errors.As(json.Unmarshal(data, &struct{}{}), &err) {
				diag := stateDecodeError(name, data, err)
				return nil, &diag
			}
			return nil, &diagpkg.Diagnostic{Pos: load.OffsetPos(name, data, p.off), Severity: diagpkg.Error, Code: diagpkg.CodeStateSyntax, Message: "not valid JSON: " + p.message}
		}
		msg := p.message
		if p.pointer != "" {
			msg = p.pointer + ": " + msg
		}
		d := &diagpkg.Diagnostic{Pos: load.OffsetPos(name, data, p.off), Severity: diagpkg.Error, Code: diagpkg.CodeStateSyntax, Message: msg, Pointer: p.pointer}
		if p.first > 0 {
			d.Related = []diagpkg.Related{{Pos: load.OffsetPos(name, data, p.first), Label: "first given here"}}
		}
		return nil, d
	}
	return decodeState(name, data)
}

// decodeState decodes a state file that scanState accepted, or returns
// the first problem as a diagnostic.
func decodeState(name string, data []byte) (*state.State, *diagpkg.Diagnostic) {
	d := &stateDecoder{name: name, data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	if tok, err := d.dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, d.syntax(err, "a state file holds one JSON object")
	}
	for d.dec.More() {
		tok, err := d.dec.Token()
		if err != nil {
			return nil, d.syntax(err, "")
		}
		key, _ := tok.(string)
		if !d.field(key) {
			return nil, d.diag
		}
	}
	if _, err := d.dec.Token(); err != nil {
		return nil, d.syntax(err, "")
	}
	if rest := bytes.TrimLeft(data[d.dec.InputOffset():], " \t\r\n"); len(rest) > 0 {
		diag := diagpkg.Diagnostic{Pos: load.OffsetPos(name, data, len(data)-len(rest)), Severity: diagpkg.Error, Code: diagpkg.CodeStateSyntax,
			Message: "more than one JSON value: a state file holds one object"}
		return nil, &diag
	}
	return &d.st, nil
}

// field decodes the value of one top-level key: a list entry by entry,
// anything else whole into the state (keys matched ignoring case, as
// encoding/json matches them; unknown keys skipped).
func (d *stateDecoder) field(key string) bool {
	is := func(name string) bool { return strings.EqualFold(key, name) }
	switch {
	case is("acceptedDomains"):
		return decodeList(d, key, &d.st.AcceptedDomains, 0)
	case is("organizationRelationships"):
		return decodeList(d, key, &d.st.OrganizationRelationships, 0)
	case is("availabilityAddressSpaces"):
		return decodeList(d, key, &d.st.AvailabilityAddressSpaces, 0)
	case is("sendConnectors"):
		return decodeList(d, key, &d.st.SendConnectors, 0)
	case is("recipients"):
		return decodeList(d, key, &d.st.Recipients, maxStateRecipients)
	case is("unifiedGroups"):
		return decodeList(d, key, &d.st.UnifiedGroups, 0)
	case is("roleGroups"):
		return decodeList(d, key, &d.st.RoleGroups, 0)
	case is("roleAssignmentPolicies"):
		return decodeList(d, key, &d.st.RoleAssignmentPolicies, 0)
	case is("permissions"):
		return decodeList(d, key, &d.st.Permissions, 0)
	case is("messageConfigurations"):
		return decodeList(d, key, &d.st.MessageConfigurations, 0)
	case is("remoteDomains"):
		return decodeList(d, key, &d.st.RemoteDomains, 0)
	case is("receiveConnectors"):
		return decodeList(d, key, &d.st.ReceiveConnectors, 0)
	case is("inboundConnectors"):
		return decodeList(d, key, &d.st.InboundConnectors, 0)
	case is("outboundConnectors"):
		return decodeList(d, key, &d.st.OutboundConnectors, 0)
	case is("federationTrusts"):
		return decodeList(d, key, &d.st.FederationTrusts, 0)
	case is("emailAddressPolicies"):
		return decodeList(d, key, &d.st.EmailAddressPolicies, 0)
	case is("onPremisesOrganizations"):
		return decodeList(d, key, &d.st.OnPremisesOrganizations, 0)
	case is("webServicesVirtualDirectories"):
		return decodeList(d, key, &d.st.WebServicesVirtualDirectories, 0)
	case is("migrationEndpoints"):
		return decodeList(d, key, &d.st.MigrationEndpoints, 0)
	case is("intraOrganizationConnectors"):
		return decodeList(d, key, &d.st.IntraOrganizationConnectors, 0)
	case is("authServers"):
		return decodeList(d, key, &d.st.AuthServers, 0)
	case is("settingOverrides"):
		return decodeList(d, key, &d.st.SettingOverrides, 0)
	case is("partnerApplications"):
		return decodeList(d, key, &d.st.PartnerApplications, 0)
	}
	start := d.valueStart()
	var raw json.RawMessage
	if err := d.dec.Decode(&raw); err != nil {
		d.diag = d.syntax(err, "")
		return false
	}
	wrapped := fmt.Appendf(nil, "{%s:", mustJSON(key))
	if err := json.Unmarshal(append(append(wrapped, raw...), '}'), &d.st); err != nil {
		d.diag = d.typeError(err, "", start-len(wrapped))
		return false
	}
	return true
}

// decodeList decodes a list entry by entry, each checked by checkEntry,
// and at most limit entries (0: scanState's caps only). null leaves the
// list empty.
func decodeList[T any](d *stateDecoder, key string, list *[]T, limit int) bool {
	start := d.valueStart()
	tok, err := d.dec.Token()
	switch {
	case err != nil:
		d.diag = d.syntax(err, "")
		return false
	case tok == nil:
		return true
	case tok != json.Delim('['):
		d.diag = d.atPointer(start, diagpkg.CodeStateSyntax, "/"+key, "a JSON %s where the state format has a list", jsonKind(tok))
		return false
	}
	for i := 0; d.dec.More(); i++ {
		at := d.valueStart()
		if limit > 0 && i == limit {
			d.diag = d.atPointer(at, diagpkg.CodeStateContent, "/"+key, "more than %d entries: not a state hybridc reads", limit)
			return false
		}
		var e T
		if err := d.dec.Decode(&e); err != nil {
			d.diag = d.typeError(err, fmt.Sprintf("/%s/%d", key, i), at)
			return false
		}
		if msg := checkEntry(&e); msg != "" {
			d.diag = d.atPointer(at, diagpkg.CodeStateContent, fmt.Sprintf("/%s/%d", key, i), "%s", msg)
			return false
		}
		*list = append(*list, e)
	}
	if _, err := d.dec.Token(); err != nil {
		d.diag = d.syntax(err, "")
		return false
	}
	return true
}

// need is the message for a missing or blank identifying value, or "".
func need(field, value string) string {
	if strings.TrimSpace(value) == "" {
		return field + ": missing or empty: the entry identifies nothing"
	}
	return ""
}

// checkPermission checks that a permission entry names its mailbox and a
// known access.
func checkPermission(p *state.Permission) string {
	if msg := need("mailbox", p.Mailbox); msg != "" {
		return msg
	}
	if p.Access != state.FullAccess && p.Access != state.SendAs && p.Access != state.Folder {
		return fmt.Sprintf("access: %q is not FullAccess, SendAs or Folder", p.Access)
	}
	return ""
}

// valueStart is the offset of the next value: the decoder's offset past
// white space, commas and colons.
func (d *stateDecoder) valueStart() int {
	off := int(d.dec.InputOffset())
	for off < len(d.data) && strings.IndexByte(" \t\r\n,:", d.data[off]) >= 0 {
		off++
	}
	return off
}

// atPointer is an error diagnostic at a byte offset about the value at the
// JSON pointer, which starts its message.
func (d *stateDecoder) atPointer(off int, code, pointer, format string, args ...any) *diagpkg.Diagnostic {
	diag := d.At(off, code, "%s: "+format, append([]any{pointer}, args...)...)
	diag.Pointer = pointer
	return diag
}

// At is an error diagnostic at a byte offset.
func (d *stateDecoder) At(off int, code, format string, args ...any) *diagpkg.Diagnostic {
	return &diagpkg.Diagnostic{Pos: load.OffsetPos(d.name, d.data, off), Severity: diagpkg.Error, Code: code, Message: fmt.Sprintf(format, args...)}
}

// syntax reports JSON that is not well formed, at the offset encoding/json
// finds checking the whole file (the stream decoder's offsets are not
// always the file's); message replaces its text when the file is well
// formed but not an object.
func (d *stateDecoder) syntax(err error, message string) *diagpkg.Diagnostic {
	var syntax *json.SyntaxError
	if errors.As(json.Unmarshal(d.data, &struct{}{}), &syntax) {
		diag := stateDecodeError(d.name, d.data, syntax)
		return &diag
	}
	if message == "" {
		message = "not valid JSON: " + err.Error()
	}
	return d.At(0, diagpkg.CodeStateSyntax, "%s", message)
}

// typeError reports a value of the wrong type inside the value that starts
// at base, whose JSON pointer is prefix, at the value and with its pointer
// as the file writes it (valueBefore); syntax errors as syntax does.
func (d *stateDecoder) typeError(err error, prefix string, base int) *diagpkg.Diagnostic {
	var typ *json.UnmarshalTypeError
	if !errors.As(err, &typ) {
		return d.syntax(err, "")
	}
	off, pointer := base+int(typ.Offset), prefix+"/"+strings.ReplaceAll(typ.Field, ".", "/")
	if p, start := valueBefore(d.data, off); start >= 0 {
		off, pointer = start, p
	}
	return d.atPointer(off, diagpkg.CodeStateSyntax, pointer, "a JSON %s where the state format has %s", typ.Value, typ.Type)
}

// jsonKind names the JSON type of a token.
func jsonKind(tok json.Token) string {
	switch tok.(type) {
	case json.Delim:
		return "object"
	case string:
		return "string"
	case float64, json.Number:
		return "number"
	case bool:
		return "bool"
	}
	return "value"
}

// mustJSON is a string as JSON.
func mustJSON(s string) []byte {
	b, _ := json.Marshal(s)
	return b
}
