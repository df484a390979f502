package cli

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"testing"
)

// rawSample holds each way a raw value can reach a stream that the
// checker must find, and safe writes it must pass.
const rawSample = `package cli

import ("fmt"; "io"; "os"; "strings")

func printable(s string) string { return s }

func sample(w io.Writer, b *os.File, name string, n int, err error) {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s\n", name)
	sb.WriteString(name)
	_, _ = io.WriteString(w, sb.String())
	_, _ = io.WriteString(w, name)
	_, _ = os.Stderr.Write([]byte(name))
	fmt.Fprintf(b, "%s", name)
	fmt.Fprintf(w, "%q", name)
	fmt.Fprintf(w, "%v", err)
	fmt.Fprintf(w, "%q %d %s %s", printable(name), n, "lit", printable(name)+"x")
	fmt.Fprintf(w, name)
}
`

// TestRawSitesCatches: the checker of TestNoRawNamesPrinted finds a raw
// value written into a builder, by io.WriteString, by a Write method, to a
// writer named b, under %q, an error, and a format that is not constant;
// each keyed by file, function and text, the second site in a function
// as "#2"; and it passes escaped values, ints and constants.
func TestRawSitesCatches(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "sample.go", rawSample, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: exportImporter(t, fset)}
	if _, err := conf.Check(cliPkg, fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	c := checker{fset: fset, info: info}
	c.function("sample.go sample", f.Decls[2].(*ast.FuncDecl).Body)
	var got []string
	for _, s := range c.sites {
		got = append(got, s.key)
	}
	want := []string{
		"sample.go sample name", "sample.go sample name #2", "sample.go sample name #3",
		"sample.go sample []byte(name)", "sample.go sample name #4", "sample.go sample name #5",
		"sample.go sample err", "sample.go sample name #6",
	}
	if !slices.Equal(got, want) {
		t.Errorf("raw sites:\n got %q\nwant %q", got, want)
	}
}
