// Package decisions reads hybridc's decision cases: one file per resource
// kind (<kind>.yaml in this folder), each case a declared configuration, a
// fragment of an organization's state and what the scripts decide for the
// case's resource there. The same cases drive the Go test of plan --state
// (golden, TestDecisions) and, where PowerShell exists, the engine's Sync-
// functions in the simulator (golden/simulator, TestDecisions), so that plan
// and apply are checked against the same table.
//
// A case's organization is base/<kind>.json (an empty organization as the
// simulator seeds one: the running account, the built-in role groups, the
// default role assignment policy) with the case's state fragment merged in:
// a list of the fragment is appended to the base's, organizationConfig's
// fields are set, any other field replaced.
package decisions

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// File is one kind's cases, as <kind>.yaml holds them.
type File struct {
	// Kind is the resource kind the file's cases decide (its file name).
	Kind string `yaml:"kind"`
	// Script is the script of the cases' resource: onprem.ps1 or
	// online.ps1 (each case may say otherwise).
	Script string `yaml:"script"`
	// Resource is the plan ID of the cases' resource (kind/name).
	Resource string `yaml:"resource"`
	// Config is the configuration the cases declare, unless a case
	// declares its own.
	Config string `yaml:"config"`
	// State is a fragment every case's organization holds (merged before
	// the case's own).
	State map[string]any `yaml:"state"`
	// Cases are the decisions.
	Cases []Case `yaml:"cases"`
	// Path is the file's path.
	Path string `yaml:"-"`
}

// Case is one decision: a declared item, what the organization has, and
// what plan --state and the script decide.
type Case struct {
	Name     string `yaml:"name"`
	Script   string `yaml:"script"`
	Resource string `yaml:"resource"`
	Config   string `yaml:"config"`
	// State is the fragment of the organization's state (the state-file
	// format, written as YAML or JSON).
	State map[string]any `yaml:"state"`
	// Expect is the decision.
	Expect Expect `yaml:"expect"`
	// Others are the other resources of the script that are not
	// unchanged, as "status plan-ID" (added groupMembers/...): what depends
	// on the case's resource. Every other resource must be unchanged.
	Others []string `yaml:"others"`
	// common is the file's state fragment.
	common map[string]any
	// Divergence, when set, says why the script decides otherwise than
	// plan --state (a known bug): the simulator test reports the case
	// instead of failing.
	Divergence string `yaml:"divergence"`
}

// Expect is what plan --state reports for the case's resource, and what
// the script does.
type Expect struct {
	// Status is DiffState's: unchanged, changed, added or removed.
	Status string `yaml:"status"`
	// Changes are the changed properties (cmdlet parameter, the
	// organization's value, the declared value), in plan order.
	Changes []Change `yaml:"changes"`
	// Unresolved says plan --state warns (HC0505) that the script fails
	// for the resource: the script's run reports it failed and writes
	// nothing.
	Unresolved bool `yaml:"unresolved"`
	// Fails says the script's run fails for the resource (writing nothing)
	// although plan --state does not warn HC0505 (its plan warning says
	// why): -Check reports it drifted or failed.
	Fails bool `yaml:"fails"`
	// Warning is a text the resource's plan warning contains.
	Warning string `yaml:"warning"`
	// Calls are the write cmdlets a run makes, in order.
	Calls []string `yaml:"calls"`
	// Run is the run's report status when the script leaves the change to
	// someone else (skipped: a group Entra Connect has not written back
	// yet), writing nothing; empty for the status's own (created,
	// updated, removed, unchanged).
	Run string `yaml:"run"`
}

// Change is one changed property. Added and Removed are, for a set, the
// items the script adds and removes.
type Change struct {
	Name    string   `yaml:"name"`
	Old     any      `yaml:"old"`
	New     any      `yaml:"new"`
	Added   []string `yaml:"added"`
	Removed []string `yaml:"removed"`
}

// Load reads every <kind>.yaml of dir, sorted by name, with each case's
// defaults filled in from its file.
func Load(dir string) ([]*File, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var out []*File
	for _, path := range paths {
		f, err := loadFile(path)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

func loadFile(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f File
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	f.Path = path
	if want := strings.TrimSuffix(filepath.Base(path), ".yaml"); f.Kind != want {
		return nil, fmt.Errorf("%s: kind %q, want the file's name %q", path, f.Kind, want)
	}
	seen := map[string]bool{}
	for i := range f.Cases {
		c := &f.Cases[i]
		if c.Name == "" || seen[c.Name] {
			return nil, fmt.Errorf("%s: case %d: a name of its own is required", path, i+1)
		}
		seen[c.Name] = true
		c.Script = or(c.Script, f.Script)
		c.Resource = or(c.Resource, f.Resource)
		c.Config = or(c.Config, f.Config)
		c.common = f.State
		if c.Script == "" || c.Resource == "" || c.Config == "" {
			return nil, fmt.Errorf("%s: case %q: script, resource and config are required (in the case or the file)", path, c.Name)
		}
		switch c.Expect.Status {
		case "unchanged", "changed", "added", "removed":
		default:
			return nil, fmt.Errorf("%s: case %q: status %q is not unchanged, changed, added or removed", path, c.Name, c.Expect.Status)
		}
		// An unchanged resource's case lists the calls only when other
		// resources of the script write (its others).
		writes := !(c.Expect.Status == "unchanged" || c.ScriptFails() || c.Expect.Run != "")
		if writes == (len(c.Expect.Calls) == 0) && !(c.Expect.Status == "unchanged" && len(c.Others) > 0) {
			return nil, fmt.Errorf("%s: case %q: calls are required exactly when the script writes (a status other than unchanged, not unresolved; or others that are not unchanged)", path, c.Name)
		}
	}
	return &f, nil
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// ID is the case's name for tests and messages: kind/name.
func (f *File) ID(c *Case) string {
	return f.Kind + "/" + c.Name
}

// ScriptFails reports whether the case's script fails for its resource.
func (c *Case) ScriptFails() bool {
	return c.Expect.Unresolved || c.Expect.Fails
}

// Online reports whether the case's script runs in Exchange Online.
func (c *Case) Online() bool {
	return c.Script != "onprem.ps1"
}

// StateJSON is the case's organization in the state-file format: the base
// organization of its script's kind (read from dir/base) with the case's
// fragment merged in.
func (c *Case) StateJSON(dir string) ([]byte, error) {
	kind := "onPremises"
	if c.Online() {
		kind = "exchangeOnline"
	}
	data, err := os.ReadFile(filepath.Join(dir, "base", kind+".json"))
	if err != nil {
		return nil, err
	}
	var base map[string]any
	if err := json.Unmarshal(data, &base); err != nil {
		return nil, fmt.Errorf("base/%s.json: %w", kind, err)
	}
	for _, fragment := range []map[string]any{c.common, c.State} {
		if err := merge(base, fragment); err != nil {
			return nil, fmt.Errorf("case %q: %w", c.Name, err)
		}
	}
	return json.MarshalIndent(base, "", "  ")
}

// merge merges a state fragment into base: lists are appended to, objects'
// fields set, other values replaced.
func merge(base, fragment map[string]any) error {
	for key, value := range fragment {
		switch have := base[key].(type) {
		case []any:
			add, ok := value.([]any)
			if !ok {
				return fmt.Errorf("state %s is a list in the state format", key)
			}
			base[key] = append(have, add...)
		case map[string]any:
			add, ok := value.(map[string]any)
			if !ok {
				return fmt.Errorf("state %s is an object in the state format", key)
			}
			for k, v := range add {
				have[k] = v
			}
		default:
			base[key] = value
		}
	}
	return nil
}
