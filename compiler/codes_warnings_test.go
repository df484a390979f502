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

	"github.com/hybridc/hybridc/compiler/diag"
)

// TestWarningCodes: warningCodes holds exactly the codes that the
// compiler's Warnf calls name (in every stage package), read from the
// source, so that a new warning cannot be missing from validate
// --allow-warning nor an error added.
func TestWarningCodes(t *testing.T) {
	// the root and the stage packages below it
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	sub, err := filepath.Glob("*/*.go")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, sub...)
	fset := token.NewFileSet()
	consts := map[string]string{} // constant name -> string value
	var named []string            // the constants Warnf calls name
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
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Warnf" && len(n.Args) >= 2 {
					arg := n.Args[1]
					if sel, ok := arg.(*ast.SelectorExpr); ok {
						arg = sel.Sel // diag.CodeX from another stage
					}
					id, ok := arg.(*ast.Ident)
					if !ok {
						t.Errorf("%s: Warnf's code is not a constant", fset.Position(n.Pos()))
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
			t.Errorf("Warnf names %s, which is not a string constant of the package", name)
		}
		want[code] = true
	}
	if got, w := slices.Sorted(maps.Keys(diag.WarningCodes)), slices.Sorted(maps.Keys(want)); !slices.Equal(got, w) {
		t.Errorf("warningCodes = %v\nWarnf calls name %v", got, w)
	}
	if len(named) < 20 {
		t.Errorf("only %d Warnf calls found: the source was not read", len(named))
	}
	if diag.IsWarningCode(diag.CodeYAMLSyntax) || !diag.IsWarningCode(diag.CodeExchangeEndOfSupport) {
		t.Error("IsWarningCode is wrong about HC0101 or HC0330")
	}
}
