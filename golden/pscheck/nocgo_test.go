//go:build !cgo

package pscheck

import (
	"strings"
	"testing"
)

func TestWithoutCgo(t *testing.T) {
	reached := false
	t.Run("Require skips", func(t *testing.T) {
		Require(t)
		reached = true
	})
	if reached {
		t.Error("Require did not skip without cgo")
	}
	if f := SyntaxErrors([]byte("Write-Output 1")); len(f) != 1 || !strings.Contains(f[0].Msg, "needs cgo") {
		t.Errorf("SyntaxErrors = %v, want one 'needs cgo' finding", f)
	}
	if f := CheckCatalog([]byte("Get-Mailbox"), onPrem2019); len(f) != 1 || !strings.Contains(f[0].Msg, "needs cgo") {
		t.Errorf("CheckCatalog = %v, want one 'needs cgo' finding", f)
	}
	if _, err := Commands([]byte("Get-Mailbox")); err == nil {
		t.Error("Commands returned no error without cgo")
	}
	if s := LiteralStrings([]byte("'a'")); s != nil {
		t.Errorf("LiteralStrings = %q, want nil", s)
	}
}
