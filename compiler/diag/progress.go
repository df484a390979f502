package diag

// Step is what a long compile is doing at a moment, as Options.Progress is
// told it: a stage, and how far the stage has gone where it can count that
// without extra work.
type Step struct {
	// Stage is what the compiler does: "loading", "validating", "decoding",
	// "checking", "ordering", "rendering".
	Stage string
	// Done of Total Units have been processed ("bytes", "files", "list
	// items", "rules", "scripts"); Total is 0 when the stage counts
	// nothing.
	Done, Total int
	Unit        string
}

// ProgressReports is about how many times a counting stage reports: a
// report formats a line, so one per item would cost more than a schema
// check of a small item, or than reading a few bytes.
const ProgressReports = 200

// Counter reports the progress of one stage to a Progress function. A nil
// *counter, or one without a function, does nothing, so that the stages
// cost nothing more when nobody asks.
type Counter struct {
	report func(Step)
	step   Step
	every  int // units between two reports
	next   int // Done at which to report again
}

// Stage starts reporting a stage of total units (0: uncounted) and reports
// it at once; it returns nil when report is nil.
func Stage(report func(Step), name string, total int, unit string) *Counter {
	if report == nil {
		return nil
	}
	c := &Counter{report: report, step: Step{Stage: name, Total: total, Unit: unit}}
	if total == 0 {
		c.step.Unit = ""
	}
	c.every = max(1, total/ProgressReports)
	c.next = c.every
	report(c.step)
	return c
}

// Add counts n more units done, reporting every c.every units and when
// the stage is complete.
func (c *Counter) Add(n int) {
	if c == nil || c.step.Total == 0 {
		return
	}
	c.step.Done += n
	if c.step.Done >= c.next || c.step.Done == c.step.Total {
		for c.next <= c.step.Done {
			c.next += c.every
		}
		c.report(c.step)
	}
}
