package main

import (
	"bytes"
	"context"
	"debug/buildinfo"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// noticesName is the file of the licenses of what hybridc links.
const noticesName = "THIRD_PARTY_NOTICES.txt"

// licenseName is hybridc's own license, copied from the module root.
const licenseName = "LICENSE"

// goRootFiles are the files of the Go distribution the notices carry: the
// license of the standard library and runtime in every binary, and the
// patent grant beside it.
var goRootFiles = []string{"LICENSE", "PATENTS"}

// module is a module linked into hybridc: its path and version, what
// replaces it (" => path version", or ""), and its directory (in the
// module cache, or the replacement's).
type module struct {
	path, version, replace, dir string
}

// String names the module as 'go version -m' does.
func (m module) String() string { return m.path + " " + m.version + m.replace }

// licenseFiles returns the names of the files in a module's root whose
// text must ship with a binary that links it: LICENSE*, LICENCE*,
// COPYING*, NOTICE* and PATENTS*, in any letter case, sorted; not Go
// source files (a package may have a license.go).
func licenseFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		up := strings.ToUpper(e.Name())
		for _, p := range []string{"LICENSE", "LICENCE", "COPYING", "NOTICE", "PATENTS"} {
			if strings.HasPrefix(up, p) && e.Type().IsRegular() && !strings.HasSuffix(up, ".GO") {
				names = append(names, e.Name())
				break
			}
		}
	}
	sort.Strings(names)
	return names, nil
}

// linkedModules returns the modules linked into the binaries, read from
// their build information (what 'go version -m' prints): each once, by
// path. The main module, hybridc, is not among them.
func linkedModules(binaries []string) ([]module, error) {
	seen := map[string]module{}
	for _, b := range binaries {
		bi, err := buildinfo.ReadFile(b)
		if err != nil {
			return nil, fmt.Errorf("reading the modules of %s: %w", filepath.Base(b), err)
		}
		for _, d := range bi.Deps {
			m := module{path: d.Path, version: d.Version}
			if r := d.Replace; r != nil {
				m.replace = strings.TrimRight(" => "+r.Path+" "+r.Version, " ")
			}
			seen[d.Path] = m
		}
	}
	mods := make([]module, 0, len(seen))
	for _, m := range seen {
		mods = append(mods, m)
	}
	sort.Slice(mods, func(i, j int) bool { return mods[i].path < mods[j].path })
	return mods, nil
}

// moduleDirs finds each module's directory with 'go list -m' in the
// module root dir: in the module cache, where the build has just put it,
// or the replacement's directory.
func moduleDirs(ctx context.Context, dir string, env []string, mods []module) error {
	if len(mods) == 0 {
		return nil
	}
	args := []string{"list", "-m", "-json"}
	for _, m := range mods {
		args = append(args, m.path)
	}
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Env, cmd.Dir = env, dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("go list -m: %v\n%s", err, bytes.TrimSpace(stderr.Bytes()))
	}
	type listed struct {
		Path, Dir string
		Replace   *listed
	}
	dirs := map[string]string{} // by module path: a build has one version of each
	for dec := json.NewDecoder(bytes.NewReader(out)); ; {
		var l listed
		if err := dec.Decode(&l); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return fmt.Errorf("go list -m: %v", err)
		}
		if l.Replace != nil && l.Replace.Dir != "" {
			l.Dir = l.Replace.Dir
		}
		dirs[l.Path] = l.Dir
	}
	for i, m := range mods {
		if mods[i].dir = dirs[m.path]; mods[i].dir == "" {
			return fmt.Errorf("module %s %s is linked into hybridc but go list -m names no directory for it (go mod download %s)", m.path, m.version, m.path)
		}
	}
	return nil
}

// noticeRule separates the license texts of the notices.
var noticeRule = strings.Repeat("=", 78)

// writeNotices writes THIRD_PARTY_NOTICES.txt into dir: the list of what
// the binaries of version link (Go's standard library and runtime, of
// goVersion, and mods), then each one's license files in full, in that
// order, files by name. It refuses a module without a license file, so
// that no notice goes missing silently. Nothing in it depends on the
// machine: no paths, only module paths, versions and file names.
func writeNotices(dir, version, goVersion, goroot string, mods []module) error {
	type block struct{ title, file, path string }
	var blocks []block
	for _, f := range goRootFiles {
		blocks = append(blocks, block{"The Go standard library and runtime, " + goVersion, f, filepath.Join(goroot, f)})
	}
	for _, m := range mods {
		files, err := licenseFiles(m.dir)
		if err != nil {
			return fmt.Errorf("the license of module %s: %w", m, err)
		}
		if len(files) == 0 {
			return fmt.Errorf("module %s is linked into hybridc but has no LICENSE, COPYING or NOTICE file in %s: its notice cannot ship with the release (add its license by hand to cmd/hybridc-release, or replace the module)", m, m.dir)
		}
		for _, f := range files {
			blocks = append(blocks, block{m.String(), f, filepath.Join(m.dir, f)})
		}
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "Third-party notices of hybridc %s\n\n", version)
	b.WriteString("Every hybridc binary of this release links the Go standard library and\n" +
		"runtime and the Go modules listed here. Their license texts follow, each\n" +
		"under a line naming the module and the file it comes from. hybridc's own\n" +
		"license is LICENSE, beside this file.\n\n")
	fmt.Fprintf(&b, "  Go standard library and runtime %s\n", goVersion)
	for _, m := range mods {
		fmt.Fprintf(&b, "  %s\n", m)
	}
	for _, bl := range blocks {
		text, err := os.ReadFile(bl.path)
		if err != nil {
			return fmt.Errorf("the notices of %s: %w (a release is built with Go as go.dev/dl distributes it, which holds them)", bl.title, err)
		}
		fmt.Fprintf(&b, "\n%s\n%s: %s\n%s\n\n", noticeRule, bl.title, bl.file, noticeRule)
		b.Write(text)
		if len(text) > 0 && text[len(text)-1] != '\n' {
			b.WriteByte('\n')
		}
	}
	return os.WriteFile(filepath.Join(dir, noticesName), b.Bytes(), 0o644)
}

// copyLicense copies hybridc's LICENSE from the module root into dir.
func copyLicense(root, dir string) error {
	text, err := os.ReadFile(filepath.Join(root, licenseName))
	if err != nil {
		return fmt.Errorf("hybridc's own license: %w", err)
	}
	return os.WriteFile(filepath.Join(dir, licenseName), text, 0o644)
}
