package cli

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hybridc/hybridc/compiler"
)

const importHelp = `
Turns the state files hybridc's export scripts wrote (see 'hybridc export')
into a configuration: the on-premises organization, the tenant joined to it
and partner tenants (give each partner's export-online.ps1 state to get the
partner's side of the relationship too).

The YAML is commented, deterministic (every list sorted) and valid: it
passes 'hybridc validate' (warnings it may carry are findings in the
organization itself, which its header explains), and 'hybridc plan --state'
on the same states reports no change. Objects keep their real names, the
Hybrid Configuration Wizard's "On-premises to O365 - <GUID>" and "Outbound to
Office 365 - <GUID>" too, so no adopt is needed; mailboxes are named by
primary SMTP address.

Left out, and counted in the file's header: NT AUTHORITY\SELF and other
system accounts, orphaned SIDs (S-1-5-21-...), Exchange's own groups and
accounts, inherited and Deny entries, system mailboxes, trustees that are
not mailboxes, and built-in role groups and the default role assignment
policy (--include builtIn adds them). Values no Exchange cmdlet reads
(Entra Connect's version, a group domain's MX record) are derived and listed
under "Review before compiling".

-o PATH ending in .yaml or .yml writes one file; any other PATH is a
directory (created if missing) of hybrid.yaml, mailboxes.yaml and
permissions-NNNN.yaml files of 1,000 permissions each, which every command
reads as one configuration. Use a directory for more than 1,000
permissions. The configuration is validated before anything is written,
as 'hybridc validate' would: a state value validate refuses (a name with a
control or invisible character, one too long) is reported at its line,
column and JSON pointer in the state, and nothing is written (exit 1). Import owns these names in the directory: a hybrid.yaml,
mailboxes.yaml or permissions-NNNN.yaml there that this run does not write
(an earlier, bigger import's) is removed in the same all-or-nothing
replacement, so that no revoked permission survives in a leftover file.
Other YAML files are left, with a warning: every command merges them.
Nothing is written unless every state file is valid. On a terminal, a run
that takes over a second shows on standard error what it is doing, with
counts (--quiet: never).

In a directory, hybrid.yaml's modeline names hybrid.schema.json and the
other files' hybrid.part.schema.json, the schema of a part, which requires
none of a configuration's top-level keys (write both beside them: 'hybridc
schema -o DIR/hybrid.schema.json' and 'hybridc schema --part -o
DIR/hybrid.part.schema.json'). Every command, 'hybridc validate' and the
pre-commit hook included, reads the directory as one configuration, even
when given one of its files.
` + globHelp + `
import replaces (or, for a leftover name, removes) only files it wrote
itself: those whose first comment lines say "Written by hybridc import",
as every file it writes does. Any other file at a path it would write or
remove (a hand-written hybrid.yaml, the one 'hybridc init' wrote) is
refused, with exit 2 and nothing written, unless --force is given.

Kinds for --include and --exclude (comma-separated):
  ` + "KINDS" + `

Examples:
  hybridc import onprem.json online.json -o hybrid.yaml
  hybridc import export/*.json -o config/
  hybridc import onprem.json online.json -o hybrid.yaml --exclude folderPermissions,sendOnBehalf
  hybridc import export/*.json -o config/ --include builtIn
  hybridc import onprem.json online.json -o hybrid.yaml --force   # replace a hand-written hybrid.yaml

Exit codes: 0 written, 1 errors in the state files (or values validate
refuses), 2 usage or I/O error (bad flags, a state file that cannot be read,
a file import did not write in the way without --force).
`

