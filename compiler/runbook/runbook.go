package runbook

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"unicode/utf8"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/templates"

	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/render"
)

// RunbookFile is the name of the runbook among the compiled files.
const RunbookFile = "runbook.md"

// Runbook lays out runbook.md for the administrators who run the scripts:
// which script runs where and in which order (with the resources of each,
// from plan), the prerequisites and manual steps that cannot be scripted,
// and how to verify that it worked, for only what cfg declares. src is the
// YAML that cfg and plan came from: its base name and SHA-256 go into the
// header, as in the scripts. The bytes are deterministic: UTF-8 without a
// byte order mark, LF line endings, one final newline. Every value from the
// YAML is escaped for Markdown (mdText, mdCode, mdCell) or quoted for
// PowerShell inside fenced code blocks, so that no name can inject links,
// HTML or Markdown structure.
func Runbook(cfg *config.Config, schedule *model.Schedule, src load.Source, opt render.Options) ([]byte, error) {
	if cfg == nil || schedule == nil {
		return nil, errors.New("runbook: no configuration or plan")
	}
	tmpl, err := runbookTemplate()
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, runbookViewOf(cfg, schedule, src, opt)); err != nil {
		return nil, fmt.Errorf("rendering %s: %w", RunbookFile, err)
	}
	return finishMarkdown(buf.Bytes())
}

// The runbook template, parsed once by runbookTemplate.
var (
	runbookOnce     sync.Once
	runbookParsed   *template.Template
	runbookParseErr error
)

// runbookTemplate parses runbook.md.tmpl once, like scriptTemplate: with
// missingkey=error and the same hermetic function map. The template needs no
// function of its own, since every value it prints was escaped here; so it
// also parses in the scripts' template set, which loads every *.tmpl.
func runbookTemplate() (*template.Template, error) {
	runbookOnce.Do(func() {
		runbookParsed, runbookParseErr = template.New("runbook.md.tmpl").Option("missingkey=error").Funcs(render.FuncMap()).ParseFS(templates.FS, "runbook.md.tmpl")
	})
	return runbookParsed, runbookParseErr
}

// finishMarkdown checks the rendered text and gives it its file form: at
// most one blank line in a row (the template's conditional sections leave
// more), no trailing blank lines, one final newline.
func finishMarkdown(text []byte) ([]byte, error) {
	switch {
	case bytes.IndexByte(text, '\r') >= 0:
		return nil, errors.New("internal error: a carriage return reached the runbook")
	case !utf8.Valid(text):
		return nil, errors.New("internal error: the runbook is not valid UTF-8")
	case bytes.HasPrefix(text, []byte("\ufeff")):
		return nil, errors.New("internal error: a byte order mark reached the runbook")
	}
	lines := strings.Split(strings.TrimRight(string(text), "\n"), "\n")
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, l)
	}
	return []byte(strings.Join(out, "\n") + "\n"), nil
}

// runbookView is what runbook.md.tmpl lays out. Every string field is
// Markdown ready to print: fixed text, or values escaped by mdText, mdCode
// or mdCell; code blocks hold quoted values only.
type runbookView struct {
	SourceName   string // mdText of the YAML's base name
	SourceCode   string // mdCode of the same
	SourceSHA256 string
	ToolVersion  string
	Covers       []string
	Steps        []runbookStep
	Hybrid       *runbookHybrid
	Groups       *runbookGroups
	Permissions  *runbookPermissions
	Coexistence  *runbookCoexistence
	Partners     []string
	Certificates []runbookCertificate
	Checks       runbookChecks
	// HasPrerequisites and HasChecks tell whether sections 2 and 3 have
	// anything to say.
	HasPrerequisites, HasChecks bool
}

// runbookChecks are section 3, "How do you know this worked?": one part
// per feature the YAML declares, nil when it declares none.
type runbookChecks struct {
	FreeBusy    *runbookRelationshipChecks
	Partners    *runbookRelationshipChecks
	Groups      *runbookGroupChecks
	Permissions *runbookPermissionChecks
	Transport   *runbookTransportChecks
	Migration   *runbookMigrationChecks
	OAuth       *runbookOAuthChecks
}

