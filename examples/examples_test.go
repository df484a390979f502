package examples_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
	"github.com/hybridc/hybridc/golden/pscheck"
)

// wantScripts is what each example must compile into.
var wantScripts = map[string][]string{
	"contoso-hybrid.yaml":   {"online.ps1", "onprem.ps1", "runbook.md"},
	"tenant-to-tenant.yaml": {"online.ps1", "partner-fabrikam.com.ps1", "partner-tailspintoys.com.ps1", "runbook.md"},
	"groups-hybrid.yaml":    {"entra-connect.ps1", "online.ps1", "onprem.ps1", "runbook.md"},
	"permissions.yaml":      {"online.ps1", "onprem.ps1", "runbook.md"},
	"contoso-complete.yaml": {"entra-connect.ps1", "online.ps1", "onprem.ps1", "partner-fabrikam.com.ps1", "runbook.md"},
	"contoso-2026.yaml":     {"entra-app.ps1", "online.ps1", "onprem.ps1", "runbook.md"},
}

func TestExamples(t *testing.T) {
	files, err := filepath.Glob("*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	for _, file := range files {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(data, []byte("# yaml-language-server: $schema=../schema/hybrid.schema.json\n")) {
				t.Error("the first line must be the yaml-language-server modeline pointing at ../schema/hybrid.schema.json")
			}
			src := compiler.Source{Name: file, Data: data}
			first, err := compiler.Compile(src, compiler.Options{ToolVersion: "test"})
			if err != nil {
				t.Fatal(err)
			}
			if len(first.Diagnostics) > 0 {
				t.Fatalf("an example must be clean, got:\n%s", first.Diagnostics)
			}
			want, ok := wantScripts[file]
			if !ok {
				t.Fatalf("add %s to wantScripts", file)
			}
			if got := first.Files.Names(); strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("scripts: got %v, want %v", got, want)
			}
			second, err := compiler.Compile(src, compiler.Options{ToolVersion: "test"})
			if err != nil {
				t.Fatal(err)
			}
			version := ""
			if op := first.Config.OnPremises; op != nil {
				version = op.ExchangeVersion.CatalogName()
			}
			for _, name := range first.Files.Names() {
				if !bytes.Equal(first.Files[name], second.Files[name]) {
					t.Errorf("%s: two compilations differ", name)
				}
				if filepath.Ext(name) != ".ps1" {
					continue
				}
				pscheck.CheckGeneratedWith(t, name, first.Files[name], pscheck.EnvFor(name, version), pscheck.Options{ErrorAction: true, WriteGuarded: true})
			}
		})
	}
}
