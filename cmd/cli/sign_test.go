package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// copyScripts copies the .ps1 files of src into a new directory and
// returns their new paths, sorted.
func copyScripts(t *testing.T, src string) []string {
	t.Helper()
	dir := t.TempDir()
	files := scripts(t, src)
	var paths []string
	for _, name := range sortedNames(files) {
		paths = append(paths, writeBytes(t, filepath.Join(dir, name), files[name]))
	}
	return paths
}

// TestSignCommand checks that sign gives the same bytes as compile with the
// same signing flags, whatever signature the scripts had before.
func TestSignCommand(t *testing.T) {
	ecdsaPFX := []string{"--sign-pfx", td("ecdsa.pfx"), "--sign-password-file", passwordTxt}
	dirs := map[string]string{
		"unsigned":     compileTo(t),
		"RSA":          compileTo(t, rsaPFX()...),
		"RSA SHA-384":  compileTo(t, append(rsaPFX(), "--sign-hash", "sha384")...),
		"ECDSA":        compileTo(t, ecdsaPFX...),
		"ECDSA legacy": compileTo(t, "--sign-pfx", td("ecdsa-legacy.pfx"), "--sign-password-file", passwordTxt),
	}
	tests := []struct {
		name     string
		start    string // the scripts to sign: one of dirs
		sign     []string
		want     string // the compile output sign must reproduce: one of dirs
		wantLine string // after "PATH: "
	}{
		{name: "unsigned, RSA", start: "unsigned", sign: rsaPFX(), want: "RSA", wantLine: "signed by hybridc TEST-ONLY rsa, SHA-256"},
		{name: "unsigned, ECDSA legacy PFX", start: "unsigned", sign: []string{"--sign-pfx", td("ecdsa-legacy.pfx"), "--sign-password-file", passwordTxt},
			want: "ECDSA", wantLine: "signed by hybridc TEST-ONLY ecdsa, SHA-256"},
		{name: "ECDSA signature replaced by RSA", start: "ECDSA", sign: rsaPFX(), want: "RSA", wantLine: "signed by hybridc TEST-ONLY rsa, SHA-256"},
		{name: "RSA signature replaced by ECDSA (PEM)", start: "RSA", sign: []string{"--sign-cert", td("ecdsa-chain.pem"), "--sign-key", td("ecdsa.key")},
			want: "ECDSA legacy", wantLine: "signed by hybridc TEST-ONLY ecdsa, SHA-256"},
		{name: "SHA-384 signature replaced by SHA-256", start: "RSA SHA-384", sign: rsaPFX(), want: "RSA", wantLine: "signed by hybridc TEST-ONLY rsa, SHA-256"},
		{name: "SHA-256 signature replaced by SHA-384", start: "RSA", sign: append(rsaPFX(), "--sign-hash", "sha384"),
			want: "RSA SHA-384", wantLine: "signed by hybridc TEST-ONLY rsa, SHA-384"},
		{name: "signing again changes nothing", start: "RSA", sign: rsaPFX(), want: "RSA", wantLine: "signed by hybridc TEST-ONLY rsa, SHA-256"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			paths := copyScripts(t, dirs[tc.start])
			r := hybridc(t, nil, append(append([]string{"sign"}, tc.sign...), paths...)...)
			if r.code != ExitOK {
				t.Fatalf("sign: exit %d\n%s", r.code, r.stderr)
			}
			var wantOut strings.Builder
			want := scripts(t, dirs[tc.want])
			for _, p := range paths {
				wantOut.WriteString(p + ": " + tc.wantLine + "\n")
				if !bytes.Equal(readFile(t, p), want[filepath.Base(p)]) {
					t.Errorf("%s: sign gave other bytes than compile with the same key", filepath.Base(p))
				}
				if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(p), ".*tmp-*")); len(leftovers) > 0 {
					t.Errorf("temporary files left: %v", leftovers)
				}
			}
			if r.stdout != wantOut.String() {
				t.Errorf("stdout:\n%s\nwant:\n%s", r.stdout, wantOut.String())
			}
		})
	}
}

// TestSignAllOrNothing checks that when one script cannot be signed, no
// script is changed.
func TestSignAllOrNothing(t *testing.T) {
	good := scripts(t, compileTo(t))["online.ps1"]
	tests := []struct {
		name     string
		bad      string // file name of the script that cannot be signed
		data     []byte // its contents; nil: a directory
		wantCode int
		wantErr  string
	}{
		{name: "signature marker in the body", bad: "marker.ps1",
			data:     []byte("\ufeffWrite-Host 1\r\n# SIG # Begin signature block\r\nWrite-Host 2\r\n"),
			wantCode: ExitFindings, wantErr: "marker.ps1: script contains the line '# SIG # Begin signature block'"},
		{name: "non-ASCII text without BOM", bad: "ansi.ps1", data: []byte("Write-Host 'Zürich'\r\n"),
			wantCode: ExitFindings, wantErr: "ansi.ps1: unsupported script encoding"},
		{name: "empty script", bad: "empty.ps1", data: []byte("\ufeff"),
			wantCode: ExitFindings, wantErr: "empty.ps1: cannot sign an empty script"},
		{name: "not a PowerShell script", bad: "notes.txt", data: []byte("notes\n"),
			wantCode: ExitUsage, wantErr: "notes.txt: only PowerShell scripts (.ps1, .psm1, .psd1) can be signed"},
		{name: "XML file with a PowerShell-like extension", bad: "types.ps1xml", data: []byte("<Types/>\r\n"),
			wantCode: ExitUsage, wantErr: "only PowerShell scripts"},
		{name: "a directory", bad: "dir.ps1", wantCode: ExitUsage, wantErr: "dir.ps1 is a directory"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			goodPath := writeBytes(t, filepath.Join(dir, "online.ps1"), good)
			badPath := filepath.Join(dir, tc.bad)
			if tc.data == nil {
				if err := os.Mkdir(badPath, 0o755); err != nil {
					t.Fatal(err)
				}
			} else {
				writeBytes(t, badPath, tc.data)
			}
			before := snapshot(t, dir)
			r := hybridc(t, nil, append([]string{"sign"}, append(rsaPFX(), goodPath, badPath)...)...)
			if r.code != tc.wantCode || !strings.Contains(r.stderr, tc.wantErr) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", r.code, r.stderr, tc.wantCode, tc.wantErr)
			}
			assertSameSnapshot(t, before, snapshot(t, dir))
		})
	}
}

