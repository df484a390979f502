package compiler

import (
	checkpkg "github.com/hybridc/hybridc/compiler/check"
	"github.com/hybridc/hybridc/compiler/diag"
	loadpkg "github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/model"
	renderpkg "github.com/hybridc/hybridc/compiler/render"
	"github.com/hybridc/hybridc/compiler/runbook"
)

import "github.com/hybridc/hybridc/compiler/config"

// Result is what compiling one source gives: the scripts (nil when any stage
// found errors) and every diagnostic, errors and warnings, sorted.
type Result struct {
	Config      *config.Config
	Schedule    *model.Schedule
	Files       renderpkg.Files
	Diagnostics diag.Diagnostics
}

// Analyze runs every stage but rendering: load, validate, decode, check,
// defaults, order. It stops after the first stage that reports an error, so that one
// mistake is not reported again as its consequences.
func Analyze(src loadpkg.Source) *Result {
	return AnalyzeWith(src, renderpkg.Options{})
}

// AnalyzeWith is Analyze telling opt.Progress what it does (the other
// options are for rendering).
func AnalyzeWith(src loadpkg.Source, opt renderpkg.Options) *Result {
	doc, diags := loadpkg.LoadWith(src, opt.Progress)
	return analyze(doc, diags, opt.Progress, true)
}

// AnalyzeAll is Analyze for a configuration split over several files: the
// files are merged by LoadAll, and every diagnostic names the file it is
// about.
func AnalyzeAll(b loadpkg.Bundle) *Result {
	return AnalyzeAllWith(b, renderpkg.Options{})
}

// AnalyzeAllWith is AnalyzeAll telling opt.Progress what it does.
func AnalyzeAllWith(b loadpkg.Bundle, opt renderpkg.Options) *Result {
	doc, diags := loadpkg.LoadAllWith(b, opt.Progress)
	return analyze(doc, diags, opt.Progress, true)
}

// Diagnose is what validate needs of Analyze: its diagnostics, the same.
// It orders the resources only when a dependsOn could make a cycle, the
// one finding of the order: the dependencies hybridc adds itself follow
// the kinds in an order without cycles (implicitDeps), so a configuration
// without dependsOn has none, and its plan, which nothing here reads, is
// not built.
func Diagnose(src loadpkg.Source) diag.Diagnostics {
	return DiagnoseWith(src, renderpkg.Options{})
}

// DiagnoseWith is Diagnose telling opt.Progress what it does.
func DiagnoseWith(src loadpkg.Source, opt renderpkg.Options) diag.Diagnostics {
	doc, diags := loadpkg.LoadWith(src, opt.Progress)
	return analyze(doc, diags, opt.Progress, false).Diagnostics
}

// DiagnoseAll is Diagnose for a configuration split over several files.
func DiagnoseAll(b loadpkg.Bundle) diag.Diagnostics {
	return DiagnoseAllWith(b, renderpkg.Options{})
}

// DiagnoseAllWith is DiagnoseAll telling opt.Progress what it does.
func DiagnoseAllWith(b loadpkg.Bundle, opt renderpkg.Options) diag.Diagnostics {
	doc, diags := loadpkg.LoadAllWith(b, opt.Progress)
	return analyze(doc, diags, opt.Progress, false).Diagnostics
}

// analyze runs the stages after loading on doc, telling report (if set)
// what it does; diags are the load stage's findings (doc is nil when they
// include an error). Without wantPlan, the order runs only when it can
// find a cycle (see Diagnose).
func analyze(doc *loadpkg.Document, diags diag.Diagnostics, report func(diag.Step), wantPlan bool) *Result {
	res := &Result{Diagnostics: diags}
	if doc == nil || diags.HasErrors() {
		return res
	}
	if diags = loadpkg.ValidateWith(doc, report); len(diags) > 0 {
		res.Diagnostics = append(res.Diagnostics, diags...).Sort()
		if diags.HasErrors() {
			return res
		}
	}
	diag.Stage(report, "decoding", 0, "")
	// Decode reads the node tree: the plain values the schema checked can
	// go before the model is built, rather than be held beside it.
	doc.DropValues()
	doc.Consume = true
	cfg, diags := loadpkg.Decode(doc)
	res.Diagnostics = append(res.Diagnostics, diags...).Sort()
	if diags.HasErrors() {
		return res
	}
	res.Config = cfg
	diags, inv := checkpkg.CheckWith(cfg, report)
	res.Diagnostics = diag.Limited(append(res.Diagnostics, diags...), 0)
	if res.Diagnostics.HasErrors() {
		return res
	}
	if !wantPlan && !dependsOnAny(inv) {
		return res
	}
	checkpkg.Defaults(cfg)
	schedule, diags := model.OrderWith(inv, report)
	res.Diagnostics = diag.Limited(append(res.Diagnostics, diags...), 0)
	if diags.HasErrors() {
		return res
	}
	res.Schedule = schedule
	return res
}

// Compile analyzes src and, when no stage found an error, renders the
// scripts into memory. Only the command line writes files.
func Compile(src loadpkg.Source, opt renderpkg.Options) (*Result, error) {
	return render(AnalyzeWith(src, opt), src, opt)
}

// CompileAll is Compile for a configuration split over several files. The
// scripts' headers name the bundle and the SHA-256 of its manifest (see
// Bundle.Source).
func CompileAll(b loadpkg.Bundle, opt renderpkg.Options) (*Result, error) {
	return render(AnalyzeAllWith(b, opt), b.Source(), opt)
}

// render renders the scripts of an analyzed configuration whose headers
// record src.
func render(res *Result, src loadpkg.Source, opt renderpkg.Options) (*Result, error) {
	if res.Schedule == nil {
		return res, nil
	}
	files, err := renderpkg.Render(res.Schedule, src, opt)
	if err != nil {
		return res, err
	}
	diag.Stage(opt.Progress, "writing the runbook", 0, "")
	if files[runbook.RunbookFile], err = runbook.Runbook(res.Config, res.Schedule, src, opt); err != nil {
		return res, err
	}
	res.Files = files
	return res, nil
}

// dependsOnAny reports whether a resource declares dependsOn.
func dependsOnAny(inv *model.Inventory) bool {
	for _, r := range inv.Resources {
		if len(r.DependsOn) > 0 {
			return true
		}
	}
	return false
}
