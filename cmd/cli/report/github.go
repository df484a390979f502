package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/hybridc/hybridc/compiler"
)

// githubPrinter writes GitHub Actions workflow commands, one a diagnostic:
// ::error file=F,line=L,col=C,title=CODE::message (::warning for
// warnings). Related positions follow the message on lines of the
// annotation (%0A), as text writes them.
type githubPrinter struct{}

func (githubPrinter) Streams() bool { return true }

func (githubPrinter) Diagnostics(w io.Writer, diags compiler.Diagnostics) error {
	for _, d := range diags {
		var props []string
		if d.Pos.File != "" {
			props = append(props, "file="+escapeProperty(filepath.ToSlash(d.Pos.File)))
		}
		if d.Pos.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Pos.Line))
		}
		if d.Pos.Col > 0 {
			props = append(props, fmt.Sprintf("col=%d", d.Pos.Col))
		}
		props = append(props, "title="+escapeProperty(d.Code))
		msg := d.Message
		for _, r := range d.Related {
			msg += fmt.Sprintf("\n%s: note: %s", r.Pos, r.Label)
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", d.Severity, strings.Join(props, ","), escapeData(msg)); err != nil {
			return err
		}
	}
	return nil
}

// escapeData escapes a workflow command's message as GitHub's toolkit
// does: % first, then CR and LF; any other hidden character is made
// visible as text makes it.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(visibleButLines(s))
}

// escapeProperty escapes a workflow command's property value: as
// escapeData, and also : and , which separate properties.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(visibleButLines(s))
}

// visibleButLines is Visible but for CR and LF, which workflow commands
// escape their own way.
func visibleButLines(s string) string {
	return visible(s, func(r rune) bool { return r == '\r' || r == '\n' })
}