func runImport(e *env, args []string) int {
	help := strings.Replace(importHelp, "KINDS", strings.Join(compiler.ImportKinds, ", "), 1)
	fs := newFlags(e, "import", "STATE.json... -o PATH [--include KINDS] [--exclude KINDS] [--tenant T] [--force]", help)
	out := fs.String("o", "", "YAML `file` (.yaml, .yml) or directory to write")
	include := fs.String("include", "", "comma-separated `kinds` to add to the default ones (builtIn)")
	exclude := fs.String("exclude", "", "comma-separated `kinds` to leave out")
	tenant := fs.String("tenant", "", "the `tenant` the on-premises organization is joined to, when several tenants' states are given")
	force := fs.Bool("force", false, "replace or remove files in the way that hybridc import did not write (hand-written YAML)")
	quiet := quietFlag(fs)
	files, code, done := parse(e, fs, args)
	if done {
		return code
	}
	if len(files) == 0 || *out == "" {
		fmt.Fprintln(e.stderr, "hybridc import: need one or more STATE files and -o PATH")
		fs.Usage()
		return ExitUsage
	}
	files, err := expandGlobs(files)
	if err != nil {
		e.complain("import", "%s; nothing was written", err)
		return ExitUsage
	}
	kinds, ok := importKinds(e, *include, *exclude)
	if !ok {
		return ExitUsage
	}
	p := e.newProgress(*quiet)
	defer p.done()
	states, code := readStates(e, p, 0, "import", files)
	if code != ExitOK {
		return code
	}
	p.step("importing %s", batchCount(len(states), "state"))
	im, diags := compiler.Import(states, compiler.ImportOptions{Kinds: kinds, Tenant: *tenant})
	if len(diags) > 0 {
		p.clear()
	}
	e.diagnostics(diags)
	if im == nil || diags.HasErrors() {
		fmt.Fprintln(e.stderr, "hybridc import: nothing was written")
		return ExitFindings
	}
	ext := strings.ToLower(filepath.Ext(*out))
	single := ext == ".yaml" || ext == ".yml"
	dir, name := *out, ""
	if single {
		dir, name = filepath.Dir(*out), filepath.Base(*out)
	}
	states = nil // only the configuration is needed from here: let the states' memory go
	if !validImport(e, p, im, files) {
		return ExitFindings
	}
	p.step("writing %s", *out)
	written := im.Files(name, !single)
	var stale, foreign []string
	if !single {
		stale, foreign = importLeftovers(dir, written)
	}
	p.clear()
	ok = (*force || onlyImports(e, dir, written, stale)) && writeImport(e, dir, written, stale)
	p.done()
	if !ok {
		return ExitUsage
	}
	for _, n := range written.Names() {
		fmt.Fprintln(e.stdout, printableName(filepath.Join(dir, n)))
	}
	for _, n := range stale {
		e.complain("import", "removed %s: an earlier import's file that this one does not write", filepath.Join(dir, n))
	}
	for _, n := range foreign {
		e.complain("import", "%s is not import's and was left: every command merges it with the import", filepath.Join(dir, n))
	}
	importSummary(e, im, single)
	return ExitOK
}

// importKinds is the kinds import writes: the default ones, with the
// comma-separated kinds of --include added and those of --exclude left out.
// An unknown kind is refused (false), with a message.
func importKinds(e *env, include, exclude string) (map[string]bool, bool) {
	kinds := compiler.DefaultImportKinds()
	for flagName, list := range map[string]string{"--include": include, "--exclude": exclude} {
		for _, k := range strings.Split(list, ",") {
			if k = strings.TrimSpace(k); k == "" {
				continue
			}
			if _, ok := kinds[k]; !ok {
				fmt.Fprintf(e.stderr, "hybridc import: %s %q: not a kind; use %s\n", flagName, printable(k), strings.Join(compiler.ImportKinds, ", "))
				return nil, false
			}
			kinds[k] = flagName == "--include"
		}
	}
	return kinds, true
}

// writeImport writes an import's files into dir and removes the stale ones,
// all or nothing; it says why when it could not (false).
func writeImport(e *env, dir string, written compiler.Files, stale []string) bool {
	if err := writeFiles(dir, written, stale...); err != nil {
		e.complain("import", "%s", err)
		return false
	}
	return true
}

// importSummary says on standard error what an import wrote and left out.
func importSummary(e *env, im *compiler.Imported, single bool) {
	skipped := 0
	for _, n := range im.Skipped {
		skipped += n
	}
	fmt.Fprintf(e.stderr, "hybridc import: %s, %s, %s; %s left out (see the header)",
		count(len(im.Config.Mailboxes), "mailbox", "mailboxes"), count(len(im.Config.Permissions), "permission", "permissions"),
		count(len(im.Config.ExchangeOnline.Groups), "group", "groups"), count(skipped, "entry", "entries"))
	if len(im.Review) > 0 {
		fmt.Fprintf(e.stderr, "; %d values to review", len(im.Review))
	}
	fmt.Fprintln(e.stderr)
	if single && len(im.Config.Permissions) > compiler.ImportSplitAt {
		fmt.Fprintf(e.stderr, "hybridc import: %d permissions in one file: -o DIR splits them into files of %d\n", len(im.Config.Permissions), compiler.ImportSplitAt)
	}
}

// validImport validates the configuration an import would write, as
// validate would (Imported.ValidFast first, which leaves out of the text
// the permissions that bring no new value; the whole text when it finds
// anything, for the errors' positions); on errors it prints them, traced back to the state
// values they came from (the state files are read again), and reports
// that nothing was written.
func validImport(e *env, p *progress, im *compiler.Imported, paths []string) bool {
	p.step("validating the configuration")
	if im.ValidFast(compiler.Options{Progress: p.compiling(0, "validating the configuration")}) {
		return true
	}
	text := im.Files("hybrid.yaml", false)["hybrid.yaml"]
	diags := compiler.ValidateImportedWith(text, compiler.Options{Progress: p.compiling(0, "validating the configuration")})
	if !diags.HasErrors() {
		return true
	}
	p.done()
	var srcs []compiler.Source
	var budget stateBudget
	for _, p := range paths {
		if data, err := budget.readState(p); err == nil {
			srcs = append(srcs, compiler.Source{Name: p, Data: bytes.TrimPrefix(data, []byte("\ufeff"))})
		}
	}
	e.diagnostics(compiler.TraceToState(diags, text, srcs))
	fmt.Fprintln(e.stderr, "hybridc import: the configuration would not validate (values in the states that hybridc refuses); nothing was written")
	return false
}

// count writes n with the singular or plural noun: "1 group", "2 groups".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
