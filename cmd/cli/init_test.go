package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/hybridc/hybridc/schema"
)

// initFileNames are the files hybridc init writes.
var initFileNames = []string{"hybrid.yaml", "hybrid.schema.json", ".gitattributes", ".pre-commit-config.yaml", ".github/workflows/hybridc.yml"}

// TestInit: init writes a repository whose YAML validates and compiles,
// whose modeline resolves from DIR to the schema of this hybridc, and
// whose hooks are hybridc's system hooks; a second init refuses.
func TestInit(t *testing.T) {
	tests := []struct {
		name        string
		flags       []string
		wantScripts []string
	}{
		{name: "hybrid", flags: []string{"--tenant", "contoso.onmicrosoft.com", "--domain", "contoso.com", "--organization", "Contoso"},
			wantScripts: []string{"online.ps1", "onprem.ps1"}},
		{name: "hybrid, two domains, Exchange SE, a name to quote", flags: []string{"--tenant", "contoso.onmicrosoft.com", "--domain", "contoso.com", "--domain", "contoso.de", "--organization", "Contoso: #1 'Ltd'", "--exchange-version", "SE"},
			wantScripts: []string{"online.ps1", "onprem.ps1"}},
		{name: "tenant without hybrid", flags: []string{"--tenant", "fabrikam.onmicrosoft.com", "--domain", "fabrikam.com"},
			wantScripts: []string{"online.ps1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "config")
			r := hybridc(t, nil, append([]string{"init", dir}, tc.flags...)...)
			if r.code != ExitOK {
				t.Fatalf("init: exit %d\n%s", r.code, r.stderr)
			}
			for _, n := range initFileNames {
				if !strings.Contains(r.stdout, filepath.Join(dir, n)) {
					t.Errorf("init did not list %s:\n%s", n, r.stdout)
				}
			}
			yamlPath := filepath.Join(dir, "hybrid.yaml")
			if r := hybridc(t, nil, "validate", "--strict", "--only-hybridc", yamlPath); r.code != ExitOK || r.stdout != "" {
				t.Errorf("validate: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			out := t.TempDir()
			if r := hybridc(t, nil, "compile", yamlPath, "-o", out); r.code != ExitOK {
				t.Fatalf("compile: exit %d\n%s", r.code, r.stderr)
			}
			for _, s := range tc.wantScripts {
				if _, err := os.Stat(filepath.Join(out, s)); err != nil {
					t.Error(err)
				}
			}
			// The modeline resolves from DIR to this hybridc's schema.
			first, _, _ := strings.Cut(string(readFile(t, yamlPath)), "\n")
			ref, ok := strings.CutPrefix(first, "# yaml-language-server: $schema=")
			if !ok || filepath.IsAbs(ref) {
				t.Fatalf("first line %q is not a relative modeline", first)
			}
			if !bytes.Equal(readFile(t, filepath.Join(dir, ref)), schema.JSON) {
				t.Errorf("%s is not the schema of this hybridc", ref)
			}
			if !strings.Contains(string(readFile(t, filepath.Join(dir, ".gitattributes"))), "*.ps1 -text") {
				t.Error(".gitattributes does not keep .ps1 byte-exact")
			}
			var workflow map[string]any
			if err := yaml.Unmarshal(readFile(t, filepath.Join(dir, ".github/workflows/hybridc.yml")), &workflow); err != nil || workflow["jobs"] == nil {
				t.Errorf("the workflow is not a workflow: %v", err)
			}

			// A second init refuses and changes nothing.
			before := snapshot(t, dir)
			r = hybridc(t, nil, append([]string{"init", dir}, tc.flags...)...)
			if r.code != ExitUsage || !strings.Contains(r.stderr, "already exist") || !strings.Contains(r.stderr, "nothing was written") {
				t.Errorf("second init: exit %d\n%s", r.code, r.stderr)
			}
			assertSameSnapshot(t, before, snapshot(t, dir))
		})
	}
}

// TestInitPreCommitConfig: the hooks init configures are the system hooks
// of .pre-commit-hooks.yaml, with the same entry, language and types.
func TestInitPreCommitConfig(t *testing.T) {
	var published []hook
	if err := yaml.Unmarshal(readFile(t, "../../.pre-commit-hooks.yaml"), &published); err != nil {
		t.Fatal(err)
	}
	byID := map[string]hook{}
	for _, h := range published {
		byID[h.ID] = h
	}
	dir := t.TempDir()
	if r := hybridc(t, nil, "init", dir, "--tenant", "contoso.onmicrosoft.com", "--domain", "contoso.com"); r.code != ExitOK {
		t.Fatalf("init: exit %d\n%s", r.code, r.stderr)
	}
	var cfg struct {
		Repos []struct {
			Repo  string `yaml:"repo"`
			Hooks []hook `yaml:"hooks"`
		} `yaml:"repos"`
	}
	if err := yaml.Unmarshal(readFile(t, filepath.Join(dir, ".pre-commit-config.yaml")), &cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Repos) != 1 || cfg.Repos[0].Repo != "local" || len(cfg.Repos[0].Hooks) == 0 {
		t.Fatalf("want one local repo with hooks, got %+v", cfg)
	}
	for _, h := range cfg.Repos[0].Hooks {
		p, ok := byID[h.ID]
		if !ok || h.Language != "system" || h.Entry != p.Entry || h.Language != p.Language || strings.Join(h.Types, ",") != strings.Join(p.Types, ",") {
			t.Errorf("hook %+v is not the published %+v", h, p)
		}
	}
}

// TestInitRefuses: bad flags and existing files leave DIR as it was.
func TestInitRefuses(t *testing.T) {
	tests := []struct {
		name    string
		flags   []string
		exists  string // a file that exists in DIR before
		wantErr string
	}{
		{name: "no tenant", flags: []string{"--domain", "contoso.com"}, wantErr: "need --tenant and at least one --domain"},
		{name: "no domain", flags: []string{"--tenant", "contoso.onmicrosoft.com"}, wantErr: "need --tenant and at least one --domain"},
		{name: "not a tenant name", flags: []string{"--tenant", "contoso.com", "--domain", "contoso.com"}, wantErr: `--tenant "contoso.com" is not a tenant name`},
		{name: "YAML in a domain", flags: []string{"--tenant", "contoso.onmicrosoft.com", "--domain", "contoso.com]\nonPremises: {"}, wantErr: "is not a domain name"},
		{name: "unknown Exchange version", flags: []string{"--tenant", "contoso.onmicrosoft.com", "--domain", "contoso.com", "--organization", "C", "--exchange-version", "2003"},
			wantErr: "error HC0204: exchangeVersion"},
		{name: "control characters in the organization", flags: []string{"--tenant", "contoso.onmicrosoft.com", "--domain", "contoso.com", "--organization", "C\x1b[31m"},
			wantErr: "--organization holds control characters"},
		{name: "an existing file", flags: []string{"--tenant", "contoso.onmicrosoft.com", "--domain", "contoso.com"}, exists: ".gitattributes",
			wantErr: ".gitattributes already exists: init never overwrites; nothing was written"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if tc.exists != "" {
				writeBytes(t, filepath.Join(dir, tc.exists), []byte("mine\n"))
			}
			before := snapshot(t, dir)
			r := hybridc(t, nil, append([]string{"init", dir}, tc.flags...)...)
			if r.code != ExitUsage || !strings.Contains(r.stderr, tc.wantErr) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %q", r.code, r.stderr, tc.wantErr)
			}
			assertSameSnapshot(t, before, snapshot(t, dir))
		})
	}
}

// TestSchemaOutput: schema -o writes the schema, replacing an old one.
func TestSchemaOutput(t *testing.T) {
	p := writeBytes(t, filepath.Join(t.TempDir(), "hybrid.schema.json"), []byte("{}"))
	if r := hybridc(t, nil, "schema", "-o", p); r.code != ExitOK || r.stdout != "" {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !bytes.Equal(readFile(t, p), schema.JSON) {
		t.Error("the file is not the schema")
	}
}
