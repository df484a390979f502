package compiler

import (
	"fmt"
	"strings"
	"testing"
)

// largeConfig generates a hybrid file with n organization relationships,
// half on each side, each with the full set of properties and a dependsOn.
func largeConfig(n int) []byte {
	var onprem, online strings.Builder
	for i := 0; i < n; i++ {
		b, domains := &onprem, "[service.contoso.com, contoso.com, d%d.contoso.com]"
		if i%2 == 1 {
			b, domains = &online, "[exchangedelegation.contoso.com, contoso.com, d%d.contoso.com]"
		}
		fmt.Fprintf(b, "    - name: Relationship %d\n      enabled: true\n      domainNames: "+domains+"\n", i, i)
		b.WriteString("      freeBusyAccessEnabled: true\n      freeBusyAccessLevel: LimitedDetails\n      mailTipsAccessEnabled: true\n")
		b.WriteString("      mailTipsAccessLevel: All\n      deliveryReportEnabled: true\n")
		b.WriteString("      targetAutodiscoverEpr: https://autodiscover.contoso.com/autodiscover/autodiscover.svc/WSSecurity\n")
		if i >= 2 {
			fmt.Fprintf(b, "      dependsOn: [organizationRelationship/Relationship %d]\n", i-2)
		}
	}
	return []byte(hybridYAML("  organizationRelationships:\n"+onprem.String(), "  organizationRelationships:\n"+online.String()))
}

func BenchmarkValidate(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		src := Source{Name: "large.yaml", Data: largeConfig(n)}
		b.Run(fmt.Sprintf("relationships=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src.Data)))
			for b.Loop() {
				if res := Analyze(src); res.Diagnostics.HasErrors() {
					b.Fatal(res.Diagnostics[:1])
				}
			}
		})
	}
}

func BenchmarkCompile(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		src := Source{Name: "large.yaml", Data: largeConfig(n)}
		b.Run(fmt.Sprintf("relationships=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src.Data)))
			for b.Loop() {
				res, err := Compile(src, Options{ToolVersion: "bench"})
				if err != nil || res.Files == nil {
					b.Fatal(err, res.Diagnostics)
				}
			}
		})
	}
}

// TestLargeConfigIsValid keeps the benchmark input honest: it must compile
// without findings, or the benchmarks would measure the error path.
func TestLargeConfigIsValid(t *testing.T) {
	res, err := Compile(Source{Name: "large.yaml", Data: largeConfig(50)}, Options{ToolVersion: "test"})
	if err != nil || res.Files == nil || len(res.Diagnostics) > 0 {
		t.Fatalf("large config does not compile cleanly: %v\n%s", err, res.Diagnostics)
	}
}
