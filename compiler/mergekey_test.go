package compiler

import (
	"os"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/load"
)

// TestMergeKeyOnlyAlias: a file whose only alias is a << merge key
// validates and compiles, the merged mapping with the anchored one's keys
// (the merged source is read twice, so the document must not be consumed
// as it is decoded; a consumed one once crashed validate and compile).
func TestMergeKeyOnlyAlias(t *testing.T) {
	data, err := os.ReadFile("../examples/permissions.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const group = `    - name: Hybrid Recipient Admins
      roles: [Mail Recipients, Mail Recipient Creation]
      members: [ADMIN1]
`
	text := string(data)
	if !strings.Contains(text, group) {
		t.Fatal("the example no longer has the role group this test copies")
	}
	merged := strings.Replace(text, group, strings.Replace(group, "    - name:", "    - &rg\n      name:", 1)+"    - <<: *rg\n      name: Second Admins\n", 1)
	if d := Diagnose(load.Source{Name: "p.yaml", Data: []byte(merged)}); d.HasErrors() {
		t.Fatalf("validate: %s", d)
	}
	got := compileFiles(t, load.Source{Name: "p.yaml", Data: []byte(merged)})
	// The merged group has the anchored group's roles and members.
	if n := strings.Count(string(got["onprem.ps1"]), "'Mail Recipient Creation'"); n < 2 {
		t.Errorf("onprem.ps1 names 'Mail Recipient Creation' %d times, want it for both groups", n)
	}
	if !strings.Contains(string(got["onprem.ps1"]), "Second Admins") {
		t.Error("onprem.ps1 lacks the merged role group")
	}
}
