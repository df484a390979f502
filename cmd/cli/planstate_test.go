package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
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

// TestStatesTotalCap reproduces the state-file half of the "Also"
// finding: a command read any number of state files, each taking 8 to 10
// times its size in memory, all held at once. Now one command reads at
// most maxStatesBytes of state in all (lowered here to the size of the
// example's first two states, so that no large file is needed): the third
// is refused, naming it and the cap, for every command that reads states,
// and nothing is written; at exactly the cap everything is read.
func TestStatesTotalCap(t *testing.T) {
	files := stateFiles(t)
	var sizes []int64
	for _, f := range files {
		info, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, info.Size())
	}
	defer func(old int64) { maxStatesBytes = old }(maxStatesBytes)
	maxStatesBytes = sizes[0] + sizes[1]
	want := fmt.Sprintf("%s: the state files given are larger in all than the %d bytes one command reads (%d bytes read before this one", files[2], maxStatesBytes, maxStatesBytes)
	out := filepath.Join(t.TempDir(), "config")
	for _, args := range [][]string{
		append(append([]string{"plan", "--state"}, files...), "../../examples/contoso-complete.yaml"),
		append(append([]string{"import"}, files...), "-o", out),
		append([]string{"batches", "--state"}, files...),
	} {
		r := hybridc(t, nil, args...)
		if r.code == ExitOK || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "one state per command") {
			t.Errorf("%s: exit %d, want the third state refused with %q and the advice to plan one state per command\n%s", args[0], r.code, want, r.stderr)
		}
	}
	// What the message advises works: with a cap as large as the largest
	// state alone, so that no two fit together, each state alone is
	// planned (the scripts of the other organizations with a warning).
	maxStatesBytes = slices.Max(sizes)
	for _, f := range files {
		if r := hybridc(t, nil, "plan", "--state", f, "../../examples/contoso-complete.yaml"); r.code == planError || !strings.Contains(r.stderr, "no state file describes") {
			t.Errorf("plan --state %s alone: exit %d\n%s", f, r.code, r.stderr)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("import wrote the configuration")
	}
	maxStatesBytes = sizes[0] + sizes[1] + sizes[2]
	if r := hybridc(t, nil, append(append([]string{"import"}, files...), "-o", out)...); r.code != ExitOK {
		t.Errorf("import within the cap: exit %d\n%s", r.code, r.stderr)
	}
}

// TestStateBudget checks the accounting: what each file read uses of the
// total, the per-file cap below it, and a file refused for the total
// leaving the budget as it was.
func TestStateBudget(t *testing.T) {
	defer func(old int64) { maxStatesBytes = old }(maxStatesBytes)
	maxStatesBytes = 10
	dir := t.TempDir()
	six := writeFile(t, dir, "six.json", "123456")
	five := writeFile(t, dir, "five.json", "12345")
	four := writeFile(t, dir, "four.json", "1234")
	var b stateBudget
	if _, err := b.readState(six); err != nil || b.read != 6 {
		t.Fatalf("six: %v, %d read", err, b.read)
	}
	if _, err := b.readState(five); err == nil || !strings.Contains(err.Error(), "10 bytes one command reads (6 bytes read before") || b.read != 6 {
		t.Errorf("five after six: %v, %d read; want refused, 6 read", err, b.read)
	}
	if _, err := b.readState(four); err != nil || b.read != 10 {
		t.Errorf("four after six: %v, %d read; want 10 read", err, b.read)
	}
	if got := sizeText(1 << 30); got != "1 GiB" {
		t.Errorf("sizeText(1 GiB) = %q", got)
	}
}
