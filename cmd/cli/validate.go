package cli

import (
	"fmt"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/hybridc/hybridc/cmd/cli/report"
	"github.com/hybridc/hybridc/compiler"
)

var validateHelp = `
Checks each YAML file, or each directory of YAML files (merged into one
configuration), against the hybridc schema and the rules of Microsoft's
hybrid guidance, and prints every finding to standard output. "-" reads
standard input.

--format chooses the output:

` + report.Help() + `
Warnings are printed but do not fail, unless --strict is given.
--allow-warning CODE (repeat it, or list codes separated by commas) keeps
a known warning from failing --strict: it is still printed, in every
format. Only warning codes are accepted (an error code, or a code that
does not exist, is refused with exit 2), and a code no file gave is
named on standard error, so that the flag can go once the warning is
gone. At most
--max-diagnostics findings (200) are reported per configuration: the check
stops there and says how many more there were (HC0100), or "and more" when
it stopped without counting them. On a
terminal, a run that takes over a second shows on standard error what it
is doing (--quiet: never).
--only-hybridc silently skips files whose first comment lines lack the
modeline "# yaml-language-server: $schema=...hybrid.schema.json" (or
"...hybrid.part.schema.json"), so that a pre-commit hook given every YAML
file of a repository checks only hybridc's.

A FILE in a directory that holds a part file (a YAML file whose modeline
names hybrid.part.schema.json, as those 'hybridc import -o DIR' writes
beside hybrid.yaml) is a file of a directory configuration: the directory
is checked instead, as one configuration, once however many of its files
are given, as every other command (compile, plan, verify --config, sign
--config, batches) reads it too; a note on standard error says so once.
So the pre-commit hook, given the staged files, checks a directory
configuration as every command reads it, never a part alone.
` + globHelp + `
Examples:
  hybridc validate hybrid.yaml
  hybridc validate config/                       # a directory: its *.yaml and *.yml files, merged
  hybridc validate --strict --format sarif hybrid.yaml > hybridc.sarif
  hybridc validate --strict --allow-warning HC0330 hybrid.yaml   # Exchange 2019 until it is upgraded
  hybridc validate --format github hybrid.yaml
  hybridc validate --only-hybridc $(git ls-files '*.yaml' '*.yml')

Exit codes: 0 no errors, 1 errors found (or, with --strict, warnings not
allowed with --allow-warning), 2 usage or I/O error.
`

func runValidate(e *env, args []string) int {
	v, files, code := newValidateRun(e, args)
	if v == nil {
		return code
	}
	defer compiler.SetDiagnosticLimit(compiler.SetDiagnosticLimit(v.maxDiags))
	p := e.newProgress(*v.quiet)
	defer p.done()
	configs, checked := newConfigResolver(e), map[string]bool{}
	for i, path := range files {
		// A file of a directory configuration is checked as the directory,
		// once however many of its files (or the directory) are named.
		if dir, ok := configs.resolve(p, path); ok {
			if path = dir; checked[dir] {
				continue
			}
			checked[dir] = true
		}
		v.check(p, path, ofFiles(i, len(files)))
	}
	p.done()
	return v.finish()
}

// validateRun is one run of validate: its options, and what it has found.
type validateRun struct {
	e                   *env
	printer             report.Printer
	strict, onlyHybridc bool
	quiet               *bool
	maxDiags            int
	allowed             allowedWarnings
	// all is every finding, for a format written once (json, sarif);
	// given is every finding, for --allow-warning.
	all, given compiler.Diagnostics
	exit       int
}

// newValidateRun reads validate's flags and expands its file arguments;
// on a usage error, or for -h, it returns nil and the exit code.
func newValidateRun(e *env, args []string) (*validateRun, []string, int) {
	names := report.Names()
	fs := newFlags(e, "validate", "[--format "+report.Choices(names)+"] [--strict [--allow-warning CODE]...] [--only-hybridc] [--max-diagnostics N] FILE|DIR...", validateHelp)
	v := &validateRun{e: e}
	format := fs.String("format", "text", "output `format`: "+report.OneOf(names))
	fs.BoolVar(&v.strict, "strict", false, "fail on warnings too")
	fs.Var(&v.allowed, "allow-warning", "with --strict, do not fail on the warning `CODE` (repeatable, or comma-separated: HC0330,HC0332); errors cannot be allowed")
	fs.BoolVar(&v.onlyHybridc, "only-hybridc", false, "skip files that do not declare the hybridc schema in their first comment lines")
	v.quiet = quietFlag(fs)
	fs.IntVar(&v.maxDiags, "max-diagnostics", compiler.DefaultDiagnosticLimit, "report at most `N` findings per configuration, then say how many more (or \"and more\")")
	files, code, done := parse(e, fs, args)
	switch {
	case done:
		return nil, nil, code
	case v.maxDiags < 1:
		fmt.Fprintln(e.stderr, "hybridc validate: --max-diagnostics must be at least 1")
		return nil, nil, ExitUsage
	}
	if err := v.allowed.resolve(); err != nil {
		e.complain("validate", "%s", err)
		return nil, nil, ExitUsage
	}
	var ok bool
	if v.printer, ok = report.New(*format, version()); !ok {
		fmt.Fprintf(e.stderr, "hybridc validate: unknown --format %q: use %s\n", printable(*format), report.OneOf(names))
		return nil, nil, ExitUsage
	}
	if len(files) == 0 {
		fmt.Fprintln(e.stderr, "hybridc validate: no file given")
		fs.Usage()
		return nil, nil, ExitUsage
	}
	files, err := expandGlobs(files)
	if err != nil {
		e.complain("validate", "%s", err)
		return nil, nil, ExitUsage
	}
	return v, files, ExitOK
}

