package cli

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// dirNote is the note a command prints when it reads file as the directory
// configuration dir.
func dirNote(file, dir string) string {
	d := dir + string(filepath.Separator)
	return "hybridc: " + file + " is one file of the directory configuration " + d + ": reading " + d + "\n"
}

// TestEveryCommandReadsDirectoryConfiguration reproduces the finding that
// only validate read a file of a directory configuration (a directory
// holding part files, as hybridc import -o DIR writes) as its directory:
// compile wrote scripts without the parts' permissions, compile --check
// and verify --config called current scripts stale, plan missed changes
// in parts. Each command given config/hybrid.yaml now behaves exactly as
// given config/ (exit code, standard output, the files written), and its
// standard error only adds one note saying so.
func TestEveryCommandReadsDirectoryConfiguration(t *testing.T) {
	repo := importedRepo(t)
	commitAll(t, repo, "import")
	dir := filepath.Join(repo, "config")
	file := filepath.Join(dir, "hybrid.yaml")
	out := map[string]string{dir: t.TempDir(), file: t.TempDir()}
	signed := map[string]string{dir: t.TempDir(), file: t.TempDir()}
	states := stateFiles(t)

	// same runs args(cfg) with the directory and with the file, and
	// checks the runs agree; it returns the directory's run.
	same := func(name string, wantCode int, args func(cfg string) []string) result {
		t.Helper()
		rd, rf := hybridc(t, nil, args(dir)...), hybridc(t, nil, args(file)...)
		if rd.code != wantCode {
			t.Fatalf("%s on %s: exit %d, want %d\n%s%s", name, dir, rd.code, wantCode, rd.stdout, rd.stderr)
		}
		for _, m := range []map[string]string{out, signed} {
			rf.stdout = strings.ReplaceAll(rf.stdout, m[file], m[dir])
		}
		if rf.code != rd.code || rf.stdout != rd.stdout || rf.stderr != dirNote(file, dir)+rd.stderr {
			t.Errorf("%s on %s: exit %d\n%s%s\nwant, as on %s: exit %d\n%s%s%s", name, file, rf.code, rf.stdout, rf.stderr,
				dir, rd.code, rd.stdout, dirNote(file, dir), rd.stderr)
		}
		return rd
	}
	same("validate", ExitOK, func(cfg string) []string { return []string{"validate", cfg} })
	same("compile", ExitOK, func(cfg string) []string { return []string{"compile", cfg, "-o", out[cfg]} })
	if a, b := outputs(t, out[dir]), outputs(t, out[file]); !maps.EqualFunc(a, b, slices.Equal) {
		t.Errorf("compile wrote different files for %s and %s", dir, file)
	}
	if !strings.Contains(string(readFile(t, filepath.Join(out[file], "online.ps1"))), "onprem1@contoso.com") {
		t.Error("online.ps1 compiled from hybrid.yaml lacks the permissions of the part files")
	}
	same("compile --check", ExitOK, func(cfg string) []string { return []string{"compile", cfg, "-o", out[dir], "--check"} })
	for _, d := range signed {
		for n, data := range scripts(t, out[dir]) {
			writeBytes(t, filepath.Join(d, n), data)
		}
	}
	pfx := rsaPFX()
	same("sign --config", ExitOK, func(cfg string) []string {
		return append(append([]string{"sign", "--config", cfg}, pfx...), filepath.Join(signed[cfg], "online.ps1"), filepath.Join(signed[cfg], "onprem.ps1"))
	})
	same("verify --config", ExitOK, func(cfg string) []string {
		return []string{"verify", "--no-chain", "--config", cfg, filepath.Join(signed[dir], "online.ps1"), filepath.Join(signed[dir], "onprem.ps1")}
	})
	same("batches", ExitOK, func(cfg string) []string { return []string{"batches", cfg, "--format", "json"} })
	same("plan OLD NEW", planNoChanges, func(cfg string) []string { return []string{"plan", dir, cfg} })
	same("plan --state", planNoChanges, func(cfg string) []string { return append(append([]string{"plan", "--state"}, states...), cfg) })

	// A change in a part file: plan --base sees it through hybrid.yaml.
	perms := filepath.Join(dir, "permissions-0001.yaml")
	old := "{access: SendAs, mailbox: exo1@contoso.com, trustee: onprem1@contoso.com}"
	text := string(readFile(t, perms))
	if !strings.Contains(text, old) {
		t.Fatalf("%s lacks %s:\n%s", perms, old, text)
	}
	writeFile(t, dir, filepath.Base(perms), strings.Replace(text, old, strings.TrimSuffix(old, "}")+", ensure: absent}", 1))
	r := same("plan --base", planChanges, func(cfg string) []string { return []string{"plan", "--base", "HEAD", cfg} })
	if !strings.Contains(r.stdout, "- sendAsPermission/onprem1@contoso.com on exo1@contoso.com") {
		t.Errorf("plan --base does not show the permission removed:\n%s", r.stdout)
	}
}

