package compiler

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/load"
	renderpkg "github.com/hybridc/hybridc/compiler/render"
	"github.com/hybridc/hybridc/compiler/runbook"
)

// TestRunbookCertificateUsedByCell: a connector name holding '|' is
// escaped in the certificates table's "Used by" cell, which keeps its six
// columns.
func TestRunbookCertificateUsedByCell(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "golden", "cases", "transport-certificates", "input.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(data), "- name: Inbound from Contoso", "- name: Inbound | from Contoso", 1)
	res, err := Compile(load.Source{Name: "h.yaml", Data: []byte(src)}, renderpkg.Options{ToolVersion: "test"})
	if err != nil || res.Files == nil {
		t.Fatalf("%v %s", err, res.Diagnostics)
	}
	for _, line := range strings.Split(string(res.Files[runbook.RunbookFile]), "\n") {
		if strings.HasPrefix(line, "| `mail-2027`") {
			if !strings.Contains(line, `Inbound \| from Contoso`) || strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") != 7 {
				t.Errorf("the certificate's row: %s", line)
			}
			return
		}
	}
	t.Errorf("the runbook has no row for the certificate mail-2027")
}
