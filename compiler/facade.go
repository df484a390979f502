// The compiler split tool wrote this file; it is ordinary code to edit.

package compiler

import (
	"github.com/hybridc/hybridc/compiler/batches"
	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/importer"
	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
	renderpkg "github.com/hybridc/hybridc/compiler/render"
	"github.com/hybridc/hybridc/compiler/runbook"
	"github.com/hybridc/hybridc/compiler/state"
	"github.com/hybridc/hybridc/compiler/statediff"
	"github.com/hybridc/hybridc/compiler/statefile"
)

// The names the commands use, declared in the stage packages.

type (
	BatchOptions = batches.BatchOptions
	Batching     = batches.Batching
	// MigrateScriptOptions is batches.ScriptOptions.
	MigrateScriptOptions = batches.ScriptOptions
	Bundle               = load.Bundle
	CallEstimate         = renderpkg.CallEstimate
	Change               = statediff.Change
	Counts               = statediff.Counts
	Diagnostic           = diag.Diagnostic
	Diagnostics          = diag.Diagnostics
	ExportOptions        = renderpkg.ExportOptions
	Files                = renderpkg.Files
	ImportOptions        = importer.ImportOptions
	Imported             = importer.Imported
	KindCalls            = renderpkg.KindCalls
	Options              = renderpkg.Options
	Schedule             = model.Schedule
	Pos                  = diag.Pos
	PropertyChange       = statediff.PropertyChange
	Related              = diag.Related
	Resource             = model.Resource
	ResourceChange       = statediff.ResourceChange
	Rule                 = diag.Rule
	ScriptChange         = statediff.ScriptChange
	ScriptSchedule       = model.ScriptSchedule
	Source               = load.Source
	StateFile            = statefile.StateFile
	Step                 = diag.Step
	Target               = model.Target
)

const (
	CodeACLSyncDisabled           = diag.CodeACLSyncDisabled
	CodeCrossPremisesFeature      = diag.CodeCrossPremisesFeature
	CodeExchangeEndOfSupport      = diag.CodeExchangeEndOfSupport
	CodeFileName                  = diag.CodeFileName
	CodeRelationshipNoTarget      = diag.CodeRelationshipNoTarget
	CodeStateMissing              = diag.CodeStateMissing
	CodeStateUnresolved           = diag.CodeStateUnresolved
	DefaultDiagnosticLimit        = diag.DefaultDiagnosticLimit
	Error                         = diag.Error
	ExportOnPremisesScript        = renderpkg.ExportOnPremisesScript
	ExportOnlineScript            = renderpkg.ExportOnlineScript
	ImportFolder                  = importer.ImportFolder
	ImportFullAccess              = importer.ImportFullAccess
	ImportSendAs                  = importer.ImportSendAs
	ImportSendOnBehalf            = importer.ImportSendOnBehalf
	ImportSplitAt                 = importer.ImportSplitAt
	ImportedName                  = importer.ImportedName
	KindAcceptedDomain            = model.KindAcceptedDomain
	KindAvailabilityAddressSpace  = model.KindAvailabilityAddressSpace
	KindEchoGroupMessages         = model.KindEchoGroupMessages
	KindFolderPermission          = model.KindFolderPermission
	KindFullAccess                = model.KindFullAccess
	KindGroupMembers              = model.KindGroupMembers
	KindGroupOwners               = model.KindGroupOwners
	KindGroupSubscribers          = model.KindGroupSubscribers
	KindGroupWriteback            = model.KindGroupWriteback
	KindMailboxPolicy             = model.KindMailboxPolicy
	KindOrganizationConfig        = model.KindOrganizationConfig
	KindOrganizationCustomization = model.KindOrganizationCustomization
	KindOrganizationRelationship  = model.KindOrganizationRelationship
	KindRemoteMailboxACL          = model.KindRemoteMailboxACL
	KindRoleAssignmentPolicy      = model.KindRoleAssignmentPolicy
	KindRoleGroup                 = model.KindRoleGroup
	KindSendAs                    = model.KindSendAs
	KindSendConnector             = model.KindSendConnector
	KindSendOnBehalf              = model.KindSendOnBehalf
	KindUnifiedGroup              = model.KindUnifiedGroup
	PartSchemaFile                = importer.PartSchemaFile
	RunbookFile                   = runbook.RunbookFile
	ScriptAdded                   = statediff.ScriptAdded
	ScriptNotRead                 = statediff.ScriptNotRead
	ScriptUnchanged               = statediff.ScriptUnchanged
	ScriptUnmanaged               = statediff.ScriptUnmanaged
	StateSchemaURL                = statefile.StateSchemaURL
	Warning                       = diag.Warning
)

