package runbook

import (
	"fmt"
	"strings"

	"github.com/hybridc/hybridc/compiler/pstext"
)

// Markdown escaping. Every value from the YAML reaches the runbook through
// one of these, or quoted by Quote inside a fenced code block.

// MdSpecial are the characters mdText escapes with a backslash: those that
// start emphasis, code, links, images, raw HTML, autolinks, entities,
// headings, tables and strikethrough, and ':' and '@', which GFM needs to
// turn bare URLs and e-mail addresses into links.
const MdSpecial = "\\`*_[]<>|#~&!:@"

// MdText escapes s for Markdown text: the result renders as s, literally,
// wherever inline text may stand (paragraphs, list items, headings, table
// cells). Line breaks, control characters and invisible bidirectional
// controls are shown as \uXXXX, so a value cannot end its line; a leading
// list or heading marker or indentation is neutralized; "www." cannot become
// a link.
func MdText(s string) string {
	var b strings.Builder
	start := true // still in the leading whitespace
	for i, r := range s {
		switch {
		case pstext.HiddenRune(r):
			fmt.Fprintf(&b, `\\u%04X`, r)
		case start && (r == ' ' || r == '\t'):
			fmt.Fprintf(&b, "&#%d;", r)
			continue
		case strings.ContainsRune(MdSpecial, r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '.' && i >= 3 && strings.EqualFold(s[i-3:i], "www"):
			b.WriteString(`\.`)
		case i == 0 && strings.ContainsRune("-+=", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case (r == '.' || r == ')') && i > 0 && isDigits(s[:i]):
			b.WriteByte('\\') // 1. or 1) would start an ordered list
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
		start = false
	}
	return b.String()
}

// MdCode returns s as a Markdown code span, which shows it literally: the
// fence is one backtick longer than the longest run of backticks in s, and
// a space pads values that start or end with a backtick or a space. Line
// breaks and other invisible characters are shown as \uXXXX. An empty s
// gives "".
func MdCode(s string) string {
	if s == "" {
		return ""
	}
	s = visible(s)
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// MdCell is mdCode for a GFM table cell, where a pipe ends the cell even
// inside a code span unless it is escaped.
func MdCell(s string) string { return strings.ReplaceAll(MdCode(s), "|", `\|`) }

// mdCodes is mdCode of each item, joined by commas.
func mdCodes[S ~string](items []S) string {
	parts := make([]string, 0, len(items))
	for _, s := range items {
		if s != "" {
			parts = append(parts, MdCode(string(s)))
		}
	}
	return strings.Join(parts, ", ")
}

// visible replaces the hidden runes of s with \uXXXX.
func visible(s string) string {
	if !strings.ContainsFunc(s, pstext.HiddenRune) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if pstext.HiddenRune(r) {
			fmt.Fprintf(&b, `\u%04X`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// longestRun is the length of the longest run of c in s.
func longestRun(s string, c byte) int {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}

// isDigits reports whether s is one or more ASCII digits.
func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// codeBlock is a fenced code block: its lines are PowerShell or shell code
// in which every value from the YAML is quoted (Quote) and every comment
// made safe (CommentText). The fence is longer than any run of backticks in
// the lines, so no line can close it.
type codeBlock struct {
	Fence string
	Lang  string
	Lines []string
}

// NewCodeBlock is a code block in language lang with the given lines.
func NewCodeBlock(lang string, lines ...string) *codeBlock {
	n := 3
	for i, l := range lines {
		lines[i] = visible(l)
		n = max(n, longestRun(lines[i], '`')+1)
	}
	return &codeBlock{Fence: strings.Repeat("`", n), Lang: lang, Lines: lines}
}

// Add appends a comment line and a command.
func (c *codeBlock) Add(comment, command string) {
	c.Comment(comment)
	c.Line(command)
}

// Comment appends a comment line.
func (c *codeBlock) Comment(comment string) { c.Line("# " + pstext.CommentText(comment)) }

// Line appends a line, lengthening the fence if the line has a longer run
// of backticks.
func (c *codeBlock) Line(l string) {
	l = visible(l)
	c.Lines = append(c.Lines, l)
	if n := longestRun(l, '`') + 1; n > len(c.Fence) {
		c.Fence = strings.Repeat("`", n)
	}
}

// ShellArg is s, a relative file or folder name, as a command-line
// argument: bare when it is plainly a file name, quoted (as PowerShell
// quotes) otherwise, and after ./ when it starts with a dash, which quoting
// does not stop a command from reading as an option.
func ShellArg(s string) string {
	if strings.HasPrefix(s, "-") {
		s = "./" + s
	}
	if plainArg().MatchString(s) {
		return s
	}
	return pstext.Quote(s)
}

// plainArg matches what shellArg leaves bare.
var plainArg = pstext.LazyRegexp(`^[A-Za-z0-9._/\\:-]+$`)
