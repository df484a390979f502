package golden

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/kinds/decisions"
)

// decisionsDir holds the decision cases, one table per kind beside the
// kinds' declarations.
var decisionsDir = filepath.Join("..", "compiler", "kinds", "decisions")

// TestDecisions runs every decision case of decisions/<kind>.yaml through
// plan --state (DiffState): the case's resource has the expected status,
// changed properties and warnings, and every other resource of its script
// is unchanged. The simulator's TestDecisions runs the same cases through
// the scripts.
func TestDecisions(t *testing.T) {
	files, err := decisions.Load(decisionsDir)
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, f := range files {
		covered[f.Kind] = len(f.Cases) > 0
		for i := range f.Cases {
			c := &f.Cases[i]
			t.Run(f.ID(c), func(t *testing.T) {
				got, err := decide(c)
				if err != nil {
					t.Fatal(err)
				}
				if problems := got.against(c); len(problems) > 0 {
					t.Errorf("%s\n  plan --state: %s", strings.Join(problems, "\n"), got)
				}
			})
		}
	}
	for _, kind := range decidedKinds() {
		if !covered[kind] {
			t.Errorf("decisions/%s.yaml: no decision cases for the kind", kind)
		}
	}
}

// decidedKinds are the kinds of the Exchange scripts, whose decisions
// plan --state restates: every kind of the registry (kinds.All) but the
// Entra Connect server's (writeback permissions have no export, so no
// state) and Entra ID's (entra-app.ps1: no Exchange state holds the hybrid
// application; its decisions are the simulator's scenarios,
// scenario_hybrid_app_test.go). A new kind without a decision table fails
// TestDecisions.
func decidedKinds() []string {
	var out []string
	for _, d := range kinds.All() {
		if d.Family != "entra" && d.Family != "entraapp" {
			out = append(out, d.Name)
		}
	}
	return out
}

// decision is what plan --state reports for a case.
type decision struct {
	status   string
	changes  []compiler.PropertyChange
	warning  string
	diags    compiler.Diagnostics
	others   []string // other resources of the script that are not unchanged
	resource bool     // whether the script has the case's resource
}

func (d decision) String() string {
	b, _ := json.Marshal(d.changes)
	return fmt.Sprintf("status %s, changes %s, warning %q, others %v, diagnostics:\n%s", d.status, b, d.warning, d.others, d.diags.String())
}

// decide runs plan --state for a case.
func decide(c *decisions.Case) (decision, error) {
	var d decision
	src := compiler.Source{Name: "hybrid.yaml", Data: []byte(c.Config)}
	res := compiler.Analyze(src)
	if res.Schedule == nil || res.Diagnostics.HasErrors() {
		return d, fmt.Errorf("the case's configuration:\n%s", res.Diagnostics.String())
	}
	data, err := c.StateJSON(decisionsDir)
	if err != nil {
		return d, err
	}
	sf, diags := compiler.LoadState(compiler.Source{Name: "state.json", Data: data})
	if sf == nil || diags.HasErrors() {
		return d, fmt.Errorf("the case's state:\n%s", diags.String())
	}
	ch, diags := compiler.DiffState(res.Schedule, []*compiler.StateFile{sf})
	for _, diag := range diags {
		if diag.Code != compiler.CodeStateMissing {
			d.diags = append(d.diags, diag)
		}
	}
	for _, sc := range ch.Scripts {
		if sc.File != c.Script {
			continue
		}
		for status, list := range map[string][]*compiler.ResourceChange{"added": sc.Added, "removed": sc.Removed, "changed": sc.Changed} {
			for _, rc := range list {
				if rc.ID != c.Resource {
					d.others = append(d.others, status+" "+rc.ID)
					continue
				}
				d.status, d.changes, d.warning, d.resource = status, rc.Properties, rc.Warning, true
			}
		}
	}
	if !d.resource {
		d.status = "unchanged"
		d.resource = hasResource(res.Schedule, c)
	}
	return d, nil
}

// hasResource reports whether the case's script declares its resource.
func hasResource(plan *compiler.Schedule, c *decisions.Case) bool {
	for _, sp := range plan.Scripts {
		for _, r := range sp.Resources {
			if sp.Target.File == c.Script && r.PlanID() == c.Resource {
				return true
			}
		}
	}
	return false
}

// against lists how a decision differs from the case's expectation.
func (d decision) against(c *decisions.Case) []string {
	var out []string
	if !d.resource {
		return []string{fmt.Sprintf("%s declares no %s", c.Script, c.Resource)}
	}
	if d.status != c.Expect.Status {
		out = append(out, fmt.Sprintf("status %s, want %s", d.status, c.Expect.Status))
	}
	if got, want := normalize(d.changes), normalizeExpected(c.Expect.Changes); !reflect.DeepEqual(got, want) {
		out = append(out, fmt.Sprintf("changes %v, want %v", got, want))
	}
	unresolved := false
	for _, diag := range d.diags {
		if diag.Code == compiler.CodeStateUnresolved {
			unresolved = true
		} else {
			out = append(out, "unexpected diagnostic: "+diag.String())
		}
	}
	if unresolved != c.Expect.Unresolved {
		out = append(out, fmt.Sprintf("unresolved warning %v, want %v", unresolved, c.Expect.Unresolved))
	}
	if (c.Expect.Warning == "") != (d.warning == "") || !strings.Contains(d.warning, c.Expect.Warning) {
		out = append(out, fmt.Sprintf("warning %q, want one containing %q", d.warning, c.Expect.Warning))
	}
	sort.Strings(d.others)
	want := append([]string(nil), c.Others...)
	sort.Strings(want)
	if !slices.Equal(d.others, want) {
		out = append(out, fmt.Sprintf("other resources of %s that are not unchanged: %v, want %v", c.Script, d.others, want))
	}
	return out
}

// normalize is changes as JSON values, for comparison with a case's.
func normalize(changes []compiler.PropertyChange) []any {
	var out []any
	for _, p := range changes {
		out = append(out, jsonValue(map[string]any{"name": p.Name, "old": p.Old, "new": p.New, "added": p.Added, "removed": p.Removed}))
	}
	return out
}

func normalizeExpected(changes []decisions.Change) []any {
	var out []any
	for _, p := range changes {
		out = append(out, jsonValue(map[string]any{"name": p.Name, "old": p.Old, "new": p.New, "added": p.Added, "removed": p.Removed}))
	}
	return out
}

// jsonValue is v passed through JSON: a nil list and a missing value
// compare as null, numbers and lists as JSON has them.
func jsonValue(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return err.Error()
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		return err.Error()
	}
	return out
}
