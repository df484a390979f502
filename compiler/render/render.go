package render

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"text/template"
	"unicode"

	"github.com/Masterminds/sprig/v3"

	"github.com/hybridc/hybridc/templates"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// Options are the inputs of rendering that do not come from the YAML.
type Options struct {
	// ToolVersion is hybridc's version, written into every script's header.
	ToolVersion string
	// Progress, when set, is told each stage of AnalyzeWith, Compile and
	// their directory forms as it starts, and how many of its items are
	// done where the stage counts them without extra work (see Step). It is
	// called on the compiling goroutine and must return quickly.
	Progress func(diag.Step)
}

// Files are rendered outputs by file name.
type Files map[string][]byte

// Names returns the file names in sorted order.
func (f Files) Names() []string {
	names := make([]string, 0, len(f))
	for n := range f {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// ScriptView is what script.ps1.tmpl lays out. Only Data holds values
// of the configuration, as data-section literals; every other field is text
// fixed by the compiler.
type ScriptView struct {
	Side, Shell, Example, ToolVersion, SourceSHA256 string
	Online, EntraConnect                            bool
	// EntraApp is true for entra-app.ps1, which calls Microsoft Graph,
	// not Exchange.
	EntraApp bool
	// Data is the body of the data section: the desired state.
	Data string
	// Escaped is $true when the data holds escaped strings (escapeText),
	// which the script then decodes (templates/data-escape.ps1.tmpl), else
	// $false.
	Escaped string
	// EscapeMarker is escapeMarker as a literal.
	EscapeMarker string
	// Uses names the engine sections and variants the configuration needs.
	Uses map[string]bool
	// Kinds are the step kinds of the script, for the dispatch switch.
	Kinds []kindView
	// RequiredCommands are the cmdlets the engine may call, as literals
	// (requiredCommands).
	RequiredCommands []string
	// CommandUses say what needs each required cmdlet (commandUses).
	CommandUses []commandUse
	// ShellName names the shell in the preflight's message, as a literal.
	ShellName string
	// ErrorRules classify failed Exchange calls (compiler/diag/errorkinds.go).
	ErrorRules []diag.ErrorRule
	// QuotedIdentities are the patterns that remove quoted identities from
	// an error message before it is classified, as literals.
	QuotedIdentities []string
}

// kindView is one clause of the dispatch switch: a step kind and the
// engine function that reconciles it.
type kindView struct {
	Kind, Function string
}

var (
	parseOnce sync.Once
	parsed    *template.Template
	parseErr  error
)

// ScriptTemplate parses the embedded templates once, with missingkey=error
// and a hermetic function map.
func ScriptTemplate() (*template.Template, error) {
	parseOnce.Do(func() {
		parsed, parseErr = template.New("script.ps1.tmpl").Option("missingkey=error").Funcs(FuncMap()).ParseFS(templates.FS, "*.tmpl")
	})
	return parsed, parseErr
}

// FuncMap is sprig's hermetic map without anything that reads the clock,
// randomness, the OS, or produces keys, and with a sorted keys.
func FuncMap() template.FuncMap {
	fm := sprig.HermeticTxtFuncMap()
	for _, name := range []string{"randInt", "shuffle", "ago", "toDate", "mustToDate", "bcrypt", "htpasswd",
		"genPrivateKey", "genCA", "genCAWithKey", "genSelfSignedCert", "genSelfSignedCertWithKey", "genSignedCert",
		"genSignedCertWithKey", "buildCustomCert", "encryptAES", "decryptAES", "derivePassword",
		"osBase", "osClean", "osDir", "osExt", "osIsAbs", "values", "env", "expandenv"} {
		delete(fm, name)
	}
	fm["keys"] = func(dicts ...map[string]any) []string {
		var out []string
		for _, d := range dicts {
			for k := range d {
				out = append(out, k)
			}
		}
		sort.Strings(out)
		return out
	}
	return fm
}

// Render lays out one script per organization of the plan. src is the YAML
// the plan came from: its name and SHA-256 (SourceSHA256) go into every header. Scripts are
// pure ASCII after a UTF-8 byte order mark, with CRLF line endings (see
// finish).
func Render(schedule *model.Schedule, src load.Source, opt Options) (Files, error) {
	tmpl, err := ScriptTemplate()
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	sum := load.SourceSHA256(src.Data)
	files := Files{}
	count := diag.Stage(opt.Progress, "rendering", len(schedule.Scripts), "scripts")
	for _, sp := range schedule.Scripts {
		count.Add(1) // the one rendered now
		view, err := scriptViewOf(sp, sum, opt)
		if err != nil {
			return nil, fmt.Errorf("rendering %s: %w", sp.Target.File, err)
		}
		bare := view
		bare.Data = ""
		if view.RequiredCommands, view.CommandUses, err = requiredCommands(tmpl, "script.ps1.tmpl", bare); err != nil {
			return nil, fmt.Errorf("rendering %s: %w", sp.Target.File, err)
		}
		w := newDataWriter(view.Data, 256<<10) // the data and the engine
		view.Data = dataPlaceholder
		if err := tmpl.Execute(w, view); err != nil {
			return nil, fmt.Errorf("rendering %s: %w", sp.Target.File, err)
		}
		out, err := w.file()
		if err != nil {
			return nil, fmt.Errorf("rendering %s: %w", sp.Target.File, err)
		}
		files[sp.Target.File] = out
	}
	return files, nil
}

// describeShell says in v which side a script configures and the shell
// it runs in.
func describeShell(v *ScriptView, t *model.Target) {
	switch {
	case t.EntraConnect:
		v.EntraConnect = true
		v.Side = "the Microsoft Entra Connect server"
		v.Shell = "Windows PowerShell on the Microsoft Entra Connect server, as an administrator"
		v.ShellName = pstext.Quote("The AdSyncConfig module of Microsoft Entra Connect")
	case t.EntraApp:
		v.EntraApp = true
		v.Side = "the dedicated Exchange hybrid application in Microsoft Entra ID"
		v.Shell = "Windows PowerShell 5.1 or PowerShell 7 with the Microsoft Graph PowerShell SDK (Microsoft.Graph.Applications, Microsoft.Graph.Identity.DirectoryManagement), connected with Connect-MgGraph (delegated scopes; app-only sessions are refused) as a Privileged Role Administrator or Global Administrator: granting the application permissions (app role assignments to Microsoft Graph and Office 365 Exchange Online) needs one of them; a Cloud Application Administrator or Application Administrator cannot grant them"
		v.ShellName = pstext.Quote("The Microsoft Graph PowerShell SDK (Microsoft.Graph.Applications and Microsoft.Graph.Identity.DirectoryManagement, connected with Connect-MgGraph)")
	case t.Online:
		v.Side = "an Exchange Online tenant"
		if strings.HasPrefix(t.File, "partner-") {
			v.Side = "a partner's Exchange Online tenant"
			v.Example = "partner-<domain>.ps1"
		}
		v.Shell = "Exchange Online PowerShell (Connect-ExchangeOnline), Windows PowerShell 5.1 or PowerShell 7"
		v.ShellName = pstext.Quote("Exchange Online PowerShell (ExchangeOnlineManagement 3, connected with Connect-ExchangeOnline)")
	default:
		v.Side = "the on-premises Exchange organization"
		v.Shell = "the Exchange Management Shell of Exchange Server " + versionText(string(t.ExchangeVersion)) + " (Windows PowerShell 5.1)"
		v.ShellName = pstext.Quote("The Exchange Management Shell")
	}
}

func scriptViewOf(sp *model.ScriptSchedule, sum string, opt Options) (ScriptView, error) {
	t := sp.Target
	v := ScriptView{
		Example:      t.File,
		ToolVersion:  versionText(opt.ToolVersion),
		SourceSHA256: sum,
		Online:       t.Online,
		Uses:         model.UseKeys(),
		ErrorRules:   diag.ErrorRuleViews(t.Online),
		EscapeMarker: pstext.Quote(pstext.EscapeMarker),
	}
	v.QuotedIdentities = diag.QuotedViews()
	describeShell(&v, t)
	data := pstext.PSMap{{Key: "Organization", Value: t.Organization}}
	if t.EntraConnect {
		data = pstext.PSMap{{Key: "Forest", Value: t.Forest}, {Key: "ForestDerived", Value: t.ForestDerived}}
	}
	if t.EntraApp {
		data.Set("Scopes", GraphScopes)
	}
	var steps pstext.PSList
	var items pstext.PSList
	stepKey := ""
	flush := func() {
		if len(items) > 0 {
			steps = append(steps, pstext.PSMap{{Key: "Kind", Value: stepKey}, {Key: "Items", Value: items}})
		}
		items = nil
	}
	seen := map[string]bool{}
	var prev *model.Resource
	for i, r := range sp.Resources {
		key, e := model.EngineOf(r)
		if i == 0 || key != stepKey {
			flush()
			stepKey = key
			if !seen[key] { // a kind is seen first where a step starts
				seen[key] = true
				v.Kinds = append(v.Kinds, kindView{Kind: key, Function: e.Function})
			}
		}
		items = append(items, model.DataOf(r))
		if !model.UsesSameAs(prev, r) {
			model.UsesOf(r, v.Uses)
		}
		prev = r
	}
	flush()
	if names := DirectoryNames(sp); names != nil {
		data.Set("DirectoryNames", names)
	}
	if names := model.UnifiedGroupNames(sp.Resources); names != nil {
		data.Set("UnifiedGroupNames", names)
	}
	data.Set("Steps", steps)
	var b strings.Builder
	// A permission's line or so each (180 bytes on average at 5,000
	// mailboxes): no regrowth, which would copy the data once more.
	b.Grow(200*len(sp.Resources) + 4096)
	b.WriteString("    ")
	escaped, err := pstext.WriteData(&b, data, 1)
	if err != nil {
		return v, err
	}
	v.Escaped = pstext.Bool(escaped)
	v.Data = b.String()
	slices.SortFunc(v.Kinds, func(a, b kindView) int { return strings.Compare(a.Kind, b.Kind) })
	return v, nil
}

// requiredCommands renders a script's engine once without its data and
// returns, as literals, the cmdlets that code calls (commandUses): the
// preflight's list. The engine's text depends only on what the view says
// the configuration uses, never on the data.
func requiredCommands(tmpl *template.Template, name string, view any) ([]string, []commandUse, error) {
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, name, view); err != nil {
		return nil, nil, err
	}
	var out []string
	var uses []commandUse
	all := commandUses(buf.String())
	for _, c := range slices.Sorted(maps.Keys(all)) {
		out = append(out, pstext.Quote(c))
		list := all[c]
		slices.Sort(list)
		uses = append(uses, commandUse{Name: pstext.Quote(c), Uses: pstext.Quote(strings.Join(list, ", "))})
	}
	return out, uses, nil
}

// versionText keeps the characters of a version string that need no
// quoting anywhere (letters, digits, . + - _); anything else becomes '?'.
func versionText(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(".+-_", r)) {
			return r
		}
		return '?'
	}, s)
}

// GraphScopes are the delegated Microsoft Graph scopes entra-app.ps1 needs:
// create and update applications and service principals, and grant app
// roles (admin consent by app role assignment); Organization.Read.All for
// the preflight's tenant check.
var GraphScopes = []string{"Application.ReadWrite.All", "AppRoleAssignment.ReadWrite.All", "Organization.Read.All"}
