package cli

import (
	"bytes"
	"fmt"
	"strings"
)

const manHelp = `
Writes hybridc's manual page, hybridc(1), in roff to standard output: the
overview 'hybridc --help' prints, then each command with its usage, help
and flags, read from the commands themselves as completion reads them. A
package builds it with the binary and installs it as man1/hybridc.1 (for
example /usr/share/man/man1/hybridc.1, or gzip it there).

Examples:
  hybridc man > hybridc.1
  hybridc man | man -l -

Exit codes: 0 written, 2 usage error.
`

// runMan writes the manual page.
func runMan(e *env, args []string) int {
	fs := newFlags(e, "man", "", manHelp)
	rest, code, done := parse(e, fs, args)
	if done {
		return code
	}
	if len(rest) > 0 {
		fs.Usage()
		return ExitUsage
	}
	if _, err := fmt.Fprint(e.stdout, manPage(describeCommands())); err != nil {
		return ExitUsage
	}
	return ExitOK
}

// manPage writes hybridc(1) in the man macros: NAME, SYNOPSIS (each
// command's usage line), DESCRIPTION (the overview), COMMANDS (each
// command's help and flags).
func manPage(cmds []commandInfo) string {
	var b strings.Builder
	fmt.Fprintf(&b, ".\\\" hybridc(1), written by 'hybridc man' (hybridc %s); run it again rather than edit.\n", plainVersion())
	fmt.Fprintf(&b, ".TH HYBRIDC 1 \"\" %s \"User Commands\"\n", roffArg("hybridc "+plainVersion()))
	b.WriteString(".nh\n.ad l\n")
	b.WriteString(".SH NAME\nhybridc \\- compile a YAML description of an Exchange hybrid deployment into PowerShell scripts\n")
	b.WriteString(".SH SYNOPSIS\n.nf\n\\fBhybridc\\fR \\fIcommand\\fR [\\fIflags\\fR] [\\fIarguments\\fR]\n")
	for _, c := range cmds {
		fmt.Fprintf(&b, "\\fBhybridc %s\\fR %s\n", roffEscape(c.name), roffEscape(c.usageLine))
	}
	b.WriteString(".fi\n.SH DESCRIPTION\n")
	var overview bytes.Buffer
	usage(&overview)
	writeRoffText(&b, overview.String())
	b.WriteString(".SH COMMANDS\n")
	for _, c := range cmds {
		fmt.Fprintf(&b, ".SS %s\n", roffArg("hybridc "+c.name))
		fmt.Fprintf(&b, "\\fBhybridc %s\\fR %s\n.PP\n%s\n", roffEscape(c.name), roffEscape(c.usageLine), roffEscape(oneLine(c.summary)))
		writeRoffText(&b, c.help)
		if len(c.flags) == 0 {
			continue
		}
		b.WriteString(".PP\nFlags:\n")
		for _, f := range c.flags {
			fmt.Fprintf(&b, ".TP\n\\fB%s\\fR", roffEscape(f.spelled()))
			if f.arg != "" {
				fmt.Fprintf(&b, " \\fI%s\\fR", roffEscape(f.arg))
			}
			usage := f.usage
			if f.def != "" {
				usage += fmt.Sprintf(" (default %q)", f.def)
			}
			fmt.Fprintf(&b, "\n%s\n", roffEscape(oneLine(usage)))
		}
	}
	return b.String()
}

// writeRoffText writes a help text as roff: lines that start at the margin
// are filled into paragraphs (a blank line starts the next), and indented
// lines (tables, examples) are kept as they are, indented.
func writeRoffText(b *strings.Builder, text string) {
	lines := strings.Split(strings.Trim(text, "\n"), "\n")
	inPara := false
	for i := 0; i < len(lines); {
		line := strings.TrimRight(lines[i], " \t")
		switch {
		case line == "":
			inPara = false
			i++
		case line[0] == ' ' || line[0] == '\t':
			j := i
			for j < len(lines) && strings.TrimSpace(lines[j]) != "" && (lines[j][0] == ' ' || lines[j][0] == '\t') {
				j++
			}
			if !inPara {
				b.WriteString(".PP\n")
			}
			b.WriteString(".RS 4\n.nf\n")
			indent := commonIndent(lines[i:j])
			for _, l := range lines[i:j] {
				b.WriteString(roffEscape(strings.TrimRight(l[indent:], " \t")) + "\n")
			}
			b.WriteString(".fi\n.RE\n")
			inPara, i = true, j
		default:
			if !inPara {
				b.WriteString(".PP\n")
			}
			b.WriteString(roffEscape(line) + "\n")
			inPara = true
			i++
		}
	}
}

// commonIndent is how many leading blanks all lines share.
func commonIndent(lines []string) int {
	n := -1
	for _, l := range lines {
		k := len(l) - len(strings.TrimLeft(l, " \t"))
		if n < 0 || k < n {
			n = k
		}
	}
	return max(n, 0)
}

// roffEscape makes text safe as a roff text line: backslashes printed as
// such, hyphens as minus signs (so that flags copy as typed), characters
// outside ASCII as \[uXXXX], control characters dropped, and a leading .
// or ' (which would make the line a request) guarded with \&.
func roffEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\e`)
		case r == '-':
			b.WriteString(`\-`)
		case r == '\t':
			b.WriteString("    ")
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
		case r > 0x7e:
			fmt.Fprintf(&b, `\[u%04X]`, r)
		default:
			b.WriteRune(r)
		}
	}
	out := b.String()
	if strings.HasPrefix(out, ".") || strings.HasPrefix(out, "'") {
		out = `\&` + out
	}
	return out
}

// roffArg quotes s as one argument of a macro.
func roffArg(s string) string {
	return `"` + strings.ReplaceAll(strings.TrimPrefix(roffEscape(s), `\&`), `"`, `\(dq`) + `"`
}