// check validates one file or directory, the of-th of the run (ofFiles),
// and prints its findings at once when the format streams.
func (v *validateRun) check(p *progress, path, of string) {
	e := v.e
	p.step("reading %s%s", path, of)
	in, err := readInput(e, path)
	if err != nil {
		p.clear()
		e.complain("validate", "%s", err)
		v.exit = ExitUsage
		return
	}
	if v.onlyHybridc && !in.declaresSchema() {
		return
	}
	what := fmt.Sprintf("validating %s%s", path, of)
	p.step("%s", what)
	softMemoryLimit(in, false)
	diags := in.diagnose(p.compiling(0, what))
	if v.printer.Streams() {
		// Text and workflow commands go out file by file, as each is checked.
		if len(diags) > 0 {
			p.clear()
		}
		if err := v.printer.Diagnostics(e.stdout, diags); err != nil {
			e.complain("validate", "%s", err)
			v.exit = ExitUsage
		}
	} else {
		v.all = append(v.all, diags...)
	}
	if fails(diags, v.strict, &v.allowed) && v.exit == ExitOK {
		v.exit = ExitFindings
	}
	v.given = append(v.given, diags...)
}

// finish names the --allow-warning codes no file gave, writes a format
// that is written once, and returns the exit code.
func (v *validateRun) finish() int {
	if unused := v.allowed.unused(v.given); len(unused) > 0 && v.exit != ExitUsage {
		fmt.Fprintf(v.e.stderr, "hybridc validate: --allow-warning %s: no such warning was found; remove it from the command so that --strict fails on it again\n", strings.Join(unused, ","))
	}
	if !v.printer.Streams() {
		if err := v.printer.Diagnostics(v.e.stdout, v.all); err != nil {
			v.e.complain("validate", "%s", err)
			return ExitUsage
		}
	}
	return v.exit
}

// ofFiles is " (3 of 12)" for the progress line of the i-th of n files,
// and "" for one file.
func ofFiles(i, n int) string {
	if n < 2 {
		return ""
	}
	return fmt.Sprintf(" (%d of %d)", i+1, n)
}

// fails reports whether diagnostics fail validation: any error, or with
// strict any warning too, but those allowed.
func fails(diags compiler.Diagnostics, strict bool, allowed *allowedWarnings) bool {
	if diags.HasErrors() {
		return true
	}
	return strict && slices.ContainsFunc(diags, func(d compiler.Diagnostic) bool { return !allowed.accepted(d.Code) })
}

// softMemoryLimit keeps the heap of a command that validates the
// configuration near memoryBudget, unless GOMEMLIMIT is set: a hostile
// configuration (a million wrong list items in 2 MB) is then collected as
// it goes instead of growing to twice what is live, and a large valid one
// peaks near what it needs. It is Go's soft limit: the collector works
// harder near it, nothing fails. With compile false (validate), a
// directory gets a budget too. A budget of the input's own, above the
// least one (an input of more than 8 MiB), is also the collector's only
// trigger, unless GOGC is set: the heap reaches it in any case (what is
// live, the node tree at its largest, is half of it), and each collection
// on the way there, at every doubling of the heap, would mark the node
// tree once more for nothing. A smaller input keeps the usual pacing, so
// that its process stays as small as what it holds.
// A small input gets a collector that waits longer (collectorFor).
func softMemoryLimit(in *input, compile bool) {
	collectorFor(in)
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	limit, ok := memoryBudget(in, compile)
	if !ok {
		return
	}
	debug.SetMemoryLimit(limit)
	if limit > leastBudget && os.Getenv("GOGC") == "" {
		debug.SetGCPercent(-1)
	}
}

// leastBudget is the heap any configuration is given (memoryBudget).
const leastBudget = 256 << 20

// memoryBudget is the heap a configuration is given: max(256 MiB, 32 times
// a single file's size), since the file is held once, as its node tree
// (its long lists converted item by item as they are validated), which at
// its peak is about 16 times the file, and the collector gets as much
// again; 40 times a directory's total size, whose files are held as nodes
// and as plain values, merged. compile, which then holds the scripts too,
// gets a budget for a single file only (ok false).
func memoryBudget(in *input, compile bool) (limit int64, ok bool) {
	if in.file != nil {
		return max(leastBudget, 32*int64(len(in.file.Data))), true
	}
	if compile {
		return 0, false
	}
	size := int64(0)
	for _, f := range in.dir.Files {
		size += int64(len(f.Data))
	}
	return max(leastBudget, 40*size), true
}
