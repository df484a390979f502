//go:build ignore

// gen writes hybrid.schema.json, hybrid.part.schema.json and
// state.schema.json from the Go models, and reference.md (the YAML
// reference) from hybrid.schema.json: go generate ./schema.
package main

import (
	"fmt"
	"os"

	"github.com/hybridc/hybridc/schema/reflector"
)

func main() {
	reference := func() ([]byte, error) {
		data, err := os.ReadFile("hybrid.schema.json")
		if err != nil {
			return nil, err
		}
		return reflector.Reference(data)
	}
	// In this order: the reference reads the schema written first.
	for _, out := range []struct {
		file string
		gen  func() ([]byte, error)
	}{
		{"hybrid.schema.json", reflector.Generate},
		{"hybrid.part.schema.json", reflector.GeneratePart},
		{"state.schema.json", reflector.GenerateState},
		{reflector.ReferenceFile, reference},
	} {
		data, err := out.gen()
		if err == nil {
			err = os.WriteFile(out.file, data, 0o644)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "gen:", out.file+":", err)
			os.Exit(1)
		}
	}
}
