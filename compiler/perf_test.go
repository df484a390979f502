package compiler

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/scalegen"

	"github.com/hybridc/hybridc/compiler/runbook"
)

// perfGroups are the blocks of the performance table, by the name
// HYBRIDC_PERF_GROUPS chooses them with.
var perfGroups = []string{"example", "5000", "50000", "states", "bench"}

// TestPerformanceTable measures hybridc's commands as processes against
// their floor and rewrites the README's performance table (between
// <!-- perf:begin --> and <!-- perf:end -->) with what it measured:
//
//	HYBRIDC_PERF=1 go test ./compiler -run TestPerformanceTable -timeout 2h -v
//
// It builds hybridc and the floor (testdata/perffloor), generates the
// benchmarks' deployments (scalegen: 5,000 mailboxes and 50,000
// permissions, 50,000 and 500,000) and the large state files
// (TestWriteLargeStates), and runs each block's commands interleaved,
// HYBRIDC_PERF_RUNS times each (at least 5; the example, a process of a few
// milliseconds, 8 times as many), then the package's benchmarks the same
// way (benchGroups). HYBRIDC_PERF_GROUPS (comma-separated: example, 5000,
// 50000, states, bench) measures some blocks only and then leaves
// the README alone; HYBRIDC_PERF_DIR keeps the generated files and
// binaries there. HYBRIDC_PERF_BASE names a hybridc binary built from
// another commit, measured in the same rounds, its rows marked "(base)"
// (not the benchmarks': they are this commit's test binary), for a before
// and after (the README is then left alone too). It asserts
// no timing: it fails only when a command fails.
func TestPerformanceTable(t *testing.T) {
	if os.Getenv("HYBRIDC_PERF") == "" {
		t.Skip("set HYBRIDC_PERF=1 to measure hybridc's commands and rewrite the README's performance table (takes many minutes)")
	}
	runs := 5
	if s := os.Getenv("HYBRIDC_PERF_RUNS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 5 {
			t.Fatalf("HYBRIDC_PERF_RUNS=%q: give a number of at least 5", s)
		}
		runs = n
	}
	want := perfGroups
	if s := os.Getenv("HYBRIDC_PERF_GROUPS"); s != "" {
		want = strings.Split(s, ",")
		for _, g := range want {
			if !slices.Contains(perfGroups, g) {
				t.Fatalf("HYBRIDC_PERF_GROUPS: unknown group %q (use %s)", g, strings.Join(perfGroups, ", "))
			}
		}
	}
	dir := os.Getenv("HYBRIDC_PERF_DIR")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	hybridc, floor := buildPerfBinaries(t, dir)
	base := os.Getenv("HYBRIDC_PERF_BASE")
	var groups []*perfGroup
	for _, name := range perfGroups {
		if !slices.Contains(want, name) {
			continue
		}
		if name == "bench" {
			for _, g := range benchGroups(t, dir) {
				g.runs = runs
				g.measure(t, dir)
				groups = append(groups, g)
			}
			continue
		}
		g := perfGroupFor(t, name, dir, hybridc, floor)
		if base != "" {
			g.withBase(base, hybridc)
		}
		g.runs = runs
		if name == "example" {
			g.runs = 8 * runs
		}
		g.measure(t, dir)
		groups = append(groups, g)
	}
	table := perfTable(thisMachine(), groups)
	t.Logf("\n%s", table)
	if len(groups) < len(perfGroups) || base != "" {
		t.Log("some blocks only, or a base measured too: README.md left as it is")
		return
	}
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := replacePerf(string(data), table)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("../README.md", []byte(readme), 0o644); err != nil {
		t.Fatal(err)
	}
}

// buildPerfBinaries builds hybridc and the floor program into dir.
func buildPerfBinaries(t *testing.T, dir string) (hybridc, floor string) {
	hybridc, floor = filepath.Join(dir, "hybridc"), filepath.Join(dir, "perffloor")
	if runtime.GOOS == "windows" {
		hybridc, floor = hybridc+".exe", floor+".exe"
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	for _, b := range []struct{ out, pkg string }{{hybridc, "../cmd/hybridc"}, {floor, "./testdata/perffloor"}} {
		cmd := exec.Command(goTool, "build", "-o", b.out, b.pkg)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build %s: %v\n%s", b.pkg, err, out)
		}
	}
	return hybridc, floor
}

