package cli

import (
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// escapingFuncs are the functions whose result is safe to print: they make
// hidden characters visible (printable, printableName, quoted, the report
// package's Visible and Name), or return numbers or hybridc's own text.
var escapingFuncs = map[string]bool{
	"printable": true, "printableName": true, "quoted": true, "mailboxLine": true,
	"report.Visible": true, "report.Name": true,
	"len": true, "batchCount": true, "batchNameList": true, // batchNameList: printable names
	"version": true, "plainVersion": true, "report.OneOf": true, // hybridc's version, its format names
}

// rawAllowed are the arguments printed as they are, by file and source
// text, each with why that is safe.
var rawAllowed = map[string]string{
	"batches.go b.ID":                           "an int",
	"batches.go warnSize":                       "an int",
	"cli.go cmd":                                "the command's name, a constant of hybridc",
	"cli.go width":                              "an int",
	"cli.go n":                                  "a command name, from the commands map",
	"cli.go commands[n].summary":                "hybridc's own text",
	"cli.go name":                               "a command name, from the commands map",
	"cli.go usageLine":                          "hybridc's own text",
	"cli.go strings.TrimSpace(help)":            "hybridc's own text",
	"export.go flagName":                        "a flag name of hybridc",
	"export.go problem":                         "hybridc's own text",
	"import.go flagName":                        "a flag name of hybridc",
	"journal.go journalName":                    "a constant file name",
	"journal.go what":                           "hybridc's own text with ints",
	"planstate.go cmd":                          "the command's name, a constant of hybridc",
	"progress.go elapsed":                       "a duration",
	"stale.go verb":                             "\"overwrite\" or \"remove\"",
	"validate.go strings.Join(unused, \",\")":   "warning codes the command line gave, checked against the codes found",
	"batches.go strings.TrimRight(line, \" \")": "a row of the size table: ints",
	"completion.go gen(describeCommands())":     "the completion script: each shell's quoting (completion_test)",
	"import.go strings.Join(compiler.ImportKinds, \", \")":                         "hybridc's kind names",
	"import.go count(len(im.Config.Mailboxes), \"mailbox\", \"mailboxes\")":        "an int and a word",
	"import.go count(len(im.Config.Permissions), \"permission\", \"permissions\")": "an int and a word",
	"import.go count(len(im.Config.ExchangeOnline.Groups), \"group\", \"groups\")": "an int and a word",
	"import.go count(skipped, \"entry\", \"entries\")":                             "an int and a word",
	"man.go manPage(describeCommands())":                                           "the man page: roff escaping (man_test)",
	"verify.go noChainMissing":                                                     "a constant message",
	"version.go cgoNote":                                                           "a constant message",
	"version.go line":                                                              "hybridc's version and build, its own text",
}

// TestNoRawNamesPrinted: every fmt.Fprint*, Print* call of cmd/cli that
// writes to a stream (standard output or error: not a strings.Builder,
// whose writer escapes its own way) prints each argument that is not a %q,
// %d or a literal through an escaping function, or is allowed in
// rawAllowed with a reason; so a file name, path or value from the file
// system or a configuration cannot reach a terminal or a CI log raw.
// (complain escapes everything it prints.)
func TestNoRawNamesPrinted(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	used := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			args, ok := streamPrintArgs(call)
			if !ok {
				return true
			}
			verbs := formatVerbs(args)
			for i, a := range args[min(1, len(args)):] {
				if isSafeArg(a, verbs, i) {
					continue
				}
				key := name + " " + exprText(fset, a)
				if _, ok := rawAllowed[key]; ok {
					used[key] = true
					continue
				}
				t.Errorf("%s: %s printed raw: escape it (printable, printableName, e.complain) or allow it in rawAllowed with why it is safe", fset.Position(a.Pos()), exprText(fset, a))
			}
			return true
		})
	}
	for k := range rawAllowed {
		if !used[k] {
			t.Errorf("rawAllowed %q: no such argument any more; remove it", k)
		}
	}
}

// streamPrintArgs returns the arguments after the writer of a fmt call that
// prints to a stream (Fprint* to anything but a builder, or Print*), the
// format first where there is one.
func streamPrintArgs(call *ast.CallExpr) ([]ast.Expr, bool) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return nil, false
	}
	if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "fmt" {
		return nil, false
	}
	switch sel.Sel.Name {
	case "Printf":
		return call.Args, true
	case "Print", "Println":
		return append([]ast.Expr{nil}, call.Args...), true
	case "Fprintf", "Fprint", "Fprintln":
		if len(call.Args) == 0 {
			return nil, false
		}
		if u, ok := call.Args[0].(*ast.UnaryExpr); ok && u.Op == token.AND {
			return nil, false // &b: a builder
		}
		if id, ok := call.Args[0].(*ast.Ident); ok && id.Name == "b" {
			return nil, false // b: a *strings.Builder
		}
		if sel.Sel.Name == "Fprintf" {
			return call.Args[1:], true
		}
		return append([]ast.Expr{nil}, call.Args[1:]...), true
	}
	return nil, false
}

// formatVerbs returns the verb of each argument of a literal format
// (nil where the format is not a literal or indexes its arguments).
func formatVerbs(args []ast.Expr) []byte {
	if len(args) == 0 || args[0] == nil {
		return nil
	}
	lit, ok := args[0].(*ast.BasicLit)
	if !ok {
		return nil
	}
	format, err := strconv.Unquote(lit.Value)
	if err != nil || strings.Contains(format, "%[") {
		return nil
	}
	var verbs []byte
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0123456789.*", format[i]) >= 0 {
			i++
		}
		if i < len(format) && format[i] != '%' {
			verbs = append(verbs, format[i])
		}
	}
	return verbs
}

// isSafeArg reports whether argument i is printed safely: a literal, a %q
// or a %d, or the result of an escaping function.
func isSafeArg(a ast.Expr, verbs []byte, i int) bool {
	if i < len(verbs) && (verbs[i] == 'q' || verbs[i] == 'd') {
		return true
	}
	switch a := a.(type) {
	case *ast.BasicLit:
		return true
	case *ast.CallExpr:
		switch fn := a.Fun.(type) {
		case *ast.Ident:
			return escapingFuncs[fn.Name]
		case *ast.SelectorExpr:
			if pkg, ok := fn.X.(*ast.Ident); ok {
				return escapingFuncs[pkg.Name+"."+fn.Sel.Name]
			}
		}
	}
	return false
}

// exprText is the source text of e.
func exprText(fset *token.FileSet, e ast.Expr) string {
	var b strings.Builder
	_ = printer.Fprint(&b, fset, e)
	return b.String()
}
