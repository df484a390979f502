package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"text/template"

	"github.com/hybridc/hybridc/compiler"
)

// initData is what the files hybridc init writes are made of.
type initData struct {
	Organization    string        // the on-premises organization; "" for a tenant without hybrid
	ExchangeVersion string        // of the on-premises servers
	Tenant          string        // contoso.onmicrosoft.com
	Domains         []string      // primary SMTP domains, the first the main one
	Version         string        // this hybridc's version
	InstallVersion  string        // the CI workflow's HYBRIDC_VERSION: a release tag, a commit, or ""
	AllowWarnings   []initWarning // the warnings hybrid.yaml gives, which the CI workflow allows
}

// initWarning is a warning the configuration init writes gives, which the
// CI workflow's validate --strict allows (--allow-warning), so that CI is
// green from the first push.
type initWarning struct {
	Code, Name      string
	ExchangeVersion string
}

// Comment is the workflow's comment on the --allow-warning of w: why, and
// when and how to remove it. Each line indented for a step of the job.
func (w initWarning) Comment() string {
	var text string
	if w.Code == compiler.CodeExchangeEndOfSupport {
		text = "--allow-warning " + w.Code + ": Exchange " + w.ExchangeVersion + " is out of support (" + w.Code + ",\n" +
			w.Name + "), as hybrid.yaml says (exchangeVersion:\n" +
			"\"" + w.ExchangeVersion + "\"). The warning is still printed but does not fail --strict. After\n" +
			"upgrading to Exchange Server SE, set exchangeVersion: SE and remove\n" +
			"--allow-warning " + w.Code + ", so that --strict fails on it again (validate\n" +
			"names an allowed code that no file gave)."
	} else {
		text = "--allow-warning " + w.Code + " (" + w.Name + "): hybrid.yaml as init\n" +
			"wrote it gives this warning. It is still printed but does not fail\n" +
			"--strict; resolve it, then remove the flag."
	}
	return indentLines("# "+strings.ReplaceAll(text, "\n", "\n# "), "      ")
}

// RoutingDomain is the tenant's coexistence routing domain.
func (d initData) RoutingDomain() string {
	return strings.TrimSuffix(d.Tenant, ".onmicrosoft.com") + ".mail.onmicrosoft.com"
}

// Domain is the main primary SMTP domain.
func (d initData) Domain() string { return d.Domains[0] }

// plainScalar matches text that YAML reads as the same string unquoted.
var plainScalar = lazyRegexp(`^[A-Za-z][A-Za-z0-9 ._-]*[A-Za-z0-9]$`)

// yamlString writes s as a YAML string: plain when that reads back the
// same, otherwise double-quoted (JSON's escapes are YAML's).
func yamlString(s string) string {
	if plainScalar().MatchString(s) && !strings.Contains(s, "  ") {
		switch strings.ToLower(s) {
		case "yes", "no", "on", "off", "true", "false", "null", "y", "n":
		default:
			return s
		}
	}
	b, _ := json.Marshal(s)
	return string(b)
}

// yamlList writes a flow list of YAML strings: [a.com, b.com].
func yamlList(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = yamlString(s)
	}
	return "[" + strings.Join(out, ", ") + "]"
}

