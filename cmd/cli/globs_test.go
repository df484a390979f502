package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestExpandGlobs: an argument that names no file and holds *, ? or [ is
// expanded to Glob's matches, sorted, without dot names unless the pattern
// starts with a dot; an existing file with such a name is taken as it is;
// a pattern that matches nothing, or is not one, is an error naming it.
func TestExpandGlobs(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"b.ps1", "a.ps1", ".hidden.ps1", "c.txt", "[ab].txt"} {
		writeFile(t, dir, n, "x")
	}
	j := func(n string) string { return filepath.Join(dir, n) }
	tests := []struct {
		args    []string
		want    []string
		wantErr string
	}{
		{args: []string{j("*.ps1")}, want: []string{j("a.ps1"), j("b.ps1")}},
		{args: []string{j("c.txt"), j("?.ps1"), "-"}, want: []string{j("c.txt"), j("a.ps1"), j("b.ps1"), "-"}},
		{args: []string{j(".*.ps1")}, want: []string{j(".hidden.ps1")}},
		{args: []string{j("[ab].txt")}, want: []string{j("[ab].txt")}}, // exists: not a pattern
		{args: []string{j("[ab].ps1")}, want: []string{j("a.ps1"), j("b.ps1")}},
		{args: []string{j("missing.ps1")}, want: []string{j("missing.ps1")}}, // no pattern: left for the command to report
		{args: []string{j("a.ps1"), j("*.none")}, wantErr: j("*.none") + ": no file matches the pattern"},
		{args: []string{j("*.hidden.ps1")}, wantErr: "no file matches"}, // * does not match a leading dot
		{args: []string{j("[a.ps1")}, wantErr: j("[a.ps1") + ": not a valid pattern"},
	}
	for _, tc := range tests {
		got, err := expandGlobs(tc.args)
		switch {
		case tc.wantErr != "":
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%v: got %v, %v; want the error %q", tc.args, got, err, tc.wantErr)
			}
		case err != nil || !slices.Equal(got, tc.want):
			t.Errorf("%v: got %v, %v; want %v", tc.args, got, err, tc.want)
		}
	}
}

// TestCommandsExpandGlobs reproduces the finding: under PowerShell on
// Windows a pattern reaches hybridc unexpanded, and 'verify ...
// scripts/*.ps1' failed with "lstat scripts/*.ps1: no such file" while
// sign signed nothing. Each command taking a list of files now expands it
// as the shell would, and reports a pattern matching nothing (exit 2).
func TestCommandsExpandGlobs(t *testing.T) {
	signed := compileTo(t, rsaPFX()...)
	pattern := filepath.Join(signed, "*.ps1")
	names, _ := filepath.Glob(pattern)
	explicit := hybridc(t, nil, append([]string{"verify", "--no-chain", "--config", exampleYAML}, names...)...)
	r := hybridc(t, nil, "verify", "--no-chain", "--config", exampleYAML, pattern)
	if r.code != ExitOK || r.stdout != explicit.stdout || strings.Count(r.stdout, ": valid (") != len(names) {
		t.Errorf("verify %s: exit %d\n%s%s\nwant as with the names:\n%s", pattern, r.code, r.stdout, r.stderr, explicit.stdout)
	}

	unsigned := compileTo(t)
	r = hybridc(t, nil, append(append([]string{"sign", "--config", exampleYAML}, rsaPFX()...), filepath.Join(unsigned, "*.ps1"))...)
	if r.code != ExitOK || strings.Count(r.stdout, ": signed by ") != len(names) {
		t.Errorf("sign with a pattern: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if v := hybridc(t, nil, "verify", "--no-chain", filepath.Join(unsigned, "*.ps1")); v.code != ExitOK {
		t.Errorf("the scripts sign signed through a pattern do not verify: exit %d\n%s%s", v.code, v.stdout, v.stderr)
	}

	states := filepath.Join("..", "..", "examples", "state", "*.json")
	for _, args := range [][]string{
		{"plan", "--state", states, filepath.Join("..", "..", "examples", "contoso-complete.yaml")},
		{"batches", "--state", states, "--format", "csv"},
		{"validate", filepath.Join("..", "..", "examples", "contoso-h*.yaml")},
		{"import", states, "-o", filepath.Join(t.TempDir(), "hybrid.yaml")},
	} {
		withNames := slices.Clone(args)
		if i := slices.Index(args, states); i >= 0 {
			withNames = slices.Concat(args[:i], stateFiles(t), args[i+1:])
		} else {
			withNames[1] = exampleYAML
		}
		if args[0] == "import" {
			withNames[len(withNames)-1] = filepath.Join(t.TempDir(), "hybrid.yaml")
		}
		got, want := hybridc(t, nil, args...), hybridc(t, nil, withNames...)
		if got.code != want.code || got.stderr != want.stderr || (args[0] != "import" && got.stdout != want.stdout) {
			t.Errorf("%v: exit %d\n%s%s\nwant, as with the names: exit %d\n%s%s", args, got.code, got.stdout, got.stderr, want.code, want.stdout, want.stderr)
		}
	}

	none := filepath.Join(signed, "x*.json")
	for _, args := range [][]string{
		{"verify", "--no-chain", none},
		append(append([]string{"sign", "--no-config"}, rsaPFX()...), filepath.Join(unsigned, "onprem.ps1"), none),
		{"validate", none},
		{"import", none, "-o", filepath.Join(t.TempDir(), "x.yaml")},
		{"plan", "--state", none, exampleYAML},
		{"batches", "--state", none},
	} {
		r := hybridc(t, nil, args...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, none+": no file matches the pattern") {
			t.Errorf("%v: exit %d, want 2 naming the pattern\n%s%s", args, r.code, r.stdout, r.stderr)
		}
	}
}

// TestSignGlobKeepsChecks: the files a pattern expands to are checked as
// files named directly are: a symbolic link among them is refused, and
// nothing is signed.
func TestSignGlobKeepsChecks(t *testing.T) {
	dir := compileTo(t)
	symlink(t, "onprem.ps1", filepath.Join(dir, "zz.ps1"))
	before := readFile(t, filepath.Join(dir, "onprem.ps1"))
	r := hybridc(t, nil, append(append([]string{"sign", "--no-config"}, rsaPFX()...), filepath.Join(dir, "*.ps1"))...)
	if r.code != ExitUsage || !strings.Contains(r.stderr, "zz.ps1 is a symbolic link") || !strings.Contains(r.stderr, "nothing was signed") {
		t.Errorf("exit %d, want 2 refusing the link\n%s%s", r.code, r.stdout, r.stderr)
	}
	if after, err := os.ReadFile(filepath.Join(dir, "onprem.ps1")); err != nil || !bytes.Equal(after, before) {
		t.Errorf("onprem.ps1 changed (%v)", err)
	}
}
