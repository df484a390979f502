package compiler

import (
	"fmt"
	"testing"

	"github.com/hybridc/hybridc/compiler/load"
)

// TestMergeLeavesFilesAlone: merging changes no file's own mappings (the
// merger copies a mapping once and then adds to its copy), and a mapping
// many files add keys to holds them all.
func TestMergeLeavesFilesAlone(t *testing.T) {
	var docs []*load.Document
	for i := range 5 {
		d, diags := load.Load(load.Source{Name: fmt.Sprintf("f%d.yaml", i), Data: fmt.Appendf(nil, "exchangeOnline:\n  key%d: %d\n", i, i)})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		docs = append(docs, d)
	}
	for _, index := range []bool{false, true} {
		m := load.NewMerger(load.Source{Name: "cfg"}, index)
		for _, d := range docs {
			m.Add(d)
		}
		merged := m.Doc.Tree.(map[string]any)["exchangeOnline"].(map[string]any)
		if len(merged) != len(docs) {
			t.Errorf("index %v: merged exchangeOnline has %d keys, want %d: %v", index, len(merged), len(docs), merged)
		}
		for i, d := range docs {
			own := d.Tree.(map[string]any)["exchangeOnline"].(map[string]any)
			if len(own) != 1 || own[fmt.Sprintf("key%d", i)] == nil {
				t.Errorf("index %v: the merge changed %s's own mapping: %v", index, d.Source.Name, own)
			}
		}
	}
}
