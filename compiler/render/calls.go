package render

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"

	"github.com/hybridc/hybridc/compiler/model"
)

// CallEstimate is how many Exchange calls a script makes, by the engine's
// design: on a first run, where nothing the configuration declares exists
// yet (every declared object created, every permission granted, a new
// tenant not yet customized; what Exchange creates itself, the built-in
// role groups and the default role assignment policy, exists), and on a
// run where everything is already in sync. A pipelined read (mailbox
// identities piped into one Get-MailboxPermission) counts as one call.
// Reads that depend on how Exchange names an entry (a folder permission's
// user given only by display name, read again with -User) are not counted:
// the README says when they happen. The simulator's call logs hold the
// scripts to these counts (golden/simulator, TestCallsMeasured).
type CallEstimate struct {
	File             string
	FirstRun, InSync int
	// Kinds are the counts per engine step kind, in script order.
	Kinds []KindCalls
}

// KindCalls are the calls of one kind's engine in one script, over every
// step of that kind.
type KindCalls struct {
	Kind             string
	Items            int
	FirstRun, InSync int
}

// directoryReads are the bulk directory reads each kind's engine needs,
// from the kinds' declarations.
var directoryReads = func() map[string][]string {
	m := map[string][]string{}
	for _, d := range kinds.All() {
		m[d.Name] = d.DirectoryReads
	}
	m[model.KindSendAsOnPremises], m[model.KindSendAsOnline] = kinds.SendAs.DirectoryReads, kinds.SendAs.DirectoryReads
	return m
}()

// permissionChunk is how many mailboxes the on-premises engine pipes into
// one Get-MailboxPermission or Get-ADPermission (Read-HybridcInChunks).
const permissionChunk = 500

// EstimateCalls counts the Exchange calls of every script of a plan.
func EstimateCalls(schedule *model.Schedule) []CallEstimate {
	var out []CallEstimate
	for _, sp := range schedule.Scripts {
		if sp.Target.EntraConnect || sp.Target.EntraApp {
			continue // no Exchange calls
		}
		e := CallEstimate{File: sp.Target.File}
		// Preflight: Get-OrganizationConfig, and Get-ConnectionInformation
		// online or Set-ADServerSettings on-premises.
		e.FirstRun, e.InSync = 2, 2
		loaded := map[string]bool{}
		index := map[string]int{}
		// A directory read is one call, or one per declared name when the
		// script reads them one by one (DirectoryNames).
		names := DirectoryNames(sp)
		groups := model.UnifiedGroupNames(sp.Resources)
		// A step is a run of resources of one engine, as the script's data
		// holds them (render.go): each step makes its own bulk reads.
		for _, step := range engineSteps(sp.Resources) {
			key := step[0].key
			i, ok := index[key]
			if !ok {
				i = len(e.Kinds)
				index[key] = i
				e.Kinds = append(e.Kinds, KindCalls{Kind: key})
			}
			rs := make([]*model.Resource, len(step))
			for j, s := range step {
				rs[j] = s.r
			}
			k := &e.Kinds[i]
			k.Items += len(rs)
			for _, d := range stepDirectoryReads(key, rs) {
				if !loaded[d] {
					loaded[d] = true
					reads := 1
					if names != nil && model.DirectoryReadTypes[d] {
						reads = len(names)
					}
					if groups != nil && d == "unifiedGroup" {
						reads = len(groups)
					}
					k.FirstRun += reads
					k.InSync += reads
				}
			}
			first, inSync := stepCalls(key, rs, sp.Target.Online)
			if key == model.KindSendAsOnline && names != nil {
				// Each declared mailbox's entries instead of the tenant's.
				first += mailboxes(rs) - 1
				inSync += mailboxes(rs) - 1
			}
			k.FirstRun += first
			k.InSync += inSync
		}
		for _, k := range e.Kinds {
			e.FirstRun += k.FirstRun
			e.InSync += k.InSync
		}
		out = append(out, e)
	}
	return out
}

type keyed struct {
	key string
	r   *model.Resource
}

// engineSteps splits a script's resources into its steps: runs of
// resources of the same engine.
func engineSteps(resources []*model.Resource) [][]keyed {
	var steps [][]keyed
	for _, r := range resources {
		key, _ := model.EngineOf(r)
		if n := len(steps); n > 0 && steps[n-1][0].key == key {
			steps[n-1] = append(steps[n-1], keyed{key, r})
			continue
		}
		steps = append(steps, []keyed{{key, r}})
	}
	return steps
}

// DirectoryNames are the names a script reads one by one from the
// directory, or nil when it reads the directory in bulk
// (model.DirectoryNames).
func DirectoryNames(sp *model.ScriptSchedule) []string {
	if sp.Target.EntraConnect || sp.Target.EntraApp {
		return nil
	}
	return model.DirectoryNames(sp.Resources, func(key string, r *model.Resource) bool {
		for _, d := range stepDirectoryReads(key, []*model.Resource{r}) {
			if model.DirectoryReadTypes[d] {
				return true
			}
		}
		return false
	})
}

// stepDirectoryReads are the directory reads a step needs.
func stepDirectoryReads(key string, rs []*model.Resource) []string {
	if key == model.KindOrganizationRelationship {
		for _, r := range rs {
			if r.Relationship != nil && *kinds.Scope(r.Relationship) != "" {
				return []string{"recipient"} // the scope group, resolved
			}
		}
	}
	return directoryReads[key]
}

// stepCalls returns the calls of one step besides the directory reads: on
// a first run, and on a run where everything is in sync (callRules; a kind
// without a rule makes one call per present resource on a first run).
func stepCalls(key string, rs []*model.Resource, online bool) (first, inSync int) {
	present := 0
	for _, r := range rs {
		if !r.Absent {
			present++
		}
	}
	if rule := callRules[key]; rule != nil {
		return rule(rs, present, online)
	}
	if sk := model.StateKinds[key]; sk != nil {
		return listedCalls(rs, present, len(sk.Creating()) > 0)
	}
	return present, 0
}

// listedCalls are the calls of a kind handled from its declaration: one
// bulk read; a first run creates what is present and, when the cmdlet that
// creates it takes none of its settings, sets those it declares.
func listedCalls(rs []*model.Resource, present int, createsBare bool) (first, inSync int) {
	first = 1 + present
	for _, r := range rs {
		if createsBare && !r.Absent && len(r.Props) > 0 {
			first++
		}
	}
	return first, 1
}

// presentMailboxes counts the distinct mailboxes present permission
// resources name.
func presentMailboxes(rs []*model.Resource) int {
	var present []*model.Resource
	for _, r := range rs {
		if !r.Absent {
			present = append(present, r)
		}
	}
	return mailboxes(present)
}

// mailboxes counts the distinct mailboxes permission resources name.
func mailboxes(rs []*model.Resource) int {
	seen := map[string]bool{}
	for _, r := range rs {
		if p, ok := r.Spec.(*config.Permission); ok {
			seen[strings.ToLower(string(p.Mailbox))] = true
		}
	}
	return len(seen)
}

// CallsTotal adds up the estimates of every script.
func CallsTotal(es []CallEstimate) (firstRun, inSync int) {
	for _, e := range es {
		firstRun += e.FirstRun
		inSync += e.InSync
	}
	return firstRun, inSync
}
