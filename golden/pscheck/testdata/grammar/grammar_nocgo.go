//go:build !cgo

package grammar

import "github.com/hybridc/hybridc/golden/pscheck/syntaxtree"

// Parse is nil without cgo: the grammar is C code.
var Parse syntaxtree.Parser
