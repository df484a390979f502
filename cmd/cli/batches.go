package cli

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/hybridc/hybridc/cmd/cli/report"
	"github.com/hybridc/hybridc/compiler"
	"github.com/hybridc/hybridc/compiler/config"
)

const batchesHelp = `
Groups the on-premises mailboxes (location: onPremises) into the batches that
must move to Exchange Online together: a mailbox and every on-premises
mailbox it grants or receives Full Access, Send As, Send on Behalf or folder
permissions with, and theirs in turn. Mailboxes without such permissions are
batches of one. Permissions with ensure: absent join nothing, and neither do
permissions with a mailbox already in Exchange Online or with a group (groups
live in Exchange Online): cross-premises permissions work once one side has
moved, so moving the on-premises side later breaks nothing. Folder
permissions are the exception: they do not work across premises, so
'hybridc validate' warns about each one that crosses (HC0321), and its
on-premises mailbox should move early.

A service account with rights on many mailboxes fuses them all into one
batch. Mark it serviceAccount: true and use --exclude-service-accounts: it
is then left out of the batches and listed separately, to move on its own
schedule.

Batches are listed largest first (then by their first mailbox), mailboxes in
each sorted case-insensitively, numbered from 1; the same file always gives
the same batches. Formats:

  text   a summary, a histogram of batch sizes, then each batch
  csv    Batch,EmailAddress: one row per mailbox
  json   {"formatVersion":1,"batches":[{"id":1,"size":3,"mailboxes":[...]}],
          "excluded":[...],"summary":{...}}
  ps1    migrate.ps1, for Exchange Online PowerShell: creates each batch
         that does not exist yet with New-MigrationBatch from the remote move
         endpoint (--endpoint, or the one exchangeOnline.migrationEndpoints
         declares) to the tenant's routingDomain, named --batch-prefix and
         its number; a batch that exists is compared, never changed. It
         starts or completes batches only with --auto-start/--auto-complete.
         -WhatIf previews, -Check exits 2 when a batch is missing or differs.
         Mailboxes must be named by SMTP address. Not with --state.

EmailAddress is the column New-MigrationBatch -CSVData expects; it holds the
mailbox name as declared, so declare mailboxes by SMTP address or user
principal name to use the CSV for migration batches. New-MigrationBatch
refuses columns it does not know (unless -AllowUnknownColumnsInCsv $true),
so give it one batch's EmailAddress column, for example in Exchange Online
PowerShell:

  Import-Csv batches.csv | Where-Object Batch -eq 1 | Select-Object EmailAddress |
      Export-Csv batch1.csv -NoTypeInformation
  New-MigrationBatch -Name Batch1 -SourceEndpoint Hybrid -TargetDeliveryDomain contoso.mail.onmicrosoft.com ` + "`" + `
      -CSVData ([IO.File]::ReadAllBytes("$PWD\batch1.csv"))

FILE may also be a directory of YAML files, merged as 'hybridc validate'
merges them; "-" reads standard input. The configuration must have no
errors: they are printed to standard error, as 'hybridc validate' prints
them, and no batches are listed. Each batch larger than --warn-size
(default 500, the practical size of a migration batch) gets a warning on
standard error, which does not fail. On a terminal, a run that takes over a
second shows on standard error what it is doing (--quiet: never).
` + dirConfigHelp + `
With --state, the mailboxes and permissions come from state files that
hybridc's export scripts wrote (see 'hybridc export'), read as 'hybridc
import' reads them: the real permissions, as Microsoft's
Find-MailboxDelegates computes them online, without system and inherited
entries; mailboxes are named by primary SMTP address, ready for the CSV.
` + globHelp + `
Examples:
  hybridc batches hybrid.yaml
  hybridc batches --state export/*.json --format csv > batches.csv
  hybridc batches hybrid.yaml --exclude-service-accounts
  hybridc batches hybrid.yaml --format csv > batches.csv
  hybridc batches hybrid.yaml --format json --warn-size 200
  hybridc batches hybrid.yaml --format ps1 > migrate.ps1

Exit codes: 0 batches listed, 1 errors in the file or the state files (or
mailbox names a CSV cannot hold), 2 usage or I/O error (bad flags, a file
that cannot be read).
`

