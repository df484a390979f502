package compiler

import (
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/hybridc/hybridc/compiler/load"
	renderpkg "github.com/hybridc/hybridc/compiler/render"
	"github.com/hybridc/hybridc/compiler/runbook"
)

// scaleSizes are the deployments the scale benchmarks measure: 5,000 and
// 50,000 mailboxes with ten delegated permissions each (the generator of
// batches_bench_test.go: teams of eight, one in ten in Exchange Online).
var scaleSizes = []struct{ mailboxes, permissions int }{{5_000, 50_000}, {50_000, 500_000}}

var (
	scaleMu    sync.Mutex
	scaleFiles = map[int][]byte{}
)

// scaleFile returns the YAML of a deployment of n mailboxes and p
// permissions, generated once per process.
func scaleFile(n, p int) []byte {
	scaleMu.Lock()
	defer scaleMu.Unlock()
	if scaleFiles[n] == nil {
		scaleFiles[n] = batchYAML(largeBatchConfig(n, p, 1))
	}
	return scaleFiles[n]
}

// BenchmarkFloor is the floor any validating compile has to stand on:
// parsing the file with yaml.v3 and validating it with jsonschema/v5
// against hybridc's schema, nothing else. Compare BenchmarkValidate and
// BenchmarkCompile with it in the same run.
func BenchmarkFloor(b *testing.B) {
	sch, err := load.Compiled()
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range scaleSizes {
		data := scaleFile(s.mailboxes, s.permissions)
		b.Run(fmt.Sprintf("mailboxes=%d", s.mailboxes), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			defer reportCPU(b, startCPU())
			for b.Loop() {
				var v any
				if err := yaml.Unmarshal(data, &v); err != nil {
					b.Fatal(err)
				}
				if err := sch.Validate(v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkValidate is hybridc validate in memory: load, schema, decode,
// rules, order.
func BenchmarkValidate(b *testing.B) {
	for _, s := range scaleSizes {
		src := load.Source{Name: "scale.yaml", Data: scaleFile(s.mailboxes, s.permissions)}
		b.Run(fmt.Sprintf("mailboxes=%d", s.mailboxes), func(b *testing.B) {
			b.SetBytes(int64(len(src.Data)))
			b.ReportAllocs()
			defer reportCPU(b, startCPU())
			for b.Loop() {
				if res := Analyze(src); res.Diagnostics.HasErrors() {
					b.Fatal(res.Diagnostics[:1])
				}
			}
		})
	}
}

// BenchmarkCompile is hybridc compile in memory: every stage, the scripts
// and the runbook. It reports the scripts' total size.
func BenchmarkCompile(b *testing.B) {
	for _, s := range scaleSizes {
		src := load.Source{Name: "scale.yaml", Data: scaleFile(s.mailboxes, s.permissions)}
		b.Run(fmt.Sprintf("mailboxes=%d", s.mailboxes), func(b *testing.B) {
			b.SetBytes(int64(len(src.Data)))
			b.ReportAllocs()
			var size int
			defer reportCPU(b, startCPU())
			for b.Loop() {
				res, err := Compile(src, renderpkg.Options{ToolVersion: "bench"})
				if err != nil || res.Files == nil {
					b.Fatal(err, res.Diagnostics)
				}
				size = 0
				for name, f := range res.Files {
					if name != runbook.RunbookFile {
						size += len(f)
					}
				}
			}
			b.ReportMetric(float64(size)/1e6, "script-MB")
		})
	}
}

// startCPU readies a measurement: the schema compiled and the garbage of
// generating the input collected, so that neither is charged to the
// operations measured. It returns the CPU time so far.
func startCPU() time.Duration {
	if _, err := load.Compiled(); err != nil {
		panic(err)
	}
	runtime.GC()
	return cpuTime()
}

// reportCPU reports the CPU time per operation since start (user and
// system, every goroutine, the garbage collector's included): the measure
// the README compares with the floor, since wall time on two cores hides
// the collector's work.
func reportCPU(b *testing.B, start time.Duration) {
	if b.N > 0 {
		b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
	}
}
