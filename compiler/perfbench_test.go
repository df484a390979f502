package compiler

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hybridc/hybridc/compiler/runbook"
)

// benchGroups are the in-memory blocks of the performance table: the
// compiler's benchmarks (bench_test.go, import_bench_test.go, ...), each run
// by the package's test binary as its own process, one operation per run
// (-test.benchtime), interleaved with its floor like the commands. A run's
// figures are the ones the benchmark reports (cpu-s/op, B/op, ns/op), not
// the process's: generating the input and compiling the schema are left
// out, as `go test -bench` leaves them out.
func benchGroups(t *testing.T, dir string) []*perfGroup {
	bin := filepath.Join(dir, "compiler.test")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	if out, err := exec.Command(goTool, "test", "-c", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go test -c: %v\n%s", err, out)
	}
	bench := func(name, times string, floor bool) perfCommand {
		var pattern []string
		for _, part := range strings.Split(name, "/") {
			pattern = append(pattern, "^"+regexpQuote(part)+"$")
		}
		return perfCommand{label: "`" + name + "`", floor: floor, bench: true,
			args: []string{bin, "-test.run", "^$", "-test.bench", strings.Join(pattern, "/"), "-test.benchtime", times, "-test.benchmem", "-test.count", "1"}}
	}
	var groups []*perfGroup
	for _, n := range []int{5000, 50000} {
		size := fmt.Sprintf("mailboxes=%d", n)
		groups = append(groups, &perfGroup{title: fmt.Sprintf("**In memory, %s mailboxes** (`go test -bench`: one operation per run, the input generated and the schema compiled before it)", runbook.Thousands(n)),
			memory: "allocated", commands: []perfCommand{
				bench("BenchmarkFloor/"+size, "1x", true),
				bench("BenchmarkValidate/"+size, "1x", false),
				bench("BenchmarkCompile/"+size, "1x", false),
			}})
	}
	groups = append(groups, &perfGroup{title: "**In memory, the other stages** (no floor: the state benchmarks start from decoded states)",
		memory: "allocated", commands: []perfCommand{
			bench("BenchmarkImport", "1x", false),
			bench("BenchmarkPlanState", "1x", false),
			bench("BenchmarkBatches/mailboxes=100000/permissions=500000/exclude=false", "3x", false),
			bench("BenchmarkRunbook/mailboxes=5000/permissions=50000", "20x", false),
			bench("BenchmarkRunbook/mailboxes=50000/permissions=500000", "5x", false),
		}})
	return groups
}

// regexpQuote escapes the characters of a benchmark's name that -test.bench
// would read as a regular expression's.
func regexpQuote(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`\.+*?()|[]{}^$`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// benchRun reads the figures a benchmark's output line reports: CPU time
// per operation (cpu-s/op, which every benchmark of the table reports),
// bytes allocated per operation (B/op) as the memory, and ns/op as the
// wall time.
func benchRun(out []byte) (perfRun, error) {
	for _, line := range strings.Split(string(out), "\n") {
		fields := strings.Fields(line)
		if len(fields) < 3 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		var r perfRun
		var cpu bool
		for i := 2; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				return perfRun{}, fmt.Errorf("%q: %v", line, err)
			}
			switch fields[i+1] {
			case "ns/op":
				r.wall = time.Duration(v)
			case "cpu-s/op":
				r.cpu, cpu = time.Duration(v*float64(time.Second)), true
			case "B/op":
				r.rss = int64(v)
			}
		}
		if !cpu {
			return perfRun{}, fmt.Errorf("%q reports no cpu-s/op", line)
		}
		return r, nil
	}
	return perfRun{}, fmt.Errorf("no benchmark line in the output:\n%s", bytes.TrimSpace(out))
}