// TestSignUsage checks sign's usage errors.
func TestSignUsage(t *testing.T) {
	script := filepath.Join(t.TempDir(), "online.ps1")
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{name: "no key", args: []string{"sign", script}, wantErr: "need --sign-pfx FILE, or --sign-cert FILE and --sign-key FILE"},
		{name: "no script", args: append([]string{"sign"}, rsaPFX()...), wantErr: "and at least one script"},
		{name: "missing script", args: append(append([]string{"sign"}, rsaPFX()...), script), wantErr: "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := hybridc(t, nil, tc.args...)
			if r.code != ExitUsage || !strings.Contains(r.stderr, tc.wantErr) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %q", r.code, r.stderr, tc.wantErr)
			}
		})
	}
}

// TestSignKeepsMode checks that signing in place keeps a script's
// permission bits.
func TestSignKeepsMode(t *testing.T) {
	want := scripts(t, compileTo(t, rsaPFX()...))["onprem.ps1"]
	unsigned := scripts(t, compileTo(t))["onprem.ps1"]
	target := writeBytes(t, filepath.Join(t.TempDir(), "onprem.ps1"), unsigned)
	if err := os.Chmod(target, 0o600); err != nil {
		t.Fatal(err)
	}
	if r := hybridc(t, nil, append(append([]string{"sign"}, rsaPFX()...), target)...); r.code != ExitOK {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if !bytes.Equal(readFile(t, target), want) {
		t.Error("the script was not signed as compile signs it")
	}
	if info, err := os.Stat(target); err != nil || (runtime.GOOS != "windows" && info.Mode().Perm() != 0o600) {
		t.Errorf("mode after signing = %v (%v), want -rw-------", info.Mode(), err)
	}
}

// TestSignRefusesLinks reproduces finding 7: a script that is a symbolic
// link, or a folder reached through one, made sign write where the link
// points (outside the folder and the repository), signing whatever is
// there with the organization's key. sign now refuses them as compile
// refuses linked output folders, and signs nothing.
func TestSignRefusesLinks(t *testing.T) {
	unsigned := scripts(t, compileTo(t))["onprem.ps1"]
	tests := []struct {
		name string
		// plant makes the links in repo (a repository) pointing into
		// outside, and returns the path to sign, relative to repo.
		plant   func(t *testing.T, repo, outside string) string
		wantErr string
	}{
		{name: "the script is a link", wantErr: "is a symbolic link: not followed",
			plant: func(t *testing.T, repo, outside string) string {
				mkdirs(t, filepath.Join(repo, "out"))
				symlink(t, filepath.Join(outside, "victim.ps1"), filepath.Join(repo, "out", "onprem.ps1"))
				return filepath.Join("out", "onprem.ps1")
			}},
		{name: "the folder is a link", wantErr: "not a plain folder (a symbolic link)",
			plant: func(t *testing.T, repo, outside string) string {
				symlink(t, outside, filepath.Join(repo, "out"))
				return filepath.Join("out", "victim.ps1")
			}},
		{name: "a folder above it is a link", wantErr: "not a plain folder (a symbolic link)",
			plant: func(t *testing.T, repo, outside string) string {
				mkdirs(t, filepath.Join(outside, "sub"))
				writeBytes(t, filepath.Join(outside, "sub", "victim.ps1"), unsigned)
				symlink(t, outside, filepath.Join(repo, "scripts"))
				return filepath.Join("scripts", "sub", "victim.ps1")
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo, outside := t.TempDir(), t.TempDir()
			mkdirs(t, filepath.Join(repo, ".git"))
			writeBytes(t, filepath.Join(outside, "victim.ps1"), unsigned)
			rel := tt.plant(t, repo, outside)
			before := snapshot(t, outside)
			args := append([]string{"sign"}, absPaths(t, rsaPFX())...)
			t.Chdir(repo)
			r := runHere(append(args, rel))
			if r.code != ExitUsage || !strings.Contains(r.stderr, tt.wantErr) || !strings.Contains(r.stderr, "nothing was signed") {
				t.Errorf("exit %d, want %d and %q\n%s", r.code, ExitUsage, tt.wantErr, r.stderr)
			}
			assertSameSnapshot(t, before, snapshot(t, outside))
		})
	}
}

// mkdirs creates a folder and its parents.
func mkdirs(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

// symlink makes link point to target, or skips the test where the system
// does not let it.
func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
}

// absPaths makes the paths among flag arguments (those that exist)
// absolute, for a test that changes its working directory.
func absPaths(t *testing.T, args []string) []string {
	t.Helper()
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a
		if _, err := os.Stat(a); err == nil {
			abs, err := filepath.Abs(a)
			if err != nil {
				t.Fatal(err)
			}
			out[i] = abs
		}
	}
	return out
}

// runHere runs the CLI in-process in the current working directory. Unlike
// hybridc it does not check the output for secrets (which it finds by paths
// relative to this package's directory).
func runHere(args []string) result {
	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: noEnv}
	return result{code: e.run(args), stdout: stdout.String(), stderr: stderr.String()}
}
