package compiler

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"
)

// The README's performance table stands between these markers;
// TestPerformanceTable rewrites what is between them.
const (
	perfBegin = "<!-- perf:begin -->"
	perfEnd   = "<!-- perf:end -->"
)

// perfMachine describes where the figures were measured.
type perfMachine struct {
	os, arch, cpu, goVersion string
	cpus                     int
	date                     time.Time
}

// thisMachine is the machine running the test: its CPU model from
// /proc/cpuinfo where there is one.
func thisMachine() perfMachine {
	return perfMachine{os: runtime.GOOS, arch: runtime.GOARCH, cpus: runtime.NumCPU(), cpu: cpuModel("/proc/cpuinfo"),
		goVersion: runtime.Version(), date: time.Now().UTC()}
}

// cpuModel is the first "model name" of a /proc/cpuinfo file, or "" when
// there is none.
func cpuModel(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if name, value, ok := strings.Cut(s.Text(), ":"); ok && strings.TrimSpace(name) == "model name" {
			return strings.TrimSpace(value)
		}
	}
	return ""
}

// String is the machine as the table's introduction names it.
func (m perfMachine) String() string {
	s := fmt.Sprintf("%s/%s, %d CPUs", m.os, m.arch, m.cpus)
	if m.cpu != "" {
		s += " (" + m.cpu + ")"
	}
	return s + ", " + m.goVersion
}

// perfTable renders the measured groups as Markdown: an introduction
// naming the machine, the date and the method, then one table per group,
// each row compared with the group's floor.
func perfTable(m perfMachine, groups []*perfGroup) string {
	var b strings.Builder
	runs := 0
	for _, g := range groups {
		runs = max(runs, g.runs)
	}
	fmt.Fprintf(&b, "Measured on %s by `HYBRIDC_PERF=1 go test ./compiler -run TestPerformanceTable -timeout 2h -v`: %s. ",
		m.date.Format("2006-01-02"), m)
	b.WriteString("Every command runs as a process, the commands of a block interleaved, each at least five times; ")
	b.WriteString("the figures are medians. **CPU** is the process's user and system time (every goroutine and the garbage collector: ")
	b.WriteString("the fair measure on a shared machine), **memory** its peak resident set, **spread** the range of its runs ")
	b.WriteString("(largest minus smallest) over their median, and **× floor** the median, over the rounds, of the run's figure ")
	b.WriteString("over the floor's in the same round (the runs of a round follow each other, so the ratio cancels most of ")
	b.WriteString("what the machine's other load does to both). The **in memory** blocks run the package's benchmarks the same way, ")
	b.WriteString("each run a process of the test binary doing one operation (a few for the fast ones), its figures those the benchmark ")
	b.WriteString("reports: CPU per operation, **allocated** the bytes allocated per operation, wall its time per operation.\n")
	for _, g := range groups {
		b.WriteString("\n" + g.title + "\n\n")
		memory := g.memory
		if memory == "" {
			memory = "memory"
		}
		fmt.Fprintf(&b, "| command | CPU | × floor | spread | %s | × floor | spread | wall |\n", memory)
		b.WriteString("|---|---|---|---|---|---|---|---|\n")
		floor := g.floorRuns()
		for i, c := range g.commands {
			s := statsOf(g.results[i])
			cpu := pairedRatio(g.results[i], floor, func(r perfRun) float64 { return r.cpu.Seconds() })
			rss := pairedRatio(g.results[i], floor, func(r perfRun) float64 { return float64(r.rss) })
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", c.label,
				seconds(s.cpu), ratio(cpu), percent(s.cpuSpread),
				bytesText(s.rss), ratio(rss), percent(s.rssSpread), seconds(s.wall))
		}
	}
	return b.String()
}

// floorRuns are the runs of g's floor (nil when it has none).
func (g *perfGroup) floorRuns() []perfRun {
	for i, c := range g.commands {
		if c.floor {
			return g.results[i]
		}
	}
	return nil
}

// seconds formats a duration in seconds: milliseconds below a tenth of a
// second.
func seconds(s float64) string {
	if s < 0.1 {
		return fmt.Sprintf("%.1f ms", s*1000)
	}
	return fmt.Sprintf("%.2f s", s)
}

// ratio formats a ratio ("1.23×"), or "–" for none (0).
func ratio(r float64) string {
	if r == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", r)
}

// percent formats a fraction as a whole percentage.
func percent(f float64) string { return fmt.Sprintf("%.0f %%", f*100) }

// bytesText formats a size in MB, or GB from a thousand MB; "–" for
// unknown (0).
func bytesText(n float64) string {
	switch {
	case n == 0:
		return "–"
	case n >= 1e9:
		return fmt.Sprintf("%.2f GB", n/1e9)
	}
	return fmt.Sprintf("%.0f MB", n/1e6)
}

// replacePerf replaces what stands between the performance markers in a
// README with table (the markers stay, each on its own line).
func replacePerf(readme, table string) (string, error) {
	begin := strings.Index(readme, perfBegin)
	end := strings.Index(readme, perfEnd)
	switch {
	case begin < 0 || end < 0:
		return "", errors.New("the README has no " + perfBegin + " ... " + perfEnd + " markers")
	case end < begin:
		return "", errors.New("the README's " + perfEnd + " comes before its " + perfBegin)
	case strings.Count(readme, perfBegin) > 1 || strings.Count(readme, perfEnd) > 1:
		return "", errors.New("the README has more than one pair of performance markers")
	}
	return readme[:begin+len(perfBegin)] + "\n" + strings.TrimSpace(table) + "\n" + readme[end:], nil
}
