package render

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/hybridc/hybridc/compiler/state"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// Export script names.
const (
	ExportOnPremisesScript = "export-onprem.ps1"
	ExportOnlineScript     = "export-online.ps1"
)

// ExportOptions are the inputs of the export scripts: none comes from a
// configuration.
type ExportOptions struct {
	// ToolVersion is hybridc's version, written into the headers and the
	// state files.
	ToolVersion string
	// Organization and Tenant are what the scripts' preflight checks the
	// session is connected to when the operator gives no -Organization;
	// empty: the operator must give it. They enter the scripts only as
	// data-section literals.
	Organization, Tenant string
}

// exportView is what export-script.ps1.tmpl lays out: the engine's view
// (the shared engine sections read it) plus the export's own literals.
type exportView struct {
	ScriptView
	// OrganizationLiteral is the organization to check, as a literal.
	OrganizationLiteral string
	// StateKind is the state's kind, as a literal.
	StateKind string
	// ToolVersionLiteral is hybridc's version, as a literal.
	ToolVersionLiteral string
	// FolderScopes are the default folders a -Folders name is resolved
	// by (compiler/model/folders.go, as the engine resolves a declared folder).
	FolderScopes []model.FolderScopeView
}

// RenderExport lays out the two read-only export scripts: one for the
// Exchange Management Shell, one for Exchange Online PowerShell. Like the
// other scripts they are pure ASCII after a UTF-8 byte order mark, with
// CRLF line endings, and hold no value but the organization and tenant
// given, as data-section literals (escaped when they hold characters
// outside ASCII).
func RenderExport(opt ExportOptions) (Files, error) {
	tmpl, err := ScriptTemplate()
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	files := Files{}
	for _, online := range []bool{false, true} {
		v := exportView{ToolVersionLiteral: pstext.Quote(versionText(opt.ToolVersion)), FolderScopes: model.FolderScopeViews()}
		v.ToolVersion = versionText(opt.ToolVersion)
		v.Online = online
		v.Uses = model.UseKeys()
		v.Uses[model.DirectorySection] = true
		v.ErrorRules = diag.ErrorRuleViews(false) // read-only: never meets customization
		v.QuotedIdentities = diag.QuotedViews()
		name, org := ExportOnPremisesScript, opt.Organization
		v.Side = "the on-premises Exchange organization"
		v.Shell = "the Exchange Management Shell (Windows PowerShell 5.1) of Exchange Server 2013 or later"
		v.ShellName = pstext.Quote("The Exchange Management Shell")
		v.StateKind = pstext.Quote(state.OnPremises)
		if online {
			name, org = ExportOnlineScript, opt.Tenant
			v.Side = "an Exchange Online tenant"
			v.Shell = "Exchange Online PowerShell (Connect-ExchangeOnline), Windows PowerShell 5.1 or PowerShell 7"
			v.ShellName = pstext.Quote("Exchange Online PowerShell (ExchangeOnlineManagement 3, connected with Connect-ExchangeOnline)")
			v.StateKind = pstext.Quote(state.ExchangeOnline)
		}
		v.Example = name
		// In the script's data section: a data-section literal, which
		// refuses control and invisible characters.
		v.EscapeMarker = pstext.Quote(pstext.EscapeMarker)
		var escaped bool
		if v.OrganizationLiteral, escaped, err = pstext.DataString(org); err != nil {
			return nil, fmt.Errorf("the organization or tenant name %q holds a control, line-separator or invisible character", org)
		}
		v.Escaped = pstext.Bool(escaped)
		if v.RequiredCommands, v.CommandUses, err = requiredCommands(tmpl, "export-script.ps1.tmpl", v); err != nil {
			return nil, fmt.Errorf("rendering %s: %w", name, err)
		}
		var buf bytes.Buffer
		if err := tmpl.ExecuteTemplate(&buf, "export-script.ps1.tmpl", v); err != nil {
			return nil, fmt.Errorf("rendering %s: %w", name, err)
		}
		out, err := Finish(buf.Bytes())
		if err != nil {
			return nil, fmt.Errorf("rendering %s: %w", name, err)
		}
		files[name] = out
	}
	return files, nil
}

// ExportNameProblem says why an organization or tenant name cannot be
// given to export, or "".
func ExportNameProblem(s string) string {
	if strings.ContainsFunc(s, func(r rune) bool {
		return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029'
	}) {
		return "holds a control character or line separator"
	}
	if strings.ContainsAny(s, "*?") {
		return "holds a wildcard (* ?)"
	}
	if len(s) > 256 {
		return "is longer than 256 bytes"
	}
	return ""
}
