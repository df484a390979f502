package cli

import (
	"fmt"

	"github.com/hybridc/hybridc/compiler"
)

const planHelp = `
Compares two versions of a configuration and prints what applying the new
one's scripts would change, organization by organization:

  +  added: declared present now, and not before (or declared absent before)
  -  removed: declared ensure: absent now, and not before; the script removes it
  ~  changed: each managed property, old -> new; lists such as DomainNames as
     the items added and removed (case-insensitively, as the scripts compare)
  !  no longer managed: declared before, and deleted from the YAML now.
     hybridc never removes what the YAML does not declare: it stays as it is.

Resources are matched within each script by kind and identity, what the
script finds them by, ignoring case as the scripts do: a Microsoft 365
group (and its members, owners and unsubscribed members) by its primary
SMTP address, a permission by trustee, mailbox and folder, every other
resource by its name. So reordering the YAML changes nothing, and changing
a group's address plans as another group: the old one no longer managed,
the one at the new address added or taken over. Both versions must be
valid.

With --base REV, OLD is FILE as it was in git revision REV (a commit,
branch or tag such as origin/main), read from git without checking anything
out; a FILE that did not exist in REV counts as empty, so everything is
added. FILE may be a directory of YAML files, merged as compile merges them.

--format text is for terminals; markdown is for a pull request comment (a
collapsible section per script); json is for programs:

  {"formatVersion": 1, "old": "...", "new": "...", "changes": true,
   "summary": {"added": 1, "removed": 0, "changed": 1, "unmanaged": 0, "unchanged": 3},
   "scripts": [{"file": "onprem.ps1", "organization": "Contoso", "status": "changed",
     "added": ["organizationRelationship/To Partner"], "removed": [],
     "changed": [{"resource": "organizationRelationship/To Cloud", "properties": [
       {"name": "DomainNames", "added": ["new.contoso.com"], "removed": []},
       {"name": "MailTipsAccessLevel", "old": "All", "new": "Limited"}]}],
     "unmanaged": [], "unchanged": 3}]}

Examples:
  hybridc plan old.yaml hybrid.yaml
  hybridc plan --base main hybrid.yaml
  hybridc plan --base origin/main --format markdown config/ > plan.md

Exit codes, as terraform plan -detailed-exitcode: 0 no changes, 2 changes,
1 error (an invalid version, a git failure, bad flags).
` + planStateHelp

// Exit codes of plan, which follow terraform plan -detailed-exitcode
// rather than the other commands.
const (
	planNoChanges = 0
	planError     = 1
	planChanges   = 2
)

func runPlan(e *env, args []string) int {
	fs := newFlags(e, "plan", "[--format text|markdown|json] (OLD NEW | --base REV FILE | --state STATE.json... FILE)", planHelp)
	base := fs.String("base", "", "compare FILE with its version in git `revision` REV (commit, branch or tag)")
	format := fs.String("format", "text", "output `format`: text, markdown or json")
	fromState := fs.Bool("state", false, "compare FILE with the organizations described by the state files before it (hybridc export)")
	files, code, done := parse(e, fs, args)
	if done {
		if code == ExitOK {
			return ExitOK
		}
		return planError
	}
	write, ok := planFormats[*format]
	if !ok {
		fmt.Fprintf(e.stderr, "hybridc plan: unknown --format %q: use text, markdown or json\n", *format)
		return planError
	}
	if *fromState {
		return runPlanState(e, fs, *base, files, write)
	}
	var oldIn, newIn *input
	var oldName string
	var err error
	switch {
	case *base != "" && len(files) == 1 && files[0] != "-":
		if newIn, err = readInput(e, files[0]); err == nil {
			oldIn, oldName, err = readAtRevision(*base, files[0])
		}
	case *base == "" && len(files) == 2 && !(files[0] == "-" && files[1] == "-"):
		if oldIn, err = readInput(e, files[0]); err == nil {
			oldName = oldIn.name
			newIn, err = readInput(e, files[1])
		}
	default:
		fmt.Fprintln(e.stderr, "hybridc plan: give OLD and NEW, or --base REV and one FILE")
		fs.SetOutput(e.stderr)
		fs.Usage()
		return planError
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "hybridc plan: %s\n", printable(err.Error()))
		return planError
	}
	var oldPlan *compiler.Plan
	if oldIn != nil {
		if oldPlan = planOf(e, oldIn); oldPlan == nil {
			return planError
		}
	} else {
		oldName += " (absent: everything is added)"
	}
	newPlan := planOf(e, newIn)
	if newPlan == nil {
		return planError
	}
	change := compiler.Diff(oldPlan, newPlan)
	if err := write(e.stdout, &planReport{Old: oldName, New: newIn.name, Change: change}); err != nil {
		fmt.Fprintf(e.stderr, "hybridc plan: %s\n", printable(err.Error()))
		return planError
	}
	if change.HasChanges() {
		return planChanges
	}
	return planNoChanges
}

// planOf analyzes one version, printing its diagnostics to standard error,
// and returns its plan, or nil when it has errors.
func planOf(e *env, in *input) *compiler.Plan {
	res := in.analyze()
	fmt.Fprint(e.stderr, res.Diagnostics.String())
	if res.Plan == nil {
		fmt.Fprintf(e.stderr, "hybridc plan: %s has errors\n", printable(in.name))
	}
	return res.Plan
}
