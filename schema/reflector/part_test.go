package reflector_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"gopkg.in/yaml.v3"

	"github.com/hybridc/hybridc/schema"
	"github.com/hybridc/hybridc/schema/reflector"
)

// TestPartSchemaIsCurrent fails when schema/hybrid.part.schema.json no
// longer matches the model: run go generate ./schema.
func TestPartSchemaIsCurrent(t *testing.T) {
	got, err := reflector.GeneratePart()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, schema.PartJSON) {
		t.Fatal("schema/hybrid.part.schema.json is stale: run go generate ./schema and commit the result")
	}
	if reflector.PartSchemaID != schema.PartID {
		t.Fatal("part schema IDs differ")
	}
}

// compileSchema compiles an embedded schema registered under id.
func compileSchema(t *testing.T, id string, data []byte) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	if err := c.AddResource(id, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// yamlValue decodes YAML into the values a JSON Schema validates.
func yamlValue(t *testing.T, text string) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal([]byte(text), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestPartSchema: a part need not carry the keys a whole configuration
// must, in the mappings merged across files; everything else is checked
// as in the full schema. Every example validates against both.
func TestPartSchema(t *testing.T) {
	full := compileSchema(t, schema.ID, schema.JSON)
	part := compileSchema(t, schema.PartID, schema.PartJSON)
	tests := []struct {
		name           string
		yaml           string
		fullOK, partOK bool
	}{
		{name: "mailboxes only", yaml: "mailboxes:\n  - {name: a@contoso.com, location: exchangeOnline}\n", partOK: true},
		{name: "permissions only", yaml: "permissions:\n  - {access: FullAccess, mailbox: a@contoso.com, trustee: b@contoso.com}\n", partOK: true},
		{name: "some of exchangeOnline", yaml: "exchangeOnline:\n  groups:\n    - {name: Sales, primarySmtpAddress: sales@contoso.com}\n", partOK: true},
		{name: "some of onPremises", yaml: "onPremises:\n  hybridSendConnector: {addressSpaces: [contoso.mail.onmicrosoft.com]}\n", partOK: true},
		{name: "an unknown key", yaml: "mailbox:\n  - {name: a@contoso.com, location: exchangeOnline}\n"},
		{name: "a list item without a required key", yaml: "mailboxes:\n  - {name: a@contoso.com}\n"},
		{name: "a folder permission without its folder", yaml: "permissions:\n  - {access: Folder, mailbox: a@contoso.com, trustee: b@contoso.com}\n"},
		{name: "a value of the wrong form", yaml: "exchangeOnline:\n  tenant: not a tenant\n"},
	}
	for _, tt := range tests {
		v := yamlValue(t, tt.yaml)
		if err := full.Validate(v); (err == nil) != tt.fullOK {
			t.Errorf("%s: valid against the full schema: %v, want %v (%v)", tt.name, err == nil, tt.fullOK, err)
		}
		if err := part.Validate(v); (err == nil) != tt.partOK {
			t.Errorf("%s: valid against the part schema: %v, want %v (%v)", tt.name, err == nil, tt.partOK, err)
		}
	}
	examples, _ := filepath.Glob("../../examples/*.yaml")
	if len(examples) == 0 {
		t.Fatal("no examples")
	}
	for _, p := range examples {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		v := yamlValue(t, string(data))
		if err := full.Validate(v); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		if err := part.Validate(v); err != nil {
			t.Errorf("%s against the part schema: %v", p, err)
		}
	}
}
