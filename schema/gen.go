//go:build ignore

// gen writes hybrid.schema.json from the Go model: go generate ./schema.
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
}