// initTemplates are the files of a new configuration repository, by path.
var initTemplates = map[string]string{
	initYAML: `# yaml-language-server: $schema=` + initSchema + `
#
# The hybridc configuration of {{if .Organization}}{{.Organization | y}} and {{end}}{{.Tenant}}, started by
# 'hybridc init' (hybridc {{.Version}}). Reference: the README's "The YAML file",
# https://github.com/hybridc/hybridc#the-yaml-file
#
#   hybridc validate hybrid.yaml               check it (every finding as file:line:col)
#   hybridc compile hybrid.yaml -o scripts     write the PowerShell scripts and runbook.md
#
# The first line points your editor (yaml-language-server: VS Code's YAML
# extension, and others) at ` + initSchema + ` beside this file, for completion
# and checks as you type. It is the schema of the hybridc that wrote it: after
# upgrading hybridc, refresh it with
#
#   hybridc schema -o ` + initSchema + `
#
# (the CI workflow in .github/workflows fails when it is not current).
version: 1
{{if .Organization}}
# The on-premises Exchange organization: compiles into onprem.ps1, for the
# Exchange Management Shell on the hybrid server.
onPremises:
  organization: {{.Organization | y}}  # (Get-OrganizationConfig).Name: onprem.ps1 refuses any other
  exchangeVersion: "{{.ExchangeVersion}}"  # 2013, 2016, 2019 or SE
  primarySmtpDomains: {{.Domains | list}}
  federatedDelegationNamespace: exchangedelegation.{{.Domain}}  # as the Hybrid Configuration Wizard named it

  organizationRelationships:
    # Towards the tenant, in the Hybrid Configuration Wizard's shape: it
    # must list the coexistence domain (exchangeOnline.routingDomain), the
    # domain of remote mailboxes' target addresses, by which the
    # availability service picks the relationship. Where the wizard already
    # made "On-premises to O365 - <GUID>", the script adopts it under that
    # name (adopt: false opts out).
    - name: To Cloud
      enabled: true
      domainNames: {{.ServiceDomains | list}}
      freeBusyAccessEnabled: true
      freeBusyAccessLevel: LimitedDetails
      mailTipsAccessEnabled: true
      mailTipsAccessLevel: All
      deliveryReportEnabled: true
{{end}}
# The Exchange Online tenant: compiles into online.ps1, for Exchange Online
# PowerShell (Connect-ExchangeOnline).
exchangeOnline:
  tenant: {{.Tenant}}  # online.ps1 refuses to run connected to any other tenant
{{- if .Organization}}
  routingDomain: {{.RoutingDomain}}
  serviceRoutingNamespace: service.{{.Domain}}
{{- end}}
  primarySmtpDomains: {{.Domains | list}}
{{- if .Organization}}

  organizationRelationships:
    # Towards on-premises: it must list the federated delegation namespace
    # and the on-premises primary SMTP domains. The wizard's "O365 to
    # On-premises - <GUID>" is adopted under its name; targetApplicationUri
    # defaults to FYDIBOHF25SPDLT.<federatedDelegationNamespace>.
    - name: To On-Premises
      domainNames: {{.DelegationDomains | list}}
      freeBusyAccessEnabled: true
      freeBusyAccessLevel: LimitedDetails
      # A guess from your first domain: hybridc export's on-premises script
      # prints the EWS URL your organization publishes; use its host here
      # (or set targetSharingEpr to that URL).
      targetAutodiscoverEpr: https://autodiscover.{{.Domain}}/autodiscover/autodiscover.svc/WSSecurity
{{- end}}

  # Other tenants to share calendars with, each compiled into
  # partner-<domain>.ps1 for its administrator:
  # partners:
  #   - domain: fabrikam.com
  #     tenant: fabrikam.onmicrosoft.com
  #     relationship:
  #       name: Fabrikam
  #       domainNames: [fabrikam.com]
  #       freeBusyAccessEnabled: true
  #       freeBusyAccessLevel: AvailabilityOnly
`,

	".gitattributes": `# PowerShell scripts compiled by hybridc are byte-exact: UTF-8 with BOM and
# CRLF line endings, as Windows PowerShell 5.1 and Authenticode signatures
# need. Never let git convert their line endings (core.autocrlf), or
# signatures and 'hybridc compile --check' fail.
*.ps1 -text
runbook.md -text

# The configuration and its schema: LF in the repository and in every
# checkout, whatever core.autocrlf says (Git for Windows' default, true,
# would check them out with CRLF). hybridc reads either, and the SHA-256 in
# the scripts' headers ignores line breaks, but with LF everywhere every
# clone is byte for byte the repository: 'sha256sum hybrid.yaml' gives the
# hash in the headers, 'hybridc schema | cmp - hybrid.schema.json' holds,
# and no diff is all line breaks. Editors on Windows keep LF line breaks.
*.yaml text eol=lf
*.yml text eol=lf
*.schema.json text eol=lf
`,

	".pre-commit-config.yaml": `# pre-commit (https://pre-commit.com) hooks of hybridc: pip install pre-commit,
# then 'pre-commit install' in this repository.
#
# These hooks run the hybridc installed on PATH (language: system): they
# build nothing and need no network, for air-gapped networks. They are the
# hybridc-validate-system and hybridc-compile-check-system hooks of hybridc's
# .pre-commit-hooks.yaml, written out as local hooks so that pre-commit need
# not fetch hybridc's repository either. Keep hybridc on PATH at the version
# this repository expects ({{.Version}} wrote it).
#
# With network access you may instead let pre-commit build hybridc with Go
# (hybridc-validate, a golang hook) at a release tag or a commit hash:
#
#   repos:
#     - repo: https://github.com/hybridc/hybridc
#       rev: <release tag or commit hash>
#       hooks:
#         - id: hybridc-validate
#
# The validate hook checks each staged YAML file that names hybridc's schema
# in its first line. A file of a directory configuration (hybridc import
# -o config/ writes one: hybrid.yaml, and part files whose first line names
# hybrid.part.schema.json) is checked as its directory, as one
# configuration, the way every hybridc command reads it: a part alone lacks
# version and exchangeOnline by design.
repos:
  - repo: local
    hooks:
      - id: hybridc-validate-system
        name: hybridc validate
        entry: hybridc validate --only-hybridc
        language: system
        types: [yaml]
      # If you commit the compiled scripts (hybridc compile hybrid.yaml -o
      # scripts), also check that they are current:
      # - id: hybridc-compile-check-system
      #   name: hybridc compile --check
      #   entry: hybridc compile --check
      #   language: system
      #   pass_filenames: false
      #   files: \.(ya?ml|ps1)$
      #   args: [hybrid.yaml, -o, scripts]
`,

	".github/workflows/hybridc.yml": `# Checks the hybridc configuration on every push and pull request: the YAML
# is valid (findings annotate the pull request) and ` + initSchema + ` is the
# schema of the hybridc used.
name: hybridc
on:
  push:
  pull_request:
permissions:
  contents: read
env:
  # The hybridc to use: a release tag (v1.2.3), whose Linux binary is
  # downloaded from ` + releasesURL + `
  # and checked against the release's SHA256SUMS, or a commit hash, built
  # from source. To upgrade, change it and refresh ` + initSchema + `.
  HYBRIDC_VERSION: "{{.InstallVersion}}"
  # Optional: the sha256 of hybridc_<version>_linux_amd64 from that
  # SHA256SUMS, so that a replaced release file is refused too.
  HYBRIDC_SHA256: ""
  # Optional: a mirror of the release files (<url>/<tag>/<file>).
  HYBRIDC_RELEASES: ` + releasesURL + `
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-go@v5
        if: "!startsWith(env.HYBRIDC_VERSION, 'v')"  # only to build a commit
        with:
          go-version: stable
      - name: Install hybridc
        run: |
` + indentLines(installScript, "          ") + `{{range .AllowWarnings}}{{.Comment}}
{{end}}      - name: Validate
        run: hybridc validate --strict{{range .AllowWarnings}} --allow-warning {{.Code}}{{end}} --format github ` + initYAML + `
      - name: The schema is current
        run: |
          hybridc schema | cmp -s - ` + initSchema + ` || {
            echo "::error file=` + initSchema + `::not the schema of this hybridc: run hybridc schema -o ` + initSchema + `"
            exit 1
          }
      # If you commit the compiled scripts:
      # - name: The committed scripts are current
      #   run: hybridc compile ` + initYAML + ` -o scripts --check
`,
}

// The configuration and schema files init writes.
const (
	initYAML   = "hybrid.yaml"
	initSchema = "hybrid.schema.json"
)

// ServiceDomains are the domains of the on-premises relationship in the
// Hybrid Configuration Wizard's shape (Exchange 2013 and later, the only
// versions init writes): the coexistence domain.
func (d initData) ServiceDomains() []string {
	return []string{d.RoutingDomain()}
}

// DelegationDomains are the domains of the tenant's relationship: the
// federated delegation namespace and the on-premises primary SMTP domains.
func (d initData) DelegationDomains() []string {
	return append([]string{"exchangedelegation." + d.Domain()}, d.Domains...)
}

// renderInit renders one of initTemplates.
func renderInit(name string, d initData) ([]byte, error) {
	t, err := template.New(name).Option("missingkey=error").
		Funcs(template.FuncMap{"y": yamlString, "list": yamlList}).
		Parse(initTemplates[name])
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
