//go:build !cgo

package pscheck

import (
	"reflect"
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
	checks := []struct {
		name  string
		check func([]byte) []Finding
	}{
		{name: "CheckErrorAction", check: CheckErrorAction},
		{name: "CheckReadOnly", check: CheckReadOnly},
		{name: "CheckWriteGuarded", check: CheckWriteGuarded},
		{name: "CheckNoRemoval", check: func(src []byte) []Finding { return CheckNoRemoval(src, RemovesAny) }},
	}
	for _, c := range checks {
		if f := c.check([]byte("Set-Mailbox")); len(f) != 1 || !strings.Contains(f[0].Msg, "needs cgo") {
			t.Errorf("%s = %v, want one 'needs cgo' finding", c.name, f)
		}
	}
	if _, err := DataSections([]byte("data { 'a' }")); err == nil {
		t.Error("DataSections returned no error without cgo")
	}
	if s := StringLiterals([]byte("'a'")); s != nil {
		t.Errorf("StringLiterals = %v, want nil", s)
	}
	if s := Comments([]byte("# a")); s != nil {
		t.Errorf("Comments = %v, want nil", s)
	}
	// Nothing can be proven to sit in a data section: every occurrence counts.
	want := []Pos{{Offset: 13, Line: 1, Col: 14, In: "source"}}
	if got := OutsideData([]byte("$d = data { 'MK' }"), "MK"); !reflect.DeepEqual(got, want) {
		t.Errorf("OutsideData = %+v, want %+v", got, want)
	}
}
