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
