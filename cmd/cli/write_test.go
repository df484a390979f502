package cli

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// oldOutputs fills dir with a previous version of every file the example
// compiles to, different from what compile writes now.
func oldOutputs(t *testing.T, dir string) {
	t.Helper()
	for _, n := range []string{"onprem.ps1", "online.ps1", "runbook.md"} {
		writeBytes(t, filepath.Join(dir, n), []byte("previous "+n+"\r\n"))
	}
}

// failRename makes the nth rename of a temporary file over its target fail,
// as a file locked by an editor on Windows would, until the test ends.
func failRename(t *testing.T, nth int) {
	t.Helper()
	calls := 0
	rename = func(from, to string) error {
		if calls++; calls == nth {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: errors.New("the file is in use by another process")}
		}
		return os.Rename(from, to)
	}
	t.Cleanup(func() { rename = os.Rename })
}

// TestCompileAllOrNothing: when one file cannot be replaced, every file of
// the output folder stays byte for byte as it was, and no temporary file
// is left behind.
func TestCompileAllOrNothing(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, dir string)
		wantErr string
	}{
		{name: "a directory where a script goes", prepare: func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "online.ps1"))
			if err := os.Mkdir(filepath.Join(dir, "online.ps1"), 0o755); err != nil {
				t.Fatal(err)
			}
		}, wantErr: "online.ps1: it is a directory; nothing was written"},
		{name: "a read-only script", prepare: func(t *testing.T, dir string) {
			if err := os.Chmod(filepath.Join(dir, "runbook.md"), 0o444); err != nil {
				t.Fatal(err)
			}
		}, wantErr: "runbook.md: it is read-only; make it writable or delete it"},
		{name: "the second rename fails", prepare: func(t *testing.T, dir string) { failRename(t, 2) },
			wantErr: "cannot replace " + "DIR/onprem.ps1: the file is in use by another process; every file was left as it was"},
		{name: "the last rename fails, after a new file", prepare: func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "onprem.ps1")) // new in this compile: removed again
			failRename(t, 3)
		}, wantErr: "DIR/runbook.md: the file is in use by another process; every file was left as it was"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			oldOutputs(t, dir)
			writeBytes(t, filepath.Join(dir, "notes.txt"), []byte("not ours\n"))
			tc.prepare(t, dir)
			before := snapshot(t, dir)
			r := hybridc(t, nil, "compile", exampleYAML, "-o", dir)
			want := strings.ReplaceAll(tc.wantErr, "DIR", dir)
			if r.code != ExitUsage || !strings.Contains(r.stderr, want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %q", r.code, r.stderr, want)
			}
			assertSameSnapshot(t, before, snapshot(t, dir))
		})
	}
}

// TestSignAllOrNothingRename: sign restores every script it replaced when a
// later one cannot be replaced.
func TestSignAllOrNothingRename(t *testing.T) {
	dir := compileTo(t)
	before := snapshot(t, dir)
	failRename(t, 2)
	r := hybridc(t, nil, append([]string{"sign", "--config", exampleYAML}, append(rsaPFX(), filepath.Join(dir, "onprem.ps1"), filepath.Join(dir, "online.ps1"))...)...)
	if r.code != ExitUsage || !strings.Contains(r.stderr, "cannot replace "+filepath.Join(dir, "online.ps1")) {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	assertSameSnapshot(t, before, snapshot(t, dir))
}

// TestLeftoversRemoved: the temporary files a killed run left (this
// version's and earlier versions' names) are removed by the next run;
// other hidden files are not touched.
func TestLeftoversRemoved(t *testing.T) {
	dir := t.TempDir()
	leftovers := []string{".hybridc-tmp-123456", ".hybridc-old-0a1b2c3d4e5f", ".online.ps1.tmp-4711", ".runbook.md.tmp-99"}
	for _, n := range leftovers {
		writeBytes(t, filepath.Join(dir, n), []byte("half a script"))
	}
	kept := []string{".notes.tmp-1", ".hybridc-config", "online.ps1.tmp-5"}
	for _, n := range kept {
		writeBytes(t, filepath.Join(dir, n), []byte("mine"))
	}
	if r := hybridc(t, nil, "compile", exampleYAML, "-o", dir); r.code != ExitOK {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	for _, n := range leftovers {
		if _, err := os.Lstat(filepath.Join(dir, n)); err == nil {
			t.Errorf("%s was left behind", n)
		}
	}
	for _, n := range kept {
		if _, err := os.Lstat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s was removed: %v", n, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tempPrefix) || strings.HasPrefix(e.Name(), backupPrefix) {
			t.Errorf("compile left %s", e.Name())
		}
	}
}

// TestLongPartnerDomain: a valid 240-character partner domain gives a
// 252-character script name, which the temporary names must not exceed.
func TestLongPartnerDomain(t *testing.T) {
	label := strings.Repeat("a", 59)
	domain := strings.Join([]string{label, label, label, label}, ".") + ".com" // 59*4+3+4 = 243
	domain = domain[3:]                                                        // 240 characters, starting with a letter
	if len(domain) != 240 {
		t.Fatalf("domain has %d characters", len(domain))
	}
	yaml := "version: 1\nexchangeOnline:\n  tenant: contoso.onmicrosoft.com\n  primarySmtpDomains: [contoso.com]\n  partners:\n" +
		"    - domain: " + domain + "\n      tenant: fabrikam.onmicrosoft.com\n      relationship:\n        name: Fabrikam\n        domainNames: [" + domain + "]\n" +
		"      reverseRelationship:\n        name: Contoso\n        domainNames: [contoso.com]\n"
	src := writeBytes(t, filepath.Join(t.TempDir(), "long.yaml"), []byte(yaml))
	dir := t.TempDir()
	r := hybridc(t, nil, "compile", src, "-o", dir)
	if r.code != ExitOK {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "partner-"+domain+".ps1")); err != nil {
		t.Error(err)
	}
}
