package cli

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
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
// long validate, compile or batches run is doing and for how long. It is
// off when standard error is not a terminal (a pipe, a file, CI) and with
// --quiet. A nil *progress does nothing.
type progress struct {
	w     io.Writer
	delay time.Duration
	start time.Time
	mu    sync.Mutex
	msg   string
	shown bool // a line is on the terminal
	stop  chan struct{}
	wg    sync.WaitGroup
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
	p.mu.Lock()
	defer p.mu.Unlock()
	p.msg = fmt.Sprintf(format, args...)
	if p.shown || p.delay == 0 {
		p.draw()
	}
}

// draw writes the line over the previous one; p.mu is held.
func (p *progress) draw() {
	if p.msg == "" {
		return
	}
	elapsed := time.Since(p.start).Truncate(time.Second)
	if p.delay == 0 {
		elapsed = 0 // reproducible output for tests
	}
	fmt.Fprintf(p.w, "\rhybridc: %s... %s\x1b[K", p.msg, elapsed)
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
	p.msg = ""
	p.mu.Unlock()
	p.wg.Wait()
}
