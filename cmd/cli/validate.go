package cli

import (
	"fmt"

	"github.com/hybridc/hybridc/compiler"
)

const validateHelp = `
Checks each YAML file against the hybridc schema and the rules of Microsoft's
hybrid guidance, and prints every finding as

  file:line:col: error CODE: message

Warnings are printed but do not fail. "-" reads standard input.

Examples:
  hybridc validate examples/contoso-hybrid.yaml
  hybridc validate config/*.yaml

Exit codes: 0 no errors, 1 errors found, 2 usage or I/O error.
`

func runValidate(e *env, args []string) int {
	fs := newFlags(e, "validate", "FILE...", validateHelp)
	files, code, done := parse(e, fs, args)
	if done {
		return code
	}
	if len(files) == 0 {
		fmt.Fprintln(e.stderr, "hybridc validate: no file given")
		fs.Usage()
		return ExitUsage
	}
	exit := ExitOK
	for _, path := range files {
		data, name, err := readSource(e, path)
		if err != nil {
			fmt.Fprintf(e.stderr, "hybridc validate: %v\n", err)
			exit = ExitUsage
			continue
		}
		res := compiler.Analyze(compiler.Source{Name: name, Data: data})
		fmt.Fprint(e.stdout, res.Diagnostics.String())
		if res.Diagnostics.HasErrors() && exit == ExitOK {
			exit = ExitFindings
		}
	}
	return exit
}
