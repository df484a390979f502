package cli

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// compiledBy compiles the YAML at path into a new directory as hybridc
// version v would, with the extra flags, and returns the directory.
func compiledBy(t *testing.T, v, path string, extra ...string) string {
	t.Helper()
	defer func(saved string) { Version = saved }(Version)
	Version = v
	dir := t.TempDir()
	if r := hybridc(t, nil, append([]string{"compile", path, "-o", dir}, extra...)...); r.code != ExitOK {
		t.Fatalf("compile as %s: %s", v, r.stderr)
	}
	return dir
}

// editEngine changes a line of the engine, near the end of onprem.ps1 in
// dir, as another hybridc version's engine would differ, and returns its
// 1-based number.
func editEngine(t *testing.T, dir string) int {
	t.Helper()
	p := filepath.Join(dir, "onprem.ps1")
	lines := strings.Split(string(readFile(t, p)), "\r\n")
	i := len(lines) - 10
	lines[i] += " # the engine of another version"
	writeBytes(t, p, []byte(strings.Join(lines, "\r\n")))
	return i + 1
}

// TestCompileCheckVersionSkew: compile --check on scripts another hybridc
// version compiled from the same YAML says so, with the versions, whether
// only the version line or the engine differs too, and advice that fits:
// compile again with this version or check with the one that compiled
// them; for signed scripts, check with that version to keep the
// signatures, or compile and sign again (never "compile again" alone).
func TestCompileCheckVersionSkew(t *testing.T) {
	const old, now = "v0.9.0", "v1.1.0"
	other := writeFile(t, t.TempDir(), "contoso-hybrid.yaml", strings.Replace(string(readFile(t, exampleYAML)), "mailTipsAccessLevel: All", "mailTipsAccessLevel: Limited", 1))
	onlyVersion := compiledBy(t, old, exampleYAML)
	engine := compiledBy(t, old, exampleYAML)
	engineLine := editEngine(t, engine)
	signedOld := compiledBy(t, old, exampleYAML, rsaPFX()...)
	signedEngine := compiledBy(t, old, exampleYAML)
	signedEngineLine := editEngine(t, signedEngine)
	if r := hybridc(t, nil, append(append([]string{"sign", "--no-config"}, rsaPFX()...), filepath.Join(signedEngine, "onprem.ps1"), filepath.Join(signedEngine, "online.ps1"))...); r.code != ExitOK {
		t.Fatalf("signing: %s", r.stderr)
	}
	staleOld := compiledBy(t, old, other)
	staleSigned := compiledBy(t, now, other, rsaPFX()...)
	signing := []string{"--sign-pfx", "no-such-key.pfx"} // --check reads no key

	tests := []struct {
		name       string
		dir        string
		extra      []string
		wantStdout []string
		wantStderr []string
		notStderr  string
	}{
		{name: "only the version line", dir: onlyVersion,
			wantStdout: []string{
				"onprem.ps1: compiled by hybridc v0.9.0, this is hybridc v1.1.0 (only the version line, line 7, differs): compile again with hybridc v1.1.0, or check with hybridc v0.9.0, which compiled it",
				"runbook.md: compiled by hybridc v0.9.0, this is hybridc v1.1.0 (only the version line, line 3, differs)",
			},
			wantStderr: []string{"3 of 3 files", "they were compiled by hybridc v0.9.0, which this hybridc v1.1.0 compiles differently: compile them again with this version, or check them with hybridc v0.9.0, which compiled them"}},
		{name: "the engine differs too", dir: engine,
			wantStdout: []string{
				"onprem.ps1: compiled by hybridc v0.9.0, this is hybridc v1.1.0, which compiles " + exampleYAML + " differently (line 7, the version, and line " + strconv.Itoa(engineLine) + " differ): compile again with hybridc v1.1.0, or check with hybridc v0.9.0",
				"online.ps1: compiled by hybridc v0.9.0, this is hybridc v1.1.0 (only the version line, line 7, differs)",
			},
			wantStderr: []string{"check them with hybridc v0.9.0"}},
		{name: "signed, only the version line", dir: signedOld, extra: signing,
			wantStdout: []string{"onprem.ps1: compiled by hybridc v0.9.0, this is hybridc v1.1.0 (only the version line, line 7, differs): check with hybridc v0.9.0, which compiled it, to keep its signature, or compile and sign it again with hybridc v1.1.0 (a new signature)"},
			wantStderr: []string{"check them with hybridc v0.9.0, which compiled them, to keep their signatures, or compile and sign them again with this version"},
			notStderr:  "run hybridc compile again"},
		{name: "signed, the engine differs too", dir: signedEngine, extra: signing,
			wantStdout: []string{"onprem.ps1: compiled by hybridc v0.9.0, this is hybridc v1.1.0, which compiles " + exampleYAML + " differently (line 7, the version, and line " + strconv.Itoa(signedEngineLine) + " differ): check with hybridc v0.9.0, which compiled it, to keep its signature"},
			notStderr:  "run hybridc compile again"},
		{name: "another YAML and another version", dir: staleOld,
			wantStdout: []string{"onprem.ps1: stale: compiled from another version of " + exampleYAML + ", and by hybridc v0.9.0 (this is hybridc v1.1.0; line 7 differs)"},
			wantStderr: []string{"run hybridc compile again"}},
		{name: "signed and stale", dir: staleSigned, extra: signing,
			wantStdout: []string{"onprem.ps1: stale: compiled from another version of " + exampleYAML + " (line "},
			wantStderr: []string{"compile and sign them again (hybridc compile with the signing flags): new scripts get new signatures"},
			notStderr:  "run hybridc compile again"},
	}
	defer func(saved string) { Version = saved }(Version)
	Version = now
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := hybridc(t, nil, append([]string{"compile", exampleYAML, "-o", tt.dir, "--check"}, tt.extra...)...)
			if r.code != ExitFindings {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, ExitFindings, r.stdout, r.stderr)
			}
			for _, w := range tt.wantStdout {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, r.stdout)
				}
			}
			for _, w := range tt.wantStderr {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
				}
			}
			if tt.notStderr != "" && strings.Contains(r.stderr, tt.notStderr) {
				t.Errorf("stderr advises %q for signed scripts:\n%s", tt.notStderr, r.stderr)
			}
		})
	}
	// Checked by the version that compiled them, they are current.
	Version = old
	if r := hybridc(t, nil, "compile", exampleYAML, "-o", onlyVersion, "--check"); r.code != ExitOK {
		t.Errorf("checked with %s: exit %d\n%s%s", old, r.code, r.stdout, r.stderr)
	}
	if r := hybridc(t, nil, append([]string{"compile", exampleYAML, "-o", signedOld, "--check"}, signing...)...); r.code != ExitOK {
		t.Errorf("signed, checked with %s: exit %d\n%s%s", old, r.code, r.stdout, r.stderr)
	}
}

