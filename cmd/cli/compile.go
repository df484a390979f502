package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/hybridc/hybridc/compiler"
)

const compileHelp = `
Compiles a YAML file, or a directory of YAML files merged into one
configuration, into PowerShell scripts in DIR:

  onprem.ps1             for the Exchange Management Shell (when onPremises is declared)
  online.ps1             for Exchange Online PowerShell
  partner-<domain>.ps1   for each partner tenant's administrator
  entra-connect.ps1      for the Entra Connect server (group writeback permissions)
  runbook.md             which script runs where and in which order, manual steps
                         (licences, wizard pages, DNS records) and how to verify

Scripts are pure ASCII after a UTF-8 BOM, with CRLF line endings: a letter
outside ASCII is written escaped and decoded by the script. Nothing is written
unless the whole file compiles: on any error, files already in DIR stay as
they were.
` + dirConfigHelp + `
Each script supports -WhatIf, -Confirm and -Check (report drift, exit 2).
compile (and --check) warns on standard error about scripts in DIR that it
did not write: ones hybridc generated earlier that FILE no longer produces,
and foreign ones without hybridc's header, which should not be there.
` + signingHelp + `
Signing happens in memory before anything is written, so DIR never holds an
unsigned or half-written script where a signed one is expected. Check the
scripts later, or on the machine that runs them, with 'hybridc verify'.

On a terminal, a compile that takes over a second shows on standard error
what it is doing (--quiet: never).

--check writes nothing: it lists each script in DIR that is missing or
differs from what FILE compiles to, and exits 1 if there is one, 0 if all
are current (for a pre-commit hook or CI). With signing flags it compares
the scripts without their signatures, so that signed scripts count as
current; it reads no key (check signatures with 'hybridc verify'). Scripts
another hybridc version compiled from the same YAML differ at least in
their version line: --check names both versions, and says whether more
differs; compile them again with this version, or check them with the one
that compiled them (for signed scripts, only that keeps their signatures:
compiling again means signing again).
Scripts are compared byte for byte, and one whose line breaks or BOM git
converted is reported as such; runbook.md, which nothing signs or runs,
line by line. The SHA-256 of FILE in the headers ignores its line breaks
(CRLF, LF) and a BOM, so a clone with core.autocrlf=true is current.

Examples:
  hybridc compile hybrid.yaml -o out
  hybridc compile tenants.yaml -o scripts/
  hybridc compile config/ -o out                 # a directory: its *.yaml and *.yml files, merged
  hybridc compile hybrid.yaml -o out --check
  hybridc compile hybrid.yaml -o out --sign-pfx codesign.pfx --sign-password-file pfx-password.txt
  HYBRIDC_SIGN_PASSWORD=... hybridc compile hybrid.yaml -o out --sign-pfx codesign.pfx
  hybridc compile hybrid.yaml -o out --sign-cert codesign-chain.pem --sign-key codesign.key --sign-hash sha384
  hybridc compile hybrid.yaml -o out --sign-pfx codesign.pfx --sign-password-file pw.txt --timestamp-url http://timestamp.example.com/rfc3161

Exit codes: 0 compiled (with --check: all scripts current), 1 errors in the file
(with --check: a script missing or different), 2 usage, I/O or signing error.
`

