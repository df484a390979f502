package simulator

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/hybridc/hybridc/compiler"
)

// hostileConfig is the configuration the hostile values go into: the
// compiler's hostile-value test's own, which declares every kind of
// resource and every free-text field.
var hostileConfig = filepath.Join("..", "..", "compiler", "testdata", "every-field.yaml")

// harmless is what the baseline appends to a value instead of a hostile
// one: a word, accepted wherever the hostile value is. Its space keeps it
// out of the aliases and addresses the simulator derives from a name (as
// it does the hostile values' punctuation), so that only values the
// scripts pass count as reaching Exchange.
const harmless = " Harmless"

// payload is one hostile value.
type payload struct {
	name, value string
}

// hostilePayloads are the project's hostile strings: compiler/hostile_test.go's
// hostileValues (read from its source with go/parser, since a _test package
// cannot be imported, so that the two lists cannot drift apart) and the
// hostile names of golden/cases/hostile-names. It returns them with the
// marker that starts every hostile value.
func hostilePayloads(t *testing.T) (string, []payload) {
	t.Helper()
	path := filepath.Join("..", "..", "compiler", "hostile_test.go")
	file, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var marker string
	var out []payload
	str := func(e ast.Expr) string {
		lit, ok := e.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			t.Fatalf("%s: %T is not a string literal", path, e)
		}
		s, err := strconv.Unquote(lit.Value)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, spec := range gen.Specs {
			vs, ok := spec.(*ast.ValueSpec)
			if !ok || len(vs.Names) != 1 || len(vs.Values) != 1 {
				continue
			}
			switch vs.Names[0].Name {
			case "marker":
				marker = str(vs.Values[0])
			case "hostileValues":
				for _, elt := range vs.Values[0].(*ast.CompositeLit).Elts {
					var p payload
					for _, kv := range elt.(*ast.CompositeLit).Elts {
						kv := kv.(*ast.KeyValueExpr)
						switch kv.Key.(*ast.Ident).Name {
						case "name":
							p.name = str(kv.Value)
						case "value":
							p.value = str(kv.Value)
						}
					}
					out = append(out, p)
				}
			}
		}
	}
	if marker == "" || len(out) < 10 {
		t.Fatalf("%s: found marker %q and %d hostile values", path, marker, len(out))
	}
	// The golden case's names full of PowerShell syntax.
	data, err := os.ReadFile(filepath.Join("..", "cases", "hostile-names", "input.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range leaves(&doc) {
		if strings.ContainsAny(l.value, "'\"`$;#<>|’‘‚‛") {
			n++
			out = append(out, payload{name: fmt.Sprintf("hostile-names %d", n), value: l.value})
		}
	}
	if n == 0 {
		t.Fatal("golden/cases/hostile-names holds no hostile name")
	}
	return marker, out
}

// leaf is one free-text scalar of the configuration, and every other scalar
// with the same text (a mailbox's name and the permissions naming it), so
// that a value is changed consistently everywhere it is used. leaves and
// withValue are copies of compiler/hostile_test.go's (package compiler_test,
// which cannot be imported).
type leaf struct {
	value string
	nodes []*yaml.Node
}

// leaves lists the string scalars of doc that are values (not keys), grouped
// by text.
func leaves(doc *yaml.Node) []*leaf {
	byValue := map[string]*leaf{}
	var out []*leaf
	var walk func(n *yaml.Node, key string)
	walk = func(n *yaml.Node, key string) {
		switch n.Kind {
		case yaml.DocumentNode, yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, key)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(n.Content[i+1], n.Content[i].Value)
			}
		case yaml.ScalarNode:
			if n.Tag != "!!str" || key == "version" {
				return
			}
			l := byValue[n.Value]
			if l == nil {
				l = &leaf{value: n.Value}
				byValue[n.Value] = l
				out = append(out, l)
			}
			l.nodes = append(l.nodes, n)
		}
	}
	walk(doc, "")
	return out
}

