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
	return analyze(doc, diags, opt.Progress, true)
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
	return analyze(doc, diags, opt.Progress, true)
}

// Diagnose is what validate needs of Analyze: its diagnostics, the same.
// It orders the resources only when a dependsOn could make a cycle, the
// one finding of the order: the dependencies hybridc adds itself follow
// the kinds in an order without cycles (implicitDeps), so a configuration
// without dependsOn has none, and its plan, which nothing here reads, is
// not built.
func Diagnose(src Source) Diagnostics {
	return DiagnoseWith(src, Options{})
}

// DiagnoseWith is Diagnose telling opt.Progress what it does.
func DiagnoseWith(src Source, opt Options) Diagnostics {
	doc, diags := load(src, opt.Progress)
	return analyze(doc, diags, opt.Progress, false).Diagnostics
}

// DiagnoseAll is Diagnose for a configuration split over several files.
func DiagnoseAll(b Bundle) Diagnostics {
	return DiagnoseAllWith(b, Options{})
}

// DiagnoseAllWith is DiagnoseAll telling opt.Progress what it does.
func DiagnoseAllWith(b Bundle, opt Options) Diagnostics {
	doc, diags := loadAll(b, opt.Progress)
	return analyze(doc, diags, opt.Progress, false).Diagnostics
}

// analyze runs the stages after loading on doc, telling report (if set)
// what it does; diags are the load stage's findings (doc is nil when they
// include an error). Without wantPlan, the order runs only when it can
// find a cycle (see Diagnose).
func analyze(doc *Document, diags Diagnostics, report func(Step), wantPlan bool) *Result {
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
	// Decode reads the node tree: the plain values the schema checked can
	// go before the model is built, rather than be held beside it.
	doc.dropValues()
	doc.consume = true
	cfg, diags := Decode(doc)
	res.Diagnostics = append(res.Diagnostics, diags...).Sort()
	if diags.HasErrors() {
		return res
	}
	res.Config = cfg
	diags, inv := check(cfg, report)
	res.Diagnostics = limited(append(res.Diagnostics, diags...), 0)
	if res.Diagnostics.HasErrors() {
		return res
	}
	if !wantPlan && !dependsOnAny(inv) {
		return res
	}
	Defaults(cfg)
	plan, diags := order(inv, report)
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

// dependsOnAny reports whether a resource declares dependsOn.
func dependsOnAny(inv *Inventory) bool {
	for _, r := range inv.Resources {
		if len(r.DependsOn) > 0 {
			return true
		}
	}
	return false
}
