//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// specialFiles puts, in dir, a symbolic link to /dev/zero and a named pipe
// (FIFO) under the given script names. Reading either in full would
// exhaust memory or hang forever.
func specialFiles(t *testing.T, dir, zero, fifo string) {
	t.Helper()
	if err := os.Symlink("/dev/zero", filepath.Join(dir, zero)); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, fifo), 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
}

// TestReadBackSpecialFiles: compile's stale-script warning, compile --check
// and verify neither follow a symbolic link to /dev/zero nor open a FIFO;
// each is reported for what it is.
func TestReadBackSpecialFiles(t *testing.T) {
	tests := []struct {
		name     string
		zero     string // the link to /dev/zero
		fifo     string // the FIFO
		args     func(dir string) []string
		wantCode int
		wantOut  []string
	}{
		{name: "compile: stale-script warning", zero: "partner-old.ps1", fifo: "partner-gone.ps1",
			args:     func(dir string) []string { return []string{"compile", exampleYAML, "-o", dir} },
			wantCode: ExitOK},
		{name: "compile --check", zero: "onprem.ps1", fifo: "online.ps1",
			args:     func(dir string) []string { return []string{"compile", exampleYAML, "-o", dir, "--check"} },
			wantCode: ExitFindings,
			wantOut:  []string{"onprem.ps1: is a symbolic link: not followed", "online.ps1: is a named pipe (FIFO): not read"}},
		{name: "verify", zero: "onprem.ps1", fifo: "online.ps1",
			args: func(dir string) []string {
				return []string{"verify", "--no-chain", filepath.Join(dir, "onprem.ps1"), filepath.Join(dir, "online.ps1")}
			},
			wantCode: ExitUsage,
			wantOut:  []string{"onprem.ps1 is a symbolic link: not followed", "online.ps1 is a named pipe (FIFO): not read"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			specialFiles(t, dir, tc.zero, tc.fifo)
			r := hybridc(t, nil, tc.args(dir)...)
			if r.code != tc.wantCode {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tc.wantCode, r.stdout, r.stderr)
			}
			for _, w := range tc.wantOut {
				if !strings.Contains(r.stdout+r.stderr, w) {
					t.Errorf("output does not say %q:\nstdout:\n%s\nstderr:\n%s", w, r.stdout, r.stderr)
				}
			}
		})
	}
}

// TestReadInputSpecialFiles: a YAML file that is a link to /dev/zero, or a
// FIFO, is refused, not read.
func TestReadInputSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	specialFiles(t, dir, "zero.yaml", "fifo.yaml")
	for _, n := range []string{"zero.yaml", "fifo.yaml"} {
		r := hybridc(t, nil, "validate", filepath.Join(dir, n))
		if r.code != ExitUsage || !strings.Contains(r.stderr, "not read") {
			t.Errorf("validate %s: exit %d, stderr:\n%s", n, r.code, r.stderr)
		}
	}
}

// TestReadRegularTooLarge: a file over the cap is reported, not read.
func TestReadRegularTooLarge(t *testing.T) {
	p := writeBytes(t, filepath.Join(t.TempDir(), "big.ps1"), make([]byte, 100))
	if _, err := readRegular(p, 99); err == nil || !strings.Contains(err.Error(), "larger than any file hybridc reads (100 bytes, at most 99 are read)") {
		t.Errorf("readRegular = %v", err)
	}
	if data, err := readRegular(p, 100); err != nil || len(data) != 100 {
		t.Errorf("readRegular = %d bytes, %v", len(data), err)
	}
}