// perfGroupFor prepares the input of a block of the table and lists its
// commands.
func perfGroupFor(t *testing.T, name, dir, hybridc, floor string) *perfGroup {
	switch name {
	case "example":
		file := "../examples/contoso-hybrid.yaml"
		return &perfGroup{title: "**A small file** (`examples/contoso-hybrid.yaml`: the process's start-up dominates)", commands: []perfCommand{
			{label: "floor: yaml.v3 + jsonschema/v5", floor: true, args: []string{floor, "yaml", file}},
			{label: "`hybridc version`", args: []string{hybridc, "version"}},
			{label: "`hybridc validate`", args: []string{hybridc, "validate", file}},
		}}
	case "5000", "50000":
		n, _ := strconv.Atoi(name)
		file := filepath.Join(dir, fmt.Sprintf("scale-%d.yaml", n))
		size := perfInput(t, "scale", file, n)
		return &perfGroup{title: fmt.Sprintf("**%s mailboxes, %s permissions** (scalegen, %.1f MB of YAML)", runbook.Thousands(n), runbook.Thousands(10*n), float64(size)/1e6), commands: []perfCommand{
			{label: "floor: yaml.v3 + jsonschema/v5", floor: true, args: []string{floor, "yaml", file}},
			{label: "`hybridc validate`", args: []string{hybridc, "validate", file}},
			{label: "`hybridc compile -o DIR`", args: []string{hybridc, "compile", file, "-o", "{out}"}},
		}}
	}
	states := filepath.Join(dir, "states")
	if err := os.MkdirAll(states, 0o755); err != nil {
		t.Fatal(err)
	}
	perfInput(t, "states", states, 0)
	files, _ := filepath.Glob(filepath.Join(states, "*.json"))
	var size int64
	for _, f := range files {
		if info, err := os.Stat(f); err == nil {
			size += info.Size()
		}
	}
	conf := filepath.Join(dir, "imported")
	if _, err := runMeasured(perfCommand{args: append(append([]string{hybridc, "import"}, files...), "-o", conf)}, dir); err != nil {
		t.Fatalf("hybridc import: %v", err)
	}
	return &perfGroup{title: fmt.Sprintf("**State files** (TestWriteLargeStates: 50,000 mailboxes, 500,000 permissions, two files of %.0f MB together)", float64(size)/1e6), commands: []perfCommand{
		{label: "floor: encoding/json of both states", floor: true, args: append([]string{floor, "json"}, files...)},
		{label: "`hybridc import STATES -o DIR`", args: append(append([]string{hybridc, "import"}, files...), "-o", "{out}")},
		{label: "`hybridc plan --state STATES DIR`", args: append(append([]string{hybridc, "plan", "--state"}, files...), conf)},
		{label: "`hybridc batches --state STATES`", args: append(append([]string{hybridc, "batches", "--state"}, files...), "--format", "csv")},
	}}
}

// perfInput generates an input of the table (kind "scale": scalegen's
// deployment of n mailboxes in the file path; "states": the large states
// in the directory path) in a process of its own, this test binary run as
// TestPerfInput, and returns the size written. Not in this process: Linux
// starts a child's peak resident set (ru_maxrss) at its parent's when it
// runs a program (exec records the parent's peak, whose memory the child
// shared until then), so that after generating 240 MB of states here every
// command measured would have been counted at least this process's 1.2 GB.
func perfInput(t *testing.T, kind, path string, n int) int64 {
	cmd := exec.Command(os.Args[0], "-test.run=^TestPerfInput$", "-test.count=1")
	cmd.Env = append(os.Environ(), fmt.Sprintf("HYBRIDC_PERF_INPUT=%s:%d:%s", kind, n, path))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generating %s: %v\n%s", path, err, out)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Size()
}

// TestPerfInput writes one input of the performance table, for perfInput
// (HYBRIDC_PERF_INPUT=kind:n:path); skipped otherwise.
func TestPerfInput(t *testing.T) {
	kind, rest, _ := strings.Cut(os.Getenv("HYBRIDC_PERF_INPUT"), ":")
	count, path, _ := strings.Cut(rest, ":")
	n, _ := strconv.Atoi(count)
	switch kind {
	case "scale":
		if err := os.WriteFile(path, scalegen.YAML(scalegen.Config(n, 10*n, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	case "states":
		writeLargeStates(t, path)
	default:
		t.Skip("HYBRIDC_PERF_INPUT not set")
	}
}

// withBase adds, after each of g's hybridc commands, the same command run
// by the binary base, labelled "(base)".
func (g *perfGroup) withBase(base, hybridc string) {
	var out []perfCommand
	for _, c := range g.commands {
		out = append(out, c)
		if c.args[0] == hybridc {
			b := c
			b.label += " (base)"
			b.args = append([]string{base}, c.args[1:]...)
			out = append(out, b)
		}
	}
	g.commands = out
}
