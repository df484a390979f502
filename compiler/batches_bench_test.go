package compiler

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/scalegen"

	"github.com/hybridc/hybridc/compiler/batches"
	"github.com/hybridc/hybridc/compiler/load"
)

// largeBatchConfig is scalegen.Config: from seed, a deployment of n
// mailboxes and p permissions shaped like a real one.
func largeBatchConfig(n, p int, seed uint64) *config.Config { return scalegen.Config(n, p, seed) }

// batchYAMLHeader is scalegen.Header: a hybrid deployment ready for
// permissions across premises, Send on Behalf included.
const batchYAMLHeader = scalegen.Header

// batchYAML is scalegen.YAML: cfg's mailboxes and permissions in a hybrid
// file, one flow mapping a line.
func batchYAML(cfg *config.Config) []byte { return scalegen.YAML(cfg) }

func BenchmarkBatches(b *testing.B) {
	cfg := largeBatchConfig(100_000, 500_000, 1)
	for _, opt := range []batches.BatchOptions{{}, {ExcludeServiceAccounts: true}} {
		b.Run(fmt.Sprintf("mailboxes=100000/permissions=500000/exclude=%t", opt.ExcludeServiceAccounts), func(b *testing.B) {
			b.ReportAllocs()
			var plan *batches.Batching
			defer reportCPU(b, startCPU())
			for b.Loop() {
				plan = batches.Batches(cfg, opt)
			}
			b.ReportMetric(float64(len(plan.Batches)), "batches")
			b.ReportMetric(float64(plan.Largest()), "largest")
		})
	}
}

// TestLargeBatchConfig keeps the benchmark's generator honest: its YAML
// analyzes without findings and gives the same batches as the config it was
// written from.
func TestLargeBatchConfig(t *testing.T) {
	cfg := largeBatchConfig(2_000, 10_000, 1)
	res := Analyze(load.Source{Name: "large.yaml", Data: batchYAML(cfg)})
	if len(res.Diagnostics) > 0 || res.Config == nil {
		t.Fatalf("generated file does not analyze cleanly:\n%s", res.Diagnostics[:min(len(res.Diagnostics), 10)])
	}
	for _, opt := range []batches.BatchOptions{{}, {ExcludeServiceAccounts: true}} {
		if got, want := batches.Batches(res.Config, opt), batches.Batches(cfg, opt); !reflect.DeepEqual(got, want) {
			t.Errorf("%+v: the YAML gives other batches than the config it was written from", opt)
		}
	}
}