func runBatches(e *env, args []string) int {
	fs := newFlags(e, "batches", "FILE [--format "+report.Choices(batchFormatNames)+"] [--exclude-service-accounts] [--warn-size N]", batchesHelp)
	format := fs.String("format", "text", "output `format`: "+report.OneOf(batchFormatNames))
	exclude := fs.Bool("exclude-service-accounts", false, "leave mailboxes with serviceAccount: true out of the batches")
	warnSize := fs.Int("warn-size", 500, "warn about batches of more than `N` mailboxes (0: never)")
	quiet := quietFlag(fs)
	fromState := fs.Bool("state", false, "read the permissions from state files (hybridc export) instead of a YAML FILE")
	script := batchScriptFlags{
		endpoint:     fs.String("endpoint", "", "--format ps1: the migration endpoint the batches move from (default: the one the YAML declares)"),
		prefix:       fs.String("batch-prefix", "hybridc batch ", "--format ps1: each batch's name is this `prefix` and its number"),
		autoStart:    fs.Bool("auto-start", false, "--format ps1: start each new batch (New-MigrationBatch -AutoStart)"),
		autoComplete: fs.Bool("auto-complete", false, "--format ps1: complete each new batch once synced (New-MigrationBatch -AutoComplete)"),
	}
	files, code, done := parse(e, fs, args)
	if done {
		return code
	}
	if *fromState && len(files) > 0 {
		return batchesFromState(e, files, *format, *warnSize, *quiet)
	}
	if len(files) != 1 {
		fmt.Fprintln(e.stderr, "hybridc batches: need exactly one FILE")
		fs.Usage()
		return ExitUsage
	}
	_, ok := batchFormats[*format]
	if !ok {
		fmt.Fprintf(e.stderr, "hybridc batches: unknown format %q: use %s\n", printable(*format), report.OneOf(batchFormatNames))
		return ExitUsage
	}
	if *warnSize < 0 {
		fmt.Fprintf(e.stderr, "hybridc batches: --warn-size %d: need 0 or more\n", *warnSize)
		return ExitUsage
	}
	p := e.newProgress(*quiet)
	defer p.done()
	p.step("reading %s", files[0])
	in, err := readConfig(e, p, files[0])
	if err != nil {
		p.done()
		e.complain("batches", "%s", err)
		return ExitUsage
	}
	// Diagnostics go to standard error, so that standard output holds only
	// the batches, ready for a CSV or JSON reader.
	p.step("validating %s", in.name)
	res := in.analyze(p.compiling(0, "validating "+in.name))
	p.done()
	e.diagnostics(res.Diagnostics)
	if res.Diagnostics.HasErrors() || res.Config == nil {
		e.complain("batches", "%s has errors; no batches computed", in.name)
		return ExitFindings
	}
	batching := compiler.Batches(res.Config, compiler.BatchOptions{ExcludeServiceAccounts: *exclude})
	if *format == "ps1" {
		opt, ok := script.scriptOptions(e, res.Config, in.name)
		if !ok {
			return ExitFindings
		}
		return writeBatchScript(e, batching, opt)
	}
	return writeBatches(e, batching, *format, *warnSize)
}

// batchesFromState computes the batches from state files (--state).
func batchesFromState(e *env, files []string, format string, warnSize int, quiet bool) int {
	if _, ok := batchFormats[format]; !ok || warnSize < 0 || format == "ps1" {
		fmt.Fprintf(e.stderr, "hybridc batches: bad --format %q or --warn-size %d\n", printable(format), warnSize)
		return ExitUsage
	}
	files, err := expandGlobs(files)
	if err != nil {
		e.complain("batches", "%s", err)
		return ExitUsage
	}
	p := e.newProgress(quiet)
	defer p.done()
	cfg, code := batchesStateConfig(e, p, files)
	if code != ExitOK {
		return code
	}
	p.step("computing the batches")
	batching := compiler.Batches(cfg, compiler.BatchOptions{})
	p.done()
	return writeBatches(e, batching, format, warnSize)
}

