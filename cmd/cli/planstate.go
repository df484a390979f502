package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/hybridc/hybridc/compiler"
)

// planStateHelp is the part of plan's help about --state.
const planStateHelp = `
With --state, plan compares FILE with the organizations themselves, offline:
the state files before FILE are what hybridc's export scripts read (see
'hybridc export'), one per organization, matched to the scripts by
organization or tenant name. It prints what running FILE's scripts would
change there, with the scripts' own rules: objects found by Guid, address,
user principal name, alias or name (never display name), lists such as
domainNames compared as case-insensitive sets, and members, owners and roles
only added unless the YAML declares the set exclusive. A script whose
organization no state describes (entra-connect.ps1 always) is not compared,
with a warning. A declared name the state does not resolve to exactly one
object is warned about: the script would fail there.

  hybridc plan --state export/*.json hybrid.yaml
` + globHelp

// maxStateBytes caps what is read of one state file: 512 MiB, four times
// the 120 MB of each state of the 50,000-mailbox benchmark (500,000
// permissions). compiler.LoadState caps the entries too.
const maxStateBytes = 512 << 20

// maxStatesBytes caps what one command reads of all its state files
// together: 1 GiB, so that an on-premises and an online state each at
// maxStateBytes fit. A command holds every state it reads at once, and
// takes up to 8 to 10 times their size in memory (decoded states, their
// directories), so without it memory would grow with the number of files
// given. A variable so that tests can lower it.
var maxStatesBytes int64 = 1 << 30

// stateBudget reads the state files of one command, within maxStatesBytes
// in all.
type stateBudget struct {
	read int64 // the bytes read so far
}

// readState reads one state file (following a link, as for any file the
// user names), refusing it when it is larger than maxStateBytes or than
// what is left of maxStatesBytes.
func (b *stateBudget) readState(p string) ([]byte, error) {
	left := maxStatesBytes - b.read
	data, err := readFollowing(p, min(maxStateBytes, left))
	if errors.Is(err, errTooLarge) && left < maxStateBytes {
		return nil, fmt.Errorf("%s: the state files given are larger in all than the %s one command reads (%s read before this one; a command takes up to 8 to 10 times the size of its states in memory): give fewer state files; plan --state compares each organization with its own state, so very large states can be planned one state per command",
			p, sizeText(maxStatesBytes), sizeText(b.read))
	}
	b.read += int64(len(data))
	return data, err
}

// sizeText is a size in GiB or MiB when it is a whole number of them,
// else in bytes.
func sizeText(n int64) string {
	if n >= 1<<30 && n%(1<<30) == 0 {
		return fmt.Sprintf("%d GiB", n>>30)
	}
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// readStates reads and decodes state files, one at a time so that only
// one file's bytes are held, within maxStatesBytes in all, showing which
// in lane of p, and prints their diagnostics. The code is ExitOK,
// ExitUsage when a file cannot be read (or the files are too large), or
// ExitFindings when the states have errors.
func readStates(e *env, p *progress, lane int, cmd string, paths []string) ([]*compiler.StateFile, int) {
	var budget stateBudget
	i := 0
	read := func(path string) ([]byte, error) {
		p.set(lane, fmt.Sprintf("reading state %s%s", path, ofFiles(i, len(paths))))
		i++
		return budget.readState(path)
	}
	states, diags, err := compiler.LoadStates(paths, read)
	p.set(lane, "")
	if err != nil {
		p.clear()
		e.complain(cmd, "%s", err)
		return nil, ExitUsage
	}
	if len(diags) > 0 {
		p.clear()
	}
	e.diagnostics(diags)
	if diags.HasErrors() {
		fmt.Fprintf(e.stderr, "hybridc %s: the state files have errors\n", cmd)
		return nil, ExitFindings
	}
	return states, ExitOK
}

// runPlanState is plan --state STATE.json... FILE.
func runPlanState(e *env, p *progress, fs *flag.FlagSet, base string, files []string, write func(io.Writer, *planReport) error) int {
	if base != "" || len(files) < 2 || files[len(files)-1] == "-" {
		fmt.Fprintln(e.stderr, "hybridc plan: --state needs one or more STATE files and then FILE (and no --base)")
		fs.SetOutput(e.stderr)
		fs.Usage()
		return planError
	}
	stateFiles, err := expandGlobs(files[:len(files)-1])
	if err != nil {
		e.complain("plan", "%s", err)
		return planError
	}
	name, _ := newConfigResolver(e).resolve(p, files[len(files)-1])
	// The configuration is analyzed first and the states read after it,
	// not at the same time: by then the analysis' own memory (every
	// file's YAML nodes, the files themselves) is garbage and only the
	// plan is kept, so the states do not add to the analysis' peak.
	// Messages are printed in order afterwards (the states' first).
	var stateMessages, planMessages bytes.Buffer
	se, pe := *e, *e
	se.stderr, pe.stderr = &stateMessages, &planMessages
	p.set(0, "reading "+name)
	in, err := readInput(e, name)
	var plan *compiler.Schedule
	if err == nil {
		plan = planOf(&pe, p, 0, in, "analyzing "+in.name)
		in.file, in.dir = nil, nil // only its name is needed from here
	}
	p.set(0, "")
	states, stateCode := readStates(&se, p, 1, "plan", stateFiles)
	p.clear()
	e.stderr.Write(stateMessages.Bytes())
	if stateCode != ExitOK {
		return planError
	}
	if err != nil {
		e.complain("plan", "%s", err)
		return planError
	}
	e.stderr.Write(planMessages.Bytes())
	if plan == nil {
		return planError
	}
	p.step("comparing with the states")
	change, diags := compiler.DiffState(plan, states)
	p.done()
	e.diagnostics(diags)
	old := "state " + strings.Join(stateFiles, ", ")
	if err := write(e.stdout, &planReport{Old: old, New: in.name, Change: change}); err != nil {
		e.complain("plan", "%s", err)
		return planError
	}
	if change.HasChanges() {
		return planChanges
	}
	return planNoChanges
}
