package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hybridc/hybridc/compiler"
)

// progressDelay is how long a run goes on before its progress line appears:
// short runs stay silent.
const progressDelay = time.Second

// isTerminal reports whether w is a terminal (a character device), as
// os.File.Stat's mode bits tell it, without any dependency.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// progress shows on standard error, on one line that it rewrites, what a
// long run is doing, with counts where there are some ("validating 12,000
// of 220,000 list items", "reading state a.json (2 of 3)"), and for how
// long. It is off when standard error is not a terminal (a pipe, a file,
// CI) and with --quiet. A nil *progress does nothing.
type progress struct {
	w     io.Writer
	delay time.Duration
	start time.Time
	mu    sync.Mutex
	// lanes are what each part of the run does now, shown joined by "; ":
	// lane 0 the run itself, the others work it does at the same time
	// (plan --state reads the states while it analyzes the YAML).
	lanes [2]string
	shown bool // a line is on the terminal
	stop  chan struct{}
	wg    sync.WaitGroup
}

// quietFlag defines --quiet, which every command that can run for more
// than a second has.
func quietFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("quiet", false, "show no progress on standard error (shown only on a terminal, for runs over a second)")
}

// newProgress starts progress reporting for command, or returns nil when it
// is off.
func (e *env) newProgress(quiet bool) *progress {
	terminal := e.terminal
	if terminal == nil {
		terminal = isTerminal
	}
	if quiet || !terminal(e.stderr) {
		return nil
	}
	p := &progress{w: e.stderr, delay: e.progressDelay, start: time.Now(), stop: make(chan struct{})}
	if p.delay > 0 {
		p.wg.Add(1)
		go p.tick()
	}
	return p
}

// tick redraws the line once a second after the delay, until done.
func (p *progress) tick() {
	defer p.wg.Done()
	timer := time.NewTimer(p.delay)
	defer timer.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-timer.C:
			p.mu.Lock()
			p.draw()
			p.mu.Unlock()
			timer.Reset(time.Second)
		}
	}
}

// step says what the run does now.
func (p *progress) step(format string, args ...any) {
	if p == nil {
		return
	}
	p.set(0, fmt.Sprintf(format, args...))
}

// set says what lane does now ("": nothing).
func (p *progress) set(lane int, msg string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.lanes[lane] = printable(msg) // file names come from the command line and directories
	if p.shown || p.delay == 0 {
		p.draw()
	}
}

// compiling returns an Options.Progress for the compiler that shows, in
// lane, what prefix is at: "validating hybrid.yaml: checking 5 of 19
// rules". It returns nil when p is nil, so that the compiler counts
// nothing then.
func (p *progress) compiling(lane int, prefix string) func(compiler.Step) {
	if p == nil {
		return nil
	}
	return func(s compiler.Step) { p.set(lane, prefix+": "+stepText(s)) }
}

// stepText is a compiler step as the progress line shows it: "decoding",
// "validating 12,000 of 220,000 list items", "loading 3.1 of 21.3 MB".
func stepText(s compiler.Step) string {
	switch {
	case s.Total == 0:
		return s.Stage
	case s.Unit == "bytes" && s.Total >= 1_000_000:
		return fmt.Sprintf("%s %s of %s MB", s.Stage, megabytes(s.Done), megabytes(s.Total))
	case s.Unit == "bytes":
		return fmt.Sprintf("%s %d of %d kB", s.Stage, (s.Done+999)/1000, (s.Total+999)/1000)
	}
	return fmt.Sprintf("%s %s of %s %s", s.Stage, thousands(s.Done), thousands(s.Total), s.Unit)
}

// megabytes writes n bytes in MB (10^6 bytes) with one decimal, rounded
// down so that a file is not shown complete before it is.
func megabytes(n int) string {
	tenths := n / 100_000
	return fmt.Sprintf("%s.%d", thousands(tenths/10), tenths%10)
}

// thousands writes n with a comma between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// draw writes the line over the previous one; p.mu is held.
func (p *progress) draw() {
	var parts []string
	for _, l := range p.lanes {
		if l != "" {
			parts = append(parts, l)
		}
	}
	if len(parts) == 0 {
		if p.shown {
			fmt.Fprint(p.w, "\r\x1b[K")
			p.shown = false
		}
		return
	}
	elapsed := time.Since(p.start).Truncate(time.Second)
	if p.delay == 0 {
		elapsed = 0 // reproducible output for tests
	}
	fmt.Fprintf(p.w, "\rhybridc: %s... %s\x1b[K", printable(strings.Join(parts, "; ")), elapsed)
	p.shown = true
}

// clear takes the line off the terminal before other output; the next
// step or tick draws it again.
func (p *progress) clear() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// done stops reporting and clears the line, before anything else is
// written to standard error. It may be called more than once.
func (p *progress) done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	select {
	case <-p.stop:
	default:
		close(p.stop)
	}
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
	p.lanes = [2]string{}
	p.mu.Unlock()
	p.wg.Wait()
}
