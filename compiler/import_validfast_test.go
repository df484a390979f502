package compiler

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/importer"
	"github.com/hybridc/hybridc/schema"
)

// TestValidFastAgrees: Imported.ValidFast, which validates the text of an
// import without the permissions that bring no new value, decides as
// ValidateImported of the whole text: true on a valid import (the file
// unchanged by it), false when one late permission, which the shortcut
// would otherwise leave out, holds a value validate refuses or names a
// mailbox the configuration does not declare; false too (undecided) when
// a permission holds a field the file does not write.
func TestValidFastAgrees(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(p *config.Permission)
		valid bool
		// undecided: ValidFast leaves it to ValidateImported (false)
		// although the text is valid.
		undecided bool
	}{
		{name: "valid", edit: func(*config.Permission) {}, valid: true},
		{name: "control character in a trustee", edit: func(p *config.Permission) { p.Trustee += "\x07" }},
		{name: "invisible character in a mailbox", edit: func(p *config.Permission) { p.Mailbox += "\u200b" }},
		{name: "variation selector in a trustee", edit: func(p *config.Permission) { p.Trustee += "\ufe0f" }},
		{name: "trustee too long", edit: func(p *config.Permission) { p.Trustee = config.Identity(bytes.Repeat([]byte("x"), 300)) }},
		{name: "undeclared trustee", edit: func(p *config.Permission) { p.Trustee = "nobody@contoso.com" }},
		{name: "folder with a colon", edit: func(p *config.Permission) {
			p.Access, p.Folder, p.FolderAccessRights = "Folder", "Inbox:x", "Reviewer"
		}},
		{name: "folder without a role", edit: func(p *config.Permission) { p.Access, p.Folder = "Folder", "Calendar" }},
		{name: "unknown access", edit: func(p *config.Permission) { p.Access = "ReadPermission" }},
		{name: "ensure the file does not write", edit: func(p *config.Permission) { p.Ensure = "absent" }, valid: true, undecided: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			im, diags := importer.Import(largeStates(400, 2500), importer.ImportOptions{})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			ps := im.Config.Permissions
			tt.edit(&ps[len(ps)-2])
			before := im.Files("hybrid.yaml", false)["hybrid.yaml"]
			slow := !importer.ValidateImported(before).HasErrors()
			fast := im.ValidFast(Options{})
			if fast != (tt.valid && !tt.undecided) || slow != tt.valid {
				t.Errorf("ValidFast %v, ValidateImported valid %v, want %v", fast, slow, tt.valid)
			}
			if !bytes.Equal(before, im.Files("hybrid.yaml", false)["hybrid.yaml"]) {
				t.Error("ValidFast changed the configuration import writes")
			}
		})
	}
}

// TestValidFastSchemaShape keeps what Imported.ValidFast relies on: the
// schema validates the items of the mailboxes and permissions lists one by
// one (no keyword of the lists but items), each field by its own value
// (an enumeration, a boolean, or a definition of plain string keywords),
// the mailboxes' names and the permissions' mailboxes and trustees under
// one definition, and the only rule that ties fields together is the
// folder and role a Folder permission requires.
func TestValidFastSchemaShape(t *testing.T) {
	var root struct {
		Defs map[string]map[string]any `json:"$defs"`
	}
	if err := json.Unmarshal(schema.JSON, &root); err != nil {
		t.Fatal(err)
	}
	props := root.Defs["Config"]["properties"].(map[string]any)
	for _, list := range []string{"mailboxes", "permissions"} {
		if keys := schemaKeys(props[list].(map[string]any)); !slices.Equal(keys, []string{"description", "items", "type"}) {
			t.Errorf("%s has the keywords %v: ValidFast validates items, not the list", list, keys)
		}
	}
	plain := []string{"description", "maxLength", "minLength", "pattern", "type"}
	for _, def := range []string{"Mailbox", "Permission"} {
		item := root.Defs[def]
		for _, k := range schemaKeys(item) {
			if !slices.Contains([]string{"additionalProperties", "description", "if", "properties", "required", "then", "type"}, k) {
				t.Errorf("%s has the keyword %s", def, k)
			}
		}
		for name, p := range item["properties"].(map[string]any) {
			p := p.(map[string]any)
			ref, _ := p["$ref"].(string)
			switch {
			case ref != "":
				for _, k := range schemaKeys(root.Defs[ref[len("#/$defs/"):]]) {
					if !slices.Contains(plain, k) {
						t.Errorf("%s.%s: %s has the keyword %s", def, name, ref, k)
					}
				}
			case p["enum"] == nil && p["type"] != "boolean":
				t.Errorf("%s.%s is neither a definition, an enumeration nor a boolean", def, name)
			}
		}
	}
	perm := root.Defs["Permission"]
	ref := func(def, field string) any {
		return root.Defs[def]["properties"].(map[string]any)[field].(map[string]any)["$ref"]
	}
	if ref("Mailbox", "name") != ref("Permission", "mailbox") || ref("Permission", "mailbox") != ref("Permission", "trustee") {
		t.Error("the mailboxes' names and the permissions' mailboxes and trustees are not under one definition")
	}
	cond, _ := json.Marshal([]any{perm["if"], perm["then"]})
	if string(cond) != `[{"properties":{"access":{"const":"Folder"}},"required":["access"]},{"required":["folder","folderAccessRights"]}]` {
		t.Errorf("Permission's rule across fields is %s", cond)
	}
}

// schemaKeys is the keys of a schema object, in order.
func schemaKeys[V any](m map[string]V) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
