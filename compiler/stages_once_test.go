package compiler

import (
	"container/heap"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	checkpkg "github.com/hybridc/hybridc/compiler/check"
	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/model"
)

// stageInputs are the examples and the golden cases' inputs.
func stageInputs(t *testing.T) []string {
	examples, _ := filepath.Glob(filepath.Join("..", "examples", "*.yaml"))
	cases, _ := filepath.Glob(filepath.Join("..", "golden", "cases", "*", "input.yaml"))
	if len(examples) == 0 || len(cases) == 0 {
		t.Fatal("no examples or golden cases found")
	}
	return append(examples, cases...)
}

// TestInventoryUnchangedByDefaults: the inventory Check builds is the one
// Order needs (analyze passes it on rather than build it again), since
// Defaults changes nothing an inventory holds.
func TestInventoryUnchangedByDefaults(t *testing.T) {
	checked := 0
	for _, path := range stageInputs(t) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, diags := load.Load(load.Source{Name: path, Data: data})
		if doc == nil || diags.HasErrors() || load.Validate(doc).HasErrors() {
			continue
		}
		cfg, diags := load.Decode(doc)
		if cfg == nil || diags.HasErrors() {
			continue
		}
		diags, before := checkpkg.CheckWith(cfg, nil)
		if diags.HasErrors() {
			continue
		}
		checkpkg.Defaults(cfg)
		after := model.BuildInventory(cfg)
		before.Declared, after.Declared = nil, nil // the lookups, not the inventory
		before.Refs, after.Refs = nil, nil
		if !reflect.DeepEqual(before, after) {
			t.Errorf("%s: the inventory differs after Defaults", path)
		}
		checked++
	}
	if checked < 20 {
		t.Errorf("only %d inputs checked", checked)
	}
}

// TestDecodeWithoutValues: Decode reads the node tree only, so that
// analyze lets the validated plain values go first (dropValues): the model
// and every position are the same, for a file and for a directory.
func TestDecodeWithoutValues(t *testing.T) {
	decode := func(doc *load.Document, drop bool) any {
		if drop {
			doc.DropValues()
		}
		cfg, diags := load.Decode(doc)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		return cfg
	}
	for _, path := range stageInputs(t)[:6] {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := load.Load(load.Source{Name: path, Data: data})
		b, _ := load.Load(load.Source{Name: path, Data: data})
		if a == nil || load.Validate(a).HasErrors() || load.Validate(b).HasErrors() {
			continue
		}
		if !reflect.DeepEqual(decode(a, false), decode(b, true)) {
			t.Errorf("%s: the model differs without the plain values", path)
		}
	}
	bundle := load.Bundle{Name: "conf", Files: []load.Source{
		{Name: "conf/a.yaml", Data: []byte(batchYAMLHeader)},
		{Name: "conf/b.yaml", Data: []byte("mailboxes:\n  - {name: a@contoso.com, location: onPremises}\n")},
	}}
	a, diags := load.LoadAll(bundle)
	b, _ := load.LoadAll(bundle)
	if a == nil || diags.HasErrors() || load.Validate(a).HasErrors() || load.Validate(b).HasErrors() {
		t.Fatal("the directory does not validate", diags)
	}
	if !reflect.DeepEqual(decode(a, false), decode(b, true)) {
		t.Error("the directory's model differs without the plain values")
	}
}

// TestDiagnoseAsAnalyze: validate's Diagnose reports exactly Analyze's
// diagnostics, for every example and golden case (cycles included).
func TestDiagnoseAsAnalyze(t *testing.T) {
	cycles := 0
	for _, path := range stageInputs(t) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		src := load.Source{Name: path, Data: data}
		want := Analyze(src).Diagnostics
		if got := Diagnose(src); got.String() != want.String() {
			t.Errorf("%s: Diagnose gives\n%s\nAnalyze gives\n%s", path, got, want)
		}
		for _, d := range want {
			if d.Code == diag.CodeDependencyCycle {
				cycles++
			}
		}
	}
	if cycles == 0 {
		t.Error("no input has a dependency cycle: the comparison does not cover the order's findings")
	}
}

// TestImplicitDepsAcyclic: the dependencies hybridc adds between kinds
// have no cycle, so that only dependsOn can make one (which Diagnose
// relies on to leave the order out).
func TestImplicitDepsAcyclic(t *testing.T) {
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(kind string, path []string)
	visit = func(kind string, path []string) {
		switch state[kind] {
		case 1:
			t.Fatalf("implicit dependencies cycle: %v", append(path, kind))
		case 2:
			return
		}
		state[kind] = 1
		for _, dep := range model.ImplicitDeps[kind] {
			visit(dep, append(path, kind))
		}
		state[kind] = 2
	}
	for kind := range model.ImplicitDeps {
		visit(kind, nil)
	}
}

// refHeap is nodeHeap through container/heap, as Order used it before.
type refHeap []*model.Node

func (h refHeap) Len() int           { return len(h) }
func (h refHeap) Less(i, j int) bool { return h[i].Rank < h[j].Rank }
func (h refHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *refHeap) Push(x any)        { *h = append(*h, x.(*model.Node)) }
func (h *refHeap) Pop() any {
	old := *h
	n := old[len(old)-1]
	*h = old[:len(old)-1]
	return n
}

// TestNodeHeapAsContainerHeap: nodeHeap gives nodes out in container/heap's
// order, ties (the virtual nodes' equal ranks) included.
func TestNodeHeapAsContainerHeap(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var mine model.NodeHeap
	var ref refHeap
	for step := range 5000 {
		if r.IntN(3) > 0 || len(mine) == 0 {
			n := &model.Node{Seq: step, Rank: int64(r.IntN(50))}
			mine.Push(n)
			heap.Push(&ref, n)
			continue
		}
		if a, b := mine.Pop(), heap.Pop(&ref).(*model.Node); a != b {
			t.Fatalf("step %d: nodeHeap gave %d (rank %d), container/heap %d (rank %d)", step, a.Seq, a.Rank, b.Seq, b.Rank)
		}
	}
}
