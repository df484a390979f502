package compiler

import (
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestWarningCodes: warningCodes holds exactly the codes that the
// package's warnf calls name, read from the source, so that a new warning
// cannot be missing from validate --allow-warning nor an error added.
func TestWarningCodes(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	consts := map[string]string{} // constant name -> string value
	var named []string            // the constants warnf calls name
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		file, err := parser.ParseFile(fset, f, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec:
				for i, name := range n.Names {
					if i < len(n.Values) {
						if lit, ok := n.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							consts[name.Name], _ = strconv.Unquote(lit.Value)
						}
					}
				}
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "warnf" && len(n.Args) >= 2 {
					id, ok := n.Args[1].(*ast.Ident)
					if !ok {
						t.Errorf("%s: warnf's code is not a constant", fset.Position(n.Pos()))
						return true
					}
					named = append(named, id.Name)
				}
			}
			return true
		})
	}
	want := map[string]bool{}
	for _, name := range named {
		code, ok := consts[name]
		if !ok {
			t.Errorf("warnf names %s, which is not a string constant of the package", name)
		}
		want[code] = true
	}
	if got, w := slices.Sorted(maps.Keys(warningCodes)), slices.Sorted(maps.Keys(want)); !slices.Equal(got, w) {
		t.Errorf("warningCodes = %v\nwarnf calls name %v", got, w)
	}
	if len(named) < 20 {
		t.Errorf("only %d warnf calls found: the source was not read", len(named))
	}
	if IsWarningCode(CodeYAMLSyntax) || !IsWarningCode(CodeExchangeEndOfSupport) {
		t.Error("IsWarningCode is wrong about HC0101 or HC0330")
	}
}
