package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler"
	"github.com/hybridc/hybridc/compiler/state"
)

// TestPlanStateExclusiveRemovals: plan --state on an exclusive role group
// whose state holds a member the state's directory does not resolve lists
// that member as a removal, with the removal warning plan OLD NEW prints,
// in every format, and exits 2.
func TestPlanStateExclusiveRemovals(t *testing.T) {
	dir := t.TempDir()
	example := string(readFile(t, "../../examples/contoso-complete.yaml"))
	exclusive := filepath.Join(dir, "exclusive.yaml")
	os.WriteFile(exclusive, []byte(strings.Replace(example, "      members: [ADMIN1]\n", "      members: [ADMIN1]\n      exclusive: true\n", 1)), 0o644)
	const orphan = "0b5e2c1d-7f3a-4e6b-9c8d-1a2b3c4d5e6f"
	var states []string
	for _, p := range stateFiles(t) {
		var st state.State
		if err := json.Unmarshal(readFile(t, p), &st); err != nil {
			t.Fatal(err)
		}
		for i := range st.RoleGroups {
			if st.Kind == state.OnPremises && st.RoleGroups[i].Name == "Hybrid Recipient Admins" {
				st.RoleGroups[i].Members = append(st.RoleGroups[i].Members, orphan)
			}
		}
		data, err := compiler.MarshalState(&st)
		if err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, filepath.Base(p))
		os.WriteFile(out, data, 0o644)
		states = append(states, out)
	}
	tests := []struct {
		name   string
		format string
		want   []string // substrings of standard output
	}{
		{name: "text", format: "text", want: []string{"- 'unresolved: " + orphan + "'", "[REMOVES: exclusive"}},
		{name: "markdown", format: "markdown", want: []string{"unresolved&#58; " + orphan, "<b>removes</b>"}},
		{name: "json", format: "json", want: []string{`"unresolved: ` + orphan + `"`, `"warnings": {`, `"roleGroup/Hybrid Recipient Admins": "exclusive`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append(append([]string{"plan", "--state", "--format", tt.format}, states...), exclusive)
			r := hybridc(t, nil, args...)
			if r.code != planChanges {
				t.Fatalf("exit %d, want %d: %s%s", r.code, planChanges, r.stdout, r.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("no %q in\n%s", w, r.stdout)
				}
			}
		})
	}
}
