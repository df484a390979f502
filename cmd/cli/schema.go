package cli

import (
	"fmt"

	"github.com/hybridc/hybridc/schema"
)

const schemaHelp = `
Prints the JSON Schema (draft 2020-12) of hybridc files, or writes it to
FILE with -o (replacing it atomically). Editors use it for completion and
checks as you type; point the first line of a YAML file at it, relative to
the YAML file:

  # yaml-language-server: $schema=hybrid.schema.json

The schema belongs to the hybridc version that prints it: after upgrading
hybridc, write it again so that the editor knows the new keys. 'hybridc
init' writes it beside a new hybrid.yaml.

--part prints the schema of one file of a directory configuration (a part):
the same, except that the mappings merged across files (the top level,
onPremises, exchangeOnline and the mappings in them) require no key, so
that a file holding only mailboxes or permissions is valid. The part files
'hybridc import -o DIR' writes point at it:

  # yaml-language-server: $schema=hybrid.part.schema.json

'hybridc validate' checks the directory as one configuration, against the
full schema.

Examples:
  hybridc schema -o hybrid.schema.json
  hybridc schema | cmp - hybrid.schema.json     # is the committed schema current?
  hybridc schema --state -o state.schema.json   # the schema of state files (hybridc export)
  hybridc schema --part -o config/hybrid.part.schema.json   # for the part files of config/

Exit codes: 0 printed or written, 2 usage or I/O error.
`

func runSchema(e *env, args []string) int {
	fs := newFlags(e, "schema", "[--state | --part] [-o FILE]", schemaHelp)
	out := fs.String("o", "", "write the schema to this `file` instead of standard output")
	ofState := fs.Bool("state", false, "the schema of state files (hybridc export's JSON) instead")
	ofPart := fs.Bool("part", false, "the schema of one file of a directory configuration instead")
	rest, code, done := parse(e, fs, args)
	if done {
		return code
	}
	if len(rest) > 0 {
		fs.Usage()
		return ExitUsage
	}
	if *ofState && *ofPart {
		fmt.Fprintln(e.stderr, "hybridc schema: --state and --part exclude each other")
		return ExitUsage
	}
	data := schema.JSON
	switch {
	case *ofState:
		data = schema.StateJSON
	case *ofPart:
		data = schema.PartJSON
	}
	if *out != "" {
		if err := replaceFiles([]fileWrite{{path: *out, data: data, perm: 0o644}}); err != nil {
			e.complain("schema", "%s", err)
			return ExitUsage
		}
		return ExitOK
	}
	if _, err := e.stdout.Write(data); err != nil {
		return ExitUsage
	}
	return ExitOK
}
