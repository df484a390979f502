package simulator

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
	decl "github.com/hybridc/hybridc/compiler/config"
)

// TestDriftEveryConfiguration changes one declared value of one resource in
// the organization each script of each configuration left behind, then:
// -Check exits 2 naming exactly that resource as drifted (every other one
// unchanged); a run makes only the calls that put it back, and the
// organization is then as the first run left it; -Check afterwards exits
// 0. The resource of each script is chosen so that every kind of resource
// present in the configurations is changed at least once (rarest kinds
// first) and the variants of a kind (which value is changed) rotate; every
// variant no script's drift made is then made too, each in a drifted copy
// of its own, so that every variant is tested once.
//
// Starting PowerShell and the simulator costs several times what a run
// does, so the configurations run in two shards in parallel, each in two
// simulator processes (the first runs, then the drifted organizations),
// and each configuration's results are checked in its own subtest.
func TestDriftEveryConfiguration(t *testing.T) {
	cs := configs(t)
	picks := driftChoose(t, cs)
	var shards [2][]config
	size := [2]int{}
	for _, c := range cs {
		if len(picks[c.Label]) == 0 {
			t.Logf("%s: no script with a mutable resource: no drift test", c.Label)
			continue
		}
		i := 0
		if size[1] < size[0] {
			i = 1
		}
		shards[i] = append(shards[i], c)
		size[i] += len(picks[c.Label])
	}
	for i, shard := range shards {
		shard := shard
		t.Run(fmt.Sprintf("shard%d", i+1), func(t *testing.T) {
			t.Parallel()
			driftShard(t, shard, picks)
		})
	}
}

// driftPick is the change made in one script's organization.
type driftPick struct {
	Script   string
	Resource *compiler.Resource
	Mutation driftMutation
}

// driftUnit is one script and the resources a drift can be made in.
type driftUnit struct {
	Label, Script string
	Mutable       []*compiler.Resource
}

// driftChoose picks the resource and the change for every script: first,
// rarest kind first, one script for each kind (the script with the fewest
// kinds of its own), then for every other script the resource of the kind
// changed least so far, rotating its variants. Then it adds a drift for
// each variant (kind, organization, what is changed) not picked yet.
func driftChoose(t *testing.T, cs []config) map[string][]driftPick {
	var units []*driftUnit
	for _, c := range cs {
		for _, sp := range c.Schedule.Scripts {
			s := sp.Target.File
			if sp.Target.EntraConnect {
				t.Logf("%s %s: no drift picked here: the Entra Connect writeback permissions are ACLs, not Exchange objects (TestEntraConnectWritebackReadBack drifts them)", c.Label, s)
				continue
			}
			if _, ok := unconvergent[c.Label][s]; ok {
				t.Logf("%s %s: no drift: Exchange refuses to converge it (see unconvergent)", c.Label, s)
				continue
			}
			u := &driftUnit{Label: c.Label, Script: s}
			for _, r := range sp.Resources {
				if len(driftMutations(r)) > 0 {
					u.Mutable = append(u.Mutable, r)
				} else {
					t.Logf("%s %s: %s has no drift variant", c.Label, s, driftLabel(r))
				}
			}
			if len(u.Mutable) == 0 {
				t.Logf("%s %s: no mutable resource (%d resources): no drift test", c.Label, s, len(sp.Resources))
				continue
			}
			units = append(units, u)
		}
	}
	kindsOf := func(u *driftUnit) map[string]*compiler.Resource {
		out := map[string]*compiler.Resource{}
		for _, r := range u.Mutable {
			if out[r.Kind] == nil {
				out[r.Kind] = r
			}
		}
		return out
	}
	holders := map[string][]*driftUnit{}
	for _, u := range units {
		for k := range kindsOf(u) {
			holders[k] = append(holders[k], u)
		}
	}
	var kinds []string
	for k := range holders {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool {
		if len(holders[kinds[i]]) != len(holders[kinds[j]]) {
			return len(holders[kinds[i]]) < len(holders[kinds[j]])
		}
		return kinds[i] < kinds[j]
	})
	chosen := map[*driftUnit]*compiler.Resource{}
	used := map[string]int{}
	for _, k := range kinds {
		var best *driftUnit
		for _, u := range holders[k] {
			if chosen[u] == nil && (best == nil || len(kindsOf(u)) < len(kindsOf(best))) {
				best = u
			}
		}
		if best == nil {
			t.Errorf("kind %s: every script that declares it already has another drift: no drift of %s is tested", k, k)
			continue
		}
		chosen[best] = kindsOf(best)[k]
	}
	picks := map[string][]driftPick{}
	for _, u := range units {
		r := chosen[u]
		if r == nil {
			for _, m := range u.Mutable {
				if r == nil || used[m.Kind] < used[r.Kind] {
					r = m
				}
			}
		}
		variants := driftMutations(r)
		m := variants[used[r.Kind]%len(variants)]
		used[r.Kind]++
		picks[u.Label] = append(picks[u.Label], driftPick{Script: u.Script, Resource: r, Mutation: m})
		t.Logf("%s %s: drift of %s: %s", u.Label, u.Script, driftLabel(r), m.What)
	}
	// Then every variant not yet made, each in a drifted copy of its own.
	covered := map[string]bool{}
	for _, ps := range picks {
		for _, p := range ps {
			covered[driftVariant(p.Resource, p.Mutation)] = true
		}
	}
	for _, u := range units {
		for _, r := range u.Mutable {
			for _, m := range driftMutations(r) {
				if key := driftVariant(r, m); !covered[key] {
					covered[key] = true
					picks[u.Label] = append(picks[u.Label], driftPick{Script: u.Script, Resource: r, Mutation: m})
					t.Logf("%s %s: further drift of %s: %s", u.Label, u.Script, driftLabel(r), m.What)
				}
			}
		}
	}
	t.Logf("%d variants of drift over %d kinds", len(covered), len(kinds))
	return picks
}

