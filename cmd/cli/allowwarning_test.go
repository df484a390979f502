package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestValidateAllowWarning: --allow-warning keeps a listed warning printed
// but not failing --strict, in any letter case, repeated or
// comma-separated; other warnings and any error still fail; a code no
// file gave is named on standard error.
func TestValidateAllowWarning(t *testing.T) {
	dir := t.TempDir()
	warn := writeFile(t, dir, "warn.yaml", warningYAML)
	bad := writeFile(t, dir, "bad.yaml", errorYAML)
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string // "" means empty
	}{
		{"allowed", []string{"--strict", "--allow-warning", "HC0310", warn}, ExitOK, "warning HC0310", ""},
		{"lower case", []string{"--strict", "--allow-warning=hc0310", warn}, ExitOK, "warning HC0310", ""},
		{"github format", []string{"--strict", "--allow-warning", "HC0310", "--format", "github", warn}, ExitOK, "::warning file=", ""},
		{"another warning allowed", []string{"--strict", "--allow-warning", "HC0332", warn}, ExitFindings, "warning HC0310",
			"--allow-warning HC0332: no such warning was found"},
		{"comma-separated", []string{"--strict", "--allow-warning", "HC0330, HC0310", warn}, ExitOK, "warning HC0310",
			"--allow-warning HC0330: no such warning was found; remove it"},
		{"repeated", []string{"--strict", "--allow-warning", "HC0330", "--allow-warning", "HC0310", warn}, ExitOK, "warning HC0310",
			"--allow-warning HC0330: no such warning"},
		{"errors still fail", []string{"--strict", "--allow-warning", "HC0310", warn, bad}, ExitFindings, "error HC0201", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, "", append([]string{"validate"}, tc.args...)...)
			if code != tc.wantCode || !strings.Contains(stdout, tc.wantStdout) {
				t.Errorf("exit %d, want %d; stdout lacks %q?\n%s", code, tc.wantCode, tc.wantStdout, stdout)
			}
			if (tc.wantStderr == "") != (stderr == "") || !strings.Contains(stderr, tc.wantStderr) {
				t.Errorf("stderr %q, want %q", stderr, tc.wantStderr)
			}
		})
	}
}

// TestValidateAllowWarningRefused: an error code, an unknown code (with a
// suggestion where one is close) and an empty code are refused with exit 2
// before any file is read, naming the code.
func TestValidateAllowWarningRefused(t *testing.T) {
	warn := writeFile(t, t.TempDir(), "warn.yaml", warningYAML)
	tests := []struct {
		value, want string
	}{
		{"HC0201", "--allow-warning HC0201: HC0201 (unknown-key) is an error, never a warning: errors cannot be accepted"},
		{"HC0310,hc0101", "--allow-warning hc0101: HC0101 (yaml-syntax) is an error, never a warning"},
		{"HC330", "--allow-warning HC330: no such diagnostic code; did you mean HC0330 (exchange-version-end-of-support)?"},
		{"exchange-version-end-of-support", "no such diagnostic code; did you mean HC0330, the code of exchange-version-end-of-support?"},
		{"mailtips-level-without-acess", "did you mean HC0310 (mailtips-level-without-access)?"},
		{"nonsense", "--allow-warning nonsense: no such diagnostic code\n"},
		{"HC0310,", `--allow-warning "HC0310,": an empty code`},
	}
	for _, tc := range tests {
		code, stdout, stderr := run(t, "", "validate", "--strict", "--allow-warning", tc.value, warn)
		if code != ExitUsage || stdout != "" || !strings.Contains(stderr, tc.want) {
			t.Errorf("--allow-warning %q: exit %d, stdout %q, stderr:\n%s\nwant exit 2 and %q", tc.value, code, stdout, stderr, tc.want)
		}
	}
}

// TestInitAllowsKnownWarnings: for Exchange 2013, 2016 and 2019 the
// workflow init writes allows HC0330 (and only it) with a comment saying
// how to remove it, and its Validate step, run as written in the new
// repository, passes, while the same command without the flag fails; for
// Exchange SE and a tenant without hybrid it allows nothing.
func TestInitAllowsKnownWarnings(t *testing.T) {
	base := []string{"--tenant", "contoso.onmicrosoft.com", "--domain", "contoso.com"}
	tests := []struct {
		flags []string
		allow bool
	}{
		{[]string{"--organization", "Contoso", "--exchange-version", "2019"}, true},
		{[]string{"--organization", "Contoso", "--exchange-version", "2016"}, true},
		{[]string{"--organization", "Contoso", "--exchange-version", "2013"}, true},
		{[]string{"--organization", "Contoso", "--exchange-version", "SE"}, false},
		{nil, false},
	}
	for _, tc := range tests {
		dir := t.TempDir()
		if r := hybridc(t, nil, append(append([]string{"init", dir}, base...), tc.flags...)...); r.code != ExitOK {
			t.Fatalf("init %v: exit %d\n%s", tc.flags, r.code, r.stderr)
		}
		text := string(readFile(t, filepath.Join(dir, ".github/workflows/hybridc.yml")))
		var w workflow
		if err := yaml.Unmarshal([]byte(text), &w); err != nil {
			t.Fatal(err)
		}
		var step string
		for _, s := range w.Jobs["check"].Steps {
			if s.Name == "Validate" {
				step = s.Run
			}
		}
		want := "hybridc validate --strict --format github hybrid.yaml"
		if tc.allow {
			want = "hybridc validate --strict --allow-warning HC0330 --format github hybrid.yaml"
			for _, c := range []string{"# --allow-warning HC0330: Exchange " + tc.flags[3] + " is out of support", "set exchangeVersion: SE and remove\n      # --allow-warning HC0330, so that --strict fails on it again"} {
				if !strings.Contains(text, c) {
					t.Errorf("%s: the workflow lacks the comment %q:\n%s", tc.flags[3], c, text)
				}
			}
		} else if strings.Contains(text, "allow-warning") {
			t.Errorf("%v: the workflow allows a warning:\n%s", tc.flags, text)
		}
		if step != want {
			t.Errorf("%v: the Validate step runs %q, want %q", tc.flags, step, want)
		}
		// The step's command, its file in the new repository.
		inRepo := func(command string) []string {
			args := strings.Fields(command)[1:]
			args[len(args)-1] = filepath.Join(dir, args[len(args)-1])
			return args
		}
		if r := hybridc(t, nil, inRepo(step)...); r.code != ExitOK {
			t.Errorf("%v: the Validate step: exit %d\n%s%s", tc.flags, r.code, r.stdout, r.stderr)
		}
		if r := hybridc(t, nil, inRepo(strings.Replace(step, " --allow-warning HC0330", "", 1))...); (r.code == ExitFindings) != tc.allow {
			t.Errorf("%v: without --allow-warning: exit %d\n%s", tc.flags, r.code, r.stdout)
		}
	}
}
