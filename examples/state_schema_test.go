package examples_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/hybridc/hybridc/schema"
)

// TestStatesMatchTheirSchema validates every state file of examples/state
// against schema/state.schema.json, the documented format an export script
// writes.
func TestStatesMatchTheirSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	if err := c.AddResource(schema.StateID, bytes.NewReader(schema.StateJSON)); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(schema.StateID)
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join("state", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no state files: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var v any
			if err := json.Unmarshal(data, &v); err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(v); err != nil {
				t.Errorf("%s does not match the state schema: %v", f, err)
			}
		})
	}
}
