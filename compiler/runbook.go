package compiler

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"unicode"
	"unicode/utf8"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/templates"
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
func Runbook(cfg *config.Config, plan *Plan, src Source, opt Options) ([]byte, error) {
	if cfg == nil || plan == nil {
		return nil, errors.New("runbook: no configuration or plan")
	}
	tmpl, err := runbookTemplate()
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, runbookViewOf(cfg, plan, src, opt)); err != nil {
		return nil, fmt.Errorf("rendering %s: %w", RunbookFile, err)
	}
	return finishMarkdown(buf.Bytes())
}

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
		runbookParsed, runbookParseErr = template.New("runbook.md.tmpl").Option("missingkey=error").Funcs(funcMap()).ParseFS(templates.FS, "runbook.md.tmpl")
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

// Markdown escaping. Every value from the YAML reaches the runbook through
// one of these, or quoted by Quote inside a fenced code block.

// mdSpecial are the characters mdText escapes with a backslash: those that
// start emphasis, code, links, images, raw HTML, autolinks, entities,
// headings, tables and strikethrough, and ':' and '@', which GFM needs to
// turn bare URLs and e-mail addresses into links.
const mdSpecial = "\\`*_[]<>|#~&!:@"

// mdText escapes s for Markdown text: the result renders as s, literally,
// wherever inline text may stand (paragraphs, list items, headings, table
// cells). Line breaks, control characters and invisible bidirectional
// controls are shown as \uXXXX, so a value cannot end its line; a leading
// list or heading marker or indentation is neutralized; "www." cannot become
// a link.
func mdText(s string) string {
	var b strings.Builder
	start := true // still in the leading whitespace
	for i, r := range s {
		switch {
		case hiddenRune(r):
			fmt.Fprintf(&b, `\\u%04X`, r)
		case start && (r == ' ' || r == '\t'):
			fmt.Fprintf(&b, "&#%d;", r)
			continue
		case strings.ContainsRune(mdSpecial, r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '.' && i >= 3 && strings.EqualFold(s[i-3:i], "www"):
			b.WriteString(`\.`)
		case i == 0 && strings.ContainsRune("-+=", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case (r == '.' || r == ')') && i > 0 && isDigits(s[:i]):
			b.WriteByte('\\') // 1. or 1) would start an ordered list
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
		start = false
	}
	return b.String()
}

// mdCode returns s as a Markdown code span, which shows it literally: the
// fence is one backtick longer than the longest run of backticks in s, and
// a space pads values that start or end with a backtick or a space. Line
// breaks and other invisible characters are shown as \uXXXX. An empty s
// gives "".
func mdCode(s string) string {
	if s == "" {
		return ""
	}
	s = visible(s)
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// mdCell is mdCode for a GFM table cell, where a pipe ends the cell even
// inside a code span unless it is escaped.
func mdCell(s string) string { return strings.ReplaceAll(mdCode(s), "|", `\|`) }

// mdCodes is mdCode of each item, joined by commas.
func mdCodes[S ~string](items []S) string {
	parts := make([]string, 0, len(items))
	for _, s := range items {
		if s != "" {
			parts = append(parts, mdCode(string(s)))
		}
	}
	return strings.Join(parts, ", ")
}

// hiddenRune reports whether r would break or disguise a line: control
// characters, Unicode line and paragraph separators, bidirectional controls
// and the byte order mark.
func hiddenRune(r rune) bool {
	switch {
	case unicode.IsControl(r), isLineBreak(r):
		return true
	case r == '\u061C', r == '\u200E', r == '\u200F', r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069', r == '\uFEFF':
		return true
	}
	return false
}

// visible replaces the hidden runes of s with \uXXXX.
func visible(s string) string {
	if !strings.ContainsFunc(s, hiddenRune) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if hiddenRune(r) {
			fmt.Fprintf(&b, `\u%04X`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func longestRun(s string, c byte) int {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// codeBlock is a fenced code block: its lines are PowerShell or shell code
// in which every value from the YAML is quoted (Quote) and every comment
// made safe (CommentText). The fence is longer than any run of backticks in
// the lines, so no line can close it.
type codeBlock struct {
	Fence string
	Lang  string
	Lines []string
}

func newCodeBlock(lang string, lines ...string) *codeBlock {
	n := 3
	for i, l := range lines {
		lines[i] = visible(l)
		n = max(n, longestRun(lines[i], '`')+1)
	}
	return &codeBlock{Fence: strings.Repeat("`", n), Lang: lang, Lines: lines}
}

// add appends a comment line and a command.
func (c *codeBlock) add(comment, command string) {
	line := visible("# " + CommentText(comment))
	command = visible(command)
	c.Lines = append(c.Lines, line, command)
	if n := max(longestRun(line, '`'), longestRun(command, '`')) + 1; n > len(c.Fence) {
		c.Fence = strings.Repeat("`", n)
	}
}

// shellArg is s as a command-line argument: bare when it is plainly a file
// name, quoted (as PowerShell quotes) otherwise.
func shellArg(s string) string {
	if plainArg.MatchString(s) {
		return s
	}
	return Quote(s)
}

var plainArg = regexp.MustCompile(`^[A-Za-z0-9._/\\:-]+$`)

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
	Partners     []string
	Checks       runbookChecks
	// HasPrerequisites and HasChecks tell whether sections 2 and 3 have
	// anything to say.
	HasPrerequisites, HasChecks bool
}

// runbookStep is one run of one script.
type runbookStep struct {
	Number  int
	Indent  string // the indentation of the step's content: the width of "N. "
	Script  string
	Where   string
	Preview string
	Check   string
	Run     string
	Verify  string
	// Intro introduces Resources.
	Intro     string
	Resources []string
	Note      string
}

type runbookHybrid struct {
	Exchange string // Exchange Server 2016 CU23
	CU       string // CU23, or "" when not declared
}

type runbookGroups struct {
	// OnPremises is false for groups of a tenant without on-premises
	// organization: nothing is written back.
	OnPremises        bool
	Tenant            string
	VersionNote       string
	Domains           []string
	DNS               []runbookDNSRow
	SendConnector     string
	WritebackDeclared bool
	EntraStep         int
	ConnectorAccount  string
	Manual            *codeBlock
	Owners            []string
	Centralized       bool
	ExtraAddresses    string
}

type runbookDNSRow struct{ Name, Type, Value string }

type runbookPermissions struct {
	// OnPremises is false for permissions of a tenant without on-premises
	// organization: nothing crosses premises.
	OnPremises    bool
	EntraNote     string
	ExchangeNote  string
	CrossPremises string
	PrivateItems  []runbookDelegate
	Batches       *codeBlock
}

type runbookDelegate struct{ Mailbox, Delegate string }

type runbookChecks struct {
	FreeBusy    *runbookRelationshipChecks
	Partners    *runbookRelationshipChecks
	Groups      *runbookGroupChecks
	Permissions *runbookPermissionChecks
}

// runbookRelationshipChecks are Get-OrganizationRelationship's expected
// output, and free/busy lookups.
type runbookRelationshipChecks struct {
	Command       *codeBlock
	Relationships []runbookRelationship
	Lookups       []string
}

type runbookRelationship struct {
	Intro string
	Rows  []runbookRow
}

type runbookRow struct{ Property, Expected string }

type runbookGroupChecks struct {
	// Tests tells whether seed 002's tests apply: they need on-premises
	// mailboxes.
	Tests                     bool
	OnPremises                *codeBlock
	Online                    *codeBlock
	Group                     string // the group the tests use, with its address
	OnPremMember, CloudMember string
	Echo                      bool
}

type runbookPermissionChecks struct {
	OnPremises *codeBlock
	Online     *codeBlock
}

func runbookViewOf(cfg *config.Config, plan *Plan, src Source, opt Options) *runbookView {
	sum := sha256.Sum256(src.Data)
	base := filepath.Base(src.Name)
	v := &runbookView{
		SourceName:   mdText(base),
		SourceCode:   mdCode(base),
		SourceSHA256: hex.EncodeToString(sum[:]),
		ToolVersion:  mdText(opt.ToolVersion),
	}
	rb := &runbookBuilder{cfg: cfg, plan: plan, dir: directoryOf(cfg), source: shellArg(base)}
	v.Covers = rb.covers()
	v.Steps = rb.steps()
	v.Hybrid = rb.hybrid()
	v.Groups = rb.groups(v.Steps)
	v.Permissions = rb.permissions()
	v.Partners = rb.partners(v.Steps)
	v.Checks = runbookChecks{
		FreeBusy:    rb.freeBusyChecks(),
		Partners:    rb.partnerChecks(),
		Groups:      rb.groupChecks(),
		Permissions: rb.permissionChecks(),
	}
	v.HasPrerequisites = v.Hybrid != nil || v.Groups != nil || v.Permissions != nil || len(v.Partners) > 0
	ch := &v.Checks
	v.HasChecks = ch.FreeBusy != nil || ch.Partners != nil || ch.Groups != nil || ch.Permissions != nil
	return v
}

// runbookBuilder computes the runbook's facts from the configuration and
// the plan.
type runbookBuilder struct {
	cfg    *config.Config
	plan   *Plan
	dir    *directory
	source string // the YAML's base name as a command-line argument
}

// ours names the users of our tenant: by its first primary SMTP domain, or
// by the tenant name.
func (rb *runbookBuilder) ours() string {
	eo := &rb.cfg.ExchangeOnline
	if len(eo.PrimarySmtpDomains) > 0 {
		return mdCode(string(eo.PrimarySmtpDomains[0]))
	}
	return mdCode(string(eo.Tenant))
}

func (rb *runbookBuilder) script(file string) *ScriptPlan {
	for _, sp := range rb.plan.Scripts {
		if sp.Target.File == file {
			return sp
		}
	}
	return nil
}

func (rb *runbookBuilder) hasGroups() bool {
	op := rb.cfg.OnPremises
	return len(rb.cfg.ExchangeOnline.Groups) > 0 || (op != nil && len(op.GroupDomains) > 0)
}

func (rb *runbookBuilder) hasFreeBusy() bool {
	op := rb.cfg.OnPremises
	return op != nil && (len(op.OrganizationRelationships) > 0 || len(rb.cfg.ExchangeOnline.OrganizationRelationships) > 0)
}

// exchange names the on-premises version, with its CU when declared.
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
			mdCode(string(op.Organization)), mdText(op.ExchangeVersion.CatalogName()), mdCode(string(eo.Tenant))))
	}
	if len(eo.Partners) > 0 {
		var names []string
		for _, p := range eo.Partners {
			names = append(names, fmt.Sprintf("%s (%s)", mdCode(string(p.Domain)), mdCode(string(p.Tenant))))
		}
		tenants := "the partner tenant "
		if len(names) > 1 {
			tenants = "the partner tenants "
		}
		out = append(out, fmt.Sprintf("calendar sharing between %s and %s%s (Microsoft: \"Establishing Calendar Sharing between Office 365 Customers\")",
			mdCode(string(eo.Tenant)), tenants, strings.Join(names, ", ")))
	}
	if rb.hasGroups() {
		var names []string
		for _, g := range eo.Groups {
			names = append(names, mdCode(string(g.Name)))
		}
		what := "Microsoft 365 groups for on-premises mailboxes"
		if len(names) > 0 {
			what += ": " + strings.Join(names, ", ")
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
	return out
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	if strings.HasSuffix(what, "y") {
		return strconv.Itoa(n) + " " + strings.TrimSuffix(what, "y") + "ies"
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// steps are the script runs in order: onprem.ps1, online.ps1,
// entra-connect.ps1, onprem.ps1 again when groups are written back, then
// each partner's script, and any other script of the plan last.
func (rb *runbookBuilder) steps() []runbookStep {
	var steps []runbookStep
	add := func(s runbookStep) {
		s.Number = len(steps) + 1
		s.Indent = strings.Repeat(" ", len(strconv.Itoa(s.Number))+2)
		steps = append(steps, s)
	}
	done := map[*ScriptPlan]bool{}
	run := func(sp *ScriptPlan, where, intro string, resources []*Resource, signed string) runbookStep {
		done[sp] = true
		file := sp.Target.File
		s := runbookStep{
			Script:  mdCode(file),
			Where:   where,
			Preview: mdCode(`.\` + file + " -WhatIf"),
			Check:   mdCode(`.\` + file + " -Check"),
			Run:     mdCode(`.\` + file),
			Verify:  signed,
			Intro:   intro,
		}
		for _, r := range resources {
			item := mdCode(r.ID())
			if r.Absent {
				item += " (removed)"
			}
			s.Resources = append(s.Resources, item)
		}
		if len(s.Resources) == 0 {
			s.Intro = "It declares no resources: it only checks that it runs in the right organization."
		}
		return s
	}
	verify := func(file string) string {
		return mdCode("hybridc verify --ca <CA certificate> --config " + rb.source + " " + shellArg(file))
	}
	const order = "What it configures, in this order:"
	onprem := rb.script("onprem.ps1")
	if onprem != nil {
		t := onprem.Target
		where := fmt.Sprintf("in the Exchange Management Shell (Windows PowerShell 5.1) on the hybrid server of the on-premises organization %s, %s, as a member of the Organization Management role group. It refuses to run in any other organization.",
			mdCode(t.Organization), mdText(exchangeName(rb.cfg.OnPremises)))
		add(run(onprem, where, order, onprem.Resources, verify(t.File)))
	}
	if online := rb.script("online.ps1"); online != nil {
		tenant := online.Target.Organization
		where := fmt.Sprintf("in Exchange Online PowerShell (the ExchangeOnlineManagement 3 module, Windows PowerShell 5.1 or PowerShell 7), as an Exchange administrator of the tenant %s, after connecting to it: %s, or app-only %s. It refuses to run connected to any other tenant.",
			mdCode(tenant), mdCode("Connect-ExchangeOnline -UserPrincipalName <administrator>"),
			mdCode("Connect-ExchangeOnline -AppId <app ID> -CertificateThumbprint <thumbprint> -Organization "+Quote(tenant)))
		add(run(online, where, order, online.Resources, verify(online.Target.File)))
	}
	if entra := rb.script(EntraConnectScript); entra != nil {
		where := fmt.Sprintf("on the Microsoft Entra Connect server of %s, in Windows PowerShell as an administrator, after the group writeback steps of the Entra Connect wizard (section 2, Microsoft 365 groups).",
			mdCode(entra.Target.Organization))
		add(run(entra, where, order, entra.Resources, verify(entra.Target.File)))
	}
	if onprem != nil {
		var writeback []*Resource
		for _, r := range onprem.Resources {
			if r.Kind == KindGroupWriteback && !r.Absent {
				writeback = append(writeback, r)
			}
		}
		if len(writeback) > 0 {
			where := fmt.Sprintf("again, after the next Entra Connect synchronization has written the groups back to Active Directory (to start one, on the Entra Connect server: %s). Groups written back are missing from the on-premises address lists until %s runs on them; the first run skipped them as not written back yet.",
				mdCode("Start-ADSyncSyncCycle -PolicyType Delta"), mdCode("Update-Recipient"))
			s := run(onprem, where, "This run adds the groups to the address lists:", writeback, "")
			s.Note = "The rest of the script reports its resources as unchanged."
			add(s)
		}
	}
	for _, p := range rb.cfg.ExchangeOnline.Partners {
		sp := rb.script(PartnerScript(p.Domain))
		if sp == nil {
			continue
		}
		where := fmt.Sprintf("for the partner tenant %s (%s): hand it to that tenant's administrator, who runs it in Exchange Online PowerShell after connecting to their tenant (%s). It refuses to run connected to any other tenant.",
			mdCode(string(p.Tenant)), mdCode(string(p.Domain)), mdCode("Connect-ExchangeOnline -UserPrincipalName <administrator>"))
		add(run(sp, where, order, sp.Resources, mdCode("hybridc verify --ca <CA certificate> "+shellArg(sp.Target.File))+
			" (the partner has no YAML: this checks that the script is intact and who signed it)"))
	}
	for _, sp := range rb.plan.Scripts {
		if !done[sp] {
			add(run(sp, "for "+mdText(sp.Target.Title)+".", order, sp.Resources, verify(sp.Target.File)))
		}
	}
	return steps
}

func (rb *runbookBuilder) hybrid() *runbookHybrid {
	op := rb.cfg.OnPremises
	if op == nil {
		return nil
	}
	h := &runbookHybrid{Exchange: mdText(exchangeName(op))}
	if op.CumulativeUpdate != nil {
		h.CU = mdText("CU" + strconv.Itoa(*op.CumulativeUpdate))
	}
	return h
}

func (rb *runbookBuilder) groups(steps []runbookStep) *runbookGroups {
	if !rb.hasGroups() {
		return nil
	}
	cfg := rb.cfg
	g := &runbookGroups{Tenant: mdCode(string(cfg.ExchangeOnline.Tenant))}
	op := cfg.OnPremises
	if op != nil {
		g.OnPremises = true
		g.VersionNote = groupsVersionNote(op)
		for _, gd := range op.GroupDomains {
			g.Domains = append(g.Domains, mdCode(string(gd.Domain)))
			g.DNS = append(g.DNS,
				runbookDNSRow{Name: mdCell(string(gd.Domain)), Type: "MX", Value: mdCell(string(gd.MX))},
				runbookDNSRow{Name: mdCell("autodiscover." + string(gd.Domain)), Type: "CNAME", Value: mdCell("autodiscover.outlook.com")})
		}
		if sc := op.HybridSendConnector; sc != nil {
			g.SendConnector = mdCode(string(sc.Name))
		}
		g.Centralized = op.CentralizedMailFlow != nil && *op.CentralizedMailFlow
		ec := op.EntraConnect
		g.WritebackDeclared = ec != nil && ec.GroupWriteback != nil && *ec.GroupWriteback
		for _, s := range steps {
			if s.Script == mdCode(EntraConnectScript) {
				g.EntraStep = s.Number
			}
		}
		dn := "<DN of the AAD_ account>"
		if ec != nil && ec.ConnectorAccountDN != "" {
			dn = string(ec.ConnectorAccountDN)
			g.ConnectorAccount = mdCode(dn)
		}
		if g.EntraStep == 0 {
			g.Manual = newCodeBlock("powershell",
				`Import-Module "C:\Program Files\Microsoft Azure Active Directory Connect\AdSyncConfig\AdSyncConfig.psm1"`,
				"Set-ADSyncUnifiedGroupWritebackPermissions -ADConnectorAccountDN "+Quote(dn))
		}
	}
	var extra []string
	for _, grp := range cfg.ExchangeOnline.Groups {
		for _, o := range grp.Owners {
			if op != nil && rb.dir.onPremises(o) {
				g.Owners = append(g.Owners, fmt.Sprintf("%s owns %s", mdCode(string(o)), mdCode(string(grp.Name))))
			}
		}
		if len(grp.AdditionalAddresses) > 0 {
			extra = append(extra, mdCode(string(grp.Name)))
		}
	}
	g.ExtraAddresses = strings.Join(extra, ", ")
	return g
}

// groupsVersionNote says whether the declared Exchange version and CU meet
// the groups' minimum: 2013 CU11, 2016 CU1.
func groupsVersionNote(op *config.OnPremises) string {
	name := mdText(exchangeName(op))
	minCU := map[config.ExchangeVersion]int{"2013": 11, "2016": 1}[op.ExchangeVersion]
	switch {
	case op.ExchangeVersion == "2019" || op.ExchangeVersion == "SE":
		return "The YAML declares " + name + ", which meets it."
	case minCU == 0:
		return "The YAML declares " + name + ", which does not support Microsoft 365 groups."
	case op.CumulativeUpdate == nil:
		return "The YAML declares " + name + " without a cumulativeUpdate: check that the servers run CU" + strconv.Itoa(minCU) + " or later."
	case *op.CumulativeUpdate >= minCU:
		return "The YAML declares " + name + ", which meets it."
	}
	return "The YAML declares " + name + ", which does not meet it: update the servers first."
}

func (rb *runbookBuilder) permissions() *runbookPermissions {
	cfg := rb.cfg
	if len(cfg.Permissions) == 0 {
		return nil
	}
	p := &runbookPermissions{}
	op := cfg.OnPremises
	if op != nil {
		p.OnPremises = true
		switch ec := op.EntraConnect; {
		case ec == nil:
			p.EntraNote = "The YAML does not declare the Entra Connect server (onPremises.entraConnect): check both."
		default:
			p.EntraNote = "The YAML declares version " + mdCode(string(ec.Version))
			if v, ok := dottedVersion(string(ec.Version)); ok && versionLess(v, []int{1, 1, 553, 0}) {
				p.EntraNote += ", which is too old: upgrade Entra Connect first"
			}
			switch {
			case ec.ExchangeHybrid == nil:
				p.EntraNote += "; it does not say whether Exchange hybrid deployment is on: check it in the wizard (**Optional features**)."
			case *ec.ExchangeHybrid:
				p.EntraNote += ", with Exchange hybrid deployment on."
			default:
				p.EntraNote += ", with Exchange hybrid deployment off: turn it on in the wizard (**Optional features**)."
			}
		}
		p.ExchangeNote = aclNote(op)
		p.Batches = newCodeBlock("sh", "hybridc batches "+rb.source)
	}
	var cross []string
	for _, perm := range cfg.Permissions {
		if perm.Ensure.IsAbsent() {
			continue
		}
		mailbox, trustee := rb.dir.mailbox(perm.Mailbox), rb.dir.mailbox(perm.Trustee)
		acrossPremises := mailbox != nil && trustee != nil && mailbox.Location != trustee.Location
		switch perm.Access {
		case "FullAccess":
			if trustee == nil || trustee.ServiceAccount == nil || !*trustee.ServiceAccount {
				p.PrivateItems = append(p.PrivateItems, runbookDelegate{Mailbox: mdCell(string(perm.Mailbox)), Delegate: mdCell(string(perm.Trustee))})
			}
			if acrossPremises && perm.AutoMapping != nil && *perm.AutoMapping {
				cross = append(cross, "auto-mapping of "+mdCode(string(perm.Mailbox))+" for "+mdCode(string(perm.Trustee)))
			}
		case "Folder":
			if acrossPremises {
				cross = append(cross, "the folder permission of "+mdCode(string(perm.Trustee))+" on "+mdCode(string(perm.Mailbox)))
			}
		}
	}
	p.CrossPremises = strings.Join(cross, ", ")
	return p
}

// aclNote is what the declared Exchange version needs for permissions
// across premises (seed 003's version matrix).
func aclNote(op *config.OnPremises) string {
	name := mdText(exchangeName(op))
	org := "The YAML does not declare " + mdCode("aclableSyncedObjectEnabled: true") + ": enable it (" + mdCode("Set-OrganizationConfig -ACLableSyncedObjectEnabled $true") + ") or declare it."
	if op.AclableSyncedObjectEnabled != nil && *op.AclableSyncedObjectEnabled {
		org = mdCode("onprem.ps1") + " enables it (" + mdCode("organizationConfig") + ")."
	}
	moved := " Mailboxes moved to Exchange Online before it was enabled need ACLs enabled one by one: declare them with " + mdCode("movedBeforeAclSync: true") + " and " + mdCode("onprem.ps1") + " runs " + mdCode("Set-RemoteMailbox -ACLableSyncedObjectEnabled") + " on them."
	switch op.ExchangeVersion {
	case "2013":
		return name + ": Exchange 2013 needs the latest cumulative update or the one before it, and ACLable object synchronization at the organization level. " + org + moved + " Remote mailboxes of mailboxes moved before CU10 need the same fix."
	case "2010", "2007":
		return name + " does not support delegated permissions across premises."
	}
	return name + ": delegated permissions across premises need ACLable object synchronization at the organization level. " + org + moved
}

func (rb *runbookBuilder) partners(steps []runbookStep) []string {
	eo := &rb.cfg.ExchangeOnline
	var out []string
	for _, p := range eo.Partners {
		file := PartnerScript(p.Domain)
		step := 0
		for _, s := range steps {
			if s.Script == mdCode(file) {
				step = s.Number
			}
		}
		if step > 0 {
			out = append(out, fmt.Sprintf("Give %s (step %d) to the administrator of %s, with the CA certificate if the scripts are signed. Until it runs, users of %s do not see the free/busy of users of %s.",
				mdCode(file), step, mdCode(string(p.Tenant)), rb.ours(), mdCode(string(p.Domain))))
			continue
		}
		out = append(out, fmt.Sprintf("%s: the YAML declares no reverseRelationship, so hybridc writes no script for it. For your users to see the free/busy of its users, its administrator must create an organization relationship in %s towards %s, with DomainNames %s.",
			mdCode(string(p.Domain)), mdCode(string(p.Tenant)), mdCode(string(eo.Tenant)), mdCodes(eo.PrimarySmtpDomains)))
	}
	return out
}

// relationshipChecks is the expected Format-List output of one
// relationship: the properties the YAML declares.
func relationshipCheck(intro string, rel *config.OrganizationRelationship) runbookRelationship {
	c := runbookRelationship{Intro: intro + ", relationship " + mdCode(string(rel.Name))}
	if rel.Ensure.IsAbsent() {
		c.Intro += ": not listed (it is declared absent)."
		return c
	}
	c.Intro += ":"
	boolean := func(name string, b *bool) {
		if b != nil {
			c.Rows = append(c.Rows, runbookRow{name, psBool(*b)})
		}
	}
	text := func(name, value string) {
		if value != "" {
			c.Rows = append(c.Rows, runbookRow{name, mdCell(value)})
		}
	}
	boolean("Enabled", rel.Enabled)
	if len(rel.DomainNames) > 0 {
		cells := make([]string, len(rel.DomainNames))
		for i, d := range rel.DomainNames {
			cells[i] = mdCell(string(d))
		}
		c.Rows = append(c.Rows, runbookRow{"DomainNames", strings.Join(cells, ", ")})
	}
	boolean("FreeBusyAccessEnabled", rel.FreeBusyAccessEnabled)
	text("FreeBusyAccessLevel", string(rel.FreeBusyAccessLevel))
	text("FreeBusyAccessScope", string(rel.FreeBusyAccessScope))
	boolean("MailTipsAccessEnabled", rel.MailTipsAccessEnabled)
	text("MailTipsAccessLevel", string(rel.MailTipsAccessLevel))
	boolean("DeliveryReportEnabled", rel.DeliveryReportEnabled)
	text("TargetApplicationUri", string(rel.TargetApplicationUri))
	text("TargetAutodiscoverEpr", string(rel.TargetAutodiscoverEpr))
	text("TargetSharingEpr", string(rel.TargetSharingEpr))
	if len(c.Rows) == 0 {
		c.Intro = intro + ", relationship " + mdCode(string(rel.Name)) + ": listed (the YAML manages none of its properties)."
	}
	return c
}

// lookup describes a free/busy lookup across a relationship: viewers (in
// the other organization) look at the free/busy of the relationship's
// organization.
func lookup(rel *config.OrganizationRelationship, side, viewers, owners string) string {
	if rel.Ensure.IsAbsent() {
		return ""
	}
	what := "their free/busy, as far as " + side + " " + mdCode(string(rel.Name)) + " allows"
	switch {
	case rel.FreeBusyAccessEnabled != nil && !*rel.FreeBusyAccessEnabled:
		what = "no free/busy (" + side + " " + mdCode(string(rel.Name)) + " has FreeBusyAccessEnabled False)"
	case rel.FreeBusyAccessLevel == "None":
		what = "no free/busy (" + side + " " + mdCode(string(rel.Name)) + ": FreeBusyAccessLevel None)"
	case rel.FreeBusyAccessLevel == "AvailabilityOnly":
		what = "their free/busy times only (" + side + " " + mdCode(string(rel.Name)) + ": AvailabilityOnly)"
	case rel.FreeBusyAccessLevel == "LimitedDetails":
		what = "their free/busy times with subject and location (" + side + " " + mdCode(string(rel.Name)) + ": LimitedDetails)"
	}
	return "From " + viewers + ", create a meeting in Outlook, add " + owners + " as an attendee and open the Scheduling Assistant: it shows " + what + "."
}

// example is "a <what> (for example X)" with the first declared mailbox of
// that location, or "a <what>".
func (rb *runbookBuilder) example(what string, location config.Location) string {
	for _, m := range rb.cfg.Mailboxes {
		if m.Location == location {
			return what + " (for example " + mdCode(string(m.Name)) + ")"
		}
	}
	return what
}

func (rb *runbookBuilder) freeBusyChecks() *runbookRelationshipChecks {
	if !rb.hasFreeBusy() {
		return nil
	}
	op, eo := rb.cfg.OnPremises, &rb.cfg.ExchangeOnline
	c := &runbookRelationshipChecks{Command: newCodeBlock("powershell", "Get-OrganizationRelationship | Format-List")}
	onpremMailbox := rb.example("an on-premises mailbox", "onPremises")
	cloudMailbox := rb.example("a mailbox in Exchange Online", "exchangeOnline")
	for i := range op.OrganizationRelationships {
		rel := &op.OrganizationRelationships[i]
		c.Relationships = append(c.Relationships, relationshipCheck("On-premises ("+mdCode(string(op.Organization))+")", rel))
		if l := lookup(rel, "the on-premises relationship", cloudMailbox, onpremMailbox); l != "" {
			c.Lookups = append(c.Lookups, l)
		}
	}
	for i := range eo.OrganizationRelationships {
		rel := &eo.OrganizationRelationships[i]
		c.Relationships = append(c.Relationships, relationshipCheck("Exchange Online ("+mdCode(string(eo.Tenant))+")", rel))
		if l := lookup(rel, "the Exchange Online relationship", onpremMailbox, cloudMailbox); l != "" {
			c.Lookups = append(c.Lookups, l)
		}
	}
	return c
}

func (rb *runbookBuilder) partnerChecks() *runbookRelationshipChecks {
	eo := &rb.cfg.ExchangeOnline
	if len(eo.Partners) == 0 {
		return nil
	}
	c := &runbookRelationshipChecks{Command: newCodeBlock("powershell", "Get-OrganizationRelationship | Format-List")}
	ours := "a user of " + rb.ours()
	for i := range eo.Partners {
		p := &eo.Partners[i]
		theirs := "a user of " + mdCode(string(p.Domain))
		c.Relationships = append(c.Relationships, relationshipCheck("Our tenant ("+mdCode(string(eo.Tenant))+")", &p.Relationship))
		if l := lookup(&p.Relationship, "our relationship", theirs, ours); l != "" {
			c.Lookups = append(c.Lookups, l)
		}
		if p.ReverseRelationship != nil {
			c.Relationships = append(c.Relationships, relationshipCheck("The partner tenant "+mdCode(string(p.Tenant))+" (its administrator runs the command)", p.ReverseRelationship))
			if l := lookup(p.ReverseRelationship, "the partner's relationship", ours, theirs); l != "" {
				c.Lookups = append(c.Lookups, l)
			}
		}
	}
	return c
}

func (rb *runbookBuilder) groupChecks() *runbookGroupChecks {
	eo := &rb.cfg.ExchangeOnline
	if len(eo.Groups) == 0 {
		return nil
	}
	c := &runbookGroupChecks{Tests: rb.cfg.OnPremises != nil}
	if rb.cfg.OnPremises != nil {
		c.OnPremises = newCodeBlock("powershell")
		for _, g := range eo.Groups {
			c.OnPremises.add("expect "+string(g.Name)+" with a non-empty AddressListMembership",
				"Get-Recipient -Identity "+Quote(string(g.PrimarySmtpAddress))+" | Format-List Name, RecipientTypeDetails, PrimarySmtpAddress, AddressListMembership")
		}
	}
	if online := rb.script("online.ps1"); online != nil {
		c.Online = newCodeBlock("powershell")
		for _, r := range online.Resources {
			g, ok := r.Spec.(*config.UnifiedGroup)
			if !ok || len(r.props) == 0 {
				continue
			}
			ids, _ := r.props[0].Value.([]string)
			switch r.Kind {
			case KindGroupMembers, KindGroupOwners:
				linkType := map[string]string{KindGroupMembers: "Members", KindGroupOwners: "Owners"}[r.Kind]
				c.Online.add("expect among the "+strings.ToLower(linkType)+": "+strings.Join(ids, ", "),
					"Get-UnifiedGroupLinks -Identity "+Quote(string(g.Name))+" -LinkType "+linkType)
			case KindGroupSubscribers:
				c.Online.add("expect none of these among the subscribers: "+strings.Join(ids, ", "),
					"Get-UnifiedGroupLinks -Identity "+Quote(string(g.Name))+" -LinkType Subscribers")
			case KindEchoGroupMessages:
				c.Online.add("expect EchoGroupMessageBackToSubscribedSender "+psBool(r.props[0].Value),
					"Get-MailboxMessageConfiguration -Identity "+Quote(r.Name)+" | Format-List EchoGroupMessageBackToSubscribedSender")
			}
		}
		if len(c.Online.Lines) == 0 {
			c.Online = nil
		}
	}
	// The tests use the first group with an on-premises and a cloud member.
	pick := &eo.Groups[0]
	var onprem, cloud config.Identity
	for i := range eo.Groups {
		g := &eo.Groups[i]
		var op, cl config.Identity
		for _, m := range append(append([]config.Identity{}, g.Members...), g.Owners...) {
			if mb := rb.dir.mailbox(m); mb != nil {
				switch {
				case mb.Location == "onPremises" && op == "":
					op = m
				case mb.Location == "exchangeOnline" && cl == "":
					cl = m
				}
			}
		}
		if op != "" && cl != "" {
			pick, onprem, cloud = g, op, cl
			break
		}
	}
	c.Group = mdCode(string(pick.Name)) + " (" + mdCode(string(pick.PrimarySmtpAddress)) + ")"
	c.OnPremMember, c.CloudMember = "an on-premises mailbox", "a mailbox in Exchange Online"
	if onprem != "" {
		c.OnPremMember, c.CloudMember = mdCode(string(onprem)), mdCode(string(cloud))
		c.Echo = pick.EchoToOnPremisesMembers != nil && *pick.EchoToOnPremisesMembers
	}
	return c
}

// permissionChecks are the commands that show RBAC and the delegated
// permissions, in each organization, in the order its script applies them.
func (rb *runbookBuilder) permissionChecks() *runbookPermissionChecks {
	c := &runbookPermissionChecks{}
	for _, file := range []string{"onprem.ps1", "online.ps1"} {
		sp := rb.script(file)
		if sp == nil {
			continue
		}
		block := newCodeBlock("powershell")
		for _, r := range sp.Resources {
			permissionCheck(block, r)
		}
		if len(block.Lines) == 0 {
			continue
		}
		if sp.Target.Online {
			c.Online = block
		} else {
			c.OnPremises = block
		}
	}
	if c.OnPremises == nil && c.Online == nil {
		return nil
	}
	return c
}

// permissionCheck adds the command that shows one RBAC or permission
// resource, with what it must show as a comment.
func permissionCheck(b *codeBlock, r *Resource) {
	name := Quote(r.Name)
	switch r.Kind {
	case KindOrganizationConfig:
		b.add("expect ACLableSyncedObjectEnabled "+psBool(r.props[0].Value), "Get-OrganizationConfig | Format-List ACLableSyncedObjectEnabled")
	case KindRemoteMailboxACL:
		b.add("expect RecipientDisplayType ACLableSyncedMailboxUser for "+r.Name, "Get-RemoteMailbox -Identity "+name+" | Format-List RecipientDisplayType")
	case KindRoleGroup:
		g := r.Spec.(*config.RoleGroup)
		if r.Absent {
			b.add("expect no role group "+r.Name+" (declared absent)", "Get-RoleGroup | Where-Object { $_.Name -eq "+name+" }")
			return
		}
		b.add("expect "+expectList("roles", g.Roles)+"; "+expectList("members", g.Members), "Get-RoleGroup -Identity "+name+" | Format-List Name, Roles, Members")
	case KindRoleAssignmentPolicy:
		p := r.Spec.(*config.RoleAssignmentPolicy)
		if r.Absent {
			b.add("expect no role assignment policy "+r.Name+" (declared absent)", "Get-RoleAssignmentPolicy | Where-Object { $_.Name -eq "+name+" }")
			return
		}
		b.add("expect "+expectList("assigned roles", p.Roles), "Get-RoleAssignmentPolicy -Identity "+name+" | Format-List Name, AssignedRoles")
	case KindMailboxPolicy:
		p := r.Spec.(*config.RoleAssignmentPolicy)
		b.add("expect RoleAssignmentPolicy "+string(p.Name), "Get-Mailbox -Identity "+name+" | Format-List RoleAssignmentPolicy")
	case KindFullAccess, KindSendAs, KindSendOnBehalf, KindFolderPermission:
		p := r.Spec.(*config.Permission)
		mailbox, trustee := Quote(string(p.Mailbox)), Quote(string(p.Trustee))
		switch {
		case r.Kind == KindFullAccess:
			b.add(expectEntry(r.Absent, p.Trustee, "AccessRights FullAccess"),
				"Get-MailboxPermission -Identity "+mailbox+" -User "+trustee)
		case r.Kind == KindSendAs && r.Target.Online:
			b.add(expectEntry(r.Absent, p.Trustee, "AccessRights SendAs"),
				"Get-RecipientPermission -Identity "+mailbox+" -Trustee "+trustee)
		case r.Kind == KindSendAs:
			b.add(expectEntry(r.Absent, p.Trustee, "ExtendedRights Send-As"),
				"Get-ADPermission -Identity "+mailbox+" -User "+trustee+" | Where-Object { ($_.ExtendedRights -join ',') -like '*Send-As*' }")
		case r.Kind == KindSendOnBehalf:
			verb := "lists"
			if r.Absent {
				verb = "does not list"
			}
			b.add("expect GrantSendOnBehalfTo "+verb+" "+string(p.Trustee),
				"Get-Mailbox -Identity "+mailbox+" | Format-List GrantSendOnBehalfTo")
		default:
			b.add(expectEntry(r.Absent, p.Trustee, "AccessRights "+string(p.FolderAccessRights)), "Get-MailboxFolderPermission -Identity "+Quote(string(p.Mailbox)+`:\`+string(p.Folder))+" -User "+trustee)
		}
	}
}

// expectEntry is the expectation of a permission entry.
func expectEntry(absent bool, trustee config.Identity, rights string) string {
	if absent {
		return "expect no entry for " + string(trustee) + " (declared absent)"
	}
	return "expect an entry for " + string(trustee) + " with " + rights
}

// psBool is how Format-List shows a boolean.
func psBool(v any) string {
	if v == true {
		return "True"
	}
	return "False"
}

func expectList[S ~string](what string, items []S) string {
	if len(items) == 0 {
		return what + " as they are"
	}
	return what + " " + strings.Join(texts(items), ", ")
}
