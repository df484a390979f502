package compiler

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// docPending are the packages whose doc comment another change of issue
// 14 writes, with that change. Remove an entry once its package has one:
// the test fails while it does.
var docPending = map[string]string{}

// TestEveryPackageDocumented: every package of the module has a doc
// comment, "Package name ..." (or "Command name ..." for a command),
// including the test-only packages under testdata, which ./... leaves
// out. The doc comment is looked for in the package's files; a directory
// of test files only is documented by them.
func TestEveryPackageDocumented(t *testing.T) {
	root := ".."
	dirs := map[string][]string{} // directory -> its .go files
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go") {
			dirs[filepath.Dir(path)] = append(dirs[filepath.Dir(path)], path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 15 {
		t.Fatalf("only %d packages found under %s", len(dirs), root)
	}
	var rels []string
	for dir := range dirs {
		rel, _ := filepath.Rel(root, dir)
		rels = append(rels, filepath.ToSlash(rel))
	}
	sort.Strings(rels)
	for _, rel := range rels {
		doc := packageDoc(t, dirs[filepath.Join(root, filepath.FromSlash(rel))])
		_, pending := docPending[rel]
		switch {
		case doc == "" && !pending:
			t.Errorf("package %s has no doc comment: add %s/doc.go (\"// Package %s ...\")", rel, rel, filepath.Base(rel))
		case doc != "" && pending:
			t.Errorf("package %s has its doc comment now: remove it from docPending", rel)
		}
	}
}

// packageDoc is the doc comment of the package of files: of its non-test
// files, or of its test files when it has no other; "" when none has one
// of the expected form.
func packageDoc(t *testing.T, files []string) string {
	var plain, tests []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			tests = append(tests, f)
		} else {
			plain = append(plain, f)
		}
	}
	if len(plain) == 0 {
		plain = tests
	}
	for _, path := range plain {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.PackageClauseOnly|parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		if f.Doc == nil {
			continue
		}
		text, name := f.Doc.Text(), f.Name.Name
		if name == "main" {
			if strings.HasPrefix(text, "Command ") {
				return text
			}
		} else if strings.HasPrefix(text, "Package "+strings.TrimSuffix(name, "_test")+" ") {
			return text
		}
	}
	return ""
}
