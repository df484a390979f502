package cli

import (
	"bytes"
	"encoding/json"
	"os"
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
      domainNames: [service.contoso.com, contoso.com]
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
			var log sarifLog
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

func TestArtifactURI(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, path, want string }{
		{name: "relative", path: filepath.Join("config", "hybrid.yaml"), want: "config/hybrid.yaml"},
		{name: "cleaned", path: "./config//a.yaml", want: "config/a.yaml"},
		{name: "absolute inside the working directory", path: filepath.Join(wd, "testdata", "x.yaml"), want: "testdata/x.yaml"},
		{name: "space and percent are encoded", path: "my config/50%.yaml", want: "my%20config/50%25.yaml"},
		{name: "colon in the first segment", path: "a:b.yaml", want: "./a:b.yaml"},
		{name: "outside the working directory", path: filepath.Join(filepath.Dir(filepath.Dir(wd)), "x.yaml"),
			want: "file://" + filepath.ToSlash(filepath.Join(filepath.Dir(filepath.Dir(wd)), "x.yaml"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := artifactURI(tt.path); got != tt.want {
				t.Errorf("artifactURI(%q) = %q, want %q", tt.path, got, tt.want)
			}
		})
	}
}

// TestGitHubEscaping checks the escaping of workflow commands: %, CR and LF
// everywhere, and also : and , in properties.
func TestGitHubEscaping(t *testing.T) {
	tests := []struct {
		name string
		diag compiler.Diagnostic
		want string
	}{
		{name: "plain",
			diag: compiler.Diagnostic{Pos: compiler.Pos{File: "a.yaml", Line: 3, Col: 5}, Severity: compiler.Error, Code: "HC0201", Message: "unknown key"},
			want: "::error file=a.yaml,line=3,col=5,title=HC0201::unknown key\n"},
		{name: "warning",
			diag: compiler.Diagnostic{Pos: compiler.Pos{File: "a.yaml", Line: 1, Col: 1}, Severity: compiler.Warning, Code: "HC0310", Message: "m"},
			want: "::warning file=a.yaml,line=1,col=1,title=HC0310::m\n"},
		{name: "message escapes %, CR and LF but keeps : and ,",
			diag: compiler.Diagnostic{Pos: compiler.Pos{File: "a.yaml", Line: 1, Col: 1}, Code: "HC0205", Message: "50% off:\r\nnext, line"},
			want: "::error file=a.yaml,line=1,col=1,title=HC0205::50%25 off:%0D%0Anext, line\n"},
		{name: "property escapes : , % CR LF",
			diag: compiler.Diagnostic{Pos: compiler.Pos{File: "dir,x/a:b%\n.yaml", Line: 2, Col: 4}, Code: "HC0101", Message: "m"},
			want: "::error file=dir%2Cx/a%3Ab%25%0A.yaml,line=2,col=4,title=HC0101::m\n"},
		{name: "forward slashes", diag: compiler.Diagnostic{Pos: compiler.Pos{File: filepath.Join("cfg", "a.yaml"), Line: 1, Col: 2}, Code: "HC0101", Message: "m"},
			want: "::error file=cfg/a.yaml,line=1,col=2,title=HC0101::m\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := writeGitHub(&b, compiler.Diagnostics{tt.diag}); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("got  %q\nwant %q", b.String(), tt.want)
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