// TestCompileCheckCraftedVersion: a header whose "version" holds code (a
// PowerShell comment end and a using statement, a vertical tab, an escape)
// names no version: --check reports the script as differing, never as
// "only the version line", and prints no control character.
func TestCompileCheckCraftedVersion(t *testing.T) {
	dir := compiledBy(t, "v0.9.0", exampleYAML)
	p := filepath.Join(dir, "onprem.ps1")
	crafted := "v1.4.2#>using\vmodule\v./evil.psm1;<#\x1b]0;t\a"
	writeBytes(t, p, []byte(strings.Replace(string(readFile(t, p)), "Generated by hybridc v0.9.0 from", "Generated by hybridc "+crafted+" from", 1)))
	r := hybridc(t, nil, "compile", exampleYAML, "-o", dir, "--check")
	if r.code != ExitFindings {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if strings.Contains(r.stdout, "only the version line") && strings.Contains(r.stdout, "onprem.ps1: compiled by") {
		t.Errorf("the crafted header reads as a version skew:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "onprem.ps1: differs from what") {
		t.Errorf("onprem.ps1 not reported as differing:\n%s", r.stdout)
	}
	if strings.ContainsAny(r.stdout+r.stderr, "\v\x1b\a") {
		t.Errorf("control characters printed:\n%q", r.stdout+r.stderr)
	}
}
