package compiler

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/statefile"
)

// stateWith is a minimal valid state with body added to its object.
func stateWith(body string) string {
	s := `{"formatVersion": 1, "kind": "exchangeOnline", "organization": "contoso.onmicrosoft.com"`
	if body != "" {
		s += ",\n" + body
	}
	return s + "}\n"
}

// TestLoadStateRefuses: what encoding/json would silently accept or change
// (invalid UTF-8, lone surrogates, repeated and case-variant keys), entries
// that identify nothing and lists beyond the caps are refused at their
// position, with the JSON pointer of the value.
func TestLoadStateRefuses(t *testing.T) {
	tests := []struct {
		name string
		json string
		pos  string // line:col of the diagnostic
		code string
		want string // a substring of the message
		// related is the position of the one related position, if any
		related string
	}{
		{name: "valid", json: stateWith(`"recipients": [{"guid": "a", "name": "é"}]`)},
		{name: "too many keys in one object", json: stateWith(`"x": {` + manyKeys(1025) + `}`), code: diag.CodeStateSyntax, want: "more than 1024 keys"},
		{name: "invalid UTF-8 in a name", json: stateWith("\"recipients\": [{\"guid\": \"a\", \"name\": \"ab\xffc\"}]"),
			pos: "2:41", code: diag.CodeStateSyntax, want: "/recipients/0/name: invalid UTF-8 (byte 0xff)"},
		{name: "invalid UTF-8 in a key", json: stateWith("\"x\xc3\": 1"), pos: "2:3", code: diag.CodeStateSyntax, want: "invalid UTF-8"},
		{name: "lone surrogate escape", json: stateWith(`"recipients": [{"guid": "a", "name": "a\ud800b"}]`),
			pos: "2:40", code: diag.CodeStateSyntax, want: `/recipients/0/name: a lone UTF-16 surrogate \ud800`},
		{name: "lone low surrogate escape", json: stateWith(`"recipients": [{"guid": "\udc00"}]`), code: diag.CodeStateSyntax, want: "surrogate"},
		{name: "surrogate pair", json: stateWith(`"recipients": [{"guid": "a", "name": "\ud83d\ude00"}]`)},
		{name: "repeated top-level key", json: stateWith(`"kind": "onPremises"`), pos: "2:1", code: diag.CodeStateSyntax,
			want: `/kind: key "kind" repeats the key: `, related: "s.json:1:22"},
		{name: "key differing in case", json: stateWith(`"Organization": "fabrikam.onmicrosoft.com"`), pos: "2:1", code: diag.CodeStateSyntax,
			want: `key "Organization" differs only in letter case from the key "organization": `, related: "s.json:1:48"},
		{name: "repeated key in an entry", json: stateWith(`"permissions": [{"access": "SendAs", "mailbox": "a", "trustee": "x"}, {"access": "SendAs", "mailbox": "a", "Mailbox": "b"}]`),
			pos: "2:108", code: diag.CodeStateSyntax, want: `/permissions/1/Mailbox: key "Mailbox" differs only in letter case`},
		{name: "Kelvin sign folds to k", json: stateWith(`"\u212Aind": "onPremises"`), code: diag.CodeStateSyntax, want: `differs only in letter case from the key "kind"`},
		{name: "escaped key equal to another", json: stateWith(`"\u006bind": "onPremises"`), code: diag.CodeStateSyntax, want: `key "kind" repeats`},
		{name: "empty recipient", json: stateWith(`"recipients": [{"guid": "a"}, {}]`), pos: "2:31", code: diag.CodeStateContent,
			want: "/recipients/1: guid: missing or empty"},
		{name: "blank group guid", json: stateWith(`"unifiedGroups": [{"guid": " ", "primarySmtpAddress": "g@x"}]`), code: diag.CodeStateContent, want: "/unifiedGroups/0: guid"},
		{name: "role group without a name", json: stateWith(`"roleGroups": [{"members": ["a"]}]`), code: diag.CodeStateContent, want: "/roleGroups/0: name"},
		{name: "accepted domain without its domain", json: stateWith(`"acceptedDomains": [{"name": "x"}]`), code: diag.CodeStateContent, want: "/acceptedDomains/0: domainName"},
		{name: "message configuration without its recipient", json: stateWith(`"messageConfigurations": [{}]`), code: diag.CodeStateContent, want: "/messageConfigurations/0: recipient"},
		{name: "permission with an unknown access", json: stateWith(`"permissions": [{"access": "Read", "mailbox": "a"}]`), pos: "2:17", code: diag.CodeStateContent,
			want: `/permissions/0: access: "Read" is not`},
		{name: "wrong type in an entry", json: stateWith(`"recipients": [{"guid": 5}]`), pos: "2:25", code: diag.CodeStateSyntax,
			want: "/recipients/0/guid: a JSON number where the state format has string"},
		{name: "a list that is not one", json: stateWith(`"recipients": "everyone"`), pos: "2:15", code: diag.CodeStateSyntax, want: "/recipients: a JSON string where the state format has a list"},
		{name: "wrong type outside lists", json: stateWith(`"organizationConfig": {"isDehydrated": "no"}`), pos: "2:40", code: diag.CodeStateSyntax,
			want: "/organizationConfig/isDehydrated: a JSON string"},
		{name: "list keys matched ignoring case", json: stateWith(`"Recipients": [{}]`), code: diag.CodeStateContent, want: "/Recipients/0: guid"},
		{name: "too many entries", json: stateWith(`"unknownList": [` + strings.Repeat("0,", statefile.MaxStateEntries) + `0]`), code: diag.CodeStateSyntax,
			want: fmt.Sprintf("/unknownList/%d: more than %d entries", statefile.MaxStateEntries, statefile.MaxStateEntries)},
		{name: "too deep", json: stateWith(`"x": ` + strings.Repeat("[", statefile.MaxStateDepth) + strings.Repeat("]", statefile.MaxStateDepth)), code: diag.CodeStateSyntax, want: "nested more than"},
		{name: "not well formed", json: stateWith(`"recipients": [{"guid": "a"},]`), pos: "2:31", code: diag.CodeStateSyntax, want: "not valid JSON"},
		{name: "two values", json: stateWith("") + "{}", pos: "2:1", code: diag.CodeStateSyntax, want: "more than one JSON value"},
		{name: "an array", json: `[]`, pos: "1:1", code: diag.CodeStateSyntax, want: "one JSON object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sf, diags := statefile.LoadState(load.Source{Name: "s.json", Data: []byte(tt.json)})
			if tt.code == "" {
				if sf == nil || len(diags) > 0 {
					t.Fatalf("refused: %s", diags)
				}
				return
			}
			if sf != nil || len(diags) != 1 {
				t.Fatalf("got %v, %d diagnostics: %s; want one error", sf != nil, len(diags), diags)
			}
			d := diags[0]
			pos := fmt.Sprintf("%d:%d", d.Pos.Line, d.Pos.Col)
			if d.Code != tt.code || !strings.Contains(d.Message, tt.want) || (tt.pos != "" && pos != tt.pos) {
				t.Errorf("%s, want %s %s: ...%s...", d, tt.pos, tt.code, tt.want)
			}
			if tt.related != "" && (len(d.Related) != 1 || d.Related[0].Pos.String() != tt.related) {
				t.Errorf("related %v, want %s", d.Related, tt.related)
			}
		})
	}
}

// TestLoadStateMemory: a state of a million empty entries is refused at
// the first one without decoding the others: what it allocates stays a
// small multiple of its size.
func TestLoadStateMemory(t *testing.T) {
	tests := []struct {
		name string
		list string
	}{
		{name: "recipients", list: "recipients"},
		{name: "permissions", list: "permissions"},
		{name: "role groups", list: "roleGroups"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(stateWith(`"` + tt.list + `": [` + strings.Repeat("{},", 1_000_000) + `{}]`))
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			sf, diags := statefile.LoadState(load.Source{Name: "s.json", Data: data})
			runtime.ReadMemStats(&after)
			if sf != nil || !strings.Contains(diags.String(), "/"+tt.list+"/0:") {
				t.Errorf("not refused at the first entry: %s", diags)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(len(data)) {
				t.Errorf("%d bytes allocated for a %d-byte state", alloc, len(data))
			}
		})
	}
}

// manyKeys is n distinct JSON members, "k0": 0, "k1": 0, ...
func manyKeys(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf("%q: 0", fmt.Sprintf("k%d", i))
	}
	return strings.Join(parts, ", ")
}
