package compiler

import "github.com/hybridc/hybridc/compiler/config"

// Result is what compiling one source gives: the scripts (nil when any stage
// found errors) and every diagnostic, errors and warnings, sorted.
type Result struct {
	Config      *config.Config
	Plan        *Plan
	Files       Files
	Diagnostics Diagnostics
}

// Analyze runs every stage but rendering: load, validate, decode, check,
// defaults, order. It stops after the first stage that reports an error, so that one
// mistake is not reported again as its consequences.
func Analyze(src Source) *Result {
	return AnalyzeWith(src, Options{})
}

// AnalyzeWith is Analyze telling opt.Progress what it does (the other
// options are for rendering).
func AnalyzeWith(src Source, opt Options) *Result {
	doc, diags := load(src, opt.Progress)
	return analyze(doc, diags, opt.Progress)
}

// AnalyzeAll is Analyze for a configuration split over several files: the
// files are merged by LoadAll, and every diagnostic names the file it is
// about.
func AnalyzeAll(b Bundle) *Result {
	return AnalyzeAllWith(b, Options{})
}

// AnalyzeAllWith is AnalyzeAll telling opt.Progress what it does.
func AnalyzeAllWith(b Bundle, opt Options) *Result {
	doc, diags := loadAll(b, opt.Progress)
	return analyze(doc, diags, opt.Progress)
}

// analyze runs the stages after loading on doc, telling report (if set)
// what it does; diags are the load stage's findings (doc is nil when they
// include an error).
func analyze(doc *Document, diags Diagnostics, report func(Step)) *Result {
	res := &Result{Diagnostics: diags}
	if doc == nil || diags.HasErrors() {
		return res
	}
	if diags = validate(doc, report); len(diags) > 0 {
		res.Diagnostics = append(res.Diagnostics, diags...).Sort()
		if diags.HasErrors() {
			return res
		}
	}
	stage(report, "decoding", 0, "")
	cfg, diags := Decode(doc)
	res.Diagnostics = append(res.Diagnostics, diags...).Sort()
	if diags.HasErrors() {
		return res
	}
	res.Config = cfg
	res.Diagnostics = limited(append(res.Diagnostics, check(cfg, report)...), 0)
	if res.Diagnostics.HasErrors() {
		return res
	}
	Defaults(cfg)
	plan, diags := order(cfg, report)
	res.Diagnostics = limited(append(res.Diagnostics, diags...), 0)
	if diags.HasErrors() {
		return res
	}
	res.Plan = plan
	return res
}

// Compile analyzes src and, when no stage found an error, renders the
// scripts into memory. Only the command line writes files.
func Compile(src Source, opt Options) (*Result, error) {
	return render(AnalyzeWith(src, opt), src, opt)
}

// CompileAll is Compile for a configuration split over several files. The
// scripts' headers name the bundle and the SHA-256 of its manifest (see
// Bundle.Source).
func CompileAll(b Bundle, opt Options) (*Result, error) {
	return render(AnalyzeAllWith(b, opt), b.Source(), opt)
}

// render renders the scripts of an analyzed configuration whose headers
// record src.
func render(res *Result, src Source, opt Options) (*Result, error) {
	if res.Plan == nil {
		return res, nil
	}
	files, err := Render(res.Plan, src, opt)
	if err != nil {
		return res, err
	}
	stage(opt.Progress, "writing the runbook", 0, "")
	if files[RunbookFile], err = Runbook(res.Config, res.Plan, src, opt); err != nil {
		return res, err
	}
	res.Files = files
	return res, nil
}
