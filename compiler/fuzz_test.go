package compiler

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hybridc/hybridc/compiler/load"
	renderpkg "github.com/hybridc/hybridc/compiler/render"
)

// FuzzCompile feeds arbitrary bytes through every stage: bad input must give
// diagnostics, never a panic, and a clean analysis must render.
// go test ./compiler -fuzz FuzzCompile -fuzztime 60s
func FuzzCompile(f *testing.F) {
	examples, _ := filepath.Glob("../examples/*.yaml")
	for _, e := range examples {
		if data, err := os.ReadFile(e); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("a: &a [*a]"))
	f.Add([]byte("version: 1\nexchangeOnline: {tenant: x.onmicrosoft.com, primarySmtpDomains: [a.com]}\nmailboxes: [{name: A, location: onPremises}]\npermissions: [{access: Folder, mailbox: A, trustee: A, folder: x, folderAccessRights: Editor}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Compile(load.Source{Name: "fuzz.yaml", Data: data}, renderpkg.Options{ToolVersion: "fuzz"})
		if err != nil {
			t.Fatalf("render failed on input that passed every check: %v", err)
		}
		if res.Diagnostics.HasErrors() != (res.Files == nil) {
			t.Fatalf("files written although there are errors, or none without errors")
		}
		for _, d := range res.Diagnostics {
			if d.Pos.Line < 1 || d.Pos.Col < 1 || d.Code == "" {
				t.Fatalf("diagnostic without a position or code: %s", d)
			}
		}
	})
}
