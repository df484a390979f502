package compiler

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hybridc/hybridc/compiler/config"

	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/model"
	renderpkg "github.com/hybridc/hybridc/compiler/render"
	"github.com/hybridc/hybridc/compiler/runbook"
)

var updateRunbook = flag.Bool("update-runbook", false, "rewrite testdata/runbook-contoso-complete.md")

// runbookOf compiles an example and lays out its runbook.
func runbookOf(t *testing.T, example string) (string, load.Source) {
	t.Helper()
	path := filepath.Join("..", "examples", example)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src := load.Source{Name: path, Data: data}
	res := Analyze(src)
	if res.Schedule == nil {
		t.Fatalf("%s does not compile:\n%s", example, res.Diagnostics)
	}
	out, err := runbook.Runbook(res.Config, res.Schedule, src, renderpkg.Options{ToolVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return string(out), src
}

// runbookOfConfig lays out the runbook of a configuration built in Go,
// which the schema and the checks never see.
func runbookOfConfig(t *testing.T, cfg *config.Config) string {
	t.Helper()
	return runbookOfConfigAs(t, cfg, "dir/hostile.yaml", "test")
}

// runbookOfConfigAs is runbookOfConfig with the YAML's name and hybridc's
// version given.
func runbookOfConfigAs(t *testing.T, cfg *config.Config, name, version string) string {
	t.Helper()
	plan, diags := model.Order(cfg)
	if diags.HasErrors() {
		t.Fatalf("order: %s", diags)
	}
	out, err := runbook.Runbook(cfg, plan, load.Source{Name: name, Data: []byte("x")}, renderpkg.Options{ToolVersion: version})
	if err != nil {
		t.Fatalf("runbook: %v", err)
	}
	return string(out)
}

func TestRunbookDeterministic(t *testing.T) {
	for _, example := range []string{"contoso-complete.yaml", "contoso-hybrid.yaml", "tenant-to-tenant.yaml", "groups-hybrid.yaml", "permissions.yaml"} {
		t.Run(example, func(t *testing.T) {
			first, _ := runbookOf(t, example)
			second, _ := runbookOf(t, example)
			if first != second {
				t.Fatalf("two runs differ at line %d", firstDifferentLineOf(first, second))
			}
			checkRunbookBytes(t, first)
		})
	}
}

// checkRunbookBytes checks the file form: UTF-8 without a byte order mark,
// LF line endings, one final newline, no two blank lines in a row.
func checkRunbookBytes(t *testing.T, md string) {
	t.Helper()
	switch {
	case !utf8.ValidString(md):
		t.Error("not valid UTF-8")
	case strings.HasPrefix(md, "\ufeff"):
		t.Error("starts with a byte order mark")
	case strings.Contains(md, "\r"):
		t.Error("has a carriage return")
	case !strings.HasSuffix(md, "\n") || strings.HasSuffix(md, "\n\n"):
		t.Error("does not end with exactly one newline")
	case strings.Contains(md, "\n\n\n"):
		t.Error("has two blank lines in a row")
	}
}

// TestRunbookTemplateParsesWithScripts checks that runbook.md.tmpl, which
// the scripts' template set also loads, does not break it.
func TestRunbookTemplateParsesWithScripts(t *testing.T) {
	tmpl, err := renderpkg.ScriptTemplate()
	if err != nil {
		t.Fatal(err)
	}
	if tmpl.Lookup("runbook.md.tmpl") == nil {
		t.Skip("the scripts' template set no longer loads runbook.md.tmpl")
	}
	for _, name := range []string{"engine-core", "engine-directory", "engine-federation", "engine-mailflow", "engine-groups", "engine-rbac", "engine-permissions", "engine-entra"} {
		if tmpl.Lookup(name) == nil {
			t.Errorf("the scripts' template set lost %q", name)
		}
	}
}

func TestRunbookRefusesNil(t *testing.T) {
	if _, err := runbook.Runbook(nil, &model.Schedule{}, load.Source{}, renderpkg.Options{}); err == nil {
		t.Error("Runbook(nil config) succeeded")
	}
	if _, err := runbook.Runbook(&config.Config{}, nil, load.Source{}, renderpkg.Options{}); err == nil {
		t.Error("Runbook(nil plan) succeeded")
	}
}

func firstDifferentLineOf(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return strings.Count(a[:i], "\n") + 1
}
