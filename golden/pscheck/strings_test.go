package pscheck

import (
	"reflect"
	"testing"
)

func TestLiteralStrings(t *testing.T) {
	Require(t)
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{name: "doubled apostrophe", src: "Write-Output 'it''s'\n", want: []string{"it's"}},
		{name: "doubled curly quotes", src: "Write-Output 'O’’Brien' 'a‘‘b' 'c‚‚d' 'e‛‛f'\n", want: []string{"O’Brien", "a‘b", "c‚d", "e‛f"}},
		{name: "a curly quote pairs with the next quote", src: "Write-Output 'x’''y'\n", want: []string{"x'"}}, // PowerShell: 'x’' then y'
		{name: "hostile text stays one literal", src: "Write-Output '$(Remove-Item C:\\) ; | `n \"x\" # SIG # Begin signature block'\n", want: []string{"$(Remove-Item C:\\) ; | `n \"x\" # SIG # Begin signature block"}},
		{name: "undoubled curly quote cuts the value as PowerShell does", src: "Write-Output 'a’b'\n", want: []string{"a"}},
		{name: "constant double-quoted string", src: "Write-Output \"a`tb\" \"say \"\"hi\"\"\"\n", want: []string{"a\tb", "say \"hi\""}},
		{name: "expanding strings are left out", src: "Write-Output \"$name\" \"$(Get-Date)\" 'kept'\n", want: []string{"kept"}},
		{name: "verbatim here-string", src: "$a = @'\nline 1\n'quoted' $x\n'@\n", want: []string{"line 1\n'quoted' $x"}},
		{name: "verbatim here-string CRLF", src: "$a = @'\r\nline 1\r\nline 2\r\n'@\r\n", want: []string{"line 1\r\nline 2"}},
		{name: "hashtable keys and values", src: "$h = @{ 'Key' = 'v' }\n", want: []string{"Key", "v"}},
		{name: "strings inside script blocks", src: "Invoke-Command -ScriptBlock { Write-Output 'inner' }\n", want: []string{"inner"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LiteralStrings([]byte(tt.src)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("LiteralStrings = %q, want %q", got, tt.want)
			}
		})
	}
}
