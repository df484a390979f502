package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/hybridc/hybridc/cmd/cli/report"
	"github.com/hybridc/hybridc/compiler"
)

// Exit codes shared by every subcommand.
const (
	ExitOK       = 0
	ExitFindings = 1
	ExitUsage    = 2
)

// env is what a subcommand runs with: its standard streams and the
// environment. getenv reads an environment variable (os.Getenv in Run;
// tests substitute it instead of changing the process environment).
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// terminal reports whether a stream is a terminal (nil: isTerminal),
	// and progressDelay is how long a run goes on before its progress
	// shows (0: at once, with no clock in the line); see progress.
	terminal      func(io.Writer) bool
	progressDelay time.Duration
	// flagsBuilt, when set, is told of every flag set newFlags builds, with
	// its usage line and help: describeCommands learns each command's flags
	// through it (see describe.go).
	flagsBuilt func(fs *flag.FlagSet, usageLine, help string)
}

// complain writes "hybridc CMD: message" on a line of standard error, the
// message made visible (report.Visible): the one place where what a
// command says on standard error, which may hold a file name or a value,
// is escaped.
func (e *env) complain(cmd, format string, args ...any) {
	fmt.Fprintf(e.stderr, "hybridc %s: %s\n", cmd, report.Visible(fmt.Sprintf(format, args...)))
}

// diagnostics writes diagnostics on standard error with the text printer,
// as every command but validate (which has --format) does.
func (e *env) diagnostics(ds compiler.Diagnostics) {
	_ = report.Text.Diagnostics(e.stderr, ds) // standard error: nowhere to report a failure
}

// command is one subcommand.
type command struct {
	summary string
	run     func(e *env, args []string) int
}

// commands lists the subcommands by name. completion and man, which
// describe the others, join it at init (see describe.go).
var commands = map[string]command{
	"validate": {"check YAML files; report every finding as file:line:col", runValidate},
	"batches":  {"group on-premises mailboxes into batches that must move together", runBatches},
	"compile":  {"compile a YAML file into PowerShell scripts (or check them: --check)", runCompile},
	"export":   {"write read-only scripts that export an organization's state as JSON", runExport},
	"import":   {"turn exported state files into a YAML configuration", runImport},
	"init":     {"start a configuration repository: hybrid.yaml, its schema, hooks and CI", runInit},
	"plan":     {"show what changes between two versions of a YAML file", runPlan},
	"schema":   {"print the JSON Schema of hybridc files", runSchema},
	"sign":     {"sign existing scripts in place (Authenticode)", runSign},
	"verify":   {"check scripts' signatures, and that they match the YAML", runVerify},
	"version":  {"print hybridc's version", runVersion},
}

// Run runs hybridc with args (without the program name) and returns the exit
// code.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv, progressDelay: progressDelay}
	return e.run(args)
}

// run runs hybridc with args in e.
func (e *env) run(args []string) int {
	stdout, stderr := e.stdout, e.stderr
	if len(args) == 0 {
		usage(stderr)
		return ExitUsage
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				return c.run(e, []string{"--help"})
			}
		}
		usage(stdout)
		return ExitOK
	case "-version", "--version":
		name = "version"
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "hybridc: unknown command %q\n\n", printable(name))
		usage(stderr)
		return ExitUsage
	}
	return c.run(e, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprint(w, `hybridc compiles one YAML description of an Exchange hybrid deployment into
idempotent PowerShell scripts: onprem.ps1 for the Exchange Management Shell,
online.ps1 for Exchange Online PowerShell, and partner-<domain>.ps1 for each
partner tenant's administrator.

Usage:
  hybridc <command> [flags] [arguments]

Commands:
`)
	names := make([]string, 0, len(commands))
	width := 10
	for n := range commands {
		names = append(names, n)
		width = max(width, len(n))
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-*s %s\n", width, n, commands[n].summary)
	}
	fmt.Fprint(w, `
Examples:
  hybridc validate hybrid.yaml
  hybridc compile hybrid.yaml -o out
  hybridc plan --base main hybrid.yaml
  hybridc compile hybrid.yaml -o out --sign-pfx codesign.pfx --sign-password-file pw.txt
  hybridc verify --ca ca.pem --config hybrid.yaml out/*.ps1
  hybridc init --tenant contoso.onmicrosoft.com --domain contoso.com --organization Contoso
  hybridc schema -o hybrid.schema.json

Exit codes, the same in every command: 0 success, 1 findings (errors in a
file, changes planned, a script not current or invalid), 2 usage or input
error (bad flags, a file that cannot be read; for plan, whose findings are
changes, also a version that is not valid). Each command's help says what
they mean for it.
Run 'hybridc <command> --help' for a command's flags and examples.
`)
}

// newFlags returns a flag set for a subcommand whose help shows the usage
// line, the description and examples.
func newFlags(e *env, name, usageLine, help string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	if e.flagsBuilt != nil {
		e.flagsBuilt(fs, usageLine, help)
	}
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprintf(out, "Usage: hybridc %s %s\n\n%s\n", name, usageLine, strings.TrimSpace(help))
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprint(out, "\nFlags:\n")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parse parses flags that may stand before, between or after the
// positional arguments (hybridc compile FILE -o DIR), and returns the
// positional ones. help reports whether --help was asked for.
func parse(e *env, fs *flag.FlagSet, args []string) (positional []string, code int, done bool) {
	for {
		// The flag package prints the usage itself on --help and on errors;
		// hold that back, so that --help goes to stdout only, and an error
		// with the usage to stderr.
		var held bytes.Buffer
		fs.SetOutput(&held)
		err := fs.Parse(args)
		fs.SetOutput(e.stderr)
		if err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(e.stdout)
				fs.Usage()
				return nil, ExitOK, true
			}
			e.stderr.Write(held.Bytes())
			return nil, ExitUsage, true
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, 0, false
		}
		if rest[0] == "--" {
			return append(positional, rest[1:]...), 0, false
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}
