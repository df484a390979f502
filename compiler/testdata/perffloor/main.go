// Command perffloor is the floor the README's performance table compares
// hybridc's commands with (see compiler/perf_test.go, TestPerformanceTable):
// what any program reading the same input must do at least.
//
//	perffloor yaml FILE       yaml.v3 parses FILE into plain values and
//	                          jsonschema/v5 validates them against hybridc's
//	                          embedded schema (compiled here, as hybridc does)
//	perffloor json FILE...    encoding/json decodes each state file into
//	                          plain values
//
// It exits 1 when the input does not parse or validate, so that a floor
// that did less than its work is never measured. It lives under testdata so
// that ./... patterns leave it out; TestPerformanceTable builds it.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"gopkg.in/yaml.v3"

	"github.com/hybridc/hybridc/schema"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "perffloor:", err)
		os.Exit(1)
	}
}

// run does what the arguments name.
func run(args []string) error {
	if len(args) < 2 {
		return fmt.Errorf("usage: perffloor yaml FILE | perffloor json FILE...")
	}
	switch args[0] {
	case "yaml":
		return validateYAML(args[1])
	case "json":
		for _, name := range args[1:] {
			if err := decodeJSON(name); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("unknown mode %q", args[0])
}

// validateYAML parses a file with yaml.v3 and validates it against the
// schema.
func validateYAML(name string) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	if err := c.AddResource(schema.ID, bytes.NewReader(schema.JSON)); err != nil {
		return err
	}
	sch, err := c.Compile(schema.ID)
	if err != nil {
		return err
	}
	if err := sch.Validate(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// decodeJSON decodes a file with encoding/json.
func decodeJSON(name string) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
