package render

import (
	"slices"
	"strings"

	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// The preflight's list of required cmdlets ($HybridcRequiredCommands) is
// read from the rendered script itself: every command the script's code
// runs with -ErrorAction Stop, the engine's rule for an Exchange call, is
// a cmdlet the run may call, so a session that lacks one (an RBAC-trimmed
// role, the wrong shell) fails at the preflight, before anything changes,
// instead of in the middle of the run. Only the code the configuration
// needs is rendered, so the list follows the configuration; the directory
// section's reads are all in it once any step resolves names.

// errorActionStop marks an Exchange call in the engine's code.
const errorActionStop = "-ErrorAction Stop"

// cmdletName is a Verb-Noun command name.
var cmdletName = pstext.LazyRegexp(`^[A-Z][a-z]+-[A-Za-z][A-Za-z0-9]*$`)

// notExchange are commands the scripts run with -ErrorAction Stop that
// PowerShell itself provides: the preflight does not ask for them.
var notExchange = map[string]bool{"Import-Module": true}

// ScriptCommands are the cmdlets a rendered script calls with
// -ErrorAction Stop, sorted and without duplicates. Engine functions
// (named *-Hybridc*) and PowerShell's own commands are left out.
func ScriptCommands(script string) []string {
	var out []string
	eachCommand(script, func(name string, _ int) { out = append(out, name) })
	slices.Sort(out)
	return slices.Compact(out)
}

// eachCommand calls fn with the name and position of every cmdlet call a
// rendered script makes with -ErrorAction Stop, in order: engine functions
// (named *-Hybridc*) and PowerShell's own commands are left out.
func eachCommand(script string, fn func(name string, at int)) {
	for rest, offset := script, 0; ; {
		i := strings.Index(rest, errorActionStop)
		if i < 0 {
			return
		}
		at := offset + i
		if name := commandBefore(script, at); name != "" && !notExchange[name] && !strings.Contains(name, "-Hybridc") {
			fn(name, at)
		}
		rest = rest[i+len(errorActionStop):]
		offset = at + len(errorActionStop)
	}
}

// commandBefore is the name of the command whose arguments hold the text at
// position at: the first word after the start of that command (a line's
// start, an opening brace or parenthesis it is nested in, a pipe or a
// semicolon at its own level), or "" when that word is no Verb-Noun name
// (a comment, a string).
func commandBefore(script string, at int) string {
	depth := 0
	start := 0
	for j := at - 1; j >= 0; j-- {
		c := script[j]
		switch c {
		case '}', ')':
			depth++
		case '{', '(':
			depth--
		case '|', ';':
			if depth > 0 {
				continue
			}
		case '\n':
		default:
			continue
		}
		if depth < 0 || (depth == 0 && (c == '|' || c == ';' || c == '\n')) {
			start = j + 1
			break
		}
	}
	text := script[start:at]
	if strings.Count(text, "'")%2 == 1 || strings.Count(text, `"`)%2 == 1 {
		return "" // inside a string
	}
	words := strings.Fields(text)
	if len(words) == 0 || !cmdletName().MatchString(words[0]) {
		return ""
	}
	return words[0]
}

// commandUse is one cmdlet of the preflight's list and what needs it, as
// literals: the preflight's message names the feature that needs each
// missing cmdlet, so that an administrator with a trimmed role knows which
// part of the configuration asks for it.
type commandUse struct {
	Name, Uses string
}

// commandUses are, for each cmdlet a rendered script calls, the steps (or
// engine parts) whose code calls it: the step kind of a Sync-Hybridc<Kind>
// function, "preflight" for the connection checks, "name lookups" for the
// directory, otherwise the engine function's name.
func commandUses(script string) map[string][]string {
	uses := map[string][]string{}
	eachCommand(script, func(name string, at int) {
		if use := enclosingUse(script[:at]); !slices.Contains(uses[name], use) {
			uses[name] = append(uses[name], use)
		}
	})
	return uses
}

// enclosingUse names what the engine function around the end of text does.
func enclosingUse(text string) string {
	i := strings.LastIndex(text, "\nfunction ")
	if i < 0 {
		return "the run"
	}
	fields := strings.Fields(text[i+len("\nfunction "):])
	if len(fields) == 0 {
		return "the run"
	}
	fn := fields[0]
	var kinds []string
	for kind, e := range model.Engines {
		if e.Function == fn {
			kinds = append(kinds, kind)
		}
	}
	if len(kinds) > 0 {
		slices.Sort(kinds)
		return strings.Join(kinds, ", ")
	}
	switch {
	case strings.HasPrefix(fn, "Assert-Hybridc"):
		return "preflight"
	case strings.Contains(fn, "Directory") || strings.Contains(fn, "Principal"):
		return "name lookups"
	}
	return fn
}
