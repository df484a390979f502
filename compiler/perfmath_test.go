package compiler

import (
	"math"
	"os"
	"strings"
	"testing"
	"time"
)

// TestPerfStats checks the performance table's arithmetic: medians of odd
// and even counts, the spread, and a summary of runs.
func TestPerfStats(t *testing.T) {
	for _, c := range []struct {
		values         []float64
		median, spread float64
	}{
		{[]float64{3, 1, 2}, 2, 1},
		{[]float64{4, 1, 3, 2}, 2.5, 1.2},
		{[]float64{5, 5, 5, 5, 5}, 5, 0},
		{[]float64{0.9, 1.1, 1.0, 1.0, 1.2}, 1.0, 0.3},
		{nil, 0, 0},
	} {
		if c.values != nil {
			if got := median(c.values); math.Abs(got-c.median) > 1e-9 {
				t.Errorf("median(%v) = %v, want %v", c.values, got, c.median)
			}
		}
		if got := spread(c.values); math.Abs(got-c.spread) > 1e-9 {
			t.Errorf("spread(%v) = %v, want %v", c.values, got, c.spread)
		}
	}
	runs := []perfRun{
		{cpu: 2 * time.Second, wall: 3 * time.Second, rss: 200e6},
		{cpu: 1 * time.Second, wall: 1 * time.Second, rss: 100e6},
		{cpu: 4 * time.Second, wall: 2 * time.Second, rss: 150e6},
	}
	floor := []perfRun{{cpu: time.Second, rss: 100e6}, {cpu: time.Second, rss: 50e6}, {cpu: 2 * time.Second}}
	// Rounds: 2/1, 1/1, 4/2 → median 2; memory 2, 2 (no floor figure in the third) → 2.
	if got := pairedRatio(runs, floor, func(r perfRun) float64 { return r.cpu.Seconds() }); got != 2 {
		t.Errorf("paired CPU ratio = %v, want 2", got)
	}
	if got := pairedRatio(runs, floor, func(r perfRun) float64 { return float64(r.rss) }); got != 2 {
		t.Errorf("paired memory ratio = %v, want 2", got)
	}
	if got := pairedRatio(runs, nil, func(r perfRun) float64 { return r.cpu.Seconds() }); got != 0 {
		t.Errorf("paired ratio without a floor = %v, want 0", got)
	}
	want := perfStats{cpu: 2, wall: 2, rss: 150e6, cpuSpread: 1.5, rssSpread: 100.0 / 150}
	if got := statsOf(runs); math.Abs(got.cpu-want.cpu)+math.Abs(got.wall-want.wall)+math.Abs(got.rss-want.rss)+
		math.Abs(got.cpuSpread-want.cpuSpread)+math.Abs(got.rssSpread-want.rssSpread) > 1e-9 {
		t.Errorf("statsOf = %+v, want %+v", got, want)
	}
}