// driftVariant names what a drift changes, by kind, organization and
// variant, without values or names.
func driftVariant(r *compiler.Resource, m driftMutation) string {
	side := "on-premises"
	if r.Target.Online {
		side = "online"
	}
	return strings.SplitN(driftLabel(r), "/", 2)[0] + " " + side + ": " + m.Key
}

// driftJob is one drift: its configuration, the directory of the
// configuration's scripts (Sub, relative to the shard's) and the prefix of
// its files there (the script's name and the drift's number).
type driftJob struct {
	Config config
	Sub    string
	Prefix string
	Pick   driftPick
}

// driftShard runs the configurations' scripts once on an empty organization
// (with the wizard's send connector), makes each pick's change in a copy of
// what they left, then runs -Check, a run and -Check on each copy: two
// simulator processes for the whole shard.
func driftShard(t *testing.T, cs []config, picks map[string][]driftPick) {
	dir := t.TempDir()
	var jobs []driftJob
	var first []run
	firstOf := map[string]int{}
	for _, c := range cs {
		sub := c.Label
		if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
		c.scripts(t, filepath.Join(dir, sub))
		for i, p := range picks[c.Label] {
			s := sub + "/" + p.Script
			if _, ok := firstOf[s]; !ok {
				firstOf[s] = len(first)
				first = append(first, run{Script: s, Add: wizardObjects(c, p.Script), OutState: s + ".after.json", CallLog: s + ".first.calls"})
			}
			jobs = append(jobs, driftJob{Config: c, Sub: sub, Prefix: fmt.Sprintf("%s.d%d", p.Script, i+1), Pick: p})
		}
	}
	ran := simulate(t, dir, first)
	var runs []run
	var ready []driftJob
	for _, j := range jobs {
		s, p := j.Sub+"/"+j.Pick.Script, j.Pick
		what := s + " " + driftLabel(p.Resource) + " (" + p.Mutation.What + ")"
		if code := ran[firstOf[s]].ExitCode; code != 0 {
			t.Errorf("%s: the first run exited %d, want 0: no drift tested", what, code)
			continue
		}
		expected := readJSON(t, filepath.Join(dir, s+".after.json"))
		mutated := readJSON(t, filepath.Join(dir, s+".after.json"))
		if p.Mutation.Prepare != nil {
			if err := p.Mutation.Prepare(expected); err != nil {
				t.Errorf("%s: preparing the drift: %v", what, err)
				continue
			}
			_ = p.Mutation.Prepare(mutated)
		}
		if err := p.Mutation.Change(mutated); err != nil {
			t.Errorf("%s: %v", what, err)
			continue
		}
		if reflect.DeepEqual(driftNormalize(expected), driftNormalize(mutated)) {
			t.Errorf("%s: the drift changed nothing", what)
			continue
		}
		d := j.Sub + "/" + j.Prefix
		writeJSON(t, filepath.Join(dir, d+".expected.json"), expected)
		writeJSON(t, filepath.Join(dir, d+".drifted.json"), mutated)
		report := func(name string) map[string]any { return map[string]any{"ReportPath": d + "." + name + ".report.json"} }
		runs = append(runs,
			run{Script: s, Mode: "Check", State: d + ".drifted.json", ScriptParameters: report("check"), OutState: d + ".check.json", CallLog: d + ".check.calls"},
			run{Script: s, State: d + ".drifted.json", ScriptParameters: report("run"), OutState: d + ".fixed.json", CallLog: d + ".run.calls"},
			run{Script: s, Mode: "Check", State: d + ".fixed.json", ScriptParameters: report("insync"), OutState: d + ".insync.json", CallLog: d + ".insync.calls"})
		ready = append(ready, j)
	}
	if len(runs) == 0 {
		return
	}
	got := simulate(t, dir, runs)
	for _, c := range cs {
		t.Run(c.Label, func(t *testing.T) {
			for i, j := range ready {
				if j.Config.Label == c.Label {
					driftCheck(t, c, filepath.Join(dir, j.Sub), j, got[3*i], got[3*i+1], got[3*i+2])
				}
			}
		})
	}
}

