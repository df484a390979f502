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
				pscheck.CheckGenerated(t, name, first.Files[name], pscheck.EnvFor(name, version))
			}
		})
	}
}

// TestSeedCommands checks that the example of seed 000 compiles into the
// seed's documented settings, each inside its read-compare-change guard.
func TestSeedCommands(t *testing.T) {
	data, err := os.ReadFile("contoso-hybrid.yaml")
	if err != nil {
		t.Fatal(err)
	}
	res, err := compiler.Compile(compiler.Source{Name: "contoso-hybrid.yaml", Data: data}, compiler.Options{ToolVersion: "test"})
	if err != nil || res.Files == nil {
		t.Fatalf("compile: %v %s", err, res.Diagnostics)
	}
	tests := []struct {
		script string
		want   []string
	}{
		{script: "onprem.ps1", want: []string{
			"$name = 'To Cloud'",
			"DomainNames           = @('service.contoso.com', 'contoso.com')",
			"MailTipsAccessEnabled = $true",
			"MailTipsAccessLevel   = 'All'",
			"DeliveryReportEnabled = $true",
			"Set-OrganizationRelationship -Identity $name @drift -Confirm:$false",
			"$name = 'service.contoso.com'",
			"AccessMethod      = 'InternalProxy'",
			"UseServiceAccount = $true",
			"Add-AvailabilityAddressSpace @desired -Confirm:$false",
		}},
		{script: "online.ps1", want: []string{
			"Enable-OrganizationCustomization",
			"$name = 'To On-Premises'",
			"DomainNames           = @('exchangedelegation.contoso.com', 'contoso.com')",
			"New-OrganizationRelationship -Name $name @desired -Confirm:$false",
		}},
	}
	for _, tt := range tests {
		body := string(res.Files[tt.script])
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s does not contain %q", tt.script, w)
			}
		}
	}
	online := string(res.Files["online.ps1"])
	if strings.Index(online, "Enable-OrganizationCustomization") > strings.Index(online, "New-OrganizationRelationship -Name") {
		t.Error("online.ps1 must enable organization customization before creating a relationship")
	}
	if strings.Contains(online, "Get-FederationInformation") {
		t.Error("relationships must carry explicit DomainNames, not Get-FederationInformation output")
	}
}
