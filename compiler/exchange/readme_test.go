package exchange

import (
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite README.md from behaviour.json")

// TestREADMEInSync fails when README.md is not the rendering of
// behaviour.json; -update rewrites it.
func TestREADMEInSync(t *testing.T) {
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	want := RenderMarkdown(tab)
	if *update {
		if err := os.WriteFile("README.md", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Fatal("README.md is out of date: run go test ./compiler/exchange -update")
	}
}
