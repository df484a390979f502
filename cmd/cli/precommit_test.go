package cli

import (
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// hook is one entry of .pre-commit-hooks.yaml, as pre-commit reads it.
type hook struct {
	ID            string   `yaml:"id"`
	Name          string   `yaml:"name"`
	Entry         string   `yaml:"entry"`
	Language      string   `yaml:"language"`
	Types         []string `yaml:"types"`
	Files         string   `yaml:"files"`
	PassFilenames *bool    `yaml:"pass_filenames"`
}

// TestPreCommitHooks checks .pre-commit-hooks.yaml: both hooks exist, build
// hybridc with Go, and their entries are hybridc command lines that work
// as pre-commit runs them (entry, then args, then the staged files).
func TestPreCommitHooks(t *testing.T) {
	var hooks []hook
	if err := yaml.Unmarshal(readFile(t, "../../.pre-commit-hooks.yaml"), &hooks); err != nil {
		t.Fatal(err)
	}
	byID := map[string]hook{}
	for _, h := range hooks {
		if h.Name == "" || h.Language != "golang" || !strings.HasPrefix(h.Entry, "hybridc ") {
			t.Errorf("hook %q: want a name, language golang and an entry running hybridc; got %+v", h.ID, h)
		}
		byID[h.ID] = h
	}
	dir := t.TempDir()
	unrelated := writeFile(t, dir, "workflow.yml", "on: push\njobs: {}\n")
	out := compileTo(t)

	tests := []struct {
		id       string
		args     []string // what the user's args and pre-commit's file names add
		wantCode int
		check    func(t *testing.T, h hook)
	}{
		{id: "hybridc-validate", args: []string{exampleYAML, unrelated}, wantCode: ExitOK, check: func(t *testing.T, h hook) {
			if len(h.Types) != 1 || h.Types[0] != "yaml" {
				t.Errorf("types %v, want [yaml]", h.Types)
			}
		}},
		{id: "hybridc-compile-check", args: []string{exampleYAML, "-o", out}, wantCode: ExitOK, check: func(t *testing.T, h hook) {
			if h.PassFilenames == nil || *h.PassFilenames {
				t.Error("pass_filenames must be false: the user names the YAML and the directory in args")
			}
			re, err := regexp.Compile(h.Files)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range []string{"hybrid.yaml", "config/a.yml", "out/onprem.ps1"} {
				if !re.MatchString(f) {
					t.Errorf("files %q does not match %s", h.Files, f)
				}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			h, ok := byID[tt.id]
			if !ok {
				t.Fatalf("no hook %s", tt.id)
			}
			tt.check(t, h)
			args := append(strings.Fields(strings.TrimPrefix(h.Entry, "hybridc ")), tt.args...)
			if r := hybridc(t, nil, args...); r.code != tt.wantCode {
				t.Errorf("hybridc %v: exit %d, want %d\n%s%s", args, r.code, tt.wantCode, r.stdout, r.stderr)
			}
		})
	}
}