// driftCheck checks one script's -Check, run and -Check after the drift.
func driftCheck(t *testing.T, c config, dir string, j driftJob, check, fix, insync outcome) {
	t.Helper()
	p := j.Pick
	s, label := p.Script, driftLabel(p.Resource)
	path := func(name string) string { return filepath.Join(dir, j.Prefix+"."+name) }
	what := s + " " + label + " (" + p.Mutation.What + ")"
	rc := readReport(t, path("check.report.json"))
	if n := resourceCount(c, s); len(rc.Results) != n {
		t.Errorf("%s: -Check named %d resources, want %d", what, len(rc.Results), n)
	}
	if check.ExitCode != 2 || !driftOnly(rc, label, "drifted") {
		t.Errorf("%s: -Check exited %d, want 2 and only %s drifted:\n%s", what, check.ExitCode, label, describe(rc))
	}
	if ch := changes(readCalls(t, path("check.calls"))); len(ch) > 0 {
		t.Errorf("%s: -Check made state-changing calls: %v", what, ch)
	}
	rr := readReport(t, path("run.report.json"))
	if fix.ExitCode != 0 || !driftOnly(rr, label, "created", "updated", "removed") {
		t.Errorf("%s: the run exited %d, want 0 and only %s changed:\n%s", what, fix.ExitCode, label, describe(rr))
	}
	driftCalls(t, what, readCalls(t, path("run.calls")), p.Mutation.Calls)
	want, have := driftNormalize(readJSON(t, path("expected.json"))), driftNormalize(readJSON(t, path("fixed.json")))
	if !reflect.DeepEqual(want, have) {
		t.Errorf("%s: after the run the organization differs from what the first run left:\n%s", what, driftDiff(want, have))
	}
	ri := readReport(t, path("insync.report.json"))
	if st := ri.statuses(); insync.ExitCode != 0 || st["unchanged"] != len(ri.Results) {
		t.Errorf("%s: -Check after the run exited %d with %v, want 0 and nothing to change\n%s", what, insync.ExitCode, st, describe(ri))
	}
}

// driftOnly reports whether the resource named label has one of the
// statuses and every other resource is unchanged.
func driftOnly(r report, label string, statuses ...string) bool {
	found := 0
	for _, res := range r.Results {
		if res.Resource != label {
			if res.Status != "unchanged" {
				return false
			}
			continue
		}
		found++
		ok := false
		for _, s := range statuses {
			ok = ok || res.Status == s
		}
		if !ok {
			return false
		}
	}
	return found == 1
}

// driftCalls checks the run's state-changing calls: exactly the expected
// cmdlets, in order, each with exactly the expected parameters besides
// Identity (when given).
func driftCalls(t *testing.T, what string, calls []call, want []driftCall) {
	t.Helper()
	var got []call
	for _, c := range calls {
		if len(changes([]call{c})) > 0 {
			got = append(got, c)
		}
	}
	describeCalls := func() string {
		var out []string
		for _, c := range got {
			data, _ := json.Marshal(c)
			out = append(out, "  "+string(data))
		}
		return strings.Join(out, "\n")
	}
	if len(got) != len(want) {
		t.Errorf("%s: the run made %d state-changing calls, want %d (%v):\n%s", what, len(got), len(want), want, describeCalls())
		return
	}
	for i, w := range want {
		if got[i].Cmdlet != w.Cmdlet {
			t.Errorf("%s: state-changing call %d is %s, want %s:\n%s", what, i+1, got[i].Cmdlet, w.Cmdlet, describeCalls())
			continue
		}
		if w.Params == nil {
			continue
		}
		var names []string
		for name := range got[i].Parameters {
			if name != "Identity" {
				names = append(names, name)
			}
		}
		sort.Strings(names)
		wantNames := append([]string{}, w.Params...)
		sort.Strings(wantNames)
		if strings.Join(names, ",") != strings.Join(wantNames, ",") {
			t.Errorf("%s: %s was called with %v besides Identity, want %v:\n%s", what, w.Cmdlet, names, wantNames, describeCalls())
		}
	}
}

// driftLabel is how a script's report names a resource.
func driftLabel(r *compiler.Resource) string {
	kind := r.Kind
	if kind == compiler.KindSendAs {
		kind = "sendAsOnPremises"
		if r.Target.Online {
			kind = "sendAsOnline"
		}
	}
	if r.Name == "" {
		return kind
	}
	return kind + "/" + r.Name
}

