package compiler

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
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
		doc, diags := Load(Source{Name: path, Data: data})
		if doc == nil || diags.HasErrors() || Validate(doc).HasErrors() {
			continue
		}
		cfg, diags := Decode(doc)
		if cfg == nil || diags.HasErrors() {
			continue
		}
		diags, before := check(cfg)
		if diags.HasErrors() {
			continue
		}
		Defaults(cfg)
		if after := inventory(cfg); !reflect.DeepEqual(before, after) {
			t.Errorf("%s: the inventory differs after Defaults", path)
		}
		checked++
	}
	if checked < 20 {
		t.Errorf("only %d inputs checked", checked)
	}
}
