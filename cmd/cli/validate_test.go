package cli

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/hybridc/hybridc/compiler"
)

// modeline is the first line of a hybridc file in a repository.
const modeline = "# yaml-language-server: $schema=../schema/hybrid.schema.json\n"

// warningYAML is valid but for a warning (HC0310) at 12:7.
const warningYAML = modeline + `version: 1
onPremises:
  organization: Contoso
  exchangeVersion: SE
  primarySmtpDomains: [contoso.com]
  federatedDelegationNamespace: exchangedelegation.contoso.com
  organizationRelationships:
    - name: To Cloud
      domainNames: [contoso.mail.onmicrosoft.com, service.contoso.com, contoso.com]
      mailTipsAccessEnabled: false
      mailTipsAccessLevel: All
exchangeOnline:
  tenant: contoso.onmicrosoft.com
  routingDomain: contoso.mail.onmicrosoft.com
  serviceRoutingNamespace: service.contoso.com
  primarySmtpDomains: [contoso.com]
`

// errorYAML has two errors: an unknown key at 5:3 and a bad tenant at 4:11.
const errorYAML = modeline + "version: 1\nexchangeOnline:\n  tenant: contoso.com\n  colour: blue\n  primarySmtpDomains: [contoso.com]\n"

func TestValidateFormats(t *testing.T) {
	dir := t.TempDir()
	warn := writeFile(t, dir, "warn.yaml", warningYAML)
	bad := writeFile(t, dir, "bad.yaml", errorYAML)
	other := writeFile(t, dir, "other.yaml", "jobs: {build: {runs-on: ubuntu-latest}}\n")
	dup := writeFile(t, dir, "dup.yaml", modeline+"version: 1\nversion: 1\n")
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout []string
		notStdout  []string
	}{
		{name: "text is the default", args: []string{bad}, wantCode: ExitFindings,
			wantStdout: []string{"bad.yaml:4:11: error HC0205", "bad.yaml:5:3: error HC0201"}},
		{name: "warnings do not fail", args: []string{warn}, wantCode: ExitOK, wantStdout: []string{"warn.yaml:12:7: warning HC0310"}},
		{name: "strict fails on warnings", args: []string{"--strict", warn}, wantCode: ExitFindings, wantStdout: []string{"warning HC0310"}},
		{name: "strict passes a clean file", args: []string{"--strict", example}, wantCode: ExitOK},
		{name: "json", args: []string{"--format", "json", warn, bad}, wantCode: ExitFindings, wantStdout: []string{
			`"formatVersion": 1`, `"file": "` + warn + `"`, `"line": 12`, `"column": 7`, `"severity": "warning"`, `"code": "HC0310"`, `"code": "HC0201"`}},
		{name: "json of a clean file", args: []string{"--format", "json", example}, wantCode: ExitOK, wantStdout: []string{`"diagnostics": []`}},
		{name: "github", args: []string{"--format", "github", warn, bad}, wantCode: ExitFindings, wantStdout: []string{
			"::warning file=" + filepath.ToSlash(warn) + ",line=12,col=7,title=HC0310::mailTipsAccessLevel All has no effect",
			"::error file=" + filepath.ToSlash(bad) + ",line=5,col=3,title=HC0201::unknown key \"colour\""}},
		{name: "sarif", args: []string{"--format", "sarif", bad}, wantCode: ExitFindings, wantStdout: []string{`"version": "2.1.0"`, `"ruleId": "HC0201"`}},
		{name: "unknown format", args: []string{"--format", "xml", bad}, wantCode: ExitUsage},
		{name: "text: related positions on note lines", args: []string{dup}, wantCode: ExitFindings,
			wantStdout: []string{"dup.yaml:3:1: error HC0102: duplicate key \"version\"\n\t" + dup + ":2:1: note: first given here\n"}},
		{name: "json: pointer and related", args: []string{"--format", "json", bad, dup}, wantCode: ExitFindings, wantStdout: []string{
			`"pointer": "/exchangeOnline/colour"`, `"related": [`, `"line": 2,`, `"label": "first given here"`}},
		{name: "github: related positions in the annotation", args: []string{"--format", "github", dup}, wantCode: ExitFindings, wantStdout: []string{
			"title=HC0102::duplicate key \"version\"%0A" + dup + ":2:1: note: first given here\n"}},
		{name: "sarif: related and logical locations", args: []string{"--format", "sarif", bad, dup}, wantCode: ExitFindings, wantStdout: []string{
			`"relatedLocations": [`, `"text": "first given here"`, `"fullyQualifiedName": "/exchangeOnline/colour"`}},
		{name: "unrelated YAML fails without --only-hybridc", args: []string{other}, wantCode: ExitFindings, wantStdout: []string{"other.yaml:1:1: error HC0201"}},
		{name: "--only-hybridc skips unrelated YAML", args: []string{"--only-hybridc", other, warn}, wantCode: ExitOK,
			wantStdout: []string{"warn.yaml:12:7"}, notStdout: []string{"other.yaml"}},
		{name: "--only-hybridc still checks hybridc files", args: []string{"--only-hybridc", other, bad}, wantCode: ExitFindings,
			wantStdout: []string{"bad.yaml:5:3"}, notStdout: []string{"other.yaml"}},
		{name: "--only-hybridc with JSON", args: []string{"--only-hybridc", "--format", "json", other}, wantCode: ExitOK,
			wantStdout: []string{`"diagnostics": []`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, "", append([]string{"validate"}, tt.args...)...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, stdout, stderr)
			}
			for _, w := range tt.wantStdout {
				if !strings.Contains(stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, stdout)
				}
			}
			for _, w := range tt.notStdout {
				if strings.Contains(stdout, w) {
					t.Errorf("stdout has %q:\n%s", w, stdout)
				}
			}
		})
	}
}

