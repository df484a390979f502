package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCheckVersion(t *testing.T) {
	good := []string{"v1.0.0", "v1.1.0", "v0.1.0", "v10.20.30", "v1.1.0-rc.1", "v1.0.0-alpha", "v1.0.0-0.3.7", "v1.0.0-x-y.z"}
	bad := []string{"", "1.0.0", "v1.0", "v1", "v01.0.0", "v1.00.0", "v1.0.0+build", "v1.0.0-", "v1.0.0-01", "v1.0.0-a..b",
		"v1.0.0 ", "v1.0.0-a b", "v1.0.0/x", "v1.0.0-a\"b", "V1.0.0", "v1.0.0\n"}
	for _, v := range good {
		if err := checkVersion(v); err != nil {
			t.Errorf("checkVersion(%q) = %v, want nil", v, err)
		}
	}
	for _, v := range bad {
		if err := checkVersion(v); err == nil {
			t.Errorf("checkVersion(%q) = nil, want an error", v)
		}
	}
}

func TestParseTargets(t *testing.T) {
	ts, err := parseTargets("windows/arm64, linux/amd64")
	if err != nil || len(ts) != 2 || ts[0] != (target{"windows", "arm64"}) || ts[1] != (target{"linux", "amd64"}) {
		t.Errorf("parseTargets = %v, %v", ts, err)
	}
	for _, s := range []string{"linux/386", "linux/amd64,linux/amd64", "", "linux"} {
		if _, err := parseTargets(s); err == nil {
			t.Errorf("parseTargets(%q): no error", s)
		}
	}
}

func TestBinaryNames(t *testing.T) {
	var names []string
	for _, tg := range allTargets {
		names = append(names, tg.binaryName("v1.1.0"))
	}
	want := []string{"hybridc_v1.1.0_linux_amd64", "hybridc_v1.1.0_linux_arm64", "hybridc_v1.1.0_darwin_amd64",
		"hybridc_v1.1.0_darwin_arm64", "hybridc_v1.1.0_windows_amd64.exe", "hybridc_v1.1.0_windows_arm64.exe"}
	if !slices.Equal(names, want) {
		t.Errorf("names %v, want %v", names, want)
	}
}

// TestRefusedBeforeBuilding: a bad version or output directory is refused
// with exit 2 before anything is built, and leaves the directory as it was.
func TestRefusedBeforeBuilding(t *testing.T) {
	dir := t.TempDir()
	full := filepath.Join(dir, "full")
	if err := os.MkdirAll(full, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(full, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no version", []string{"-o", filepath.Join(dir, "new")}, "-version is required"},
		{"not a tag", []string{"-version", "1.1.0", "-o", filepath.Join(dir, "new")}, `"1.1.0" is not a release tag`},
		{"version with a path", []string{"-version", "v1.1.0/../x", "-o", filepath.Join(dir, "new")}, "is not a release tag"},
		{"non-empty output", []string{"-version", "v1.1.0", "-o", full}, "is not empty"},
		{"output is a file", []string{"-version", "v1.1.0", "-o", file}, "is not a directory"},
		{"no parent", []string{"-version", "v1.1.0", "-o", filepath.Join(dir, "a", "b")}, "parent directory does not exist"},
		{"unknown target", []string{"-version", "v1.1.0", "-targets", "plan9/amd64"}, `"plan9/amd64" is not one of`},
		{"an argument", []string{"-version", "v1.1.0", "extra"}, `unexpected argument "extra"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(context.Background(), tc.args, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %q", code, stderr.String(), tc.want)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout: %s", stdout.String())
			}
		})
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"file", "full"}) {
		t.Errorf("the directory holds %v, want only file and full", names)
	}
}
