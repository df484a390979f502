package compiler

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/load"
	"github.com/hybridc/hybridc/compiler/model"
	renderpkg "github.com/hybridc/hybridc/compiler/render"
)

// fullAccessYAML is an online configuration with n Full Access permissions,
// each naming its own mailbox and one shared trustee, and optionally a
// role group (whose engine needs the whole directory).
func fullAccessYAML(n int, roleGroup bool) string {
	var b strings.Builder
	b.WriteString("version: 1\nexchangeOnline:\n  tenant: contoso.onmicrosoft.com\n  primarySmtpDomains: [contoso.com]\n")
	if roleGroup {
		b.WriteString("  roleGroups:\n    - name: Hybrid Recipient Admins\n      roles: [Mail Recipients]\n      members: [ADMIN]\n")
	}
	b.WriteString("mailboxes:\n  - {name: ADMIN, location: exchangeOnline}\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {name: BOX%d, location: exchangeOnline}\n", i)
	}
	b.WriteString("permissions:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {access: FullAccess, mailbox: BOX%d, trustee: ADMIN}\n", i)
	}
	return b.String()
}

// dataNames finds the list of names in a script's data.
var dataNames = regexp.MustCompile(`\n\s+DirectoryNames\s+= @\(\s*'`)

// TestDirectoryReadsSized: a small configuration's script lists its
// declared names in its data (each read with -Identity) and the estimate
// counts one call per name and directory read; one over the threshold, or
// one with a kind that needs the whole directory, reads in bulk: one call
// per directory read, and no list.
func TestDirectoryReadsSized(t *testing.T) {
	small := model.DirectoryThreshold - 1 // names: the mailboxes and the trustee
	tests := []struct {
		name      string
		yaml      string
		wantNames int // 0: bulk
	}{
		{"small", fullAccessYAML(small, false), small + 1},
		{"at the threshold", fullAccessYAML(small+1, false), 0},
		{"role group", fullAccessYAML(2, true), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := load.Source{Name: "hybrid.yaml", Data: []byte(tt.yaml)}
			res := Analyze(src)
			if res.Schedule == nil || res.Diagnostics.HasErrors() {
				t.Fatal(res.Diagnostics)
			}
			var sp *model.ScriptSchedule
			for _, s := range res.Schedule.Scripts {
				if s.Target.File == "online.ps1" {
					sp = s
				}
			}
			if sp == nil {
				t.Fatal("no online.ps1")
			}
			names := renderpkg.DirectoryNames(sp)
			if len(names) != tt.wantNames {
				t.Fatalf("%d names read one by one (%v); want %d", len(names), names, tt.wantNames)
			}
			comp, err := Compile(src, Options{ToolVersion: "0.0.0-test"})
			if err != nil {
				t.Fatal(err)
			}
			script := string(comp.Files["online.ps1"])
			if listed := dataNames.MatchString(script); listed != (tt.wantNames > 0) {
				t.Errorf("the script's data lists names: %v; want %v", listed, tt.wantNames > 0)
			}
			// Full Access reads recipients and users: two directory reads,
			// unless the role group step before it made them.
			reads := 2
			if strings.Contains(tt.yaml, "roleGroups") {
				reads = 0
			} else if tt.wantNames > 0 {
				reads = 2 * tt.wantNames
			}
			for _, e := range renderpkg.EstimateCalls(res.Schedule) {
				if e.File != "online.ps1" {
					continue
				}
				for _, k := range e.Kinds {
					if k.Kind != model.KindFullAccess {
						continue
					}
					// Besides the directory: one Get-EXOMailboxPermission
					// in sync.
					if k.InSync != reads+1 {
						t.Errorf("Full Access in sync: %d calls; want %d directory reads + 1", k.InSync, reads)
					}
					if k.FirstRun != reads+1+k.Items {
						t.Errorf("Full Access first run: %d calls; want %d directory reads + 1 + %d grants", k.FirstRun, reads, k.Items)
					}
				}
			}
		})
	}
}