// withValue returns the configuration with the leaves' text extended by
// suffix.
func withValue(t *testing.T, doc *yaml.Node, ls []*leaf, suffix string) []byte {
	t.Helper()
	for _, l := range ls {
		for _, n := range l.nodes {
			n.Value = l.value + suffix
			n.Style = yaml.DoubleQuotedStyle
		}
	}
	defer func() {
		for _, l := range ls {
			for _, n := range l.nodes {
				n.Value = l.value
			}
		}
	}()
	out, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// hostileRun is one compiled variant of the configuration: a payload's, or
// a baseline's (the same fields given harmless values).
type hostileRun struct {
	label    string
	suffix   string
	accepted []*leaf
	dir      string
	scripts  []string
	plan     *compiler.Schedule
	baseline *hostileRun
	outcomes []outcome
}

// TestHostileValuesReachExchange puts every hostile value into every
// free-text field of a configuration that declares every kind of resource
// (the fields whose validation refuses it keep their value, as in
// compiler/hostile_test.go) and runs each script's first run in the
// simulator, beside a baseline that gives the same fields harmless values.
// The organization holds the objects the configuration declares absent
// (named with the same values), so that removals match them by name. The
// hostile run makes the same Exchange calls in the same order (cmdlets,
// parameter names, piped objects) and exits as the baseline does; every
// value that reaches Exchange in the baseline reaches it in the hostile run
// too, verbatim, as a parameter value; no Remove-Mailbox (or any cmdlet
// the baseline does not call) is called, nothing fails to be found as a
// command, and no recipient disappears.
func TestHostileValuesReachExchange(t *testing.T) {
	pwshPath(t)
	t.Parallel()
	marker, payloads := hostilePayloads(t)
	src, err := os.ReadFile(hostileConfig)
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	all := leaves(&doc)
	root := t.TempDir()
	var runs []*hostileRun
	baselines := map[string]*hostileRun{}
	for i, p := range payloads {
		suffix := marker + p.value
		var accepted []*leaf
		var key []string
		for j, l := range all {
			res := compiler.Analyze(compiler.Source{Name: "every-field.yaml", Data: withValue(t, &doc, []*leaf{l}, suffix)})
			if !res.Diagnostics.HasErrors() {
				accepted = append(accepted, l)
				key = append(key, strconv.Itoa(j))
			}
		}
		if len(accepted) == 0 {
			t.Logf("%s: every field refuses it (compiler/hostile_test.go checks where)", p.name)
			continue
		}
		h := &hostileRun{label: p.name, suffix: suffix, accepted: accepted, dir: fmt.Sprintf("hostile%02d", i)}
		b := baselines[strings.Join(key, ",")]
		if b == nil {
			b = &hostileRun{label: "baseline of " + p.name, suffix: marker + harmless, accepted: accepted, dir: fmt.Sprintf("baseline%02d", len(baselines))}
			baselines[strings.Join(key, ",")] = b
			runs = append(runs, b)
		}
		h.baseline = b
		runs = append(runs, h)
	}
	for _, r := range runs {
		r.compile(t, &doc, root)
	}
	if t.Failed() {
		t.FailNow()
	}
	// Two simulator processes side by side, each running half of the
	// configurations.
	half := (len(runs) + 1) / 2
	t.Run("simulate", func(t *testing.T) {
		for part, group := range [][]*hostileRun{runs[:half], runs[half:]} {
			dir := filepath.Join(root, strconv.Itoa(part))
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			var plan []run
			for _, r := range group {
				if err := os.Rename(filepath.Join(root, r.dir), filepath.Join(dir, r.dir)); err != nil {
					t.Fatal(err)
				}
				r.dir = filepath.Join(dir, r.dir)
				for _, s := range r.scripts {
					script := filepath.Join(filepath.Base(r.dir), s)
					plan = append(plan, run{Script: script, Add: r.existing(s), ScriptParameters: map[string]any{"ReportPath": script + ".report.json"}, OutState: script + ".after.json", CallLog: script + ".calls"})
				}
			}
			t.Run(strconv.Itoa(part), func(t *testing.T) {
				t.Parallel()
				got := simulate(t, dir, plan)
				for _, r := range group {
					r.outcomes, got = got[:len(r.scripts)], got[len(r.scripts):]
				}
			})
		}
	})
	if t.Failed() {
		t.FailNow()
	}
	for _, r := range runs {
		if r.baseline == nil {
			continue
		}
		t.Run(r.label, func(t *testing.T) { r.compare(t, all) })
	}
}

// compile writes the variant's configuration and scripts into root/dir.
func (r *hostileRun) compile(t *testing.T, doc *yaml.Node, root string) {
	t.Helper()
	data := withValue(t, doc, r.accepted, r.suffix)
	src := compiler.Source{Name: "every-field.yaml", Data: data}
	res, err := compiler.Compile(src, compiler.Options{ToolVersion: "0.0.0-test"})
	if err != nil || res.Files == nil || res.Diagnostics.HasErrors() {
		t.Errorf("%s: the values each field accepts do not compile together: %v\n%s", r.label, err, res.Diagnostics)
		return
	}
	r.plan = compiler.Analyze(src).Schedule
	dir := filepath.Join(root, r.dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "every-field.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	r.scripts = config{Files: res.Files}.scripts(t, dir)
}

// existing is what the organization holds before a script's first run
// beside what its data names: the send connector the Hybrid Configuration
// Wizard created (adopted), and the objects the configuration declares
// absent, so that their hostile names are matched and removed.
func (r *hostileRun) existing(script string) map[string]any {
	add := map[string]any{}
	for _, sp := range r.plan.Scripts {
		if sp.Target.File != script {
			continue
		}
		for _, res := range sp.Resources {
			switch {
			case res.Kind == "sendConnector" && !res.Absent:
				add["sendConnectors"] = append(list(add["sendConnectors"]), map[string]any{"name": res.Name, "addressSpaces": []any{}, "cloudServicesMailEnabled": true, "sourceTransportServers": []any{"EX01"}})
			case res.Kind == "organizationRelationship" && res.Absent:
				add["organizationRelationships"] = append(list(add["organizationRelationships"]), map[string]any{"name": res.Name, "domainNames": []any{"old.example"}, "enabled": true})
			case res.Kind == "roleGroup" && res.Absent:
				add["roleGroups"] = append(list(add["roleGroups"]), map[string]any{"name": res.Name, "members": []any{}, "roles": []any{}})
			case res.Kind == "availabilityAddressSpace" && res.Absent:
				add["availabilityAddressSpaces"] = append(list(add["availabilityAddressSpaces"]), map[string]any{"forestName": res.Name, "accessMethod": "OrgWideFB", "useServiceAccount": false})
			}
		}
	}
	if len(add) == 0 {
		return nil
	}
	return add
}

// compare checks a hostile run against its baseline.
func (r *hostileRun) compare(t *testing.T, all []*leaf) {
	b := r.baseline
	if !slices.Equal(r.scripts, b.scripts) {
		t.Fatalf("scripts %v, the baseline's %v", r.scripts, b.scripts)
	}
	output := readOutput(t, filepath.Dir(r.dir))
	for _, bad := range []string{"is not recognized as a name of a cmdlet", "CommandNotFoundException"} {
		if strings.Contains(output, bad) {
			t.Errorf("the simulator's output says %q: a value ran as a command?", bad)
		}
	}
	reachedAll, total := 0, 0
	everywhere := map[string]bool{}
	for i, s := range r.scripts {
		if r.outcomes[i].ExitCode != b.outcomes[i].ExitCode || r.outcomes[i].ExitCode != 0 {
			t.Errorf("%s exited %d, the baseline %d; want 0", s, r.outcomes[i].ExitCode, b.outcomes[i].ExitCode)
		}
		calls, base := readCalls(t, filepath.Join(r.dir, s+".calls")), readCalls(t, filepath.Join(b.dir, s+".calls"))
		for _, c := range calls {
			if strings.EqualFold(c.Cmdlet, "Remove-Mailbox") {
				t.Errorf("%s called %s", s, c.Cmdlet)
			}
		}
		if got, want := callShape(calls), callShape(base); !slices.Equal(got, want) {
			t.Errorf("%s: the hostile values changed the Exchange calls:\n%s", s, shapeDiff(want, got))
		}
		hostile, harmlessReached := reached(calls, r.accepted, r.suffix), reached(base, b.accepted, b.suffix)
		for _, l := range r.accepted {
			if i := harmlessReached[l.value]; i > 0 && hostile[l.value] == 0 {
				t.Errorf("%s: %q reaches Exchange as a parameter value with a harmless value, not verbatim with the hostile one:\n  baseline call %d: %s\n  hostile call:    %s", s, l.value, i, logLine(base[i-1]), logLine(calls[i-1]))
			}
			if hostile[l.value] > 0 {
				reachedAll++
				everywhere[l.value] = true
			}
		}
		total += len(base)
		if got, want := readReport(t, filepath.Join(r.dir, s+".report.json")).statuses(), readReport(t, filepath.Join(b.dir, s+".report.json")).statuses(); !maps.Equal(got, want) {
			t.Errorf("%s reported %v, the baseline %v", s, got, want)
		}
		if got, want := recipientCount(t, filepath.Join(r.dir, s+".after.json")), recipientCount(t, filepath.Join(b.dir, s+".after.json")); got != want {
			t.Errorf("%s: %d recipients after the run, the baseline %d", s, got, want)
		}
	}
	if len(everywhere) == 0 {
		t.Errorf("no hostile value reached Exchange as a parameter value")
	}
	var kept []string
	for _, l := range r.accepted {
		if !everywhere[l.value] {
			kept = append(kept, l.value)
		}
	}
	t.Logf("%d of %d values accept it; %d reach Exchange verbatim as parameter values (%d times in %d calls); the scripts resolve or compare the others themselves: %q", len(r.accepted), len(all), len(everywhere), reachedAll, total, kept)
}

// callShape is what a call log does, independent of the values: each
// call's cmdlet, parameter names and the number of objects piped to it.
func callShape(calls []call) []string {
	var out []string
	for _, c := range calls {
		names := make([]string, 0, len(c.Parameters))
		for n := range c.Parameters {
			names = append(names, "-"+n)
		}
		sort.Strings(names)
		s := c.Cmdlet + " " + strings.Join(names, " ")
		if len(c.Pipeline) > 0 {
			s += fmt.Sprintf(" <- %d piped", len(c.Pipeline))
		}
		out = append(out, s)
	}
	return out
}

// shapeDiff shows two call shapes side by side from their first
// difference.
func shapeDiff(want, got []string) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "from call %d:\n", i+1)
	for j := i; j < i+5 && (j < len(want) || j < len(got)); j++ {
		var w, g string
		if j < len(want) {
			w = want[j]
		}
		if j < len(got) {
			g = got[j]
		}
		fmt.Fprintf(&b, "  baseline %-60s hostile %s\n", w, g)
	}
	return b.String()
}

