package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompletionUsage checks the command's own errors and help.
func TestCompletionUsage(t *testing.T) {
	code, _, stderr := run(t, "", "completion", "tcsh")
	if code != ExitUsage || !strings.Contains(stderr, `unknown shell "tcsh": use bash, zsh, fish or powershell`) {
		t.Errorf("unknown shell: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr = run(t, "", "completion"); code != ExitUsage || !strings.Contains(stderr, "need exactly one shell") {
		t.Errorf("no shell: exit %d, stderr %q", code, stderr)
	}
	if code, _, _ = run(t, "", "completion", "bash", "zsh"); code != ExitUsage {
		t.Errorf("two shells: exit %d", code)
	}
	code, stdout, _ := run(t, "", "completion", "--help")
	for _, want := range []string{
		"hybridc completion powershell | Out-String | Invoke-Expression", "$PROFILE", "Windows PowerShell 5.1",
		"/etc/bash_completion.d/hybridc", `"${fpath[1]}/_hybridc"`, "~/.config/fish/completions/hybridc.fish",
	} {
		if code != ExitOK || !strings.Contains(stdout, want) {
			t.Errorf("completion --help (exit %d) lacks %q", code, want)
		}
	}
	if _, stdout, _ := run(t, "", "--help"); !strings.Contains(stdout, "\n  completion print a shell completion script") {
		t.Errorf("the command list lacks completion:\n%s", stdout)
	}
}

// TestCompletionScripts checks that every shell's script offers every
// command and every flag (read from each command's --help, not from the
// code that writes the scripts), a new command's too, and that the shells
// installed here accept the script's syntax.
func TestCompletionScripts(t *testing.T) {
	withProbeCommand(t)
	check := map[string][]string{ // a syntax check per shell: argv before the script's path
		"bash": {"bash", "-n"},
		"zsh":  {"zsh", "-n"},
		"fish": {"fish", "--no-execute"},
	}
	for _, shell := range shellNames() {
		t.Run(shell, func(t *testing.T) {
			code, script, stderr := run(t, "", "completion", shell)
			if code != ExitOK || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			for name := range commands {
				if name == "zz;rm -rf x" {
					continue
				}
				if !strings.Contains(script, name) {
					t.Errorf("the script lacks the command %s", name)
				}
				for _, f := range helpFlags(t, name) {
					if !strings.Contains(script, f) && !strings.Contains(f, "$(") {
						t.Errorf("the script lacks %s's flag %s", name, f)
					}
				}
			}
			for _, never := range []string{"pwned", "rm -rf"} {
				if strings.Contains(script, never) {
					t.Errorf("the script holds %q, from a name that is not a plain word", never)
				}
			}
			argv := check[shell]
			if argv == nil {
				return
			}
			if _, err := exec.LookPath(argv[0]); err != nil {
				t.Skipf("%s not installed: syntax not checked", argv[0])
			}
			path := filepath.Join(t.TempDir(), "hybridc."+shell)
			if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command(argv[0], append(argv[1:], path)...).CombinedOutput(); err != nil {
				t.Errorf("%s rejects the script: %v\n%s", argv[0], err, out)
			}
		})
	}
}

// TestBashCompletes runs the bash completion function as bash's completion
// does (COMP_WORDS, COMP_CWORD) in a directory with a file and a
// subdirectory, and checks what it offers.
func TestBashCompletes(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash not installed")
	}
	withProbeCommand(t)
	_, script, _ := run(t, "", "completion", "bash")
	dir := t.TempDir()
	scriptPath := writeFile(t, t.TempDir(), "hybridc.bash", script)
	writeFile(t, dir, "hybrid.yaml", "")
	if err := os.Mkdir(filepath.Join(dir, "out dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		words string
		want  []string
	}{
		{"hybridc comp", []string{"compile", "completion"}},
		{"hybridc ", []string{"--help", "--version", "batches", "compile", "completion", "export", "help", "import", "init", "man", "plan", "schema", "sign", "validate", "verify", "version", "zz-probe"}},
		{"hybridc compile --sign-p", []string{"--sign-password-file", "--sign-pfx"}},
		{"hybridc compile -", []string{"--check", "--quiet", "--sign-cert", "--sign-hash", "--sign-key", "--sign-password-file", "--sign-pfx", "--timestamp-url", "-o"}},
		{"hybridc compile -o ", []string{"out dir"}},
		{"hybridc compile h", []string{"hybrid.yaml"}},
		{"hybridc verify --config ", []string{"hybrid.yaml", "out dir"}},
		{"hybridc validate --format s", []string{"sarif"}},
		{"hybridc validate --format = g", []string{"github"}},
		{"hybridc validate --strict ", []string{"hybrid.yaml", "out dir"}},
		{"hybridc completion ", []string{"bash", "fish", "powershell", "zsh"}},
		{"hybridc help v", []string{"validate", "verify", "version"}},
		{"hybridc zz-probe --probe-", []string{"--probe-dir", "--probe-format"}},
		{"hybridc zz-probe --probe-dir ", []string{"out dir"}},
		{"hybridc zz-probe --probe-format ", nil},
		{"hybridc nosuch ", nil},
	}
	var driver strings.Builder
	driver.WriteString("cd \"$1\" && source \"$2\" || exit 1\n")
	for _, tc := range tests {
		driver.WriteString("COMP_WORDS=(")
		for _, w := range strings.Split(tc.words, " ") {
			driver.WriteString(bashQuote(w) + " ")
		}
		driver.WriteString(")\nCOMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMPREPLY=(); _hybridc\n")
		driver.WriteString("printf '%s\\n' \"${COMPREPLY[@]}\" | LC_ALL=C sort | tr '\\n' '|'; echo\n")
	}
	out, err := exec.Command("bash", "-c", driver.String(), "bash", dir, scriptPath).CombinedOutput()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(tests) {
		t.Fatalf("bash printed %d lines for %d cases:\n%s", len(lines), len(tests), out)
	}
	for i, tc := range tests {
		want := strings.Join(tc.want, "|") + "|"
		if tc.want == nil {
			want = "|" // printf prints one empty line for no words
		}
		if lines[i] != want {
			t.Errorf("%q: offered %q, want %q", tc.words, lines[i], want)
		}
	}
}
