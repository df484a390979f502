package cli

import (
	"flag"
	"fmt"

	"github.com/hybridc/hybridc/cmd/cli/report"
	"github.com/hybridc/hybridc/compiler"
	"github.com/hybridc/hybridc/compiler/kinds"
)

var planHelp = `
Compares two versions of a configuration and prints what applying the new
one's scripts would change, organization by organization:

  +  added: declared present now, and not before (or declared absent before)
  -  removed: declared ensure: absent now, and not before; the script removes it
  ~  changed: each managed property, old -> new; lists such as domainNames as
     the items added and removed (case-insensitively, as the scripts compare)
  !  no longer managed: declared before, and deleted from the YAML now.
     hybridc never removes what the YAML does not declare: it stays as it is.

Resources are matched within each script by kind and identity, what the
script finds them by, ignoring case as the scripts do: a Microsoft 365
group (and its members, owners and unsubscribed members) by its primary
SMTP address, a permission by trustee, mailbox and folder, a remote
domain by its domain name, every other resource by its name. So reordering the YAML changes nothing, and changing
a group's address plans as another group: the old one no longer managed,
the one at the new address added or taken over. Both versions must be
valid.

With --base REV, OLD is FILE as it was in git revision REV (a commit,
branch or tag such as origin/main), read from git without checking anything
out; a FILE that did not exist in REV counts as empty, so everything is
added. FILE may be a directory of YAML files, merged as compile merges them.
` + dirConfigHelp + `
With --base, FILE is resolved in each version by that version's files: at
REV, its directory is read (REV:DIR) if it held a part file then, and the
file alone otherwise, whatever it is now; so a directory split into parts
since REV is compared with the file it was split from. A note on standard
error says when REV is read differently from now.

--format text is for terminals; markdown is for a pull request comment (a
collapsible section per script); json is for programs:

  {"formatVersion": 1, "old": "...", "new": "...", "changes": true,
   "summary": {"added": 1, "removed": 0, "changed": 1, "unmanaged": 0, "unchanged": 3},
   "scripts": [{"file": "onprem.ps1", "organization": "Contoso", "status": "changed",
     "added": ["organizationRelationship/To Partner"], "removed": [],
     "changed": [{"resource": "organizationRelationship/To Cloud", "properties": [
       {"name": "` + kinds.OrganizationRelationship.Param("domainNames") + `", "added": ["new.contoso.com"], "removed": []},
       {"name": "` + kinds.OrganizationRelationship.Param("mailTipsAccessLevel") + `", "old": "All", "new": "Limited"}]}],
     "unmanaged": [], "unchanged": 3}]}

Examples:
  hybridc plan old.yaml hybrid.yaml
  hybridc plan --base main hybrid.yaml
  hybridc plan --base origin/main --format markdown config/ > plan.md

On a terminal, a run that takes over a second shows on standard error
what it is doing, with counts (--quiet: never).

Exit codes: 0 no changes, 1 changes planned, 2 usage or input error (bad
flags, an unreadable or invalid version or state, a git failure).

Earlier versions of plan followed terraform plan -detailed-exitcode (0 no
changes, 2 changes, 1 error), unlike the other commands: update CI jobs
that test for those codes (see the changelog).
` + planStateHelp

// Exit codes of plan: changes are its findings, and an invalid version is
// an input error, so that an error never passes for a change.
const (
	planNoChanges = ExitOK
	planChanges   = ExitFindings
	planError     = ExitUsage
)

func runPlan(e *env, args []string) int {
	fs := newFlags(e, "plan", "[--format "+report.Choices(planFormatNames)+"] (OLD NEW | --base REV FILE | --state STATE.json... FILE)", planHelp)
	base := fs.String("base", "", "compare FILE with its version in git `revision` REV (commit, branch or tag)")
	format := fs.String("format", "text", "output `format`: "+report.OneOf(planFormatNames))
	fromState := fs.Bool("state", false, "compare FILE with the organizations described by the state files before it (hybridc export)")
	quiet := quietFlag(fs)
	files, code, done := parse(e, fs, args)
	if done {
		return code
	}
	write, ok := planFormats[*format]
	if !ok {
		fmt.Fprintf(e.stderr, "hybridc plan: unknown --format %q: use %s\n", printable(*format), report.OneOf(planFormatNames))
		return planError
	}
	p := e.newProgress(*quiet)
	defer p.done()
	if *fromState {
		return runPlanState(e, p, fs, *base, files, write)
	}
	oldIn, newIn, oldName, code := readPlanInputs(e, p, fs, *base, files)
	if code != ExitOK {
		return code
	}
	var oldPlan *compiler.Schedule
	versions := 1
	if oldIn != nil {
		versions = 2
		if oldPlan = planOf(e, p, 0, oldIn, "analyzing "+oldName+ofFiles(0, versions)); oldPlan == nil {
			return planError
		}
	} else {
		oldName += " (absent: everything is added)"
	}
	newPlan := planOf(e, p, 0, newIn, "analyzing "+newIn.name+ofFiles(versions-1, versions))
	if newPlan == nil {
		return planError
	}
	p.step("comparing")
	change := compiler.Diff(oldPlan, newPlan)
	p.done()
	if err := write(e.stdout, &planReport{Old: oldName, New: newIn.name, Change: change}); err != nil {
		e.complain("plan", "%s", err)
		return planError
	}
	if change.HasChanges() {
		return planChanges
	}
	return planNoChanges
}

// readPlanInputs reads the two versions plan compares: OLD and NEW, or
// FILE and its version at git revision base (oldIn nil when FILE did not
// exist there). On a usage or read error it reports it and returns
// planError.
func readPlanInputs(e *env, p *progress, fs *flag.FlagSet, base string, files []string) (oldIn, newIn *input, oldName string, code int) {
	var err error
	configs := newConfigResolver(e)
	switch {
	case base != "" && len(files) == 1 && files[0] != "-":
		p.step("reading %s", files[0])
		path, asDir := configs.resolve(p, files[0])
		if newIn, err = readInput(e, path); err == nil {
			p.step("reading %s at %s", files[0], base)
			oldIn, oldName, err = readConfigAtRevision(e, p, base, files[0], asDir)
		}
	case base == "" && len(files) == 2 && !(files[0] == "-" && files[1] == "-"):
		p.step("reading %s", files[0])
		path, _ := configs.resolve(p, files[0])
		if oldIn, err = readInput(e, path); err == nil {
			oldName = oldIn.name
			p.step("reading %s", files[1])
			path, _ = configs.resolve(p, files[1])
			newIn, err = readInput(e, path)
		}
	default:
		fmt.Fprintln(e.stderr, "hybridc plan: give OLD and NEW, or --base REV and one FILE")
		fs.SetOutput(e.stderr)
		fs.Usage()
		return nil, nil, "", planError
	}
	if err != nil {
		p.done()
		e.complain("plan", "%s", err)
		return nil, nil, "", planError
	}
	return oldIn, newIn, oldName, ExitOK
}

// planOf analyzes one version, showing it as what in lane of p and
// printing its diagnostics to standard error, and returns its plan, or nil
// when it has errors.
func planOf(e *env, p *progress, lane int, in *input, what string) *compiler.Schedule {
	p.set(lane, what)
	res := in.analyze(p.compiling(lane, what))
	p.set(lane, "")
	if len(res.Diagnostics) > 0 {
		p.clear()
	}
	e.diagnostics(res.Diagnostics)
	if res.Schedule == nil {
		e.complain("plan", "%s has errors", in.name)
	}
	return res.Schedule
}
