package compiler

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/load"
	renderpkg "github.com/hybridc/hybridc/compiler/render"
)

// TestCanonicalText: a leading byte order mark is dropped, CRLF and a
// lone CR each become one LF, and nothing else changes.
func TestCanonicalText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"version: 1\n", "version: 1\n"},
		{"\ufeffversion: 1\n", "version: 1\n"},
		{"a: 1\r\nb: 2\r\n", "a: 1\nb: 2\n"},
		{"\ufeffa: 1\r\nb: 2\r\n", "a: 1\nb: 2\n"},
		{"a: 1\rb: 2\r", "a: 1\nb: 2\n"},       // classic Mac OS line ends: breaks to YAML
		{"a: 1\r\r\nb: 2", "a: 1\n\nb: 2"},     // a lone CR, then a CRLF
		{"a: 1\n\rb: 2", "a: 1\n\nb: 2"},       // LF, then a lone CR: two breaks
		{"a: \ufeff1\r\n", "a: \ufeff1\n"},     // only a leading byte order mark is dropped
		{"\ufeff\ufeffa: 1\n", "\ufeffa: 1\n"}, // and only one
		{"a: \"x\ty\"\n", "a: \"x\ty\"\n"},     // other control characters count
		{"", ""},
	}
	for _, tt := range tests {
		if got := string(load.CanonicalText([]byte(tt.in))); got != tt.want {
			t.Errorf("CanonicalText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// A canonical file's hash is sha256sum's, so the README's one-liners
	// check a header against a file with LF line breaks.
	data := []byte("version: 1\n")
	if sum := sha256.Sum256(data); load.SourceSHA256(data) != hex.EncodeToString(sum[:]) {
		t.Error("the hash of a file with LF line breaks is not its plain SHA-256")
	}
}

// lineEndings are the forms git and editors give a YAML file: as written
// (LF), as core.autocrlf=true checks it out (CRLF), with a byte order mark,
// and mixed. (A lone CR, classic Mac OS's line end, is refused: HC0108.)
var lineEndings = map[string]func(string) string{
	"CRLF":          func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") },
	"BOM":           func(s string) string { return "\ufeff" + s },
	"BOM and CRLF":  func(s string) string { return "\ufeff" + strings.ReplaceAll(s, "\n", "\r\n") },
	"mixed endings": func(s string) string { return strings.Replace(s, "\n", "\r\n", 3) },
}

// TestSourceHashIgnoresLineEndings: the same example with CRLF line
// breaks, a byte order mark or both compiles to byte-identical scripts and
// runbook, whose headers record one SHA-256, that of the LF file.
func TestSourceHashIgnoresLineEndings(t *testing.T) {
	lf, err := os.ReadFile("../examples/contoso-complete.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := compileFiles(t, load.Source{Name: "hybrid.yaml", Data: lf})
	sum := sha256.Sum256(lf)
	header := regexp.MustCompile(`\(SHA-256 ([0-9a-f]{64})\)`)
	for name, f := range want {
		if m := header.FindSubmatch(f); m == nil || string(m[1]) != hex.EncodeToString(sum[:]) {
			t.Fatalf("%s: the header does not record the SHA-256 of the LF file", name)
		}
	}
	for form, convert := range lineEndings {
		t.Run(form, func(t *testing.T) {
			got := compileFiles(t, load.Source{Name: "hybrid.yaml", Data: []byte(convert(string(lf)))})
			for name, w := range want {
				if !bytes.Equal(got[name], w) {
					t.Errorf("%s differs from the one compiled from the LF file (line %d)", name, diffLine(got[name], w))
				}
			}
		})
	}
}

// TestBundleHashIgnoresLineEndings: a directory configuration's manifest,
// and so its header hash, is the same whatever its files' line breaks.
func TestBundleHashIgnoresLineEndings(t *testing.T) {
	files := []load.Source{
		{Name: "config/00-version.yaml", Data: []byte("version: 1\n")},
		{Name: "config/10-online.yaml", Data: []byte("exchangeOnline:\n  tenant: contoso.onmicrosoft.com\n")},
	}
	want := load.SourceSHA256(load.Bundle{Name: "config", Files: files}.Source().Data)
	for form, convert := range lineEndings {
		var converted []load.Source
		for _, f := range files {
			converted = append(converted, load.Source{Name: f.Name, Data: []byte(convert(string(f.Data)))})
		}
		if got := load.SourceSHA256(load.Bundle{Name: "config", Files: converted}.Source().Data); got != want {
			t.Errorf("%s: the manifest's hash changed", form)
		}
	}
	edited := []load.Source{files[0], {Name: files[1].Name, Data: []byte("exchangeOnline:\n  tenant: fabrikam.onmicrosoft.com\n")}}
	if load.SourceSHA256(load.Bundle{Name: "config", Files: edited}.Source().Data) == want {
		t.Error("an edited file left the manifest's hash unchanged")
	}
}

// compileFiles compiles src and fails the test on any error.
func compileFiles(t *testing.T, src load.Source) renderpkg.Files {
	t.Helper()
	res, err := Compile(src, renderpkg.Options{ToolVersion: "test"})
	if err != nil || res.Files == nil {
		t.Fatalf("compile: %v\n%s", err, res.Diagnostics)
	}
	return res.Files
}

// diffLine is the 1-based line at which a and b first differ.
func diffLine(a, b []byte) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return bytes.Count(a[:i], []byte("\n")) + 1
}
