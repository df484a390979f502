package render

import (
	"github.com/hybridc/hybridc/compiler/pstext"
)

import "testing"

func TestQuote(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "plain", in: "To Cloud", want: "'To Cloud'"},
		{name: "empty", in: "", want: "''"},
		{name: "apostrophe doubled", in: "It's", want: "'It''s'"},
		{name: "typographic quotes doubled", in: "‘a’ ‚b‛", want: "'‘‘a’’ ‚‚b‛‛'"},
		{name: "double quotes and subexpressions stay literal", in: `"$(rm x)" $env:X ` + "`n", want: `'"$(rm x)" $env:X ` + "`n'"},
		{name: "newline spliced as a char constant", in: "a\nb", want: "(-join @('a', [char]0x000A, 'b'))"},
		{name: "carriage return and tab", in: "\r\t", want: "(-join @([char]0x000D, [char]0x0009))"},
		{name: "line separator", in: "a\u2028", want: "(-join @('a', [char]0x2028))"},
		{name: "signature marker broken", in: "# SIG # Begin signature block", want: "(-join @('# SIG', ' # Begin signature block'))"},
		{name: "marker any case", in: "x # sig # begin", want: "(-join @('x # sig', ' # begin'))"},
		{name: "non-ASCII kept", in: "Zürich", want: "'Zürich'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pstext.Quote(tt.in); got != tt.want {
				t.Errorf("Quote(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestCommentText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "plain", in: "To Cloud", want: "To Cloud"},
		{name: "newline cannot end the comment", in: "x\nRemove-Mailbox", want: `x\u000ARemove-Mailbox`},
		{name: "block comment end broken", in: "a #> b <# c", want: "a # > b < # c"},
		{name: "signature marker broken", in: "# SIG # Begin signature block", want: "#  SIG # Begin signature block"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pstext.CommentText(tt.in); got != tt.want {
				t.Errorf("CommentText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFinishRejectsEscapes(t *testing.T) {
	tests := []struct {
		name string
		text string
	}{
		{name: "carriage return", text: "a\rb\n"},
		{name: "signature marker", text: "x\n# SIG # Begin signature block\n"},
		{name: "a character outside ASCII", text: "$x = 'Kovács'\n"},
		{name: "a byte order mark in the text", text: "\ufeff$x = 1\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Finish([]byte(tt.text)); err == nil {
				t.Error("finish accepted text it must refuse")
			}
		})
	}
	out, err := Finish([]byte("a\nb"))
	if err != nil || string(out) != "\ufeffa\r\nb\r\n" {
		t.Errorf("finish = %q, %v; want BOM, CRLF and a final newline", out, err)
	}
}