// writeBatches prints a batch plan in a format, with its warnings.
func writeBatches(e *env, batching *compiler.Batching, format string, warnSize int) int {
	write := batchFormats[format]
	if format == "csv" {
		if bad := csvUnsafe(batching); len(bad) > 0 {
			fmt.Fprintf(e.stderr, "hybridc batches: %s cannot go into a CSV: %s: a cell with = + - or @ at its start or after a , ; tab or | (spaces and quotes skipped) can run as a formula in a spreadsheet program, whatever its list separator, and a hidden character is no address; give those mailboxes by their primary SMTP address, or use --format json\n",
				batchCount(len(bad), "mailbox"), batchNameList(bad, 10))
			return ExitFindings
		}
	}

	out := bufio.NewWriterSize(e.stdout, 64<<10)
	write(out, batching)
	if err := out.Flush(); err != nil {
		e.complain("batches", "%s", err)
		return ExitUsage
	}
	if format == "csv" && len(batching.Excluded) > 0 {
		fmt.Fprintf(e.stderr, "hybridc batches: %s left out of the CSV, to move on their own schedule: %s\n",
			batchCount(len(batching.Excluded), "service account"), batchNameList(batching.Excluded, 10))
	}
	for _, b := range batching.Batches {
		if warnSize == 0 || len(b.Mailboxes) <= warnSize {
			break // largest first
		}
		fmt.Fprintf(e.stderr, "hybridc batches: warning: batch %d has %d mailboxes, more than --warn-size %d"+
			" (%s takes part in %s that join it): mark service accounts serviceAccount: true and use"+
			" --exclude-service-accounts, or split the batch by removing permissions between its mailboxes\n",
			b.ID, len(b.Mailboxes), warnSize, printable(string(b.Hub)), batchCount(b.HubPermissions, "permission"))
	}
	return ExitOK
}

// batchFormatNames are the names of batchFormats, in the order the help
// lists them.
var batchFormatNames = []string{"text", "csv", "json", "ps1"}

// batchFormats writes a plan in each --format.
var batchFormats = map[string]func(io.Writer, *compiler.Batching){
	"text": writeBatchesText,
	"csv":  writeBatchesCSV,
	"json": writeBatchesJSON,
	"ps1":  nil, // writeBatchScript: needs the configuration
}

// histogramWidth is the length of the longest bar of the text histogram.
const histogramWidth = 40

// writeBatchesText writes a summary line, a histogram of batch sizes in
// power-of-two buckets (1, 2, 3-4, 5-8, ...) up to the largest, each batch,
// and the excluded service accounts.
func writeBatchesText(w io.Writer, batching *compiler.Batching) {
	fmt.Fprintf(w, "%s in %s; largest %d", batchCount(batching.Mailboxes, "on-premises mailbox"), batchCount(len(batching.Batches), "batch"), batching.Largest())
	if len(batching.Excluded) > 0 {
		fmt.Fprintf(w, "; %s left out", batchCount(len(batching.Excluded), "service account"))
	}
	fmt.Fprintln(w)

	if len(batching.Batches) > 0 {
		type bucket struct {
			label              string
			batches, mailboxes int
		}
		var buckets []bucket
		for lo, hi := 1, 1; lo <= batching.Largest(); lo, hi = hi+1, hi*2 {
			label := strconv.Itoa(lo)
			if hi > lo {
				label += "-" + strconv.Itoa(hi)
			}
			buckets = append(buckets, bucket{label: label})
		}
		most := 0
		for _, s := range batching.Sizes() {
			i := bucketOf(s.Size)
			buckets[i].batches += s.Batches
			buckets[i].mailboxes += s.Batches * s.Size
			most = max(most, buckets[i].batches)
		}
		fmt.Fprintf(w, "\n%-12s %8s %10s\n", "size", "batches", "mailboxes")
		for _, b := range buckets {
			bar := (b.batches*histogramWidth + most - 1) / most
			line := fmt.Sprintf("%-12s %8d %10d  %s", b.label, b.batches, b.mailboxes, strings.Repeat("#", bar))
			fmt.Fprintln(w, strings.TrimRight(line, " "))
		}
	}

	for _, b := range batching.Batches {
		fmt.Fprintf(w, "\nBatch %d: %s\n", b.ID, batchCount(len(b.Mailboxes), "mailbox"))
		for _, m := range b.Mailboxes {
			fmt.Fprintf(w, "  %s\n", mailboxLine(string(m)))
		}
	}
	if len(batching.Excluded) > 0 {
		fmt.Fprintf(w, "\nService accounts, move on their own schedule: %d\n", len(batching.Excluded))
		for _, m := range batching.Excluded {
			fmt.Fprintf(w, "  %s\n", mailboxLine(string(m)))
		}
	}
}

// bucketOf is the histogram bucket of a batch size: 0 for 1, 1 for 2, 2 for
// 3-4, 3 for 5-8, ...
func bucketOf(size int) int {
	i := 0
	for hi := 1; hi < size; hi *= 2 {
		i++
	}
	return i
}

