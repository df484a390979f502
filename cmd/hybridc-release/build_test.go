package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"debug/buildinfo"
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// testVersion is the version the tests build; a pre-release, so that the
// hyphen reaches the file names and the linker flag.
const testVersion = "v1.2.3-test.1"

// sumLine is one line of SHA256SUMS as sha256sum writes it (text mode).
var sumLine = regexp.MustCompile(`^([0-9a-f]{64})  ([A-Za-z0-9_.+-]+)$`)

// skipBuild skips tests that build hybridc under -short.
func skipBuild(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds hybridc (a minute or more on two cores); -short skips it")
	}
}

// TestReleaseLinux builds linux/amd64 from a clean checkout of the tag
// twice into two directories: the file list and SHA256SUMS are right, the
// two builds are byte-identical, the notices hold the license of every
// module the binary links, and the binary is static, pure Go and reports
// the release's version and commit.
func TestReleaseLinux(t *testing.T) {
	skipBuild(t)
	src, commit := tempCheckout(t, testVersion)
	parent := t.TempDir()
	tg := target{"linux", "amd64"}
	a := filepath.Join(parent, "a")
	files, err := release(context.Background(), options{version: testVersion, out: a, targets: []target{tg}, dir: src})
	if err != nil {
		t.Fatal(err)
	}
	bin := tg.binaryName(testVersion)
	want := []string{filepath.Join(a, bin), filepath.Join(a, licenseName), filepath.Join(a, noticesName), filepath.Join(a, sumsName)}
	if !slices.Equal(files, want) {
		t.Errorf("release returned %v, want %v", files, want)
	}
	checkRelease(t, a, []string{bin})
	checkNotices(t, a, src, []string{bin})

	// The second build goes into an existing empty directory.
	b := filepath.Join(parent, "b")
	if err := os.Mkdir(b, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := release(context.Background(), options{version: testVersion, out: b, targets: []target{tg}, dir: src}); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{bin, licenseName, noticesName, sumsName} {
		if !bytes.Equal(readFile(t, filepath.Join(a, n)), readFile(t, filepath.Join(b, n))) {
			t.Errorf("%s differs between two builds", n)
		}
	}
	if err := staticELF(filepath.Join(a, bin)); err != nil {
		t.Errorf("%s: %v", bin, err)
	}
	checkBuildInfo(t, filepath.Join(a, bin), tg)
	checkVersionOutput(t, filepath.Join(a, bin), tg, testVersion, commit)
	assertOnly(t, parent, "a", "b")
}

// checkVersionOutput runs the binary's version command where it can run:
// the version the linker set, the commit, pure Go, and no advice about cgo.
func checkVersionOutput(t *testing.T, bin string, tg target, version, commit string) {
	t.Helper()
	if runtime.GOOS != tg.goos || runtime.GOARCH != tg.goarch {
		return
	}
	cmd := exec.Command(bin, "version")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	want := regexp.MustCompile(`^hybridc ` + regexp.QuoteMeta(version) + "\ncommit " + commit + ", go[0-9.]+, CGO_ENABLED=0\n$")
	if err != nil || !want.Match(out) || stderr.Len() > 0 {
		t.Errorf("%s version: %v\n%s%s", filepath.Base(bin), err, out, stderr.Bytes())
	}
}

// TestReleaseSnapshot: -snapshot builds a checkout that is neither tagged
// nor clean, names its files and stamps the binary with
// version-snapshot+<commit>.dirty, and says it is not a release.
func TestReleaseSnapshot(t *testing.T) {
	skipBuild(t)
	src, commit := tempCheckout(t, "")
	writeFile(t, filepath.Join(src, "notes.txt"), "untracked\n")
	out := filepath.Join(t.TempDir(), "dist")
	t.Chdir(src)
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-version", testVersion, "-snapshot", "-o", out, "-targets", "linux/amd64"}, &stdout, &stderr)
	version := testVersion + ".snapshot+" + commit[:12] + ".dirty"
	tg := target{"linux", "amd64"}
	bin := tg.binaryName(version)
	if code != 0 || !strings.Contains(stdout.String(), bin) {
		t.Fatalf("exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	for _, w := range []string{"-snapshot: building " + version + " from commit " + commit + ", NOT a release", "not a release; do not publish it"} {
		if !strings.Contains(stderr.String(), w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr.String())
		}
	}
	checkRelease(t, out, []string{bin})
	checkVersionOutput(t, filepath.Join(out, bin), tg, version, commit)
}

// TestStaticELFCatchesDynamic: the static check fails on a dynamically
// linked program (the system's shell), so a passing check means something.
func TestStaticELFCatchesDynamic(t *testing.T) {
	for _, p := range []string{"/bin/sh", "/usr/bin/env"} {
		if _, err := os.Stat(p); err != nil || runtime.GOOS != "linux" {
			continue
		}
		out, _ := exec.Command("ldd", p).CombinedOutput()
		if !strings.Contains(string(out), "=>") {
			continue // statically linked here, or no ldd: not a control
		}
		if err := staticELF(p); err == nil {
			t.Errorf("staticELF(%s) = nil for a dynamically linked program (ldd: %s)", p, out)
		}
		return
	}
	t.Skip("no dynamically linked program to check against")
}

// TestReleaseFailureLeavesNothing: when a build fails after another
// succeeded, the output directory is not created and no temporary
// directory stays behind.
func TestReleaseFailureLeavesNothing(t *testing.T) {
	skipBuild(t)
	src, _ := tempCheckout(t, testVersion)
	parent := t.TempDir()
	out := filepath.Join(parent, "dist")
	_, err := release(context.Background(), options{version: testVersion, out: out, dir: src,
		targets: []target{{"linux", "amd64"}, {"linux", "nosuch"}}})
	if err == nil || !strings.Contains(err.Error(), "building linux/nosuch") {
		t.Fatalf("err = %v, want the linux/nosuch build's failure", err)
	}
	assertOnly(t, parent)
}

// TestReleaseAll builds every target (several minutes): with
// HYBRIDC_RELEASE_ALL=1 only. It checks each binary's format and
// architecture, that the Linux ones are static, and that linux/amd64
// built again with an empty build cache is byte-identical.
func TestReleaseAll(t *testing.T) {
	if os.Getenv("HYBRIDC_RELEASE_ALL") != "1" {
		t.Skip("builds all six targets and one with an empty build cache: set HYBRIDC_RELEASE_ALL=1")
	}
	src, _ := tempCheckout(t, testVersion)
	parent := t.TempDir()
	all := filepath.Join(parent, "all")
	if _, err := release(context.Background(), options{version: testVersion, out: all, targets: allTargets, dir: src}); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tg := range allTargets {
		names = append(names, tg.binaryName(testVersion))
		if err := checkFormat(filepath.Join(all, tg.binaryName(testVersion)), tg); err != nil {
			t.Errorf("%s: %v", tg, err)
		}
		checkBuildInfo(t, filepath.Join(all, tg.binaryName(testVersion)), tg)
	}
	checkRelease(t, all, names)
	checkNotices(t, all, src, names)

	cold := filepath.Join(parent, "cold")
	tg := target{"linux", "amd64"}
	if _, err := release(context.Background(), options{version: testVersion, out: cold, targets: []target{tg}, dir: src,
		env: []string{"GOCACHE=" + t.TempDir()}}); err != nil {
		t.Fatal(err)
	}
	n := tg.binaryName(testVersion)
	if !bytes.Equal(readFile(t, filepath.Join(all, n)), readFile(t, filepath.Join(cold, n))) {
		t.Errorf("%s built with an empty build cache differs", n)
	}
}

// checkRelease checks that dir holds exactly the binaries named, LICENSE,
// THIRD_PARTY_NOTICES.txt and SHA256SUMS, whose lines are sorted, in
// sha256sum's format, and hold the hash of every other file; and that
// sha256sum -c agrees where it is installed.
func checkRelease(t *testing.T, dir string, binaries []string) {
	t.Helper()
	files := append(slices.Clone(binaries), licenseName, noticesName)
	assertOnly(t, dir, append(slices.Clone(files), sumsName)...)
	sums := string(readFile(t, filepath.Join(dir, sumsName)))
	if !strings.HasSuffix(sums, "\n") {
		t.Errorf("SHA256SUMS does not end in a line break: %q", sums)
	}
	lines := strings.Split(strings.TrimSuffix(sums, "\n"), "\n")
	var listed []string
	for _, l := range lines {
		m := sumLine.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("SHA256SUMS line %q is not \"<sha256>  <name>\"", l)
			continue
		}
		h := sha256.Sum256(readFile(t, filepath.Join(dir, m[2])))
		if m[1] != hex.EncodeToString(h[:]) {
			t.Errorf("SHA256SUMS: %s has the wrong hash", m[2])
		}
		listed = append(listed, m[2])
	}
	if !slices.IsSorted(listed) || !slices.Equal(slices.Sorted(slices.Values(files)), listed) {
		t.Errorf("SHA256SUMS lists %v, want %v sorted", listed, files)
	}
	if _, err := exec.LookPath("sha256sum"); err == nil {
		cmd := exec.Command("sha256sum", "-c", "--strict", sumsName)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("sha256sum -c: %v\n%s", err, out)
		}
	}
}

