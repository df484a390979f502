package examples_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/hybridc/hybridc/compiler"
	"github.com/hybridc/hybridc/compiler/statesynth/planstates"
)

var updateState = flag.Bool("update-state", false, "rewrite examples/state from examples/contoso-complete.yaml")

// TestStateFiles: examples/state holds what the export scripts would read
// from contoso-complete.yaml's organizations once its scripts ran (go test
// ./examples -update-state rewrites them), and plan --state on them reports
// no change.
func TestStateFiles(t *testing.T) {
	data, err := os.ReadFile("contoso-complete.yaml")
	if err != nil {
		t.Fatal(err)
	}
	res := compiler.Analyze(compiler.Source{Name: "contoso-complete.yaml", Data: data})
	want := map[string][]byte{}
	for _, st := range planstates.States(res.Config, res.Schedule, "example") {
		b, err := compiler.MarshalState(st)
		if err != nil {
			t.Fatal(err)
		}
		want[compiler.StateFileName(st)] = b
	}
	if len(want) != 3 {
		t.Fatalf("%d states, want 3 (on-premises, tenant, partner)", len(want))
	}
	have, _ := filepath.Glob("state/*.json")
	var paths []string
	for name, b := range want {
		path := filepath.Join("state", name)
		if *updateState {
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, b) {
			t.Errorf("%s is not current: go test ./examples -update-state", path)
		}
		paths = append(paths, path)
	}
	if len(have) != len(want) && !*updateState {
		t.Errorf("state/ holds %d files, want %d", len(have), len(want))
	}
	states, diags, err := compiler.LoadStates(paths, os.ReadFile)
	if err != nil {
		t.Fatal(err)
	}
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	ch, _ := compiler.DiffState(res.Schedule, states)
	if ch.HasChanges() {
		t.Error("plan --state on examples/state reports changes")
	}
}
