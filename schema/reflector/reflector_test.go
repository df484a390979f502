package reflector_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/hybridc/hybridc/schema"
	"github.com/hybridc/hybridc/schema/reflector"
)

// TestSchemaIsCurrent fails when the committed schema no longer matches the
// Go model: run go generate ./schema.
func TestSchemaIsCurrent(t *testing.T) {
	got, err := reflector.Generate()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, schema.JSON) {
		t.Fatal("schema/hybrid.schema.json is stale: run go generate ./schema and commit the result")
	}
}

func TestSchemaIDMatches(t *testing.T) {
	if reflector.SchemaID != schema.ID {
		t.Fatalf("reflector.SchemaID %q != schema.ID %q", reflector.SchemaID, schema.ID)
	}
}

// TestStateSchemaIsCurrent fails when schema/state.schema.json no longer
// matches compiler/state: run go generate ./schema.
func TestStateSchemaIsCurrent(t *testing.T) {
	got, err := reflector.GenerateState()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, schema.StateJSON) {
		t.Fatal("schema/state.schema.json is stale: run go generate ./schema and commit the result")
	}
	if reflector.StateSchemaID != schema.StateID {
		t.Fatal("state schema IDs differ")
	}
}

// TestReferenceIsCurrent fails when schema/reference.md no longer matches
// the schema: run go generate ./schema.
func TestReferenceIsCurrent(t *testing.T) {
	want, err := reflector.Reference(schema.JSON)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join("..", reflector.ReferenceFile))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("schema/reference.md is stale: run go generate ./schema and commit the result")
	}
}

// TestReferenceSaysWhenKeysAreRequired checks the conditions the schema's
// if/then/else add reach the reference's Required column.
func TestReferenceSaysWhenKeysAreRequired(t *testing.T) {
	got, err := reflector.Reference(schema.JSON)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range []string{
		"| `domainNames` | list of [DomainName](#domainname) (at least 1, no duplicates) | unless `ensure: absent` |",
		"| `folder` | [FolderName](#foldername) | when `access: Folder` |",
		"| `routingDomain` | [RoutingDomain](#routingdomain) | when `onPremises` is declared |",
		"| `tenant` | [TenantName](#tenantname) | required |",
	} {
		if !bytes.Contains(got, []byte(row)) {
			t.Errorf("reference has no row starting %s", row)
		}
	}
}
