package reflector_test

import (
	"bytes"
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
