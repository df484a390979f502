// Command hybridc compiles one YAML description of an Exchange hybrid
// deployment into signed, idempotent PowerShell scripts. See the README.
package main

import (
	"os"

	"github.com/hybridc/hybridc/cmd/cli"
)

func main() { os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
