package golden_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/cmd/cli"
)

// planFormats are the expected files of a plan case, by --format.
var planFormats = []struct{ format, file string }{
	{format: "text", file: "plan.txt"},
	{format: "markdown", file: "plan.md"},
	{format: "json", file: "plan.json"},
}

// TestPlanGolden runs "hybridc plan old.yaml new.yaml" in each directory
// of plans/ in every format, and compares the output with plan.txt,
// plan.md and plan.json. The exit code must be 2 when the JSON says there
// are changes and 0 when it says there are none, and every run must give the
// same bytes.
func TestPlanGolden(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join("plans", "*", "new.yaml"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no plan cases found: %v", err)
	}
	for _, c := range cases {
		dir, err := filepath.Abs(filepath.Dir(c))
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			// Run where the files are, so that the output names them as
			// old.yaml and new.yaml wherever the test runs.
			t.Chdir(dir)
			got := map[string][]byte{}
			exit := -1
			for _, f := range planFormats {
				for run := 0; run < 2; run++ {
					var stdout, stderr bytes.Buffer
					code := cli.Run([]string{"plan", "--format", f.format, "old.yaml", "new.yaml"}, strings.NewReader(""), &stdout, &stderr)
					if code != cli.ExitOK && code != cli.ExitFindings {
						t.Fatalf("plan --format %s: exit %d\n%s", f.format, code, stderr.String())
					}
					if stderr.Len() > 0 {
						t.Errorf("plan --format %s wrote to stderr:\n%s", f.format, stderr.String())
					}
					if exit >= 0 && code != exit {
						t.Errorf("plan --format %s: exit %d, but %d before", f.format, code, exit)
					}
					exit = code
					if run == 1 && !bytes.Equal(got[f.file], stdout.Bytes()) {
						t.Errorf("plan --format %s: two runs gave different output", f.format)
					}
					got[f.file] = stdout.Bytes()
				}
			}
			var report struct {
				FormatVersion int  `json:"formatVersion"`
				Changes       bool `json:"changes"`
			}
			if err := json.Unmarshal(got["plan.json"], &report); err != nil || report.FormatVersion != 1 {
				t.Fatalf("plan.json is not JSON of format version 1: %v", err)
			}
			if want := map[bool]int{true: cli.ExitFindings, false: cli.ExitOK}[report.Changes]; exit != want {
				t.Errorf("exit code %d, want %d (changes: %v)", exit, want, report.Changes)
			}
			for _, f := range planFormats {
				if *update {
					if err := os.WriteFile(f.file, got[f.file], 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(f.file)
				if err != nil {
					t.Fatalf("%v (run go test ./golden -update to create it)", err)
				}
				if !bytes.Equal(got[f.file], want) {
					t.Errorf("%s differs (run go test ./golden -update to accept):\n%s", f.file, firstDifference(want, got[f.file]))
				}
			}
		})
	}
}