// runbookViewOf computes everything the template lays out, section by
// section.
func runbookViewOf(cfg *config.Config, schedule *model.Schedule, src load.Source, opt render.Options) *runbookView {
	base := filepath.Base(src.Name)
	v := &runbookView{
		SourceName:   MdText(base),
		SourceCode:   MdCode(base),
		SourceSHA256: load.SourceSHA256(src.Data),
		ToolVersion:  MdText(opt.ToolVersion),
	}
	declared := schedule.Declared
	if declared == nil || declared.Cfg != cfg {
		declared = model.DeclaredIndexOf(cfg)
	}
	rb := &runbookBuilder{cfg: cfg, schedule: schedule, declared: declared, source: ShellArg(base)}
	v.Covers = rb.covers()
	v.Steps = rb.steps()
	v.Hybrid = rb.hybrid()
	v.Groups = rb.Groups(v.Steps)
	v.Permissions = rb.Permissions()
	v.Partners = rb.Partners(v.Steps)
	v.Certificates = rb.certificates()
	v.Coexistence = rb.coexistence()
	v.Checks = runbookChecks{
		FreeBusy:    rb.freeBusyChecks(),
		Partners:    rb.partnerChecks(),
		Groups:      rb.groupChecks(),
		Permissions: rb.permissionChecks(),
		Transport:   rb.transportChecks(),
		Migration:   rb.migrationChecks(),
		OAuth:       rb.oauthChecks(),
	}
	v.HasPrerequisites = v.Hybrid != nil || v.Groups != nil || v.Permissions != nil || len(v.Partners) > 0 || len(v.Certificates) > 0 ||
		v.Coexistence != nil
	ch := &v.Checks
	v.HasChecks = ch.FreeBusy != nil || ch.Partners != nil || ch.Groups != nil || ch.Permissions != nil || ch.Transport != nil ||
		ch.Migration != nil || ch.OAuth != nil || v.Coexistence != nil
	return v
}

// runbookBuilder computes the runbook's facts from the configuration and
// the plan.
type runbookBuilder struct {
	cfg      *config.Config
	schedule *model.Schedule
	declared *model.DeclaredIndex
	source   string // the YAML's base name as a command-line argument
}

// ours names the users of our tenant: by its first primary SMTP domain, or
// by the tenant name.
func (rb *runbookBuilder) ours() string {
	eo := &rb.cfg.ExchangeOnline
	if len(eo.PrimarySmtpDomains) > 0 {
		return MdCode(string(eo.PrimarySmtpDomains[0]))
	}
	return MdCode(string(eo.Tenant))
}

// script is the plan of the script named file, or nil.
func (rb *runbookBuilder) script(file string) *model.ScriptSchedule {
	for _, sp := range rb.schedule.Scripts {
		if sp.Target.File == file {
			return sp
		}
	}
	return nil
}

// hasGroups reports whether the YAML declares Microsoft 365 groups or
// group domains.
func (rb *runbookBuilder) hasGroups() bool {
	op := rb.cfg.OnPremises
	return len(rb.cfg.ExchangeOnline.Groups) > 0 || (op != nil && len(op.GroupDomains) > 0)
}

// hasFreeBusy reports whether the YAML declares free/busy sharing between
// on-premises and Exchange Online.
func (rb *runbookBuilder) hasFreeBusy() bool {
	op := rb.cfg.OnPremises
	return op != nil && (len(op.OrganizationRelationships) > 0 || len(rb.cfg.ExchangeOnline.OrganizationRelationships) > 0)
}

// exchangeName names the on-premises version, with its CU when declared.
func exchangeName(op *config.OnPremises) string {
	s := op.ExchangeVersion.CatalogName()
	if op.CumulativeUpdate != nil {
		s += " CU" + strconv.Itoa(*op.CumulativeUpdate)
	}
	return s
}

