//go:build !cgo

package pscheck

import (
	"errors"
	"testing"
)

const noCgo = "pscheck needs cgo (tree-sitter PowerShell grammar): build the tests with CGO_ENABLED=1 and a C compiler"

// Require skips the test when the grammar is unavailable (no cgo). In this
// build (CGO_ENABLED=0) it always skips.
func Require(t testing.TB) {
	t.Helper()
	t.Skip(noCgo)
}

// parse always fails without cgo: the grammar is C code.
func parse([]byte) (*node, error) { return nil, errors.New(noCgo) }
