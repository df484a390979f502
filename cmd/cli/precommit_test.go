package cli

import (
	"fmt"
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
		wantLanguage := "golang"
		if strings.HasSuffix(h.ID, "-system") {
			wantLanguage = "system"
		}
		if h.Name == "" || h.Language != wantLanguage || !strings.HasPrefix(h.Entry, "hybridc ") {
			t.Errorf("hook %q: want a name, language %s and an entry running hybridc; got %+v", h.ID, wantLanguage, h)
		}
		byID[h.ID] = h
	}
	// Each golang hook has a system twin for air-gapped networks, which
	// runs the hybridc on PATH the same way.
	for _, h := range hooks {
		if h.Language != "golang" {
			continue
		}
		twin, ok := byID[h.ID+"-system"]
		samePass := equalBoolPtr(twin.PassFilenames, h.PassFilenames)
		twin.ID, twin.Language, twin.PassFilenames = h.ID, h.Language, h.PassFilenames
		if !ok || !samePass || fmt.Sprintf("%+v", twin) != fmt.Sprintf("%+v", h) {
			t.Errorf("hook %s: no %s-system hook with the same name, entry, types, files and pass_filenames", h.ID, h.ID)
		}
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
		{id: "hybridc-validate-system", args: []string{exampleYAML, unrelated}, wantCode: ExitOK, check: func(t *testing.T, h hook) {}},
		{id: "hybridc-compile-check-system", args: []string{exampleYAML, "-o", out}, wantCode: ExitOK, check: func(t *testing.T, h hook) {}},
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

// equalBoolPtr reports whether two optional booleans are both unset or
// both set to the same value.
func equalBoolPtr(a, b *bool) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}
