package compiler

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"
)

// perfCommand is one process TestPerformanceTable measures: a row of the
// table.
type perfCommand struct {
	// label is the row's name in the table (Markdown).
	label string
	// floor marks the group's floor, which the other rows are compared
	// with.
	floor bool
	// args are the program and its arguments; "{out}" in an argument is
	// replaced by a fresh empty directory for each run.
	args []string
	// exit is the exit code a run must end with.
	exit int
	// bench marks a benchmark of the test binary: the run's figures are
	// those its output reports (benchRun), not the process's.
	bench bool
}

// perfRun is what one run of a command used.
type perfRun struct {
	cpu, wall time.Duration
	// rss is the peak resident set size in bytes (0 where unknown).
	rss int64
}

// perfGroup is a set of commands measured together, interleaved, on the
// same input: a block of the table.
type perfGroup struct {
	title    string
	commands []perfCommand
	// memory names the memory column: "memory" (peak RSS) when empty,
	// "allocated" for benchmarks (B/op).
	memory string
	runs   int
	// results are each command's runs, by index in commands.
	results [][]perfRun
}

// measure runs every command of g g.runs times, interleaved (each round
// runs each command once, starting with a different one each round, so
// that no command always follows the same one), and keeps what each run
// used. scratch is where "{out}" directories are made.
func (g *perfGroup) measure(t *testing.T, scratch string) {
	g.results = make([][]perfRun, len(g.commands))
	for round := range g.runs {
		for k := range g.commands {
			i := (round + k) % len(g.commands)
			r, err := runMeasured(g.commands[i], scratch)
			if err != nil {
				t.Fatalf("%s: %s: %v", g.title, g.commands[i].label, err)
			}
			g.results[i] = append(g.results[i], r)
		}
	}
	for i, c := range g.commands {
		t.Logf("%s: %s: cpu %v, max RSS %v", g.title, c.label, cpuSeconds(g.results[i]), rssMB(g.results[i]))
	}
}

// runMeasured runs c once as a process and returns its CPU time (user and
// system, from the process's rusage), peak RSS and wall time. The output
// goes to the null device; standard error is kept for the error message.
func runMeasured(c perfCommand, scratch string) (perfRun, error) {
	args := slices.Clone(c.args)
	out := ""
	for i, a := range args {
		if strings.Contains(a, "{out}") {
			if out == "" {
				dir, err := os.MkdirTemp(scratch, "out-")
				if err != nil {
					return perfRun{}, err
				}
				out = dir
				defer os.RemoveAll(dir)
			}
			args[i] = strings.ReplaceAll(a, "{out}", out)
		}
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stderr = &stderr
	if c.bench {
		cmd.Stdout = &stdout
	}
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		return perfRun{}, err
	}
	if code := cmd.ProcessState.ExitCode(); code != c.exit {
		return perfRun{}, fmt.Errorf("exit code %d, not %d: %s", code, c.exit, stderr.String())
	}
	if c.bench {
		return benchRun(stdout.Bytes())
	}
	ps := cmd.ProcessState
	return perfRun{cpu: ps.UserTime() + ps.SystemTime(), wall: wall, rss: maxRSS(ps)}, nil
}

// perfStats summarizes the runs of one command.
type perfStats struct {
	// cpu and wall are medians in seconds, rss the median peak RSS in
	// bytes.
	cpu, wall, rss float64
	// cpuSpread and rssSpread are the runs' range (largest minus smallest)
	// as a fraction of their median.
	cpuSpread, rssSpread float64
}

// statsOf summarizes runs.
func statsOf(runs []perfRun) perfStats {
	var cpu, wall, rss []float64
	for _, r := range runs {
		cpu = append(cpu, r.cpu.Seconds())
		wall = append(wall, r.wall.Seconds())
		rss = append(rss, float64(r.rss))
	}
	return perfStats{cpu: median(cpu), wall: median(wall), rss: median(rss), cpuSpread: spread(cpu), rssSpread: spread(rss)}
}

// pairedRatio is the median, over the rounds, of a run's value over the
// floor's run of the same round (value picks CPU or memory): the commands
// of a round run one after the other, so a ratio within a round cancels
// most of what a shared machine's load does to both. 0 without a floor.
func pairedRatio(runs, floor []perfRun, value func(perfRun) float64) float64 {
	var ratios []float64
	for i := range min(len(runs), len(floor)) {
		if f := value(floor[i]); f > 0 {
			ratios = append(ratios, value(runs[i])/f)
		}
	}
	if len(ratios) == 0 {
		return 0
	}
	return median(ratios)
}

// spread is the range of values (largest minus smallest) as a fraction of
// their median; 0 for no values or a zero median.
func spread(values []float64) float64 {
	if len(values) == 0 {
		return 0
	}
	m := median(values)
	if m == 0 {
		return 0
	}
	return (slices.Max(values) - slices.Min(values)) / m
}

// cpuSeconds lists the runs' CPU times, for the test's log.
func cpuSeconds(runs []perfRun) []string {
	var out []string
	for _, r := range runs {
		out = append(out, fmt.Sprintf("%.3fs", r.cpu.Seconds()))
	}
	return out
}

// rssMB lists the runs' peak RSS, for the test's log.
func rssMB(runs []perfRun) []string {
	var out []string
	for _, r := range runs {
		out = append(out, fmt.Sprintf("%.0fMB", float64(r.rss)/1e6))
	}
	return out
}