// TestPerfTable checks the table TestPerformanceTable writes from fixed
// measurements, and its replacement between the README's markers.
func TestPerfTable(t *testing.T) {
	g := &perfGroup{title: "**Block**", runs: 5, commands: []perfCommand{
		{label: "floor", floor: true}, {label: "`hybridc validate`"},
	}, results: [][]perfRun{
		{{cpu: time.Second, wall: time.Second, rss: 100e6}, {cpu: 1100 * time.Millisecond, wall: time.Second, rss: 110e6}, {cpu: 900 * time.Millisecond, wall: time.Second, rss: 90e6}},
		{{cpu: 1500 * time.Millisecond, wall: 2 * time.Second, rss: 1.2e9}, {cpu: 1200 * time.Millisecond, wall: 2 * time.Second, rss: 1.2e9}, {cpu: 1200 * time.Millisecond, wall: 2 * time.Second, rss: 1.2e9}},
	}}
	small := &perfGroup{title: "**Small**", runs: 40, commands: []perfCommand{{label: "floor", floor: true}, {label: "other"}},
		results: [][]perfRun{{{cpu: 20 * time.Millisecond, wall: 30 * time.Millisecond}}, {{cpu: 25 * time.Millisecond, wall: 35 * time.Millisecond}}}}
	m := perfMachine{os: "linux", arch: "amd64", cpus: 2, cpu: "Test CPU", goVersion: "go1.0", date: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	table := perfTable(m, []*perfGroup{g, small})
	for _, want := range []string{
		"Measured on 2026-01-02 by `HYBRIDC_PERF=1 go test ./compiler -run TestPerformanceTable -timeout 2h -v`: linux/amd64, 2 CPUs (Test CPU), go1.0.",
		"\n**Block**\n\n| command | CPU | × floor | spread | memory | × floor | spread | wall |\n|---|---|---|---|---|---|---|---|\n",
		"| floor | 1.00 s | 1.00× | 20 % | 100 MB | 1.00× | 20 % | 1.00 s |\n",
		"| `hybridc validate` | 1.20 s | 1.33× | 25 % | 1.20 GB | 12.00× | 0 % | 2.00 s |\n",
		"| other | 25.0 ms | 1.25× | 0 % | – | – | 0 % | 35.0 ms |\n",
	} {
		if !strings.Contains(table, want) {
			t.Errorf("the table lacks %q:\n%s", want, table)
		}
	}
	readme := "# T\n\nbefore\n" + perfBegin + "\nold table\n" + perfEnd + "\nafter\n"
	got, err := replacePerf(readme, "new table\n")
	if err != nil || got != "# T\n\nbefore\n"+perfBegin+"\nnew table\n"+perfEnd+"\nafter\n" {
		t.Errorf("replacePerf = %q, %v", got, err)
	}
	for _, bad := range []string{"no markers", perfEnd + perfBegin, perfBegin + perfEnd + perfBegin + perfEnd} {
		if _, err := replacePerf(bad, "x"); err == nil {
			t.Errorf("replacePerf(%q) accepted it", bad)
		}
	}
}

// TestREADMEHasPerfMarkers keeps the README's performance table where
// TestPerformanceTable can rewrite it.
func TestREADMEHasPerfMarkers(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := replacePerf(string(data), "x"); err != nil {
		t.Error(err)
	}
}

// TestCPUModel reads the model name of a /proc/cpuinfo file.
func TestCPUModel(t *testing.T) {
	name := t.TempDir() + "/cpuinfo"
	if err := os.WriteFile(name, []byte("processor\t: 0\nvendor_id\t: X\nmodel name\t: Some CPU @ 2.0GHz\nprocessor\t: 1\nmodel name\t: Some CPU @ 2.0GHz\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := cpuModel(name); got != "Some CPU @ 2.0GHz" {
		t.Errorf("cpuModel = %q", got)
	}
	if got := cpuModel(name + ".missing"); got != "" {
		t.Errorf("cpuModel of a missing file = %q", got)
	}
}

// TestBenchRun reads a benchmark's figures from its output line, and
// refuses output without one or without the CPU time.
func TestBenchRun(t *testing.T) {
	out := "goos: linux\nBenchmarkValidate/mailboxes=5000-2   \t       1\t1234567890 ns/op\t   4.30 MB/s\t  0.98 cpu-s/op\t123456789 B/op\t  1234 allocs/op\nPASS\n"
	r, err := benchRun([]byte(out))
	if err != nil || r.cpu != 980*time.Millisecond || r.wall != 1234567890 || r.rss != 123456789 {
		t.Errorf("benchRun = %+v, %v", r, err)
	}
	for _, bad := range []string{"PASS\n", "BenchmarkX-2 1 100 ns/op 5 B/op\n", "BenchmarkX-2 1 abc ns/op 1 cpu-s/op\n"} {
		if _, err := benchRun([]byte(bad)); err == nil {
			t.Errorf("benchRun(%q) accepted it", bad)
		}
	}
	if got := regexpQuote("BenchmarkRunbook/mailboxes=5000(x)"); got != `BenchmarkRunbook/mailboxes=5000\(x\)` {
		t.Errorf("regexpQuote = %q", got)
	}
}
