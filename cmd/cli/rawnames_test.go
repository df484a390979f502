package cli

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/printer"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// escapingFuncs are the functions (types.Func.FullName) whose result is
// safe to print: they make hidden characters visible (printable,
// printableName, quoted, the report package's Visible and Name), or
// return numbers or hybridc's own text.
var escapingFuncs = map[string]bool{
	cliPkg + ".printable": true, cliPkg + ".printableName": true, cliPkg + ".quoted": true,
	cliPkg + ".mailboxLine": true, cliPkg + ".batchCount": true,
	cliPkg + ".batchNameList": true,                                 // printable names
	cliPkg + ".version":       true, cliPkg + ".plainVersion": true, // hybridc's version
	reportPkg + ".Visible": true, reportPkg + ".Name": true,
	reportPkg + ".OneOf":   true, // hybridc's format names
	cliPkg + ".countsText": true, // ints and hybridc's words
}

// formatEscapers escape for the format they write, not for a terminal:
// their results are safe in that format, and their own bodies, which
// write the runes they escape, are not checked. Each has its reason.
var formatEscapers = map[string]string{
	cliPkg + ".roffEscape":      "man page: roff escaping (man_test)",
	cliPkg + ".roffArg":         "man page: a roff argument, escaped (man_test)",
	cliPkg + ".bashQuote":       "completion script: bash quoting (completion_test)",
	cliPkg + ".bashWords":       "completion script: bash quoting of each word (completion_test)",
	cliPkg + ".fishQuote":       "completion script: fish quoting (completion_test)",
	cliPkg + ".psQuote":         "completion script: PowerShell quoting (completion_pwsh_test)",
	cliPkg + ".psList":          "completion script: PowerShell quoting of each item (completion_pwsh_test)",
	cliPkg + ".code":            "plan Markdown: punctuation as character references, hidden runes visible",
	"html.EscapeString":         "plan Markdown: HTML escaping",
	reportPkg + ".escapeData":   "GitHub annotations: the workflow command escaping of the message",
	reportPkg + ".writeEscaped": "JSON: the escaping of a JSON string",
	reportPkg + ".visible":      "the body of Visible",
}

const (
	cliPkg    = "github.com/hybridc/hybridc/cmd/cli"
	reportPkg = cliPkg + "/report"
)

// TestNoRawNamesPrinted: every value cmd/cli and cmd/cli/report write to
// a stream or into a text buffer (fmt.Print*, fmt.Fprint* to any writer,
// io.WriteString, Write/WriteString/WriteByte/WriteRune methods, so also
// strings.Builder and bytes.Buffer, whose text is written later) is a
// constant, a number or bool, the String() of such a buffer (its writes
// are checked here), or the result of an escaping function; or it is
// allowed in rawAllowed, by file, function and source text (the n-th site
// with the same text in one function is "#n"), with a reason. %q is no
// escape: it leaves "##[" (a GitHub workflow command) as it is. So a file
// name, path or value from the file system or a configuration cannot
// reach a terminal or a CI log raw.
func TestNoRawNamesPrinted(t *testing.T) {
	fset := token.NewFileSet()
	imp := exportImporter(t, fset)
	used := map[string]bool{}
	for _, dir := range []string{".", "report"} {
		for _, site := range rawSites(t, fset, imp, dir) {
			if _, ok := rawAllowed[site.key]; ok {
				used[site.key] = true
				continue
			}
			t.Errorf("%s: %s printed raw (allow key %q): escape it (printable, printableName, e.complain) or allow it in rawAllowed with why it is safe", site.pos, site.text, site.key)
		}
	}
	for k := range rawAllowed {
		if !used[k] {
			t.Errorf("rawAllowed %q: no such argument any more; remove it", k)
		}
	}
}

// rawSite is one value written without escaping.
type rawSite struct {
	key, text string
	pos       token.Position
}

// exportImporter imports packages from the export data `go list -export`
// gives (the standard library and this module's packages).
func exportImporter(t *testing.T, fset *token.FileSet) types.Importer {
	t.Helper()
	out, err := exec.Command("go", "list", "-export", "-deps", "-f", "{{.ImportPath}}={{.Export}}", ".").Output()
	if err != nil {
		t.Fatalf("go list -export: %v", err)
	}
	exports := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if path, file, ok := strings.Cut(line, "="); ok && file != "" {
			exports[path] = file
		}
	}
	return importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		if f, ok := exports[path]; ok {
			return os.Open(f)
		}
		return nil, fmt.Errorf("no export data for %s", path)
	})
}

