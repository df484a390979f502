package simulator

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
)

// config is one configuration the scenarios run: an example or a valid
// golden case, compiled.
type config struct {
	Label    string
	YAML     []byte
	Files    compiler.Files
	Schedule *compiler.Schedule
}

// configs compiles every example and every golden case that compiles
// without errors.
func configs(t *testing.T) []config {
	t.Helper()
	examples, _ := filepath.Glob(filepath.Join("..", "..", "examples", "*.yaml"))
	cases, _ := filepath.Glob(filepath.Join("..", "cases", "*", "input.yaml"))
	if len(examples) == 0 || len(cases) == 0 {
		t.Fatalf("found %d examples and %d golden cases; want both", len(examples), len(cases))
	}
	var out []config
	for _, input := range append(examples, cases...) {
		label := "examples_" + strings.TrimSuffix(filepath.Base(input), ".yaml")
		if filepath.Base(input) == "input.yaml" {
			label = "cases_" + filepath.Base(filepath.Dir(input))
		}
		data, err := os.ReadFile(input)
		if err != nil {
			t.Fatal(err)
		}
		src := compiler.Source{Name: "input.yaml", Data: data}
		res, err := compiler.Compile(src, compiler.Options{ToolVersion: "0.0.0-test"})
		if err != nil {
			t.Fatalf("%s: compile: %v", input, err)
		}
		if res.Diagnostics.HasErrors() {
			continue
		}
		out = append(out, config{Label: label, YAML: data, Files: res.Files, Schedule: compiler.Analyze(src).Schedule})
	}
	return out
}

// scripts writes a configuration's scripts into dir and returns their names.
func (c config) scripts(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	for _, name := range c.Files.Names() {
		if filepath.Ext(name) != ".ps1" {
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, name), c.Files[name], 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// run is one run of a script in the simulator (Invoke-HybridcSimulation.ps1
// -Plan); paths are relative to the plan's directory.
type run struct {
	Script           string         `json:"Script"`
	Mode             string         `json:"Mode,omitempty"`
	ScriptParameters map[string]any `json:"ScriptParameters,omitempty"`
	State            string         `json:"State,omitempty"`
	Faults           string         `json:"Faults,omitempty"`
	Add              map[string]any `json:"Add,omitempty"`
	Variant          map[string]any `json:"Variant,omitempty"`
	OutState         string         `json:"OutState"`
	CallLog          string         `json:"CallLog"`
}

// outcome is what a run gave: its exit code and the simulator's own
// defects, and the host output of the whole plan.
type outcome struct {
	ExitCode int `json:"exitCode"`
	Defects  int `json:"defects"`
}

// simulate runs the runs one after the other in one pwsh process in dir.
func simulate(t *testing.T, dir string, runs []run) []outcome {
	t.Helper()
	pwsh := pwshPath(t)
	plan, err := json.Marshal(runs)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "plan.json"), plan, 0o644); err != nil {
		t.Fatal(err)
	}
	entry, err := filepath.Abs("Invoke-HybridcSimulation.ps1")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(pwsh, "-NoProfile", "-NonInteractive", "-File", entry, "-Plan", "plan.json", "-Results", "results.json")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "POWERSHELL_TELEMETRY_OPTOUT=1", "POWERSHELL_UPDATECHECK=Off", "NO_COLOR=1")
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Fatalf("running pwsh: %v", err)
		}
		t.Fatalf("the simulator exited %d:\n%s", exit.ExitCode(), output.String())
	}
	if err := os.WriteFile(filepath.Join(dir, "output.txt"), output.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []outcome
	data, err := os.ReadFile(filepath.Join(dir, "results.json"))
	if err == nil {
		err = json.Unmarshal(data, &got)
	}
	if err != nil || len(got) != len(runs) {
		t.Fatalf("the simulator's results: %v (%d of %d runs)\n%s", err, len(got), len(runs), output.String())
	}
	defects := 0
	for _, o := range got {
		defects += o.Defects
	}
	if defects > 0 {
		t.Errorf("the simulator reported %d defects of its own:\n%s", defects, defectLines(output.String()))
	}
	return got
}

func defectLines(output string) string {
	var out []string
	for _, line := range strings.Split(output, "\n") {
		if strings.Contains(line, "simulator defect:") || strings.HasPrefix(line, "simulator: ") {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

// call is one line of a call log.
type call struct {
	Cmdlet     string         `json:"cmdlet"`
	Parameters map[string]any `json:"parameters"`
	Pipeline   []string       `json:"pipeline"`
}

// readCalls reads a call log.
func readCalls(t *testing.T, path string) []call {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var calls []call
	scan := bufio.NewScanner(f)
	scan.Buffer(make([]byte, 1<<20), 1<<26)
	for scan.Scan() {
		var c call
		if err := json.Unmarshal(scan.Bytes(), &c); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		calls = append(calls, c)
	}
	if err := scan.Err(); err != nil {
		t.Fatal(err)
	}
	return calls
}

// changes are the state-changing calls of a log: every cmdlet but the
// reads and Set-ADServerSettings, which changes only the session.
func changes(calls []call) []string {
	var out []string
	for _, c := range calls {
		if strings.HasPrefix(c.Cmdlet, "Get-") || c.Cmdlet == "Set-ADServerSettings" {
			continue
		}
		out = append(out, c.Cmdlet)
	}
	return out
}

// report is a script's -ReportPath file.
type report struct {
	Counts  map[string]int `json:"counts"`
	Results []struct {
		Resource string `json:"Resource"`
		Status   string `json:"Status"`
		Detail   string `json:"Detail"`
		Source   string `json:"Source"`
	} `json:"results"`
}

func readReport(t *testing.T, path string) report {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r report
	if err := json.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), &r); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return r
}

// statuses counts a report's results by status.
func (r report) statuses() map[string]int {
	out := map[string]int{}
	for _, res := range r.Results {
		out[res.Status]++
	}
	return out
}

// readJSON reads a JSON file as generic values.
func readJSON(t *testing.T, path string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return v
}

// writeJSON writes a value as JSON.
func writeJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
