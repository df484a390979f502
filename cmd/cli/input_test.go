package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDirectoryConfigRefusesLinks reproduces the directory configuration
// half of the "Also" finding: an entry of a directory configuration that is
// a symbolic link made hybridc read any file the user can read (here one
// outside the directory) and show its keys in diagnostics. Every command
// that reads a configuration now refuses the link, naming it, and shows
// nothing of the file it points to; a link within the directory is
// refused too (the rule is: no links).
func TestDirectoryConfigRefusesLinks(t *testing.T) {
	outside := writeFile(t, t.TempDir(), "secrets.yaml", "databasePassword: Secret-Value-4711\n")
	for _, target := range []string{outside, "10-copy.yaml"} {
		t.Run(filepath.Base(target), func(t *testing.T) {
			dir := splitExample(t)
			if target == "10-copy.yaml" {
				writeFile(t, dir, target, "version: 1\n")
			}
			symlink(t, target, filepath.Join(dir, "90-extra.yaml"))
			out := t.TempDir()
			for _, args := range [][]string{{"validate", dir}, {"compile", dir, "-o", out}, {"plan", exampleYAML, dir}, {"batches", dir}} {
				r := hybridc(t, nil, args...)
				if r.code == ExitOK || !strings.Contains(r.stderr, "90-extra.yaml is a symbolic link") {
					t.Errorf("%s: exit %d, want the link refused\n%s%s", args[0], r.code, r.stdout, r.stderr)
				}
				if strings.Contains(r.stdout+r.stderr, "databasePassword") {
					t.Errorf("%s shows a key of the file the link points to:\n%s%s", args[0], r.stdout, r.stderr)
				}
			}
			if entries, _ := os.ReadDir(out); len(entries) != 0 {
				t.Errorf("compile wrote %d files", len(entries))
			}
		})
	}
}
