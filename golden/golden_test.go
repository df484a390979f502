package golden_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
	"github.com/hybridc/hybridc/golden/pscheck"
)

var update = flag.Bool("update", false, "rewrite the expected files of every golden case")

// toolVersion is the version golden scripts record, so that a release does
// not change every golden file.
const toolVersion = "0.0.0-golden"

const diagnosticsFile = "diagnostics.txt"

func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("cases", "*", "input.yaml"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no golden cases found: %v", err)
	}
	for _, input := range dirs {
		dir := filepath.Dir(input)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			got := compileCase(t, input)
			if *update {
				rewrite(t, dir, got)
				return
			}
			compareCase(t, dir, got)
			checkScripts(t, dir, got)
		})
	}
}

// compileCase compiles a case's input twice, as "input.yaml" so that
// messages do not depend on where the test runs, and fails unless both runs
// give identical bytes.
func compileCase(t *testing.T, input string) map[string][]byte {
	t.Helper()
	data, err := os.ReadFile(input)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for run := 0; run < 2; run++ {
		res, err := compiler.Compile(compiler.Source{Name: "input.yaml", Data: data}, compiler.Options{ToolVersion: toolVersion})
		if err != nil {
			t.Fatalf("compile: %v", err)
		}
		files := map[string][]byte{}
		for name, body := range res.Files {
			files[name] = body
		}
		if len(res.Diagnostics) > 0 {
			files[diagnosticsFile] = []byte(res.Diagnostics.String())
		}
		if run == 1 && !sameFiles(out, files) {
			t.Fatal("two compilations of the same input gave different output")
		}
		out = files
	}
	return out
}

func sameFiles(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// expectedFiles lists the files of a case directory other than its input.
func expectedFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && e.Name() != "input.yaml" {
			names = append(names, e.Name())
		}
	}
	return names
}

func rewrite(t *testing.T, dir string, got map[string][]byte) {
	t.Helper()
	for _, name := range expectedFiles(t, dir) {
		if _, ok := got[name]; !ok {
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
		}
	}
	for name, body := range got {
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func compareCase(t *testing.T, dir string, got map[string][]byte) {
	t.Helper()
	want := expectedFiles(t, dir)
	var gotNames []string
	for name := range got {
		gotNames = append(gotNames, name)
	}
	slices.Sort(gotNames)
	if !slices.Equal(want, gotNames) {
		t.Errorf("files: got %v, want %v (run go test ./golden -update to accept)", gotNames, want)
	}
	for _, name := range want {
		body, ok := got[name]
		if !ok {
			continue
		}
		expected, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(body, expected) {
			t.Errorf("%s differs from %s (run go test ./golden -update to accept):\n%s", name, filepath.Join(dir, name), firstDifference(expected, body))
		}
	}
}

// firstDifference shows the first differing line of two files with line
// endings made visible, since CRLF is part of the contract.
func firstDifference(want, got []byte) string {
	w := strings.SplitAfter(string(want), "\n")
	g := strings.SplitAfter(string(got), "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n  want %q\n  got  %q", i+1, wl, gl)
		}
	}
	return "(same lines, different bytes)"
}

// checkScripts parses every expected script with the PowerShell grammar and
// checks each Exchange cmdlet call against the catalog for the environment
// the script runs in.
func checkScripts(t *testing.T, dir string, got map[string][]byte) {
	t.Helper()
	version := onPremVersion(t, filepath.Join(dir, "input.yaml"))
	for name, body := range got {
		if filepath.Ext(name) != ".ps1" {
			continue
		}
		pscheck.CheckGeneratedWith(t, name, body, pscheck.EnvFor(name, version), pscheck.Options{ErrorAction: true, WriteGuarded: true})
	}
}

func onPremVersion(t *testing.T, input string) string {
	t.Helper()
	data, err := os.ReadFile(input)
	if err != nil {
		t.Fatal(err)
	}
	res := compiler.Analyze(compiler.Source{Name: input, Data: data})
	if res.Config == nil || res.Config.OnPremises == nil {
		return ""
	}
	return res.Config.OnPremises.ExchangeVersion.CatalogName()
}
