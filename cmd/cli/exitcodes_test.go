package cli

import (
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// helpExitCodes parses the "Exit codes:" sentence of a command's help into
// what each code means: "Exit codes: 0 written, 1 errors in the state
// files, 2 usage or I/O error." It ends at the first period that ends a
// sentence or at a blank line.
func helpExitCodes(t *testing.T, command string) map[int]string {
	t.Helper()
	r := hybridc(t, nil, command, "--help")
	if r.code != ExitOK {
		t.Fatalf("%s --help: exit %d\n%s", command, r.code, r.stderr)
	}
	_, text, ok := strings.Cut(r.stdout, "\nExit codes: ")
	if !ok {
		t.Fatalf("the help of %s states no exit codes (a line starting \"Exit codes: \")", command)
	}
	text, _, _ = strings.Cut(text, "\n\n")
	text = strings.Join(strings.Fields(text), " ")
	if i := strings.Index(text, ". "); i >= 0 {
		text = text[:i]
	}
	text = strings.TrimSuffix(text, ".")
	entries := regexp.MustCompile(`(?:^|, )([0-9]) `).FindAllStringSubmatchIndex(text, -1)
	codes := map[int]string{}
	for i, m := range entries {
		end := len(text)
		if i+1 < len(entries) {
			end = entries[i+1][0]
		}
		code := int(text[m[2]] - '0')
		if _, dup := codes[code]; dup || (i > 0 && code <= int(text[entries[i-1][2]]-'0')) {
			t.Fatalf("%s --help: exit codes out of order in %q", command, text)
		}
		codes[code] = text[m[1]:end]
	}
	return codes
}

// codeFor returns the exit code whose meaning starts with phrase, or else
// the one whose meaning holds it; there must be exactly one.
func codeFor(t *testing.T, codes map[int]string, phrase string) int {
	t.Helper()
	for _, match := range []func(string, string) bool{strings.HasPrefix, strings.Contains} {
		found := -1
		for code, meaning := range codes {
			if match(meaning, phrase) {
				if found >= 0 {
					t.Fatalf("%q is in the meaning of more than one exit code: %v", phrase, codes)
				}
				found = code
			}
		}
		if found >= 0 {
			return found
		}
	}
	t.Fatalf("the help gives no exit code for %q: %v", phrase, codes)
	return -1
}

// TestHelpStatesExitCodes: every command's help states its exit codes, on
// the scheme they share: 0 success, 1 findings, 2 usage or input error.
func TestHelpStatesExitCodes(t *testing.T) {
	for name := range commands {
		t.Run(name, func(t *testing.T) {
			codes := helpExitCodes(t, name)
			for code := range codes {
				if code > ExitUsage {
					t.Errorf("exit code %d: hybridc's commands use 0, 1 and 2", code)
				}
			}
			if codes[ExitOK] == "" || !strings.Contains(codes[ExitUsage], "usage") {
				t.Errorf("want 0 for success and 2 for usage errors: %v", codes)
			}
		})
	}
}

// TestExitCodesAsHelpSays runs each command when it succeeds, when it has
// findings, and on input and usage errors (a missing file, a bad flag),
// and checks that the exit code is the one the command's --help gives for
// that case: the case names a phrase of one code's meaning there (see
// codeFor), so that the help and what the command does cannot drift apart.
func TestExitCodesAsHelpSays(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.json")
	bad := writeFile(t, dir, "bad.yaml", "version: 1\nexchangeOnline:\n  tenant: contoso.com\n  primarySmtpDomains: [contoso.com]\n")
	changed := writeFile(t, dir, "changed.yaml", strings.Replace(string(readFile(t, exampleYAML)), "mailTipsAccessLevel: All", "mailTipsAccessLevel: Limited", 1))
	notState := writeFile(t, dir, "state.json", "{\"formatVersion\": 1, \"kind\": \"nonsense\"}\n")
	aFile := writeFile(t, dir, "a-file", "x")
	states := stateFiles(t)
	unsigned, signed := compileTo(t), compileTo(t, rsaPFX()...)
	toSign := compileTo(t)
	initDir := filepath.Join(dir, "init")
	initArgs := []string{"init", initDir, "--tenant", "contoso.onmicrosoft.com", "--domain", "contoso.com"}
	sign := func(args ...string) []string { return append(append([]string{"sign"}, rsaPFX()...), args...) }
	tests := []struct {
		name   string
		args   []string
		phrase string // in the help's meaning of the code expected
	}{
		{"validate: valid", []string{"validate", exampleYAML}, "no errors"},
		{"validate: errors", []string{"validate", bad}, "errors found"},
		{"validate: missing file", []string{"validate", missing}, "I/O"},
		{"validate: bad flag", []string{"validate", "--nope", exampleYAML}, "usage"},

		{"compile: compiled", []string{"compile", exampleYAML, "-o", filepath.Join(dir, "out")}, "compiled"},
		{"compile: errors", []string{"compile", bad, "-o", filepath.Join(dir, "out")}, "errors in the file"},
		{"compile --check: current", []string{"compile", "--check", exampleYAML, "-o", unsigned}, "all scripts current"},
		{"compile --check: stale", []string{"compile", "--check", changed, "-o", unsigned}, "a script missing or different"},
		{"compile: missing file", []string{"compile", missing, "-o", filepath.Join(dir, "out")}, "I/O"},
		{"compile: bad flag", []string{"compile", "--nope", exampleYAML, "-o", filepath.Join(dir, "out")}, "usage"},

		{"batches: listed", []string{"batches", "../../examples/permissions.yaml"}, "batches listed"},
		{"batches: errors", []string{"batches", bad}, "errors in the file"},
		{"batches --state: listed", append([]string{"batches", "--state"}, states...), "batches listed"},
		{"batches --state: errors", []string{"batches", "--state", notState}, "state files"},
		{"batches --state: missing file", []string{"batches", "--state", missing}, "cannot be read"},
		{"batches: missing file", []string{"batches", missing}, "cannot be read"},
		{"batches: bad flag", []string{"batches", "--nope", exampleYAML}, "bad flags"},

		{"plan: no changes", []string{"plan", exampleYAML, exampleYAML}, "no changes"},
		{"plan: changes", []string{"plan", exampleYAML, changed}, "changes planned"},
		{"plan: invalid version", []string{"plan", exampleYAML, bad}, "invalid version"},
		{"plan: missing file", []string{"plan", exampleYAML, missing}, "unreadable"},
		{"plan --state: no changes", append(append([]string{"plan", "--state"}, states...), "../../examples/contoso-complete.yaml"), "no changes"},
		{"plan --state: invalid state", []string{"plan", "--state", notState, exampleYAML}, "invalid version or state"},
		{"plan --state: missing state", []string{"plan", "--state", missing, exampleYAML}, "unreadable"},
		{"plan: bad flag", []string{"plan", "--nope", exampleYAML, exampleYAML}, "bad flags"},
		{"plan: bad usage", []string{"plan", exampleYAML}, "usage"},

		{"import: written", append(append([]string{"import"}, states...), "-o", filepath.Join(dir, "imported.yaml")), "written"},
		{"import: errors", []string{"import", notState, "-o", filepath.Join(dir, "x.yaml")}, "errors in the state files"},
		{"import: missing file", []string{"import", missing, "-o", filepath.Join(dir, "x.yaml")}, "cannot be read"},
		{"import: bad flag", []string{"import", "--nope", states[0], "-o", filepath.Join(dir, "x.yaml")}, "bad flags"},

		{"export: written", []string{"export", "-o", filepath.Join(dir, "export")}, "written"},
		{"export: cannot write", []string{"export", "-o", filepath.Join(aFile, "export")}, "I/O"},
		{"export: bad flag", []string{"export", "--nope", "-o", dir}, "usage"},

		{"init: written", initArgs, "written"},
		{"init: a file exists", initArgs, "a file exists"},
		{"init: bad flag", []string{"init", "--nope"}, "usage"},

		{"schema: printed", []string{"schema"}, "printed"},
		{"schema: cannot write", []string{"schema", "-o", filepath.Join(aFile, "schema.json")}, "I/O"},
		{"schema: bad flag", []string{"schema", "--nope"}, "usage"},

		{"sign: signed", sign("--config", exampleYAML, filepath.Join(toSign, "onprem.ps1")), "signed"},
		{"sign: --config has errors", sign("--config", bad, filepath.Join(toSign, "onprem.ps1")), "--config has errors"},
		{"sign: missing script", sign("--config", exampleYAML, filepath.Join(dir, "missing.ps1")), "I/O"},
		{"sign: bad flag", sign("--nope", "--config", exampleYAML, filepath.Join(toSign, "onprem.ps1")), "usage"},

		{"verify: valid", []string{"verify", "--no-chain", filepath.Join(signed, "onprem.ps1")}, "all valid"},
		{"verify: invalid", []string{"verify", "--no-chain", filepath.Join(unsigned, "onprem.ps1")}, "some script invalid"},
		{"verify: --config has errors", []string{"verify", "--no-chain", "--config", bad, filepath.Join(signed, "onprem.ps1")}, "--config has errors"},
		{"verify: missing script", []string{"verify", "--no-chain", filepath.Join(dir, "missing.ps1")}, "I/O"},
		{"verify: bad flag", []string{"verify", "--nope", filepath.Join(signed, "onprem.ps1")}, "usage"},

		{"completion: printed", []string{"completion", "bash"}, "printed"},
		{"completion: unknown shell", []string{"completion", "tcsh"}, "usage"},
		{"completion: bad flag", []string{"completion", "--nope"}, "usage"},
		{"man: written", []string{"man"}, "written"},
		{"man: bad flag", []string{"man", "--nope"}, "usage"},
		{"version: printed", []string{"version"}, "printed"},
		{"version: bad flag", []string{"version", "--nope"}, "usage"},
	}
	helps := map[string]map[int]string{}
	tested := map[string]bool{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			command := tc.args[0]
			tested[command] = true
			if helps[command] == nil {
				helps[command] = helpExitCodes(t, command)
			}
			want := codeFor(t, helps[command], tc.phrase)
			r := hybridc(t, nil, tc.args...)
			if r.code != want {
				t.Errorf("exit %d; %s --help says %d (%s)\nstdout: %s\nstderr: %s", r.code, command, want, helps[command][want], r.stdout, r.stderr)
			}
		})
	}
	var untested []string
	for name := range commands {
		if !tested[name] {
			untested = append(untested, name)
		}
	}
	sort.Strings(untested)
	if len(untested) > 0 {
		t.Errorf("commands without exit code cases here: %s", strings.Join(untested, ", "))
	}
}