// driftNormalize makes a state comparable as Exchange compares it: lists as
// sets (sorted), objects by their keys.
func driftNormalize(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			out[k] = driftNormalize(e)
		}
		return out
	case []any:
		type keyed struct {
			key string
			v   any
		}
		var items []keyed
		for _, e := range x {
			n := driftNormalize(e)
			data, _ := json.Marshal(n)
			items = append(items, keyed{strings.ToLower(string(data)), n})
		}
		sort.SliceStable(items, func(i, j int) bool { return items[i].key < items[j].key })
		out := make([]any, len(items))
		for i, it := range items {
			out[i] = it.v
		}
		return out
	}
	return v
}

// driftDiff names the top-level lists and values of two states that differ.
func driftDiff(want, have any) string {
	w, _ := want.(map[string]any)
	h, _ := have.(map[string]any)
	var out []string
	for k := range w {
		if !reflect.DeepEqual(w[k], h[k]) {
			a, _ := json.Marshal(w[k])
			b, _ := json.Marshal(h[k])
			out = append(out, fmt.Sprintf("  %s: want %s\n  %s:  got %s", k, a, k, b))
		}
	}
	for k := range h {
		if _, ok := w[k]; !ok {
			out = append(out, "  "+k+": not expected")
		}
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// driftCall is a state-changing call the run must make: its cmdlet and
// its parameters besides Identity (nil: not compared).
type driftCall struct {
	Cmdlet string
	Params []string
}

// driftMutation is one change of one declared value in an organization:
// Prepare adds helper objects (to the expected organization too), Change
// makes the drift; Calls are what the run must do to undo it.
type driftMutation struct {
	What    string
	Key     string // the variant: what is changed, without values
	Prepare func(st map[string]any) error
	Change  func(st map[string]any) error
	Calls   []driftCall
}

// driftSpec is what a resource declares, by property name.
func driftSpec(r *compiler.Resource) map[string]any {
	out := map[string]any{}
	for _, p := range r.PlanProperties() {
		out[p.Name] = p.Value
	}
	return out
}

// driftPermissionAccess is the state's access of each permission kind.
var driftPermissionAccess = map[string]string{compiler.KindFullAccess: "FullAccess", compiler.KindSendAs: "SendAs", compiler.KindFolderPermission: "Folder"}

// driftMutations are the changes that can be made to a resource, by what
// it declares.
func driftMutations(r *compiler.Resource) []driftMutation {
	spec := driftSpec(r)
	if r.Absent {
		return driftAbsent(r)
	}
	switch r.Kind {
	case compiler.KindOrganizationRelationship:
		return driftRelationship(r, spec)
	case compiler.KindAvailabilityAddressSpace:
		find := func(st map[string]any) (map[string]any, error) {
			return orgNamed(st, "availabilityAddressSpaces", "forestName", r.Name)
		}
		var out []driftMutation
		if v, ok := spec["AccessMethod"].(string); ok {
			replace := []driftCall{{"Remove-AvailabilityAddressSpace", []string{}}, {"Add-AvailabilityAddressSpace", nil}}
			out = append(out, driftValue(find, "accessMethod", driftOther(v, "InternalProxy", "OrgWideFB", "PerUserFB"), replace...))
		}
		return out
	case compiler.KindAcceptedDomain:
		find := func(st map[string]any) (map[string]any, error) {
			return orgNamed(st, "acceptedDomains", "domainName", r.Name)
		}
		if v, ok := spec["DomainType"].(string); ok {
			return []driftMutation{driftValue(find, "domainType", driftOther(v, "ExternalRelay", "InternalRelay"), driftCall{"Set-AcceptedDomain", []string{"DomainType"}})}
		}
	case compiler.KindSendConnector:
		return driftSendConnector(r, spec)
	case compiler.KindOrganizationConfig:
		find := func(st map[string]any) (map[string]any, error) { return orgMap(st, "organizationConfig") }
		if v, ok := spec["ACLableSyncedObjectEnabled"].(bool); ok {
			return []driftMutation{driftValue(find, "aclableSyncedObjectEnabled", !v, driftCall{"Set-OrganizationConfig", []string{"ACLableSyncedObjectEnabled"}})}
		}
	case compiler.KindOrganizationCustomization:
		find := func(st map[string]any) (map[string]any, error) { return orgMap(st, "organizationConfig") }
		return []driftMutation{driftValue(find, "isDehydrated", true, driftCall{"Enable-OrganizationCustomization", []string{}})}
	case compiler.KindRoleGroup:
		return driftRoleGroup(r)
	case compiler.KindRoleAssignmentPolicy:
		return driftPolicy(r)
	case compiler.KindMailboxPolicy:
		policy, _ := spec["Policy"].(string)
		return []driftMutation{{
			What: "the mailbox's role assignment policy set to another one",
			Key:  "set roleAssignmentPolicy",
			Change: func(st map[string]any) error {
				mailbox, err := orgRecipient(st, r.Name)
				if err != nil {
					return err
				}
				for _, p := range orgList(st, "roleAssignmentPolicies") {
					if name := orgStr(p, "name"); !strings.EqualFold(name, policy) {
						mailbox["roleAssignmentPolicy"] = name
						return nil
					}
				}
				return fmt.Errorf("no role assignment policy besides %q", policy)
			},
			Calls: []driftCall{{"Set-Mailbox", []string{"RoleAssignmentPolicy"}}},
		}}
	case compiler.KindRemoteMailboxACL:
		find := func(st map[string]any) (map[string]any, error) { return orgRecipient(st, r.Name) }
		return []driftMutation{driftValue(find, "recipientDisplayType", "SyncedMailboxUser", driftCall{"Set-RemoteMailbox", []string{"ACLableSyncedObjectEnabled"}})}
	case compiler.KindFullAccess, compiler.KindSendAs, compiler.KindFolderPermission, compiler.KindSendOnBehalf:
		return driftPermission(r)
	case compiler.KindUnifiedGroup:
		return driftUnifiedGroup(r, spec)
	case compiler.KindGroupMembers, compiler.KindGroupOwners, compiler.KindGroupSubscribers:
		return driftLinks(r, spec)
	case compiler.KindEchoGroupMessages:
		v, ok := spec["EchoGroupMessageBackToSubscribedSender"].(bool)
		if !ok {
			return nil
		}
		return []driftMutation{{
			What: fmt.Sprintf("EchoGroupMessageBackToSubscribedSender set to %v", !v),
			Key:  "set echoGroupMessageBackToSubscribedSender",
			Change: func(st map[string]any) error {
				member, err := orgRecipient(st, r.Name)
				if err != nil {
					return err
				}
				configuration, err := orgNamed(st, "messageConfigurations", "recipient", orgStr(member, "guid"))
				if err != nil {
					return err
				}
				configuration["echoGroupMessageBackToSubscribedSender"] = !v
				return nil
			},
			Calls: []driftCall{{"Set-MailboxMessageConfiguration", []string{"EchoGroupMessageBackToSubscribedSender"}}},
		}}
	case compiler.KindGroupWriteback:
		find := func(st map[string]any) (map[string]any, error) { return orgRecipient(st, r.Name) }
		return []driftMutation{driftValue(find, "inAddressLists", false, driftCall{"Update-Recipient", []string{}})}
	}
	return nil
}

// driftValue sets one field of the object find returns.
func driftValue(find func(map[string]any) (map[string]any, error), field string, value any, calls ...driftCall) driftMutation {
	return driftMutation{
		What: fmt.Sprintf("%s set to %v", field, value),
		Key:  "set " + field,
		Change: func(st map[string]any) error {
			object, err := find(st)
			if err != nil {
				return err
			}
			object[field] = value
			return nil
		},
		Calls: calls,
	}
}

// driftDrop removes one item (ignoring case) from a list field of the
// object find returns.
func driftDrop(find func(map[string]any) (map[string]any, error), field string, item func(map[string]any) (string, error), what string, calls ...driftCall) driftMutation {
	return driftMutation{
		What: what,
		Key:  "drop from " + field,
		Change: func(st map[string]any) error {
			object, err := find(st)
			if err != nil {
				return err
			}
			value, err := item(st)
			if err != nil {
				return err
			}
			list, ok := orgDrop(object[field], value)
			if !ok {
				return fmt.Errorf("%s does not hold %q", field, value)
			}
			object[field] = list
			return nil
		},
		Calls: calls,
	}
}

// driftAdd appends an item to a list field of the object find returns.
func driftAdd(find func(map[string]any) (map[string]any, error), field string, item func(map[string]any) (string, error), what string, calls ...driftCall) driftMutation {
	return driftMutation{
		What: what,
		Key:  "add to " + field,
		Change: func(st map[string]any) error {
			object, err := find(st)
			if err != nil {
				return err
			}
			value, err := item(st)
			if err != nil {
				return err
			}
			if _, ok := orgDrop(object[field], value); ok {
				return fmt.Errorf("%s already holds %q", field, value)
			}
			object[field] = append(orgAnyList(object[field]), value)
			return nil
		},
		Calls: calls,
	}
}

// driftGuidOf is the Guid of the recipient a declared name resolves to.
func driftGuidOf(name string) func(map[string]any) (string, error) {
	return func(st map[string]any) (string, error) {
		r, err := orgRecipient(st, name)
		if err != nil {
			return "", err
		}
		return orgStr(r, "guid"), nil
	}
}

// driftConst is a fixed item.
func driftConst(value string) func(map[string]any) (string, error) {
	return func(map[string]any) (string, error) { return value, nil }
}

// driftExtraRecipient adds a user the configuration does not declare, for
// the drifts that make an exclusive set hold one member too many.
func driftExtraRecipient(st map[string]any) error {
	if _, err := orgRecipient(st, "DriftExtra"); err == nil {
		return nil
	}
	suffix := "contoso.com"
	r := map[string]any{"guid": "d0d0d0d0-0000-4000-8000-00000000d1f7", "name": "DriftExtra", "alias": "DriftExtra", "samAccountName": "DriftExtra",
		"primarySmtpAddress": "DriftExtra@" + suffix, "userPrincipalName": "DriftExtra@" + suffix, "emailAddresses": []any{"SMTP:DriftExtra@" + suffix}}
	if orgStr(st, "kind") == "onPremises" {
		r["distinguishedName"] = "CN=DriftExtra,OU=Users,DC=contoso,DC=com"
		r["identity"] = "contoso.com/Users/DriftExtra"
		r["sid"] = "S-1-5-21-1004336348-1177238915-682003330-9999"
	} else {
		r["externalDirectoryObjectId"] = "d0d0d0d0-0000-4000-8000-00000000e1f7"
		r["identity"] = "DriftExtra"
		r["windowsLiveID"] = "DriftExtra@" + suffix
		r["recipientTypeDetails"] = "UserMailbox"
	}
	st["recipients"] = append(orgList(st, "recipients"), r)
	return nil
}

func driftAbsent(r *compiler.Resource) []driftMutation {
	switch r.Kind {
	case compiler.KindOrganizationRelationship:
		return []driftMutation{{
			What: "the relationship declared absent exists",
			Key:  "exists",
			Change: func(st map[string]any) error {
				if _, err := orgNamed(st, "organizationRelationships", "name", r.Name); err == nil {
					return fmt.Errorf("the relationship exists already")
				}
				st["organizationRelationships"] = append(orgList(st, "organizationRelationships"), map[string]any{"name": r.Name, "enabled": true, "domainNames": []any{"drift.example.com"}})
				return nil
			},
			Calls: []driftCall{{"Remove-OrganizationRelationship", []string{}}},
		}}
	case compiler.KindAvailabilityAddressSpace:
		return []driftMutation{{
			What: "the address space declared absent exists",
			Key:  "exists",
			Change: func(st map[string]any) error {
				if _, err := orgNamed(st, "availabilityAddressSpaces", "forestName", r.Name); err == nil {
					return fmt.Errorf("the address space exists already")
				}
				st["availabilityAddressSpaces"] = append(orgList(st, "availabilityAddressSpaces"), map[string]any{"forestName": r.Name, "accessMethod": "InternalProxy", "useServiceAccount": false})
				return nil
			},
			Calls: []driftCall{{"Remove-AvailabilityAddressSpace", []string{}}},
		}}
	}
	return nil
}

func driftRelationship(r *compiler.Resource, spec map[string]any) []driftMutation {
	find := func(st map[string]any) (map[string]any, error) {
		return orgNamed(st, "organizationRelationships", "name", r.Name)
	}
	set := func(param string) driftCall { return driftCall{"Set-OrganizationRelationship", []string{param}} }
	var out []driftMutation
	if v, ok := spec["FreeBusyAccessLevel"].(string); ok {
		out = append(out, driftValue(find, "freeBusyAccessLevel", driftOther(v, "AvailabilityOnly", "LimitedDetails"), set("FreeBusyAccessLevel")))
	}
	if v, ok := spec["DomainNames"].([]string); ok && len(v) > 0 {
		d := v[len(v)-1]
		out = append(out, driftDrop(find, "domainNames", driftConst(d), "the declared domain "+d+" dropped", set("DomainNames")))
	}
	for _, name := range []string{"FreeBusyAccessEnabled", "Enabled", "MailTipsAccessEnabled", "DeliveryReportEnabled"} {
		if v, ok := spec[name].(bool); ok {
			out = append(out, driftValue(find, driftLowerFirst(name), !v, set(name)))
		}
	}
	if v, ok := spec["MailTipsAccessLevel"].(string); ok {
		out = append(out, driftValue(find, "mailTipsAccessLevel", driftOther(v, "None", "Limited", "All"), set("MailTipsAccessLevel")))
	}
	return out
}

func driftSendConnector(r *compiler.Resource, spec map[string]any) []driftMutation {
	spaces, _ := spec["AddressSpaces"].([]string)
	adopt, _ := spec["Adopt"].(bool)
	if len(spaces) == 0 {
		return nil
	}
	find := func(st map[string]any) (map[string]any, error) {
		c, err := orgNamed(st, "sendConnectors", "name", r.Name)
		if err == nil || !adopt {
			return c, err
		}
		// Adopted: the wizard's connector, under its own name.
		for _, e := range orgList(st, "sendConnectors") {
			if m, ok := e.(map[string]any); ok && m["cloudServicesMailEnabled"] == true {
				return m, nil
			}
		}
		return nil, err
	}
	d := spaces[len(spaces)-1]
	return []driftMutation{driftDrop(find, "addressSpaces", driftConst("SMTP:"+d+";1"), "the declared address space "+d+" dropped",
		driftCall{"Set-SendConnector", []string{"AddressSpaces"}})}
}

func driftRoleGroup(r *compiler.Resource) []driftMutation {
	g := r.Spec.(*decl.RoleGroup)
	find := func(st map[string]any) (map[string]any, error) { return orgNamed(st, "roleGroups", "name", r.Name) }
	var out []driftMutation
	if len(g.Members) > 0 {
		m := string(g.Members[0])
		out = append(out, driftDrop(find, "members", driftGuidOf(m), "the declared member "+m+" dropped",
			driftCall{"Add-RoleGroupMember", []string{"Member", "BypassSecurityGroupManagerCheck"}}))
	}
	if len(g.Roles) > 0 {
		role := string(g.Roles[0])
		out = append(out, driftDrop(find, "roles", driftConst(role), "the declared role "+role+" dropped",
			driftCall{"New-ManagementRoleAssignment", []string{"SecurityGroup", "Role"}}))
	}
	if g.Exclusive != nil && *g.Exclusive {
		extra := driftAdd(find, "members", driftGuidOf("DriftExtra"), "an undeclared member added (exclusive)",
			driftCall{"Remove-RoleGroupMember", []string{"Member", "BypassSecurityGroupManagerCheck"}})
		extra.Prepare = driftExtraRecipient
		out = append(out, extra)
		if !compiler.BuiltInRoleGroup(r.Name, r.Target.Online) {
			out = append(out, driftAdd(find, "roles", driftConst(driftUndeclared(driftTexts(g.Roles), "View-Only Recipients", "Mail Recipients")), "an undeclared role added (exclusive)",
				driftCall{"Remove-ManagementRoleAssignment", []string{}}))
		}
	}
	return out
}

func driftPolicy(r *compiler.Resource) []driftMutation {
	p := r.Spec.(*decl.RoleAssignmentPolicy)
	find := func(st map[string]any) (map[string]any, error) {
		return orgNamed(st, "roleAssignmentPolicies", "name", r.Name)
	}
	var out []driftMutation
	if len(p.Roles) > 0 {
		role := string(p.Roles[0])
		out = append(out, driftDrop(find, "assignedRoles", driftConst(role), "the declared role "+role+" dropped",
			driftCall{"New-ManagementRoleAssignment", []string{"Policy", "Role"}}))
	}
	if p.Exclusive != nil && *p.Exclusive {
		out = append(out, driftAdd(find, "assignedRoles", driftConst(driftUndeclared(driftTexts(p.Roles), "MyVoiceMail", "MyTextMessaging")), "an undeclared role added (exclusive)",
			driftCall{"Remove-ManagementRoleAssignment", []string{}}))
	}
	return out
}

func driftPermission(r *compiler.Resource) []driftMutation {
	p := r.Spec.(*decl.Permission)
	mailbox, trustee := string(p.Mailbox), string(p.Trustee)
	if r.Kind == compiler.KindSendOnBehalf {
		find := func(st map[string]any) (map[string]any, error) { return orgRecipient(st, mailbox) }
		return []driftMutation{driftDrop(find, "grantSendOnBehalfTo", driftGuidOf(trustee), "the declared delegate removed from GrantSendOnBehalfTo",
			driftCall{"Set-Mailbox", []string{"GrantSendOnBehalfTo"}})}
	}
	access := driftPermissionAccess[r.Kind]
	entry := func(st map[string]any) (int, error) {
		m, err := orgRecipient(st, mailbox)
		if err != nil {
			return 0, err
		}
		tr, err := orgRecipient(st, trustee)
		if err != nil {
			return 0, err
		}
		at := -1
		for i, e := range orgList(st, "permissions") {
			if orgStr(e, "access") == access && orgStr(e, "mailbox") == orgStr(m, "guid") && orgStr(e, "trusteeGuid") == orgStr(tr, "guid") &&
				(access != "Folder" || strings.EqualFold(orgStr(e, "folder"), string(p.Folder))) {
				if at >= 0 {
					return 0, fmt.Errorf("several %s entries of %s on %s", access, trustee, mailbox)
				}
				at = i
			}
		}
		if at < 0 {
			return 0, fmt.Errorf("no %s entry of %s on %s", access, trustee, mailbox)
		}
		return at, nil
	}
	var grant driftCall
	switch {
	case r.Kind == compiler.KindFullAccess && p.AutoMapping != nil:
		grant = driftCall{"Add-MailboxPermission", []string{"User", "AccessRights", "AutoMapping"}}
	case r.Kind == compiler.KindFullAccess:
		grant = driftCall{"Add-MailboxPermission", []string{"User", "AccessRights"}}
	case r.Kind == compiler.KindSendAs && r.Target.Online:
		grant = driftCall{"Add-RecipientPermission", []string{"Trustee", "AccessRights"}}
	case r.Kind == compiler.KindSendAs:
		grant = driftCall{"Add-ADPermission", []string{"User", "AccessRights", "ExtendedRights"}}
	default:
		grant = driftCall{"Add-MailboxFolderPermission", []string{"User", "AccessRights"}}
	}
	out := []driftMutation{{
		What: "the declared " + access + " entry removed",
		Key:  "remove the entry",
		Change: func(st map[string]any) error {
			at, err := entry(st)
			if err != nil {
				return err
			}
			list := orgList(st, "permissions")
			st["permissions"] = append(append([]any{}, list[:at]...), list[at+1:]...)
			return nil
		},
		Calls: []driftCall{grant},
	}}
	if r.Kind == compiler.KindFolderPermission {
		rights := driftOther(string(p.FolderAccessRights), "Reviewer", "Author")
		out = append(out, driftMutation{
			What: "the folder entry's rights set to " + rights,
			Key:  "set accessRights",
			Change: func(st map[string]any) error {
				at, err := entry(st)
				if err != nil {
					return err
				}
				orgList(st, "permissions")[at].(map[string]any)["accessRights"] = []any{rights}
				return nil
			},
			Calls: []driftCall{{"Set-MailboxFolderPermission", []string{"User", "AccessRights"}}},
		})
	}
	return out
}

func driftUnifiedGroup(r *compiler.Resource, spec map[string]any) []driftMutation {
	address, _ := spec["PrimarySmtpAddress"].(string)
	find := func(st map[string]any) (map[string]any, error) {
		return orgNamed(st, "unifiedGroups", "primarySmtpAddress", address)
	}
	set := func(param string) driftCall { return driftCall{"Set-UnifiedGroup", []string{param}} }
	var out []driftMutation
	if v, ok := spec["AccessType"].(string); ok {
		out = append(out, driftValue(find, "accessType", driftOther(v, "Public", "Private"), set("AccessType")))
	}
	if v, ok := spec["RequireSenderAuthenticationEnabled"].(bool); ok {
		out = append(out, driftValue(find, "requireSenderAuthenticationEnabled", !v, set("RequireSenderAuthenticationEnabled")))
	}
	out = append(out, driftValue(find, "displayName", r.Name+" (renamed)", set("DisplayName")))
	return out
}

func driftLinks(r *compiler.Resource, spec map[string]any) []driftMutation {
	g := r.Spec.(*decl.UnifiedGroup)
	links, _ := spec["Links"].([]string)
	exclusive, _ := spec["Exclusive"].(bool)
	find := func(st map[string]any) (map[string]any, error) {
		return orgNamed(st, "unifiedGroups", "primarySmtpAddress", string(g.PrimarySmtpAddress))
	}
	linkType := map[string]string{compiler.KindGroupMembers: "Members", compiler.KindGroupOwners: "Owners", compiler.KindGroupSubscribers: "Subscribers"}[r.Kind]
	field, one := strings.ToLower(linkType), strings.ToLower(strings.TrimSuffix(linkType, "s"))
	add := driftCall{"Add-UnifiedGroupLinks", []string{"LinkType", "Links"}}
	remove := driftCall{"Remove-UnifiedGroupLinks", []string{"LinkType", "Links"}}
	var out []driftMutation
	if r.Kind == compiler.KindGroupSubscribers {
		if len(links) > 0 {
			out = append(out, driftAdd(find, field, driftGuidOf(links[0]), "the unsubscribed member "+links[0]+" subscribed again", remove))
		}
		return out
	}
	if len(links) > 0 {
		// A member who is no owner, where there is one: Exchange keeps
		// owners among the members.
		link := links[0]
		for _, l := range links {
			if r.Kind == compiler.KindGroupMembers && !driftContainsFold(driftTexts(g.Owners), l) {
				link = l
				break
			}
		}
		out = append(out, driftDrop(find, field, driftGuidOf(link), "the declared "+one+" "+link+" dropped", add))
	}
	if exclusive {
		extra := driftAdd(find, field, driftGuidOf("DriftExtra"), "an undeclared "+one+" added (exclusive)", remove)
		if r.Kind == compiler.KindGroupOwners {
			// Exchange makes only members owners: the undeclared owner is a
			// member too, and the run removes it from both.
			owner := extra.Change
			extra.Change = func(st map[string]any) error {
				if err := owner(st); err != nil {
					return err
				}
				return driftAdd(find, "members", driftGuidOf("DriftExtra"), "", remove).Change(st)
			}
			extra.What = "an undeclared owner (and so member) added (exclusive)"
			extra.Calls = []driftCall{remove, remove}
		}
		extra.Prepare = driftExtraRecipient
		out = append(out, extra)
	}
	return out
}

// driftUndeclared is the first candidate the declared list lacks.
func driftUndeclared(declared []string, candidates ...string) string {
	for _, c := range candidates {
		if !driftContainsFold(declared, c) {
			return c
		}
	}
	return "Drift Role"
}

func driftTexts[S ~string](in []S) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = string(s)
	}
	return out
}
