// Package golden holds hybridc's golden-file tests. Each directory under
// cases/ is one case: input.yaml and, beside it, exactly the files compiling
// it must give: the scripts for a valid input, diagnostics.txt when the
// compiler reports anything (always, for an invalid input). Cases are found
// automatically; refresh the expected files with
//
//	go test ./golden -update
//
// and review the diff. Every expected script is also parsed with a real
// PowerShell grammar and checked against Microsoft's cmdlet catalog
// (package pscheck).
package golden