var (
	ImportKinds = importer.ImportKinds
	Rules       = diag.Rules
)

// Batches is batches.Batches.
func Batches(cfg *config.Config, opt BatchOptions) *Batching {
	return batches.Batches(cfg, opt)
}

// BuiltInRoleGroup is model.BuiltInRoleGroup.
func BuiltInRoleGroup(name string, online bool) bool {
	return model.BuiltInRoleGroup(name, online)
}

// CanonicalText is load.CanonicalText.
func CanonicalText(data []byte) []byte {
	return load.CanonicalText(data)
}

// DefaultImportKinds is importer.DefaultImportKinds.
func DefaultImportKinds() map[string]bool {
	return importer.DefaultImportKinds()
}

// Diff is statediff.Diff.
func Diff(old *Schedule, new *Schedule) *Change {
	return statediff.Diff(old, new)
}

// DiffState is statediff.DiffState.
func DiffState(schedule *Schedule, states []*StateFile) (*Change, Diagnostics) {
	return statediff.DiffState(schedule, states)
}

// EstimateCalls is render.EstimateCalls.
func EstimateCalls(schedule *Schedule) []CallEstimate {
	return renderpkg.EstimateCalls(schedule)
}

// ExportNameProblem is render.ExportNameProblem.
func ExportNameProblem(s string) string {
	return renderpkg.ExportNameProblem(s)
}

// HiddenRune is pstext.HiddenRune.
func HiddenRune(r rune) bool {
	return pstext.HiddenRune(r)
}

// Import is importer.Import.
func Import(states []*StateFile, opt ImportOptions) (*Imported, Diagnostics) {
	return importer.Import(states, opt)
}

// IsWarningCode is diag.IsWarningCode.
func IsWarningCode(code string) bool {
	return diag.IsWarningCode(code)
}

// LeadSafe is diag.LeadSafe.
func LeadSafe(name string) string {
	return diag.LeadSafe(name)
}

// LoadState is statefile.LoadState.
func LoadState(src Source) (*StateFile, Diagnostics) {
	return statefile.LoadState(src)
}

// LoadStates is statefile.LoadStates.
func LoadStates(names []string, read func(name string) ([]byte, error)) ([]*StateFile, Diagnostics, error) {
	return statefile.LoadStates(names, read)
}

// MarshalState is statefile.MarshalState.
func MarshalState(st *state.State) ([]byte, error) {
	return statefile.MarshalState(st)
}

// RenderExport is render.RenderExport.
func RenderExport(opt ExportOptions) (Files, error) {
	return renderpkg.RenderExport(opt)
}

// SetDiagnosticLimit is diag.SetDiagnosticLimit.
func SetDiagnosticLimit(n int) int {
	return diag.SetDiagnosticLimit(n)
}

// StateFileName is statefile.StateFileName.
func StateFileName(st *state.State) string {
	return statefile.StateFileName(st)
}

// TraceToState is importer.TraceToState.
func TraceToState(diags Diagnostics, text []byte, srcs []Source) Diagnostics {
	return importer.TraceToState(diags, text, srcs)
}

// ValidateImported is importer.ValidateImported.
func ValidateImported(text []byte) Diagnostics {
	return importer.ValidateImported(text)
}

// ValidateImportedWith is importer.ValidateImportedWith.
func ValidateImportedWith(text []byte, opt Options) Diagnostics {
	return importer.ValidateImportedWith(text, opt)
}

// WrittenByImport is importer.WrittenByImport.
func WrittenByImport(data []byte) bool {
	return importer.WrittenByImport(data)
}

// MigrateScript is batches.Script: migrate.ps1 for a batching.
func MigrateScript(b *Batching, opt MigrateScriptOptions) ([]byte, error) {
	return batches.Script(b, opt)
}

// MigrateScriptUnsafe is batches.ScriptUnsafe.
func MigrateScriptUnsafe(b *Batching, opt MigrateScriptOptions) []string {
	return batches.ScriptUnsafe(b, opt)
}
