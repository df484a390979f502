package cli

import (
	"github.com/hybridc/hybridc/schema"
)

const schemaHelp = `
Prints the JSON Schema (draft 2020-12) of hybridc files. Editors use it for
completion and checks as you type; point the first line of a YAML file at it:

  # yaml-language-server: $schema=hybrid.schema.json

Examples:
  hybridc schema > hybrid.schema.json
`

func runSchema(e *env, args []string) int {
	fs := newFlags(e, "schema", "", schemaHelp)
	rest, code, done := parse(e, fs, args)
	if done {
		return code
	}
	if len(rest) > 0 {
		fs.Usage()
		return ExitUsage
	}
	if _, err := e.stdout.Write(schema.JSON); err != nil {
		return ExitUsage
	}
	return ExitOK
}
