package golden_test

import (
	"bytes"
	"flag"
	"fmt"
	"maps"
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

// fullScripts are the cases whose scripts are stored whole, byte for
// byte, as the compiler writes them; every other script is stored as its
// case file and the engine store (see split_test.go).
var fullScripts = map[string]bool{"cases/hybrid-free-busy": true}

// output is what one golden case produced, and how it is stored.
type output struct {
	dir string // e.g. cases/hostile-names
	// got is every file the case produced, scripts whole.
	got map[string][]byte
	// isInput says which files of dir are the case's inputs.
	isInput func(name string) bool
	// check runs the script checks on one whole script.
	check func(t *testing.T, name string, body []byte)
	// want is what the case directory must hold besides its inputs.
	want map[string][]byte
}

// caseSuffix names a script's case file: onprem.ps1 -> onprem.case.ps1.
const caseSuffix = ".case.ps1"

func caseFileName(script string) string { return strings.TrimSuffix(script, ".ps1") + caseSuffix }

// TestGolden compiles every case of cases/ (and runs every case of export/
// and import/), and compares what they produce with what is stored: files
// other than scripts byte for byte; each script as its case file, and the
// script put together again from the case file and golden/engine byte for
// byte against the whole script compiled in memory, so that no byte
// escapes comparison. Every whole script goes through the script checks.
func TestGolden(t *testing.T) {
	outs := append(append(caseOutputs(t), exportOutputs(t)...), importOutputs(t)...)
	st := store{}
	for _, o := range outs {
		o.want = layout(t, o, st)
	}
	if *update {
		for _, o := range outs {
			rewrite(t, o)
		}
		rewriteStore(t, st)
		return
	}
	disk, err := loadStore()
	if err != nil {
		t.Fatalf("golden/engine: %v (run go test ./golden -update)", err)
	}
	t.Run("engine", func(t *testing.T) {
		for _, p := range storeProblems(st, disk) {
			t.Error(p)
		}
	})
	for _, o := range outs {
		t.Run(o.dir, func(t *testing.T) {
			compareCase(t, o, disk)
			for _, name := range slices.Sorted(maps.Keys(o.got)) {
				if filepath.Ext(name) == ".ps1" {
					o.check(t, name, o.got[name])
				}
			}
		})
	}
}

// caseOutputs compiles every case of cases/.
func caseOutputs(t *testing.T) []*output {
	t.Helper()
	inputs, err := filepath.Glob(filepath.Join("cases", "*", "input.yaml"))
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no golden cases found: %v", err)
	}
	var outs []*output
	for _, input := range inputs {
		dir := filepath.Dir(input)
		version := onPremVersion(t, input)
		outs = append(outs, &output{
			dir:     filepath.ToSlash(dir),
			got:     compileCase(t, input),
			isInput: func(name string) bool { return name == "input.yaml" },
			check: func(t *testing.T, name string, body []byte) {
				pscheck.CheckGeneratedWith(t, name, body, pscheck.EnvFor(name, version), pscheck.Options{ErrorAction: true, WriteGuarded: true})
			},
		})
	}
	return outs
}