// TestValidateSARIFSchema validates validate --format sarif against the
// official SARIF 2.1.0 JSON schema (testdata/sarif-schema-2.1.0.json, as
// OASIS publishes it), registered under the draft its $schema names, and
// checks what GitHub code scanning needs beyond the schema.
func TestValidateSARIFSchema(t *testing.T) {
	schemaPath := filepath.Join("testdata", "sarif-schema-2.1.0.json")
	raw := readFile(t, schemaPath)
	var meta struct {
		Schema string `json:"$schema"`
		ID     string `json:"id"`
	}
	if err := json.Unmarshal(raw, &meta); err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	switch {
	case strings.Contains(meta.Schema, "draft-04"):
		c.Draft = jsonschema.Draft4
	case strings.Contains(meta.Schema, "draft-07"):
		c.Draft = jsonschema.Draft7
	default:
		t.Fatalf("the SARIF schema names an unexpected draft: %q", meta.Schema)
	}
	c.AssertFormat = true
	if err := c.AddResource(meta.ID, bytes.NewReader(raw)); err != nil {
		t.Fatal(err)
	}
	sarif, err := c.Compile(meta.ID)
	if err != nil {
		t.Fatal(err)
	}
	// The schema catches what GitHub would refuse.
	var broken any
	if err := json.Unmarshal([]byte(`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"hybridc"}},"results":[{"level":"fatal","message":{"text":"x"}}]}]}`), &broken); err != nil {
		t.Fatal(err)
	}
	if sarif.Validate(broken) == nil {
		t.Fatal("the SARIF schema accepts a result of level fatal")
	}

	dir := t.TempDir()
	warn := writeFile(t, dir, "warn.yaml", warningYAML)
	bad := writeFile(t, dir, "bad.yaml", errorYAML)
	tests := []struct {
		name        string
		files       []string
		wantResults int
	}{
		{name: "errors and a warning", files: []string{bad, warn}, wantResults: 3},
		{name: "no findings", files: []string{example}, wantResults: 0},
		{name: "several files", files: []string{"../../examples/contoso-hybrid.yaml", bad}, wantResults: 2},
		{name: "related positions and pointers", files: []string{bad, writeFile(t, dir, "dup.yaml", modeline+"version: 1\nversion: 1\n")}, wantResults: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stdout, stderr := run(t, "", append([]string{"validate", "--format", "sarif"}, tt.files...)...)
			var doc any
			if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
				t.Fatalf("not JSON: %v\n%s\n%s", err, stdout, stderr)
			}
			if err := sarif.Validate(doc); err != nil {
				t.Fatalf("not valid SARIF 2.1.0: %#v", err)
			}
			var log struct {
				Runs []struct {
					Tool struct {
						Driver struct{ Rules []struct{ ID string } }
					}
					Results []struct {
						RuleID    string
						RuleIndex int
						Locations []struct {
							PhysicalLocation struct {
								ArtifactLocation struct{ URI string }
								Region           struct{ StartLine int }
							}
						}
					}
				}
			}
			if err := json.Unmarshal([]byte(stdout), &log); err != nil {
				t.Fatal(err)
			}
			run := log.Runs[0]
			if len(run.Results) != tt.wantResults {
				t.Errorf("%d results, want %d", len(run.Results), tt.wantResults)
			}
			if len(run.Tool.Driver.Rules) != len(compiler.Rules) {
				t.Errorf("%d rules, want one per code (%d)", len(run.Tool.Driver.Rules), len(compiler.Rules))
			}
			for _, r := range run.Results {
				if rule := run.Tool.Driver.Rules[r.RuleIndex]; rule.ID != r.RuleID {
					t.Errorf("result %s has ruleIndex %d, which is %s", r.RuleID, r.RuleIndex, rule.ID)
				}
				uri := r.Locations[0].PhysicalLocation.ArtifactLocation.URI
				if strings.Contains(uri, `\`) || strings.HasPrefix(uri, "/") || r.Locations[0].PhysicalLocation.Region.StartLine < 1 {
					t.Errorf("location %s is not a relative URI with a line", uri)
				}
			}
		})
	}
}

func TestHasSchemaModeline(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want bool
	}{
		{name: "first line", yaml: modeline + "version: 1\n", want: true},
		{name: "after other comments and blank lines", yaml: "# Contoso\n\n#yaml-language-server:  $schema=https://hybridc.dev/schema/hybrid.schema.json\nversion: 1\n", want: true},
		{name: "byte-order mark and CRLF", yaml: "\ufeff# yaml-language-server: $schema=hybrid.schema.json\r\nversion: 1\r\n", want: true},
		{name: "no modeline", yaml: "version: 1\n"},
		{name: "another schema", yaml: "# yaml-language-server: $schema=https://json.schemastore.org/github-workflow.json\non: push\n"},
		{name: "modeline after content", yaml: "version: 1\n" + modeline},
		{name: "empty", yaml: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := hasSchemaModeline([]byte(tt.yaml)); got != tt.want {
				t.Errorf("hasSchemaModeline = %v, want %v", got, tt.want)
			}
		})
	}
}