// checkBuildInfo checks what the binary records of its build: pure Go, no
// paths, no VCS stamp, and the netgo and osusergo tags on Linux only (on
// macOS and Windows netgo would bypass the system's resolver).
func checkBuildInfo(t *testing.T, path string, tg target) {
	t.Helper()
	bi, err := buildinfo.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
		if strings.HasPrefix(s.Key, "vcs") {
			t.Errorf("build info records %s=%s (a VCS stamp)", s.Key, s.Value)
		}
	}
	tags := map[bool]string{true: "netgo,osusergo"}[tg.goos == "linux"]
	for k, want := range map[string]string{"CGO_ENABLED": "0", "-trimpath": "true", "-tags": tags} {
		if settings[k] != want {
			t.Errorf("build setting %s = %q, want %q", k, settings[k], want)
		}
	}
}

// staticELF reports why an ELF file is not a static executable: a dynamic
// loader (PT_INTERP), a dynamic section, or shared libraries it needs.
func staticELF(path string) error {
	f, err := elf.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	for _, p := range f.Progs {
		switch p.Type {
		case elf.PT_INTERP:
			return errors.New("has a PT_INTERP program header: it needs a dynamic loader")
		case elf.PT_DYNAMIC:
			return errors.New("has a PT_DYNAMIC program header: it is dynamically linked")
		}
	}
	libs, err := f.ImportedLibraries()
	if err != nil {
		return err
	}
	if len(libs) > 0 {
		return fmt.Errorf("needs shared libraries (DT_NEEDED) %v", libs)
	}
	return nil
}

