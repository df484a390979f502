//go:build ignore

// gen writes hybrid.schema.json, hybrid.part.schema.json and
// state.schema.json from the Go models:
// go generate ./schema.
package main

import (
	"fmt"
	"os"

	"github.com/hybridc/hybridc/schema/reflector"
)

func main() {
	data, err := reflector.Generate()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile("hybrid.schema.json", data, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	data, err = reflector.GeneratePart()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile("hybrid.part.schema.json", data, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	data, err = reflector.GenerateState()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile("state.schema.json", data, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
