package main

import (
	"bytes"
	"context"
	"debug/buildinfo"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// checkNotices checks a release's notices against what its binaries link,
// read independently: every module of every binary's build information is
// listed, and the text of each of its license files (found with go list
// -m in the source src) is there in full, as are Go's LICENSE and PATENTS;
// the libraries the README names are among them; no path of this machine
// is written; and LICENSE is hybridc's.
func checkNotices(t *testing.T, dir, src string, binaries []string) {
	t.Helper()
	notices := string(readFile(t, filepath.Join(dir, noticesName)))
	seen := map[string]bool{}
	for _, b := range binaries {
		bi, err := buildinfo.ReadFile(filepath.Join(dir, b))
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range bi.Deps {
			if seen[d.Path] {
				continue
			}
			seen[d.Path] = true
			if !strings.Contains(notices, "\n  "+d.Path+" "+d.Version+"\n") {
				t.Errorf("the notices do not list %s %s", d.Path, d.Version)
			}
			cmd := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", d.Path)
			cmd.Dir = src
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("go list -m %s: %v", d.Path, err)
			}
			mdir := strings.TrimSpace(string(out))
			found := 0
			for _, pattern := range []string{"LICENSE*", "COPYING*", "NOTICE*", "PATENTS*"} {
				files, _ := filepath.Glob(filepath.Join(mdir, pattern))
				for _, f := range files {
					found++
					header := d.Path + " " + d.Version + ": " + filepath.Base(f) + "\n"
					if !strings.Contains(notices, header+noticeRule+"\n\n"+string(readFile(t, f))) {
						t.Errorf("the notices lack %s, or it is not under %q", f, header)
					}
				}
			}
			if found == 0 {
				t.Errorf("%s: no license file in %s", d.Path, mdir)
			}
		}
	}
	for _, m := range []string{"github.com/Masterminds/sprig/v3", "gopkg.in/yaml.v3", "github.com/santhosh-tekuri/jsonschema/v5",
		"software.sslmate.com/src/go-pkcs12", "golang.org/x/crypto"} {
		if !seen[m] {
			t.Errorf("the binaries do not link %s", m)
		}
	}
	goroot := goEnvValue(t, "GOROOT")
	for _, f := range goRootFiles {
		if !strings.Contains(notices, ": "+f+"\n"+noticeRule+"\n\n"+string(readFile(t, filepath.Join(goroot, f)))) {
			t.Errorf("the notices lack Go's %s", f)
		}
	}
	for _, p := range []string{goroot, goEnvValue(t, "GOMODCACHE"), src} {
		if strings.Contains(notices, p) {
			t.Errorf("the notices name the path %s", p)
		}
	}
	if !bytes.Equal(readFile(t, filepath.Join(dir, licenseName)), readFile(t, filepath.Join(src, "LICENSE"))) {
		t.Error("LICENSE is not hybridc's")
	}
}

// goEnvValue is one setting of go env.
func goEnvValue(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

// TestLicenseFiles: the files of a module's root that hold its license,
// in any case and with any extension, sorted; not directories nor Go files.
func TestLicenseFiles(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"NOTICE", "LICENSE.txt", "licence.md", "COPYING", "PATENTS", "README.md", "license.go", "main.go"} {
		writeFile(t, filepath.Join(dir, f), f)
	}
	if err := os.Mkdir(filepath.Join(dir, "LICENSES"), 0o755); err != nil {
		t.Fatal(err)
	}
	got, err := licenseFiles(dir)
	if want := []string{"COPYING", "LICENSE.txt", "NOTICE", "PATENTS", "licence.md"}; err != nil || !slices.Equal(got, want) {
		t.Errorf("licenseFiles = %v, %v; want %v", got, err, want)
	}
}