// reached are the leaves whose value (its text and suffix) a call passes
// to Exchange as a parameter value: the whole value, an item of a list or
// of an @{ Add = ...; Remove = ... }, or part of a value such as a folder
// identity (mailbox:\folder) or a filter. The longest values are looked for
// first and taken out, so that contoso.com's value is not found inside
// exchangedelegation.contoso.com's.
//
// It returns, for each leaf, the first call (counted from 1) that passes it.
func reached(calls []call, accepted []*leaf, suffix string) map[string]int {
	byLength := slices.Clone(accepted)
	sort.SliceStable(byLength, func(i, j int) bool { return len(byLength[i].value) > len(byLength[j].value) })
	out := map[string]int{}
	at := 0
	var visit func(v any)
	visit = func(v any) {
		switch v := v.(type) {
		case string:
			for _, l := range byLength {
				value := l.value + suffix
				if strings.Contains(v, value) {
					if out[l.value] == 0 {
						out[l.value] = at
					}
					v = strings.ReplaceAll(v, value, "\x00")
				}
			}
		case []any:
			for _, e := range v {
				visit(e)
			}
		case map[string]any:
			for _, e := range v {
				visit(e)
			}
		}
	}
	for i, c := range calls {
		at = i + 1
		for _, p := range c.Parameters {
			visit(p)
		}
	}
	return out
}

// logLine is a call as the call log shows it.
func logLine(c call) string {
	data, _ := json.Marshal(c)
	return string(data)
}

// recipientCount is how many recipients an organization holds.
func recipientCount(t *testing.T, path string) int {
	t.Helper()
	return len(list(readJSON(t, path)["recipients"]))
}
