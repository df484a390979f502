package compiler

import (
	"github.com/hybridc/hybridc/compiler/runbook"
)

import "testing"

func TestMdText(t *testing.T) {
	for _, c := range []struct {
		name, in, want string
	}{
		{name: "plain", in: "To Cloud", want: "To Cloud"},
		{name: "link", in: "[x](https://evil.example)", want: `\[x\](https\://evil.example)`},
		{name: "image", in: "![x](y)", want: `\!\[x\](y)`},
		{name: "html", in: "<img src=x onerror=alert(1)>", want: `\<img src=x onerror=alert(1)\>`},
		{name: "autolink", in: "<https://evil.example>", want: `\<https\://evil.example\>`},
		{name: "bare www", in: "see www.evil.example", want: `see www\.evil.example`},
		{name: "e-mail", in: "a@evil.example", want: `a\@evil.example`},
		{name: "emphasis", in: "*a* _b_ ~~c~~", want: `\*a\* \_b\_ \~\~c\~\~`},
		{name: "code", in: "a`b", want: "a\\`b"},
		{name: "backslash", in: `a\b`, want: `a\\b`},
		{name: "table", in: "a | b", want: `a \| b`},
		{name: "entity", in: "&lt;", want: `\&lt;`},
		{name: "newline and heading", in: "a\n# b", want: `a\\u000A\# b`},
		{name: "carriage return", in: "a\rb", want: `a\\u000Db`},
		{name: "line separator", in: "a\u2028b", want: `a\\u2028b`},
		{name: "bidi override", in: "a\u202Eb", want: `a\\u202Eb`},
		{name: "leading heading", in: "# b", want: `\# b`},
		{name: "leading bullet", in: "- b", want: `\- b`},
		{name: "leading plus", in: "+ b", want: `\+ b`},
		{name: "leading setext", in: "===", want: `\===`},
		{name: "leading ordered", in: "12. b", want: `12\. b`},
		{name: "leading ordered paren", in: "1) b", want: `1\) b`},
		{name: "digits later", in: "CU 23.", want: "CU 23."},
		{name: "leading indentation", in: "    code", want: "&#32;&#32;&#32;&#32;code"},
		{name: "leading tab", in: "\tcode", want: "\\\\u0009code"},
		{name: "quote marker", in: "> b", want: `\> b`},
	} {
		if got := runbook.MdText(c.in); got != c.want {
			t.Errorf("%s: mdText(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestMdCode(t *testing.T) {
	for _, c := range []struct {
		name, in, want string
	}{
		{name: "plain", in: "To Cloud", want: "`To Cloud`"},
		{name: "markdown inside", in: "[x](y) <b> *c*", want: "`[x](y) <b> *c*`"},
		{name: "one backtick", in: "a`b", want: "``a`b``"},
		{name: "runs", in: "a``b`c", want: "```a``b`c```"},
		{name: "leading backtick", in: "`a", want: "`` `a ``"},
		{name: "trailing backtick", in: "a`", want: "`` a` ``"},
		{name: "leading space", in: " a", want: "`  a `"},
		{name: "newline", in: "a\nb", want: "`a\\u000Ab`"},
		{name: "empty", in: "", want: ""},
	} {
		if got := runbook.MdCode(c.in); got != c.want {
			t.Errorf("%s: mdCode(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
	if got, want := runbook.MdCell("a|b"), "`a\\|b`"; got != want {
		t.Errorf("mdCell(a|b) = %q, want %q", got, want)
	}
	b := runbook.NewCodeBlock("powershell", "Get-Recipient -Identity 'a````b'")
	if b.Fence != "`````" {
		t.Errorf("code block fence %q, want 5 backticks", b.Fence)
	}
	b.Add("x``````y", "z")
	if b.Fence != "```````" {
		t.Errorf("code block fence after add %q, want 7 backticks", b.Fence)
	}
}

func TestShellArg(t *testing.T) {
	for _, tt := range []struct {
		name, in, want string
	}{
		{name: "plain file name", in: "hybrid.yaml", want: "hybrid.yaml"},
		{name: "space", in: "my config", want: "'my config'"},
		{name: "code", in: "$(x)", want: "'$(x)'"},
		{name: "a dash is not an option", in: "-o", want: "./-o"},
		{name: "a dash and quoting", in: "--x=1 y", want: "'./--x=1 y'"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := runbook.ShellArg(tt.in); got != tt.want {
				t.Errorf("shellArg(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
