package compiler

import (
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/load"
)

// TestTextForm: a file YAML would read otherwise than git shows it is
// refused at the offending character (HC0108); UTF-8 with LF or CRLF line
// breaks, a byte order mark and letters outside ASCII are read.
func TestTextForm(t *testing.T) {
	const hidden = "  - {access: FullAccess, mailbox: BOSS1, trustee: ONPREM4}"
	tests := []struct {
		name, data, want string // want: "" accepted, else the position and message start
	}{
		{"LF", "version: 1\n# Zoë\n", ""},
		{"CRLF and a BOM", "\ufeffversion: 1\r\n", ""},
		{"lone CR", "version: 1\r# x\r" + hidden + "\n", "f.yaml:1:11: error HC0108: a carriage return without a line feed"},
		{"CR at the end", "version: 1\r", "f.yaml:1:11: error HC0108: a carriage return"},
		{"U+2028 in a comment", "version: 1\n# x\u2028" + hidden + "\n", "f.yaml:2:4: error HC0108: U+2028: YAML reads it as a line break"},
		{"U+2029", "a: b\u2029", "f.yaml:1:5: error HC0108: U+2029"},
		{"NEL", "a: b # \u0085c\n", "f.yaml:1:8: error HC0108: U+0085"},
		{"UTF-16 LE", "\xff\xfev\x00:\x00", "f.yaml:1:1: error HC0108: the file is UTF-16 or UTF-32"},
		{"UTF-16 BE", "\xfe\xff\x00v", "f.yaml:1:1: error HC0108: the file is UTF-16 or UTF-32"},
		{"invalid UTF-8", "a: \xe9t\xe9\n", "f.yaml:1:4: error HC0108: byte 0xE9 is not UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := load.Load(load.Source{Name: "f.yaml", Data: []byte(tt.data)})
			got := diags.String()
			if tt.want == "" {
				if strings.Contains(got, "HC0108") {
					t.Fatalf("refused: %s", got)
				}
				return
			}
			if !strings.HasPrefix(got, tt.want) {
				t.Fatalf("got %q, want it to start %q", got, tt.want)
			}
		})
	}
}