func runCompile(e *env, args []string) int {
	fs := newFlags(e, "compile", "FILE -o DIR [--check]", compileHelp)
	out := fs.String("o", "", "`directory` to write the scripts to (created if missing)")
	check := fs.Bool("check", false, "write nothing; exit 1 if a script in the -o directory is missing or differs from what FILE compiles to")
	quiet := quietFlag(fs)
	sf := addSignFlags(fs)
	files, code, done := parse(e, fs, args)
	if done {
		return code
	}
	if len(files) != 1 || *out == "" {
		fmt.Fprintln(e.stderr, "hybridc compile: need exactly one FILE and -o DIR")
		fs.Usage()
		return ExitUsage
	}
	// Load and check the key first: a bad key or password must not cost a
	// compile, and must leave DIR as it was. --check signs nothing, so it
	// needs no key: the signing flags only say that the scripts are signed.
	var sg *signing
	if !*check {
		var err error
		if sg, err = sf.load(e); err != nil {
			e.complain("compile", "%s; nothing was written", err)
			return ExitUsage
		}
	}
	p := e.newProgress(*quiet)
	defer p.done()
	p.step("reading %s", files[0])
	in, err := readConfig(e, p, files[0])
	if err != nil {
		p.done()
		e.complain("compile", "%s", err)
		return ExitUsage
	}
	name := in.name
	softMemoryLimit(in, true)
	p.step("compiling %s", name)
	res, err := in.compile(p.compiling(0, "compiling "+name))
	p.clear()
	e.diagnostics(res.Diagnostics)
	if err != nil {
		e.complain("compile", "%s", err)
		return ExitFindings
	}
	if res.Files == nil {
		e.complain("compile", "%s has errors; nothing was written", name)
		return ExitFindings
	}
	if *check {
		p.step("comparing with %s", *out)
		defer p.done()
		return checkScripts(e, p, *out, name, res.Files, sf.wanted())
	}
	if sg != nil {
		if res.Files, err = signScriptsIn(p, sg, res.Files); err != nil {
			p.done()
			e.complain("compile", "%s; nothing was written", err)
			return ExitUsage
		}
	}
	p.step("writing %s", *out)
	err = writeFiles(*out, res.Files)
	p.done()
	if err != nil {
		e.complain("compile", "%s", err)
		return ExitUsage
	}
	for _, n := range res.Files.Names() {
		fmt.Fprintln(e.stdout, printableName(filepath.Join(*out, n)))
	}
	warnStale(e, *out, name, res.Files)
	return ExitOK
}

// signScriptsIn signs the scripts of files in memory (the runbook is not
// signed), showing which in p.
func signScriptsIn(p *progress, sg *signing, files compiler.Files) (compiler.Files, error) {
	signed := make(compiler.Files, len(files))
	scripts := slices.DeleteFunc(files.Names(), func(n string) bool { return !isScript(n) })
	for _, n := range files.Names() {
		if !isScript(n) {
			signed[n] = files[n]
			continue
		}
		p.step("signing %s%s", n, ofFiles(slices.Index(scripts, n), len(scripts)))
		var err error
		if signed[n], err = sg.sign(files[n]); err != nil {
			return nil, fmt.Errorf("signing %s: %w", n, err)
		}
	}
	return signed, nil
}

// isScript reports whether an output file is a PowerShell script, which is
// signed; the runbook is not.
func isScript(name string) bool { return filepath.Ext(name) == ".ps1" }

// warnStale warns about scripts in dir that hybridc generated earlier but
// that name no longer produces, and about scripts hybridc did not write.
func warnStale(e *env, dir, name string, files compiler.Files) {
	for _, stale := range staleScripts(dir, files) {
		e.complain("compile", "warning: %s was generated by hybridc but is no longer produced by %s; delete it if it is obsolete", stale, name)
	}
	for _, foreign := range foreignScripts(dir, files) {
		e.complain("compile", "warning: %s is a script hybridc did not write (not generated from %s); it is not yours to sign or run: find out who put it there, and delete it", foreign, name)
	}
}

// foreignScripts lists the .ps1 files (any case) in dir that this compile
// did not produce and that lack hybridc's generated header: scripts a pull
// request or someone else put beside the generated ones, which a careless
// 'sign out/*.ps1' would make runnable. Links and other non-regular
// entries are listed too, unread; folders are not.
func foreignScripts(dir string, files compiler.Files) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var foreign []string
	for _, e := range entries {
		if e.IsDir() || !strings.EqualFold(filepath.Ext(e.Name()), ".ps1") || files[e.Name()] != nil {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if !e.Type().IsRegular() || !bytes.Contains(readHead(p, 2048), generatedMarker) {
			foreign = append(foreign, p)
		}
	}
	sort.Strings(foreign)
	return foreign
}
