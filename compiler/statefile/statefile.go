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

// StateSchemaURL is the $id of schema/state.schema.json, which state files
// name in their $schema.
const StateSchemaURL = "https://hybridc.dev/schema/state.schema.json"

// StateFile is one state file as read: its name, the state it holds, and
// its bytes (for positions in messages).
type StateFile struct {
	Name  string
	State *state.State
}

// LoadState decodes one state file. Errors name the file and the line and
// column of the offending JSON, and the JSON pointer of the value. Before
// anything is decoded, scanState refuses what encoding/json would let pass
// or change: invalid UTF-8, lone surrogate escapes, repeated keys and keys
// differing only in letter case, lists beyond the caps. Lists are then
// decoded entry by entry, each refused at its position when it identifies
// nothing (a recipient without its Guid, a permission without its mailbox
// or access, ...), so that memory stays in proportion to a real state.
// Unknown fields are allowed: later versions of the export may add some
// within format version 1. A state is first read by the fast decoder, in
// one pass straight into the state's structs with the same checks; only a
// file it does not accept as it is (one with a problem, above all) is read
// again by the careful decoder (scanState, then decodeState), which
// reports the problem, so every message is the careful decoder's.
func LoadState(src load.Source) (*StateFile, diagpkg.Diagnostics) {
	var diags diagpkg.Diagnostics
	data := bytes.TrimPrefix(src.Data, []byte("\ufeff"))
	st := FastDecodeState(data)
	if st == nil {
		var diag *diagpkg.Diagnostic
		if st, diag = CarefulDecodeState(src.Name, data); diag != nil {
			return nil, append(diags, *diag)
		}
	}
	at := func(key string) diagpkg.Pos { return keyPos(src.Name, data, key) }
	switch {
	case st.FormatVersion != state.FormatVersion:
		diags.Errorf(at("formatVersion"), diagpkg.CodeStateVersion, "/formatVersion: %d is not a state format this hybridc reads (%d): export again with this hybridc's export scripts", st.FormatVersion, state.FormatVersion)
	case st.Kind != state.OnPremises && st.Kind != state.ExchangeOnline:
		diags.Errorf(at("kind"), diagpkg.CodeStateVersion, "/kind: %q is neither %q nor %q", st.Kind, state.OnPremises, state.ExchangeOnline)
	case strings.TrimSpace(st.Organization) == "":
		diags.Errorf(at("organization"), diagpkg.CodeStateContent, "/organization: missing or empty: the organization the export read")
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return &StateFile{Name: src.Name, State: st}, diags
}

// LoadStates loads the named state files, reading each with read just
// before decoding it so that only one file's bytes are held at a time, and
// checks that no two describe the same organization (CheckStates). A read
// error stops it.
func LoadStates(names []string, read func(name string) ([]byte, error)) ([]*StateFile, diagpkg.Diagnostics, error) {
	var out []*StateFile
	var diags diagpkg.Diagnostics
	for _, name := range names {
		data, err := read(name)
		if err != nil {
			return nil, nil, err
		}
		sf, ds := LoadState(load.Source{Name: name, Data: data})
		diags = append(diags, ds...)
		if sf != nil {
			out = append(out, sf)
		}
	}
	out, ds := CheckStates(out)
	return out, append(diags, ds...).Sort(), nil
}

// CheckStates reports every state that describes the same organization as
// an earlier one, and returns the others.
func CheckStates(states []*StateFile) ([]*StateFile, diagpkg.Diagnostics) {
	var out []*StateFile
	var diags diagpkg.Diagnostics
	seen := map[string]string{}
	for _, sf := range states {
		key := sf.State.Kind + "/" + strings.ToLower(sf.State.Organization)
		if prev, dup := seen[key]; dup {
			diags.Errorf(diagpkg.Pos{File: sf.Name, Line: 1, Col: 1}, diagpkg.CodeStateContent,
				"/organization: %s describes %s %q too: give each organization's state once", prev, sf.State.Kind, sf.State.Organization)
			continue
		}
		seen[key] = sf.Name
		out = append(out, sf)
	}
	return out, diags
}

// stateDecodeError turns an encoding/json error into a diagnostic at the
// offending byte, with the JSON pointer where the error names a field.
func stateDecodeError(name string, data []byte, err error) diagpkg.Diagnostic {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return diagpkg.Diagnostic{Pos: load.OffsetPos(name, data, int(syntax.Offset)), Code: diagpkg.CodeStateSyntax, Message: "not valid JSON: " + syntax.Error()}
	case errors.As(err, &typ):
		pointer := "/" + strings.ReplaceAll(typ.Field, ".", "/")
		return diagpkg.Diagnostic{Pos: load.OffsetPos(name, data, int(typ.Offset)), Code: diagpkg.CodeStateSyntax,
			Message: fmt.Sprintf("%s: a JSON %s where the state format has %s", pointer, typ.Value, typ.Type)}
	}
	return diagpkg.Diagnostic{Pos: load.OffsetPos(name, data, len(data)), Code: diagpkg.CodeStateSyntax, Message: "not valid JSON: " + err.Error()}
}

// keyPos is the position of the first top-level-looking "key": in data, or
// the start of the file.
func keyPos(name string, data []byte, key string) diagpkg.Pos {
	if i := bytes.Index(data, []byte(`"`+key+`"`)); i >= 0 {
		return load.OffsetPos(name, data, i)
	}
	return diagpkg.Pos{File: name, Line: 1, Col: 1}
}

// MarshalState writes a state as the export scripts' JSON would read back:
// indented by two spaces, HTML characters unescaped, a final newline. The
// same state always gives the same bytes.
func MarshalState(st *state.State) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(st); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// StateFileName is the file name an export of st is written to by
// convention: onprem-<organization>.json or online-<tenant>.json, with
// characters unsafe in file names replaced.
func StateFileName(st *state.State) string {
	prefix := "online-"
	if st.Kind == state.OnPremises {
		prefix = "onprem-"
	}
	safe := strings.Map(func(r rune) rune {
		if r < 0x80 && (r == '.' || r == '-' || r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return r
		}
		return '_'
	}, st.Organization)
	return prefix + safe + ".json"
}
