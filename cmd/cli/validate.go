package cli

import (
	"fmt"

	"github.com/hybridc/hybridc/compiler"
)

const validateHelp = `
Checks each YAML file, or each directory of YAML files (merged into one
configuration), against the hybridc schema and the rules of Microsoft's
hybrid guidance, and prints every finding to standard output. "-" reads
standard input.

--format chooses the output:

  text     file:line:col: severity CODE: message, one a line (the default)
  json     {"formatVersion":1,"diagnostics":[{"file","line","column","severity","code","message"}]}
  sarif    SARIF 2.1.0, for GitHub code scanning (github/codeql-action/upload-sarif)
  github   GitHub Actions workflow commands (::error file=...,line=...,col=...,title=CODE::message),
           which annotate the lines of a pull request

Warnings are printed but do not fail, unless --strict is given.
--only-hybridc silently skips files whose first comment lines lack the
modeline "# yaml-language-server: $schema=...hybrid.schema.json", so that a
pre-commit hook given every YAML file of a repository checks only hybridc's.

Examples:
  hybridc validate examples/contoso-hybrid.yaml
  hybridc validate config/                       # a directory: its *.yaml and *.yml files, merged
  hybridc validate --strict --format sarif hybrid.yaml > hybridc.sarif
  hybridc validate --format github hybrid.yaml
  hybridc validate --only-hybridc $(git ls-files '*.yaml' '*.yml')

Exit codes: 0 no errors, 1 errors found (or, with --strict, warnings), 2 usage or I/O error.
`

func runValidate(e *env, args []string) int {
	fs := newFlags(e, "validate", "[--format text|json|sarif|github] [--strict] [--only-hybridc] FILE|DIR...", validateHelp)
	format := fs.String("format", "text", "output `format`: text, json, sarif or github")
	strict := fs.Bool("strict", false, "fail on warnings too")
	onlyHybridc := fs.Bool("only-hybridc", false, "skip files that do not declare the hybridc schema in their first comment lines")
	files, code, done := parse(e, fs, args)
	if done {
		return code
	}
	report, ok := diagnosticFormats[*format]
	if !ok {
		fmt.Fprintf(e.stderr, "hybridc validate: unknown --format %q: use text, json, sarif or github\n", *format)
		return ExitUsage
	}
	if len(files) == 0 {
		fmt.Fprintln(e.stderr, "hybridc validate: no file given")
		fs.Usage()
		return ExitUsage
	}
	exit := ExitOK
	var all compiler.Diagnostics
	for _, path := range files {
		in, err := readInput(e, path)
		if err != nil {
			fmt.Fprintf(e.stderr, "hybridc validate: %v\n", err)
			exit = ExitUsage
			continue
		}
		if *onlyHybridc && !in.declaresSchema() {
			continue
		}
		diags := in.analyze().Diagnostics
		if *format == "text" {
			// Text goes out file by file, as each is checked.
			fmt.Fprint(e.stdout, diags.String())
		} else {
			all = append(all, diags...)
		}
		if fails(diags, *strict) && exit == ExitOK {
			exit = ExitFindings
		}
	}
	if *format != "text" {
		if err := report(e.stdout, all); err != nil {
			fmt.Fprintf(e.stderr, "hybridc validate: %v\n", err)
			return ExitUsage
		}
	}
	return exit
}

// fails reports whether diagnostics fail validation: any error, or with
// strict any warning too.
func fails(diags compiler.Diagnostics, strict bool) bool {
	return diags.HasErrors() || (strict && len(diags) > 0)
}