// TestValidateNotesOncePerDirectory: validate given several files of one
// directory configuration checks it once and prints the note once.
func TestValidateNotesOncePerDirectory(t *testing.T) {
	repo := importedRepo(t)
	dir := filepath.Join(repo, "config")
	r := hybridc(t, nil, "validate", filepath.Join(dir, "hybrid.yaml"), filepath.Join(dir, "mailboxes.yaml"), dir)
	if r.code != ExitOK || r.stdout != "" || r.stderr != dirNote(filepath.Join(dir, "hybrid.yaml"), dir) {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestFileWithoutPartsReadAlone: a file in a directory without part files
// is read alone, without a note, even beside other YAML files (here one
// that merged with it would be an error).
func TestFileWithoutPartsReadAlone(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, dir, filepath.Base(exampleYAML), string(readFile(t, exampleYAML)))
	writeFile(t, dir, "other.yaml", string(readFile(t, exampleYAML)))
	out, alone := t.TempDir(), compileTo(t)
	for _, args := range [][]string{{"validate", file}, {"compile", file, "-o", out}, {"batches", file}, {"plan", exampleYAML, file}} {
		r := hybridc(t, nil, args...)
		if r.code != ExitOK || r.stderr != "" {
			t.Errorf("%v: exit %d\n%s", args, r.code, r.stderr)
		}
	}
	if a, b := outputs(t, out), outputs(t, alone); !maps.EqualFunc(a, b, slices.Equal) {
		t.Error("the file compiled beside other YAML files differs from the file compiled alone")
	}
}

// splitWithPart writes the example into dir as hybrid.yaml (version and
// onPremises) and a part file 20-online.yaml (exchangeOnline, with the
// part schema's modeline).
func splitWithPart(t *testing.T, dir string) {
	t.Helper()
	top, rest, ok := strings.Cut(string(readFile(t, exampleYAML)), "exchangeOnline:")
	if !ok {
		t.Fatal("the example has no exchangeOnline")
	}
	writeFile(t, dir, "hybrid.yaml", top)
	writeFile(t, dir, "20-online.yaml", "# yaml-language-server: $schema=hybrid.part.schema.json\nexchangeOnline:"+rest)
}

// TestPlanBaseResolvesEachRevision: plan --base REV FILE resolves FILE in
// each version by that version's files. A directory split into parts since
// REV is compared with the single file it was (not with the merge of every
// YAML file the directory then held, here two independent
// configurations); one merged back into a single file since REV is
// compared with the directory it was. Either way the same organization
// plans as no change, and a note says how REV was read.
func TestPlanBaseResolvesEachRevision(t *testing.T) {
	for _, tc := range []struct {
		name      string
		before    func(t *testing.T, dir string)
		after     func(t *testing.T, dir string)
		wantNotes []string
	}{
		{
			name: "became a directory configuration",
			before: func(t *testing.T, dir string) {
				writeFile(t, dir, "hybrid.yaml", string(readFile(t, exampleYAML)))
				writeFile(t, dir, "other.yaml", string(readFile(t, exampleYAML)))
			},
			after: func(t *testing.T, dir string) {
				if err := os.Remove(filepath.Join(dir, "other.yaml")); err != nil {
					t.Fatal(err)
				}
				splitWithPart(t, dir)
			},
			wantNotes: []string{"is one file of the directory configuration", "at HEAD, ", " held no part file, so ", "was a configuration of its own: reading HEAD:cfg/hybrid.yaml alone"},
		},
		{
			name:   "stopped being a directory configuration",
			before: splitWithPart,
			after: func(t *testing.T, dir string) {
				if err := os.Remove(filepath.Join(dir, "20-online.yaml")); err != nil {
					t.Fatal(err)
				}
				writeFile(t, dir, "hybrid.yaml", string(readFile(t, exampleYAML)))
				writeFile(t, dir, "other.yaml", string(readFile(t, exampleYAML)))
			},
			wantNotes: []string{"at HEAD, ", "hybrid.yaml was one file of the directory configuration ", ": reading HEAD:cfg\n"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			repo := gitRepo(t)
			dir := filepath.Join(repo, "cfg")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			tc.before(t, dir)
			commitAll(t, repo, "before")
			tc.after(t, dir)
			r := hybridc(t, nil, "plan", "--base", "HEAD", filepath.Join(dir, "hybrid.yaml"))
			if r.code != planNoChanges {
				t.Errorf("exit %d, want %d (no changes)\n%s%s", r.code, planNoChanges, r.stdout, r.stderr)
			}
			for _, w := range tc.wantNotes {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("standard error lacks %q:\n%s", w, r.stderr)
				}
			}
		})
	}
}