// layout is what a case directory stores: scripts as case files (adding
// their engine runs to st), unless the case keeps them whole, and every
// other file as it is.
func layout(t *testing.T, o *output, st store) map[string][]byte {
	t.Helper()
	want := map[string][]byte{}
	for _, name := range slices.Sorted(maps.Keys(o.got)) {
		body := o.got[name]
		if filepath.Ext(name) != ".ps1" || fullScripts[o.dir] {
			want[name] = body
			continue
		}
		text, ok := scriptText(body)
		if !ok {
			t.Fatalf("%s/%s: not a byte order mark and CRLF lines: cannot be split", o.dir, name)
		}
		segs, err := split(text)
		if err != nil {
			t.Fatalf("%s/%s: %v", o.dir, name, err)
		}
		want[caseFileName(name)] = []byte(st.add(segs, o.dir+"/"+name))
	}
	return want
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

// storedFiles lists the files of a case directory other than its inputs.
func storedFiles(t *testing.T, o *output) []string {
	t.Helper()
	entries, err := os.ReadDir(o.dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && !o.isInput(e.Name()) {
			names = append(names, e.Name())
		}
	}
	return names
}

func rewrite(t *testing.T, o *output) {
	t.Helper()
	for _, name := range storedFiles(t, o) {
		if _, ok := o.want[name]; !ok {
			if err := os.Remove(filepath.Join(o.dir, name)); err != nil {
				t.Fatal(err)
			}
		}
	}
	for name, body := range o.want {
		if err := os.WriteFile(filepath.Join(o.dir, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// rewriteStore writes golden/engine, one file per section, and removes
// the file of a section no script has any more.
func rewriteStore(t *testing.T, st store) {
	t.Helper()
	if err := os.MkdirAll(engineDir, 0o755); err != nil {
		t.Fatal(err)
	}
	old, _ := filepath.Glob(filepath.Join(engineDir, "*.ps1"))
	for _, f := range old {
		if st[strings.TrimSuffix(filepath.Base(f), ".ps1")] == nil {
			if err := os.Remove(f); err != nil {
				t.Fatal(err)
			}
		}
	}
	for name, sec := range st {
		if err := os.WriteFile(filepath.Join(engineDir, name+".ps1"), sec.file(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// storeProblems says, for each section of golden/engine that is not what
// the compiler renders now, which section and piece differ and how to
// update them.
func storeProblems(want, disk store) []string {
	var problems []string
	for _, name := range slices.Sorted(maps.Keys(want)) {
		path := filepath.Join("golden", engineDir, name+".ps1")
		got := disk[name]
		if got == nil {
			problems = append(problems, fmt.Sprintf("engine section %s: %s is missing (run go test ./golden -update to write it)", name, path))
			continue
		}
		if string(got.file()) != string(want[name].file()) {
			problems = append(problems, fmt.Sprintf("engine section %s: %s is stale: %s\n(run go test ./golden -update and review the diff of %s)",
				name, path, staleness(want[name], got), path))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(disk)) {
		if want[name] == nil {
			problems = append(problems, fmt.Sprintf("engine section %s: no script renders it any more, but %s exists (run go test ./golden -update to remove it)",
				name, filepath.Join("golden", engineDir, name+".ps1")))
		}
	}
	return problems
}

// compareCase compares a case directory with what the case produced, and
// puts each script stored as a case file together again from it and the
// engine store on disk, against the whole script compiled.
func compareCase(t *testing.T, o *output, disk store) {
	t.Helper()
	want := slices.Sorted(maps.Keys(o.want))
	have := storedFiles(t, o)
	if !slices.Equal(want, have) {
		t.Errorf("files: %s holds %v, want %v (run go test ./golden -update to accept)", o.dir, have, want)
	}
	for _, name := range want {
		path := filepath.Join(o.dir, name)
		stored, err := os.ReadFile(path)
		if err != nil {
			continue // reported above
		}
		if !bytes.Equal(stored, o.want[name]) {
			t.Errorf("%s differs from what the case gives now (run go test ./golden -update to accept):\n%s", path, firstDifference(stored, o.want[name]))
		}
		script, isCase := strings.CutSuffix(name, caseSuffix)
		if !isCase {
			continue
		}
		script += ".ps1"
		text, err := disk.assemble(string(stored))
		if err != nil {
			t.Errorf("%s: %v (run go test ./golden -update)", path, err)
			continue
		}
		if whole := scriptFile(text); !bytes.Equal(whole, o.got[script]) {
			t.Errorf("%s put together from %s and golden/%s differs from the compiled script (a stale engine section fails TestGolden/engine too; run go test ./golden -update to accept):\n%s",
				script, path, engineDir, firstDifference(whole, o.got[script]))
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
