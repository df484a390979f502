package cli

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoRegexpCompiledAtStart holds the packages hybridc is built from
// to compiling their regular expressions on first use (pstext.LazyRegexp,
// lazyRegexp, sync.OnceValue): a package-level variable initialized with
// regexp.MustCompile is compiled when any command starts, whether it
// needs it or not, as a dozen of them once were (0.4 ms of every run).
func TestNoRegexpCompiledAtStart(t *testing.T) {
	fset := token.NewFileSet()
	for _, root := range []string{"../../cmd/hybridc", "../../cmd/cli", "../../cmd/authenticode", "../../compiler", "../../schema", "../../templates"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "testdata" {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			for _, at := range regexpsAtInit(f) {
				t.Errorf("%s: a package-level variable compiles a regular expression when the process starts; compile it on first use", fset.Position(at))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// regexpsAtInit returns where a package-level variable's initializer calls
// regexp's Compile or MustCompile outside a function literal.
func regexpsAtInit(f *ast.File) []token.Pos {
	var at []token.Pos
	for _, decl := range f.Decls {
		g, ok := decl.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			continue
		}
		ast.Inspect(g, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok {
					if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "regexp" && strings.Contains(sel.Sel.Name, "Compile") {
						at = append(at, n.Pos())
					}
				}
			}
			return true
		})
	}
	return at
}