// rawSites type-checks the non-test files of dir and returns the values
// they write raw.
func rawSites(t *testing.T, fset *token.FileSet, imp types.Importer, dir string) []rawSite {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	sort.Strings(names)
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: imp}
	path := cliPkg
	if dir != "." {
		path = reportPkg
	}
	if _, err := conf.Check(path, fset, files, info); err != nil {
		t.Fatalf("type-check %s: %v", dir, err)
	}
	c := checker{fset: fset, info: info}
	for _, f := range files {
		file := filepath.ToSlash(fset.Position(f.Pos()).Filename)
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil || fn.Recv == nil && formatEscapers[path+"."+fn.Name.Name] != "" {
				continue
			}
			c.function(file+" "+funcName(fn), fn.Body)
		}
	}
	return c.sites
}

// funcName is fn's name, with its receiver type for a method.
func funcName(fn *ast.FuncDecl) string {
	if fn.Recv == nil || len(fn.Recv.List) == 0 {
		return fn.Name.Name
	}
	typ := fn.Recv.List[0].Type
	if s, ok := typ.(*ast.StarExpr); ok {
		typ = s.X
	}
	if id, ok := typ.(*ast.Ident); ok {
		return id.Name + "." + fn.Name.Name
	}
	return fn.Name.Name
}

// checker collects the raw values written in a package.
type checker struct {
	fset  *token.FileSet
	info  *types.Info
	sites []rawSite
}

// function checks the writes in one function body (closures included).
func (c *checker) function(where string, body *ast.BlockStmt) {
	seen := map[string]int{}
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		for _, a := range c.written(call) {
			if c.safe(a) {
				continue
			}
			text := exprText(c.fset, a)
			key := where + " " + text
			seen[key]++
			if seen[key] > 1 {
				key = fmt.Sprintf("%s #%d", key, seen[key])
			}
			c.sites = append(c.sites, rawSite{key: key, text: text, pos: c.fset.Position(a.Pos())})
		}
		return true
	})
}

// written returns the values call writes as text: the format and
// arguments of a fmt print, the text of io.WriteString, the argument of a
// Write, WriteString, WriteByte or WriteRune method.
func (c *checker) written(call *ast.CallExpr) []ast.Expr {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if fn, ok := c.info.Uses[sel.Sel].(*types.Func); ok && fn.Pkg() != nil {
		switch fn.Pkg().Path() + "." + fn.Name() {
		case "fmt.Printf", "fmt.Print", "fmt.Println":
			return call.Args
		case "fmt.Fprintf", "fmt.Fprint", "fmt.Fprintln", "io.WriteString":
			return call.Args[1:]
		}
		sig, _ := fn.Type().(*types.Signature)
		if sig == nil || sig.Recv() == nil {
			return nil
		}
		switch fn.Name() {
		case "Write", "WriteString", "WriteByte", "WriteRune":
			if len(call.Args) == 1 {
				return call.Args
			}
		}
	}
	return nil
}

// safe reports whether a is safe to write: a constant, a number or bool
// (not a byte or rune: a character), a concatenation or conversion of
// safe values, the String() or Bytes() of a strings.Builder or
// bytes.Buffer (whose writes this test checks), or the result of an
// escaping function.
func (c *checker) safe(a ast.Expr) bool {
	tv := c.info.Types[a]
	if tv.Value != nil {
		return true
	}
	if b, ok := tv.Type.Underlying().(*types.Basic); ok && b.Info()&(types.IsNumeric|types.IsBoolean) != 0 &&
		b.Kind() != types.Byte && b.Kind() != types.Rune {
		return true
	}
	switch a := a.(type) {
	case *ast.ParenExpr:
		return c.safe(a.X)
	case *ast.BinaryExpr:
		return a.Op == token.ADD && c.safe(a.X) && c.safe(a.Y)
	case *ast.CallExpr:
		if c.info.Types[a.Fun].IsType() && len(a.Args) == 1 {
			return c.safe(a.Args[0]) // a conversion
		}
		var id *ast.Ident
		switch fn := a.Fun.(type) {
		case *ast.Ident:
			id = fn
		case *ast.SelectorExpr:
			id = fn.Sel
			if (fn.Sel.Name == "String" || fn.Sel.Name == "Bytes") && isBuffer(c.info.Types[fn.X].Type) {
				return true
			}
		}
		if fn, ok := c.info.Uses[id].(*types.Func); ok && fn.Pkg() != nil {
			name := fn.Pkg().Path() + "." + fn.Name()
			return escapingFuncs[name] || formatEscapers[name] != ""
		}
	}
	return false
}

// isBuffer reports whether t is a strings.Builder or bytes.Buffer (or a
// pointer to one).
func isBuffer(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	name := n.Obj().Pkg().Path() + "." + n.Obj().Name()
	return name == "strings.Builder" || name == "bytes.Buffer"
}

// exprText is the source text of e.
func exprText(fset *token.FileSet, e ast.Expr) string {
	var b strings.Builder
	_ = printer.Fprint(&b, fset, e)
	return b.String()
}
