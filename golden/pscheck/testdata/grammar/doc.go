// Package grammar parses PowerShell with the tree-sitter PowerShell grammar
// (github.com/wharflab/tree-sitter-powershell), which is C code built with
// cgo. It is test-only: it sits in a testdata directory, which the go
// tool's ./... pattern leaves out, so that "go install ./..." (as
// pre-commit runs it) and "go vet ./..." never compile C, and hybridc
// stays pure Go. Test packages that check scripts register it:
//
//	func init() { pscheck.UseGrammar(grammar.Parse) }
//
// Without cgo, Parse is nil and pscheck's tests skip with a message.
package grammar