// covers lists what the YAML declares, with the Microsoft article each part
// follows.
func (rb *runbookBuilder) covers() []string {
	cfg := rb.cfg
	eo := &cfg.ExchangeOnline
	var out []string
	if op := cfg.OnPremises; op != nil && rb.hasFreeBusy() {
		out = append(out, fmt.Sprintf("free/busy sharing between the on-premises Exchange organization %s (%s) and the Exchange Online tenant %s (Microsoft: \"Create an organization relationship\", Exchange hybrid deployment)",
			MdCode(string(op.Organization)), MdText(op.ExchangeVersion.CatalogName()), MdCode(string(eo.Tenant))))
	}
	if len(eo.Partners) > 0 {
		var names []string
		for _, p := range eo.Partners {
			names = append(names, fmt.Sprintf("%s (%s)", MdCode(string(p.Domain)), MdCode(string(p.Tenant))))
		}
		tenants := "the partner tenant "
		if len(names) > 1 {
			tenants = "the partner tenants "
		}
		out = append(out, fmt.Sprintf("calendar sharing between %s and %s%s (Microsoft: \"Establishing Calendar Sharing between Office 365 Customers\")",
			MdCode(string(eo.Tenant)), tenants, strings.Join(names, ", ")))
	}
	if rb.hasGroups() {
		var names []string
		for _, g := range eo.Groups {
			names = append(names, MdCode(string(g.Name)))
		}
		what := "Microsoft 365 groups for on-premises mailboxes"
		if len(names) > 0 {
			what += ": " + JoinCapped(names, "group")
		}
		out = append(out, what+" (Microsoft: \"Configure Microsoft 365 Groups with on-premises Exchange hybrid\")")
	}
	groups, policies := len(eo.RoleGroups), len(eo.RoleAssignmentPolicies)
	if op := cfg.OnPremises; op != nil {
		groups += len(op.RoleGroups)
		policies += len(op.RoleAssignmentPolicies)
	}
	var parts []string
	for _, c := range []struct {
		n    int
		what string
	}{{len(cfg.Permissions), "delegated mailbox permission"}, {groups, "role group"}, {policies, "role assignment policy"}} {
		if c.n > 0 {
			parts = append(parts, plural(c.n, c.what))
		}
	}
	if len(parts) > 0 {
		out = append(out, "permissions: "+strings.Join(parts, ", ")+" (Microsoft: \"Permissions in Exchange hybrid deployments\")")
	}
	out = append(out, remoteDomainsCovered(cfg)...)
	out = append(out, transportCovered(cfg)...)
	if op := cfg.OnPremises; op != nil && op.CoexistenceAcceptedDomain != nil && *op.CoexistenceAcceptedDomain {
		out = append(out, "the coexistence accepted domain "+MdCode(string(cfg.ExchangeOnline.RoutingDomain))+" in the on-premises Exchange organization "+
			MdCode(string(op.Organization))+" (Microsoft: \"Accepted domains in Exchange Server\")")
	}
	if org := cfg.ExchangeOnline.OnPremisesOrganization; org != nil {
		out = append(out, "the on-premises organization object in the Exchange Online tenant "+MdCode(string(cfg.ExchangeOnline.Tenant))+
			": its hybrid domains and mail flow connectors (Microsoft: \"Set-OnPremisesOrganization\")")
	}
	if op := cfg.OnPremises; op != nil && len(op.EmailAddressPolicies) > 0 {
		out = append(out, "coexistence addresses: address templates added to "+plural(len(op.EmailAddressPolicies), "email address policy")+
			" in the on-premises Exchange organization "+MdCode(string(op.Organization))+" (Microsoft: \"Email address policies in Exchange Server\")")
	}
	return append(out, migrationCovered(cfg)...)
}

// plural is n, with thousands separators, and what, in the plural unless n
// is 1: "1 role group", "12,345 role groups", "2 role assignment policies".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	if strings.HasSuffix(what, "y") {
		return Thousands(n) + " " + strings.TrimSuffix(what, "y") + "ies"
	}
	return Thousands(n) + " " + what + "s"
}

// remoteDomainsCovered is the runbook's line for the remote domains, per
// organization, each with Microsoft's page for its product.
func remoteDomainsCovered(cfg *config.Config) []string {
	var parts []string
	if op := cfg.OnPremises; op != nil && len(op.RemoteDomains) > 0 {
		parts = append(parts, plural(len(op.RemoteDomains), "remote domain")+" in the on-premises Exchange organization "+MdCode(string(op.Organization))+
			" (Microsoft: \"Remote domains in Exchange Server\")")
	}
	if eo := &cfg.ExchangeOnline; len(eo.RemoteDomains) > 0 {
		parts = append(parts, plural(len(eo.RemoteDomains), "remote domain")+" in the Exchange Online tenant "+MdCode(string(eo.Tenant))+
			" (Microsoft: \"Remote domains in Exchange Online\")")
	}
	if len(parts) == 0 {
		return nil
	}
	return []string{"remote domains, which automatic replies and forwards reach each domain and whether its mail skips content and recipient filtering: " + strings.Join(parts, "; ")}
}

// migrationCovered is the runbook's line for what mailbox moves need.
func migrationCovered(cfg *config.Config) []string {
	var parts []string
	if op := cfg.OnPremises; op != nil && len(op.MRSProxy) > 0 {
		parts = append(parts, "the MRS proxy endpoint of "+plural(len(op.MRSProxy), "EWS virtual directory")+" in "+MdCode(string(op.Organization)))
	}
	if eo := &cfg.ExchangeOnline; len(eo.MigrationEndpoints) > 0 {
		parts = append(parts, plural(len(eo.MigrationEndpoints), "remote move migration endpoint")+" in "+MdCode(string(eo.Tenant)))
	}
	if len(parts) == 0 {
		return nil
	}
	return []string{"mailbox moves: " + strings.Join(parts, ", ") + " (Microsoft: \"Enable the MRS Proxy endpoint for remote moves\", \"Move mailboxes between on-premises and Exchange Online organizations in hybrid deployments\")"}
}
