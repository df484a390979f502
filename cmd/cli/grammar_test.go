package cli

import (
	"github.com/hybridc/hybridc/golden/pscheck"
	"github.com/hybridc/hybridc/golden/pscheck/testdata/grammar"
)

// The tree-sitter PowerShell grammar for pscheck: registered from a test
// file, so that only tests link its C code (nil without cgo).
func init() { pscheck.UseGrammar(grammar.Parse) }
