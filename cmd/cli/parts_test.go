package cli

import (
	"bytes"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"gopkg.in/yaml.v3"
)

// importedRepo is a git repository made by hybridc init, with hybridc
// import's directory configuration in config/ and the schemas its files'
// headers say to write beside them, all staged.
func importedRepo(t *testing.T) string {
	t.Helper()
	repo := gitRepo(t)
	if r := hybridc(t, nil, "init", repo, "--tenant", "contoso.onmicrosoft.com", "--domain", "contoso.com", "--organization", "Contoso"); r.code != ExitOK {
		t.Fatalf("init: exit %d\n%s", r.code, r.stderr)
	}
	cfg := filepath.Join(repo, "config")
	if r := hybridc(t, nil, append(append([]string{"import"}, stateFiles(t)...), "-o", cfg)...); r.code != ExitOK {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	for _, args := range [][]string{
		{"schema", "-o", filepath.Join(cfg, "hybrid.schema.json")},
		{"schema", "--part", "-o", filepath.Join(cfg, "hybrid.part.schema.json")},
	} {
		if r := hybridc(t, nil, args...); r.code != ExitOK {
			t.Fatalf("%v: exit %d\n%s", args, r.code, r.stderr)
		}
	}
	gitIn(t, repo, "add", "-A")
	return repo
}

// runValidateHook runs, in repo (which stays the working directory for the
// rest of the test), what pre-commit runs for the validate hook
// of the .pre-commit-config.yaml hybridc init wrote: its entry and args,
// then the staged files of its types (yaml: *.yaml and *.yml).
func runValidateHook(t *testing.T, repo string) result {
	t.Helper()
	var cfg struct {
		Repos []struct {
			Hooks []struct {
				ID    string   `yaml:"id"`
				Entry string   `yaml:"entry"`
				Args  []string `yaml:"args"`
				Types []string `yaml:"types"`
			} `yaml:"hooks"`
		} `yaml:"repos"`
	}
	if err := yaml.Unmarshal(readFile(t, filepath.Join(repo, ".pre-commit-config.yaml")), &cfg); err != nil {
		t.Fatal(err)
	}
	for _, h := range cfg.Repos[0].Hooks {
		if h.ID != "hybridc-validate-system" {
			continue
		}
		if strings.Join(h.Types, ",") != "yaml" {
			t.Fatalf("the hook's types are %v", h.Types)
		}
		args := append(strings.Fields(strings.TrimPrefix(h.Entry, "hybridc ")), h.Args...)
		for _, f := range strings.Fields(gitOutput(t, repo, "diff", "--cached", "--name-only")) {
			if ext := filepath.Ext(f); ext == ".yaml" || ext == ".yml" {
				args = append(args, f)
			}
		}
		t.Chdir(repo) // pre-commit runs hooks at the top of the repository
		return runHere(args)
	}
	t.Fatal("init wrote no hybridc-validate-system hook")
	return result{}
}

// TestImportIntoInitRepo: in a repository made by init, the directory
// configuration import writes passes the validate hook on the staged files
// (checked as one configuration), and each of its files is valid against
// the schema its modeline names, as an editor checks it.
func TestImportIntoInitRepo(t *testing.T) {
	repo := importedRepo(t)
	cfg := filepath.Join(repo, "config")
	names, err := yamlFiles(cfg)
	if err != nil || len(names) < 3 {
		t.Fatalf("import wrote %v (%v); want hybrid.yaml and part files", names, err)
	}
	for _, n := range names {
		p := filepath.Join(cfg, n)
		data := readFile(t, p)
		ref := modelineRef(t, data)
		if want := n != "hybrid.yaml"; isPartFile(data) != want {
			t.Errorf("%s: modeline $schema=%s: a part: %v, want %v", n, ref, !want, want)
		}
		s := compileSchemaFile(t, filepath.Join(cfg, filepath.FromSlash(ref)))
		var v any
		if err := yaml.Unmarshal(data, &v); err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(v); err != nil {
			t.Errorf("%s is not valid against its modeline's schema %s: %v", n, ref, err)
		}
	}
	r := runValidateHook(t, repo)
	if r.code != ExitOK || r.stdout != "" {
		t.Errorf("the validate hook on the staged files: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestValidateHookFindsPartErrors: an error in a part fails the hook, at
// its file, line and column; a part named alone is checked with its
// directory.
func TestValidateHookFindsPartErrors(t *testing.T) {
	repo := importedRepo(t)
	p := filepath.Join(repo, "config", "mailboxes.yaml")
	data := readFile(t, p)
	bad := bytes.Replace(data, []byte("location: exchangeOnline"), []byte("location: cloud"), 1)
	if bytes.Equal(bad, data) {
		t.Fatal("mailboxes.yaml has no mailbox in exchangeOnline")
	}
	line := bytes.Count(bad[:bytes.Index(bad, []byte("location: cloud"))], []byte("\n")) + 1
	writeBytes(t, p, bad)
	gitIn(t, repo, "add", "-A")
	r := runValidateHook(t, repo)
	want := filepath.Join("config", "mailboxes.yaml") + ":" + strconv.Itoa(line) + ":"
	if r.code != ExitFindings || !strings.Contains(r.stdout, want) || strings.Contains(r.stdout, `missing required key "version"`) {
		t.Errorf("exit %d, want 1 and a finding at %s, none about version:\n%s%s", r.code, want, r.stdout, r.stderr)
	}
	// Named alone, with its directory given too: checked once, as config/.
	r = runHere([]string{"validate", filepath.Join("config", "mailboxes.yaml"), "config", filepath.Join("config", "hybrid.yaml")})
	if r.code != ExitFindings || strings.Count(r.stdout, want) != 1 {
		t.Errorf("exit %d, want 1 and one finding at %s:\n%s%s", r.code, want, r.stdout, r.stderr)
	}
}

// modelineRef returns the $schema the first lines of a YAML file name.
func modelineRef(t *testing.T, data []byte) string {
	t.Helper()
	for _, line := range strings.Split(string(data), "\n") {
		if _, ref, ok := strings.Cut(line, "# yaml-language-server: $schema="); ok {
			return strings.TrimSpace(ref)
		}
	}
	t.Fatalf("no modeline in %.200s", data)
	return ""
}

// compileSchemaFile compiles the JSON Schema in the file p.
func compileSchemaFile(t *testing.T, p string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	if err := c.AddResource("file.json", bytes.NewReader(readFile(t, p))); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	s, err := c.Compile("file.json")
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return s
}
