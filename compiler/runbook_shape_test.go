package compiler

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/hybridc/hybridc/compiler/runbook"
)

// markdownShape classifies each line by the Markdown block it starts or
// continues: heading level, list marker and indentation, fence, code, table
// row with its number of cells, blank or text.
func markdownShape(md string) []string {
	var shape []string
	fence := ""
	list := regexp.MustCompile(`^( *)([-+*]|\d+[.)])( +)`)
	for _, line := range strings.Split(md, "\n") {
		switch {
		case fence != "":
			if closesFence(line, fence) {
				shape, fence = append(shape, "fence"), ""
			} else {
				shape = append(shape, "code")
			}
		case strings.HasPrefix(strings.TrimLeft(line, " "), "```"):
			fence = strings.TrimRight(strings.TrimLeft(line, " "), "abcdefghijklmnopqrstuvwxyz")
			shape = append(shape, "fence")
		case line == "":
			shape = append(shape, "blank")
		case strings.HasPrefix(line, "#"):
			shape = append(shape, "heading"+strings.Repeat("#", len(line)-len(strings.TrimLeft(line, "#"))))
		case strings.HasPrefix(line, "|"):
			shape = append(shape, "row of "+strconv.Itoa(cellDelimiters(line)))
		case list.MatchString(line):
			m := list.FindStringSubmatch(line)
			shape = append(shape, "item "+m[1]+m[2]+m[3])
		case strings.HasPrefix(line, ">"):
			shape = append(shape, "quote")
		default:
			shape = append(shape, "text "+strings.Repeat(" ", len(line)-len(strings.TrimLeft(line, " "))))
		}
	}
	return shape
}

// cellDelimiters counts the pipes that delimit the cells of a GFM table
// row: every pipe not preceded by a backslash, even inside a code span.
func cellDelimiters(line string) int {
	n := 0
	for i := 0; i < len(line); i++ {
		if line[i] == '|' && (i == 0 || line[i-1] != '\\') {
			n++
		}
	}
	return n
}

// outsideCode is md without fenced code blocks and code spans, with every
// backslash-escaped character replaced by a NUL and the entities mdText
// writes for leading whitespace removed: what remains is text that Markdown
// interprets.
func outsideCode(md string) string {
	var b strings.Builder
	fence := ""
	for _, line := range strings.Split(md, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		if fence != "" {
			if closesFence(line, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(trimmed, "```") {
			fence = strings.TrimRight(trimmed, "abcdefghijklmnopqrstuvwxyz")
			continue
		}
		line = strings.NewReplacer("&#32;", "", "&#9;", "").Replace(line)
		for i := 0; i < len(line); {
			switch {
			case line[i] == '\\' && i+1 < len(line) && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", line[i+1]) >= 0:
				b.WriteByte(0)
				i += 2
			case line[i] == '`':
				n := runLength(line[i:], '`')
				if end := closingRun(line[i+n:], n); end >= 0 {
					i += n + end + n
					continue
				}
				b.WriteString(line[i : i+n])
				i += n
			default:
				b.WriteByte(line[i])
				i++
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// closesFence reports whether line closes a code block opened by fence: up
// to three spaces, at least as many backticks, nothing else but spaces.
func closesFence(line, fence string) bool {
	trimmed := strings.TrimRight(line, " ")
	indent := len(trimmed) - len(strings.TrimLeft(trimmed, " "))
	trimmed = trimmed[indent:]
	return indent <= 3 && len(trimmed) >= len(fence) && strings.Trim(trimmed, "`") == ""
}

func runLength(s string, c byte) int {
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	return n
}

// closingRun is the offset of the next run of exactly n backticks in s, or
// -1.
func closingRun(s string, n int) int {
	for i := 0; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		m := runLength(s[i:], '`')
		if m == n {
			return i
		}
		i += m
	}
	return -1
}

// specialCounts counts the characters Markdown interprets.
func specialCounts(text string) [16]int {
	var counts [16]int
	for i, c := range []byte(runbook.MdSpecial + "\n") {
		counts[i] = strings.Count(text, string(c))
	}
	return counts
}

func codeBlockLines(md string) []string {
	var out []string
	fence := ""
	for _, line := range strings.Split(md, "\n") {
		switch {
		case fence != "":
			if closesFence(line, fence) {
				fence = ""
			} else {
				out = append(out, line)
			}
		case strings.HasPrefix(strings.TrimLeft(line, " "), "```"):
			fence = strings.TrimRight(strings.TrimLeft(line, " "), "abcdefghijklmnopqrstuvwxyz")
		}
	}
	return out
}

// quotedOnly reports whether every occurrence of word in a PowerShell line
// is inside a single-quoted string.
func quotedOnly(line, word string) bool {
	in := false
	for i := 0; i < len(line); i++ {
		if line[i] == '\'' {
			if in && i+1 < len(line) && line[i+1] == '\'' {
				i++ // '' inside a quoted string
				continue
			}
			in = !in
			continue
		}
		if !in && strings.HasPrefix(line[i:], word) {
			return false
		}
	}
	return true
}