// checkFormat checks that path is an executable for tg: a static ELF, a
// Mach-O or a PE file for the target's architecture.
func checkFormat(path string, tg target) error {
	arm := tg.goarch == "arm64"
	switch tg.goos {
	case "linux":
		f, err := elf.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		if want := map[bool]elf.Machine{false: elf.EM_X86_64, true: elf.EM_AARCH64}[arm]; f.Machine != want {
			return fmt.Errorf("ELF machine %v, want %v", f.Machine, want)
		}
		return staticELF(path)
	case "darwin":
		f, err := macho.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		if want := map[bool]macho.Cpu{false: macho.CpuAmd64, true: macho.CpuArm64}[arm]; f.Cpu != want {
			return fmt.Errorf("Mach-O CPU %v, want %v", f.Cpu, want)
		}
	case "windows":
		f, err := pe.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		if want := map[bool]uint16{false: pe.IMAGE_FILE_MACHINE_AMD64, true: pe.IMAGE_FILE_MACHINE_ARM64}[arm]; f.Machine != want {
			return fmt.Errorf("PE machine %#x, want %#x", f.Machine, want)
		}
	}
	return nil
}

// assertOnly checks that dir holds exactly the entries named.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var have []string
	for _, e := range entries {
		have = append(have, e.Name())
	}
	if !slices.Equal(have, slices.Sorted(slices.Values(names))) {
		t.Errorf("%s holds %v, want %v", dir, have, names)
	}
}

// readFile returns a file's bytes, failing the test when it cannot.
func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