// TestWriteNotices: the notices list Go and the modules in the order
// given, then each license text under its module and file name; a module
// without a license file, or a Go without its LICENSE, is refused.
func TestWriteNotices(t *testing.T) {
	root := t.TempDir()
	goroot, a, b := filepath.Join(root, "go"), filepath.Join(root, "a"), filepath.Join(root, "b")
	for _, d := range []string{goroot, a, b} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, filepath.Join(goroot, "LICENSE"), "Go license\n")
	writeFile(t, filepath.Join(goroot, "PATENTS"), "Go patents") // no final line break
	writeFile(t, filepath.Join(a, "LICENSE"), "a license\n")
	writeFile(t, filepath.Join(a, "NOTICE"), "a notice\n")
	writeFile(t, filepath.Join(b, "COPYING"), "b copying\n")
	mods := []module{{path: "example.com/a", version: "v1.0.0", dir: a}, {path: "example.com/b", version: "v0.2.0", replace: " => ../b", dir: b}}
	out := t.TempDir()
	if err := writeNotices(out, "v1.1.0", "go1.26.8", goroot, mods); err != nil {
		t.Fatal(err)
	}
	rule := noticeRule
	want := "Third-party notices of hybridc v1.1.0\n\n" +
		"Every hybridc binary of this release links the Go standard library and\n" +
		"runtime and the Go modules listed here. Their license texts follow, each\n" +
		"under a line naming the module and the file it comes from. hybridc's own\n" +
		"license is LICENSE, beside this file.\n\n" +
		"  Go standard library and runtime go1.26.8\n  example.com/a v1.0.0\n  example.com/b v0.2.0 => ../b\n" +
		"\n" + rule + "\nThe Go standard library and runtime, go1.26.8: LICENSE\n" + rule + "\n\nGo license\n" +
		"\n" + rule + "\nThe Go standard library and runtime, go1.26.8: PATENTS\n" + rule + "\n\nGo patents\n" +
		"\n" + rule + "\nexample.com/a v1.0.0: LICENSE\n" + rule + "\n\na license\n" +
		"\n" + rule + "\nexample.com/a v1.0.0: NOTICE\n" + rule + "\n\na notice\n" +
		"\n" + rule + "\nexample.com/b v0.2.0 => ../b: COPYING\n" + rule + "\n\nb copying\n"
	if got := string(readFile(t, filepath.Join(out, noticesName))); got != want {
		t.Errorf("notices:\n%s\nwant:\n%s", got, want)
	}

	os.Remove(filepath.Join(b, "COPYING"))
	err := writeNotices(t.TempDir(), "v1.1.0", "go1.26.8", goroot, mods)
	if err == nil || !strings.Contains(err.Error(), "module example.com/b v0.2.0 => ../b is linked into hybridc but has no LICENSE") {
		t.Errorf("a module without a license: %v", err)
	}
	os.Remove(filepath.Join(goroot, "LICENSE"))
	err = writeNotices(t.TempDir(), "v1.1.0", "go1.26.8", goroot, mods[:1])
	if err == nil || !strings.Contains(err.Error(), "The Go standard library and runtime, go1.26.8") {
		t.Errorf("a Go without its LICENSE: %v", err)
	}
}

// TestNoticesOfReplacedModule: a module replaced by a directory, read from
// a binary's build information, is named with its replacement and its
// license is read from that directory.
func TestNoticesOfReplacedModule(t *testing.T) {
	skipBuild(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/main\n\ngo 1.26\n\nrequire example.com/lib v1.0.0\n\nreplace example.com/lib => ./lib\n")
	writeFile(t, filepath.Join(dir, "main.go"), "package main\n\nimport \"example.com/lib\"\n\nfunc main() { lib.F() }\n")
	if err := os.Mkdir(filepath.Join(dir, "lib"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "lib", "go.mod"), "module example.com/lib\n\ngo 1.26\n")
	writeFile(t, filepath.Join(dir, "lib", "lib.go"), "package lib\n\nfunc F() {}\n")
	writeFile(t, filepath.Join(dir, "lib", "LICENSE"), "lib license\n")
	env := buildEnv(target{"linux", "amd64"}, []string{"GOFLAGS=-mod=mod"})
	cmd := exec.Command("go", "build", "-buildvcs=false", "-o", "prog")
	cmd.Dir, cmd.Env = dir, env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	mods, err := linkedModules([]string{filepath.Join(dir, "prog")})
	if err != nil || len(mods) != 1 || mods[0].String() != "example.com/lib v1.0.0 => ./lib (devel)" {
		t.Fatalf("linkedModules = %v, %v", mods, err)
	}
	if err := moduleDirs(context.Background(), dir, env, mods); err != nil || mods[0].dir != filepath.Join(dir, "lib") {
		t.Fatalf("moduleDirs: %v, %v", mods, err)
	}
	out := t.TempDir()
	if err := writeNotices(out, "v1.1.0", "go1.26.8", goEnvValue(t, "GOROOT"), mods); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readFile(t, filepath.Join(out, noticesName))), "example.com/lib v1.0.0 => ./lib (devel): LICENSE\n"+noticeRule+"\n\nlib license\n") {
		t.Error("the notices lack lib's license")
	}
}
