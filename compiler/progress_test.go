package compiler

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/scalegen"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/load"
	renderpkg "github.com/hybridc/hybridc/compiler/render"
)

// TestProgress: Compile with Options.Progress tells every stage in order,
// counts the long lists' items, the rules, the files and the scripts up to
// their totals, reports a counted stage a bounded number of times, and
// gives the same result as without it.
func TestProgress(t *testing.T) {
	src := load.Source{Name: "scale.yaml", Data: scalegen.YAML(scalegen.Config(300, 2500, 1))}
	var steps []diag.Step
	res, err := Compile(src, renderpkg.Options{ToolVersion: "1.0.0", Progress: func(s diag.Step) { steps = append(steps, s) }})
	if err != nil || res.Files == nil {
		t.Fatalf("compile: %v\n%s", err, res.Diagnostics)
	}
	plain, _ := Compile(src, renderpkg.Options{ToolVersion: "1.0.0"})
	if !reflect.DeepEqual(res.Files, plain.Files) || !reflect.DeepEqual(res.Diagnostics, plain.Diagnostics) {
		t.Fatal("Progress changed the result")
	}
	var stages []string
	last := map[string]diag.Step{}
	reports := map[string]int{}
	for _, s := range steps {
		if len(stages) == 0 || stages[len(stages)-1] != s.Stage {
			stages = append(stages, s.Stage)
		}
		if s.Total > 0 {
			if s.Done > s.Total || s.Done < last[s.Stage].Done {
				t.Errorf("%s: %d of %d after %d", s.Stage, s.Done, s.Total, last[s.Stage].Done)
			}
			last[s.Stage] = s
			reports[s.Stage]++
		}
	}
	want := []string{"loading", "validating", "decoding", "checking", "ordering", "rendering", "writing the runbook"}
	if !reflect.DeepEqual(stages, want) {
		t.Errorf("stages %q, want %q", stages, want)
	}
	// 300 mailboxes and 2,500 permissions, each list over longList items.
	for stage, w := range map[string]diag.Step{
		"validating": {Stage: "validating", Done: 2800, Total: 2800, Unit: "list items"},
		"rendering":  {Stage: "rendering", Done: 2, Total: 2, Unit: "scripts"},
		"ordering":   {Stage: "ordering", Done: 2, Total: 2, Unit: "scripts"},
	} {
		if last[stage] != w {
			t.Errorf("last %s step %+v, want %+v", stage, last[stage], w)
		}
	}
	if c := last["checking"]; c.Done != c.Total || c.Total < 10 || c.Unit != "rules" {
		t.Errorf("last checking step %+v, want every rule counted", c)
	}
	for stage, n := range reports {
		if n > diag.ProgressReports+2 {
			t.Errorf("%s reported %d times; at most about %d", stage, n, diag.ProgressReports)
		}
	}
	if l := last["loading"]; l.Done != len(src.Data) || l.Total != len(src.Data) || l.Unit != "bytes" {
		t.Errorf("last loading step %+v, want all %d bytes read", l, len(src.Data))
	}
}

// TestProgressFiles: a directory configuration counts the files it loads.
func TestProgressFiles(t *testing.T) {
	text := string(scalegen.YAML(scalegen.Config(20, 10, 1)))
	i := strings.Index(text, "mailboxes:")
	b := load.Bundle{Name: "conf", Files: []load.Source{
		{Name: "conf/a.yaml", Data: []byte(text[:i])},
		{Name: "conf/b.yaml", Data: []byte(text[i:])},
	}}
	var got bytes.Buffer
	res := AnalyzeAllWith(b, renderpkg.Options{Progress: func(s diag.Step) {
		if s.Total > 0 && s.Stage == "loading" {
			fmt.Fprintf(&got, "%d/%d %s;", s.Done, s.Total, s.Unit)
		}
	}})
	if res.Schedule == nil {
		t.Fatalf("no plan:\n%s", res.Diagnostics)
	}
	if want := "0/2 files;1/2 files;2/2 files;"; got.String() != want {
		t.Errorf("loading steps %q, want %q", got.String(), want)
	}
}