// csvUnsafe lists the mailboxes of the batches that a CSV cell cannot hold
// safely: one a spreadsheet program could run as a formula in any list
// separator locale (see formulaCell), or that holds a hidden character.
func csvUnsafe(batching *compiler.Batching) []config.Identity {
	var bad []config.Identity
	for _, b := range batching.Batches {
		for _, m := range b.Mailboxes {
			s := string(m)
			if formulaCell(s) || strings.ContainsFunc(s, compiler.HiddenRune) {
				bad = append(bad, m)
			}
		}
	}
	return bad
}

// csvSeparators are the characters a spreadsheet program may split a CSV
// line at, depending on the locale's list separator: comma, semicolon, tab
// and pipe (line breaks are hidden characters, refused on their own).
const csvSeparators = ",;\t|"

// formulaCell reports whether a spreadsheet program could read s, or a part
// of it, as a formula: whether = + - or @ comes at its start or right after
// any of csvSeparators, once spaces and quotes (" ') there are skipped. A
// program whose list separator is ";" splits "x;=cmd|..." into "x" and a
// formula cell, and quoting the cell does not stop it (the quotes are only
// CSV quotes for ","), so every separator counts, whatever the file uses.
func formulaCell(s string) bool {
	start := true
	for _, r := range s {
		switch {
		case start && strings.ContainsRune(" \"'", r):
			continue
		case start && strings.ContainsRune("=+-@", r):
			return true
		}
		start = strings.ContainsRune(csvSeparators, r)
	}
	return false
}

// writeBatchesCSV writes the header Batch,EmailAddress and one row per
// mailbox, quoted as CSV needs.
func writeBatchesCSV(w io.Writer, batching *compiler.Batching) {
	cw := csv.NewWriter(w)
	cw.Write([]string{"Batch", "EmailAddress"})
	for _, b := range batching.Batches {
		id := strconv.Itoa(b.ID)
		for _, m := range b.Mailboxes {
			cw.Write([]string{id, string(m)})
		}
	}
	cw.Flush()
}

// batchesJSON is the JSON format, version 1.
type batchesJSON struct {
	FormatVersion int               `json:"formatVersion"`
	Batches       []batchJSON       `json:"batches"`
	Excluded      []config.Identity `json:"excluded"`
	Summary       batchSummaryJSON  `json:"summary"`
}

type batchJSON struct {
	ID        int               `json:"id"`
	Size      int               `json:"size"`
	Mailboxes []config.Identity `json:"mailboxes"`
}

type batchSummaryJSON struct {
	Mailboxes   int `json:"mailboxes"`
	Batches     int `json:"batches"`
	Largest     int `json:"largest"`
	Excluded    int `json:"excluded"`
	Permissions int `json:"permissions"`
}

// writeBatchesJSON writes the plan as one indented JSON object.
func writeBatchesJSON(w io.Writer, batching *compiler.Batching) {
	doc := batchesJSON{
		FormatVersion: 1,
		Batches:       make([]batchJSON, len(batching.Batches)),
		Excluded:      batching.Excluded,
		Summary: batchSummaryJSON{
			Mailboxes:   batching.Mailboxes,
			Batches:     len(batching.Batches),
			Largest:     batching.Largest(),
			Excluded:    len(batching.Excluded),
			Permissions: batching.Permissions,
		},
	}
	if doc.Excluded == nil {
		doc.Excluded = []config.Identity{}
	}
	for i, b := range batching.Batches {
		doc.Batches[i] = batchJSON{ID: b.ID, Size: len(b.Mailboxes), Mailboxes: b.Mailboxes}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.Encode(doc)
	w.Write(report.CommandSafe(buf.Bytes()))
}

// batchCount formats n and a noun, in the plural unless n is 1.
func batchCount(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	switch {
	case strings.HasSuffix(noun, "x"), strings.HasSuffix(noun, "ch"):
		noun += "es"
	default:
		noun += "s"
	}
	return strconv.Itoa(n) + " " + noun
}

// batchNameList lists up to limit names, and how many more there are.
func batchNameList(names []config.Identity, limit int) string {
	var b strings.Builder
	for i, n := range names {
		if i == limit {
			fmt.Fprintf(&b, " and %d more", len(names)-limit)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(printable(string(n)))
	}
	return b.String()
}

// mailboxLine is a mailbox's name as a line of batches' text output: in
// single quotes when it starts with ":", since the Actions runner reads a
// line starting "::" (after white space) as a workflow command.
func mailboxLine(name string) string {
	if strings.HasPrefix(strings.TrimLeftFunc(name, unicode.IsSpace), ":") {
		return quoted(name)
	}
	return printable(name)
}
