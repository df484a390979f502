package cli

import (
	"fmt"
	"github.com/hybridc/hybridc/compiler/pstext"
	"html"
	"io"
	"slices"
	"strings"
	"unicode"

	"github.com/hybridc/hybridc/cmd/cli/report"
	"github.com/hybridc/hybridc/compiler"
)

// planReport is what plan prints: the names of both versions and how they
// differ.
type planReport struct {
	Old, New string
	Change   *compiler.Change
}

// planFormatNames are the names of planFormats, in the order the help
// lists them.
var planFormatNames = []string{"text", "markdown", "json"}

// planFormats are the outputs of plan --format.
var planFormats = map[string]func(io.Writer, *planReport) error{
	"text":     writePlanText,
	"markdown": writePlanMarkdown,
	"json":     writePlanJSON,
}

// countsText summarizes counts: "1 to add, 2 to change, 3 unchanged", or
// "no changes, 3 unchanged".
func countsText(n compiler.Counts) string {
	var parts []string
	for _, c := range []struct {
		n    int
		text string
	}{{n.Added, "to add"}, {n.Changed, "to change"}, {n.Removed, "to remove"}, {n.Unmanaged, "no longer managed"}} {
		if c.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.text))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "no changes")
	}
	return strings.Join(parts, ", ") + fmt.Sprintf(", %d unchanged", n.Unchanged)
}

// scriptCounts are the counts of one script.
func scriptCounts(s *compiler.ScriptChange) compiler.Counts {
	return compiler.Counts{Added: len(s.Added), Removed: len(s.Removed), Changed: len(s.Changed), Unmanaged: len(s.Unmanaged), Unchanged: s.Unchanged}
}

// scriptNote says what happens to the script itself, or "".
func scriptNote(s *compiler.ScriptChange) string {
	switch s.Status {
	case compiler.ScriptAdded:
		return "a new script"
	case compiler.ScriptUnmanaged:
		return "no longer produced: what it managed is left as it is"
	case compiler.ScriptNotRead:
		return "not compared: no state of this organization was given"
	}
	return ""
}

// printable is report.Visible, for the printers of plan and batches: the
// hidden runes of s written as Go escapes; in a URL (a value holding
// "://") every rune outside ASCII too, as \uXXXX, so that a lookalike host
// (an organization's state may hold one) never reads as Microsoft's.
func printable(s string) string { return report.Visible(pstext.URLASCII(s)) }

// printableName is printable for a file name, which may start a line: see
// report.Name.
func printableName(s string) string { return report.Name(s) }

// quoted writes a string value in single quotes, PowerShell's way.
func quoted(s string) string { return "'" + strings.ReplaceAll(printable(s), "'", "''") + "'" }

// valueText writes a declared value for people: 'text', true/false,
// ['a', 'b'], or (not managed).
func valueText(v any) string {
	switch v := v.(type) {
	case nil:
		return "(not managed)"
	case string:
		return quoted(v)
	case bool:
		return fmt.Sprint(v)
	case []string:
		items := make([]string, len(v))
		for i, s := range v {
			items[i] = quoted(s)
		}
		return "[" + strings.Join(items, ", ") + "]"
	}
	return fmt.Sprint(v)
}

// warningText is a resource's removal warning as the end of its line, or "".
func warningText(rc *compiler.ResourceChange) string {
	if rc.Warning == "" {
		return ""
	}
	if !rc.Removes {
		return " [NOTE: " + rc.Warning + "]"
	}
	return " [REMOVES: " + rc.Warning + "]"
}

// propertyText describes one property change in a line of text.
func propertyText(p compiler.PropertyChange) string {
	if !p.Set {
		return p.Name + ": " + valueText(p.Old) + " -> " + valueText(p.New)
	}
	var parts []string
	for _, s := range p.Added {
		parts = append(parts, "+ "+quoted(s))
	}
	for _, s := range p.Removed {
		parts = append(parts, "- "+quoted(s))
	}
	return p.Name + ": " + strings.Join(parts, ", ")
}

// writePlanText writes the plan for a terminal.
func writePlanText(w io.Writer, r *planReport) error {
	var b strings.Builder
	fmt.Fprintf(&b, "hybridc plan: %s -> %s\n", printable(r.Old), printable(r.New))
	for _, s := range r.Change.Scripts {
		fmt.Fprintf(&b, "\n%s for %s: %s", printable(s.File), printable(s.Title), countsText(scriptCounts(s)))
		if note := scriptNote(s); note != "" {
			fmt.Fprintf(&b, "; %s", note)
		}
		b.WriteString("\n")
		if s.PreviousOrganization != "" {
			fmt.Fprintf(&b, "  organization: %s -> %s\n", quoted(s.PreviousOrganization), quoted(s.Organization))
		}
		for _, rc := range s.Added {
			fmt.Fprintf(&b, "  + %s%s\n", printable(rc.ID), printable(warningText(rc)))
		}
		for _, rc := range s.Removed {
			fmt.Fprintf(&b, "  - %s (ensure: absent)\n", printable(rc.ID))
		}
		for _, rc := range s.Changed {
			fmt.Fprintf(&b, "  ~ %s%s\n", printable(rc.ID), printable(warningText(rc)))
			for _, p := range rc.Properties {
				fmt.Fprintf(&b, "      %s\n", propertyText(p))
			}
		}
		for _, rc := range s.Unmanaged {
			fmt.Fprintf(&b, "  ! %s: no longer managed (left as it is)\n", printable(rc.ID))
		}
	}
	fmt.Fprintf(&b, "\nPlan: %s.\n", countsText(r.Change.Counts()))
	if r.Change.HasChanges() {
		b.WriteString("(+ add, - remove, ~ change, ! no longer declared: hybridc removes what the YAML does not declare only from sets it declares exclusive)\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// code is text as inline HTML code that Markdown leaves alone. ASCII
// punctuation that Markdown or HTML gives a meaning to is written as a
// numeric character reference, so that no value from the YAML can add
// emphasis, links, autolinks (no "://", "@" or, in "www." names, "."), HTML
// or a table cell to a pull request comment; GitHub makes no @mention
// inside code. Only . / - , ( ) are left as they are: names and domains
// are mostly made of them, and with [ ] escaped they make no link.
func code(s string) string {
	text := printable(s)
	www := strings.Contains(strings.ToLower(text), "www")
	var b strings.Builder
	b.WriteString("<code>")
	for _, r := range text {
		inert := r >= 0x80 || r == ' ' || unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("/-,()", r) || (r == '.' && !www)
		if inert {
			b.WriteRune(r)
			continue
		}
		fmt.Fprintf(&b, "&#%d;", r)
	}
	b.WriteString("</code>")
	return b.String()
}

// htmlValue writes a declared value as inline code (or "not managed").
func htmlValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "<i>not managed</i>"
	case string:
		return code(v)
	case []string:
		items := make([]string, len(v))
		for i, s := range v {
			items[i] = code(s)
		}
		return strings.Join(items, ", ")
	}
	return code(fmt.Sprint(v))
}

// writePlanMarkdown writes the plan for a pull request comment on GitHub:
// a collapsible section per script, open when the script changes.
func writePlanMarkdown(w io.Writer, r *planReport) error {
	var b strings.Builder
	counts := r.Change.Counts()
	b.WriteString("### hybridc plan\n\n")
	fmt.Fprintf(&b, "%s → %s: ", code(r.Old), code(r.New))
	if r.Change.HasChanges() {
		text := countsText(counts)
		cut := strings.LastIndex(text, ", ")
		fmt.Fprintf(&b, "**%s**%s.\n", text[:cut], text[cut:])
	} else {
		fmt.Fprintf(&b, "%s.\n", countsText(counts))
	}
	for _, s := range r.Change.Scripts {
		open := ""
		if s.Status != compiler.ScriptUnchanged && s.Status != compiler.ScriptNotRead {
			open = " open"
		}
		summary := countsText(scriptCounts(s))
		if note := scriptNote(s); note != "" {
			summary += "; " + note
		}
		fmt.Fprintf(&b, "\n<details%s><summary>%s · %s: %s</summary>\n\n", open, code(s.File), code(s.Organization), html.EscapeString(summary))
		var rows []string
		if s.PreviousOrganization != "" {
			rows = append(rows, fmt.Sprintf("| ✏️ | organization | %s → %s |", code(s.PreviousOrganization), code(s.Organization)))
		}
		for _, rc := range s.Added {
			rows = append(rows, fmt.Sprintf("| ➕ | %s | added%s |", code(rc.ID), warningMarkdown(rc)))
		}
		for _, rc := range s.Removed {
			rows = append(rows, fmt.Sprintf("| ➖ | %s | removed (<code>ensure: absent</code>) |", code(rc.ID)))
		}
		for _, rc := range s.Changed {
			var lines []string
			for _, p := range rc.Properties {
				lines = append(lines, propertyMarkdown(p))
			}
			rows = append(rows, fmt.Sprintf("| ✏️ | %s | %s%s |", code(rc.ID), strings.Join(lines, "<br>"), warningMarkdown(rc)))
		}
		for _, rc := range s.Unmanaged {
			rows = append(rows, fmt.Sprintf("| ⚠️ | %s | no longer managed: no longer declared, so hybridc leaves it as it is |", code(rc.ID)))
		}
		if len(rows) == 0 {
			fmt.Fprintf(&b, "No changes.\n")
		} else {
			b.WriteString("| | resource | change |\n|---|---|---|\n")
			b.WriteString(strings.Join(rows, "\n") + "\n")
		}
		b.WriteString("\n</details>\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// warningMarkdown is a resource's removal warning for a table cell, or "".
func warningMarkdown(rc *compiler.ResourceChange) string {
	if rc.Warning == "" {
		return ""
	}
	if !rc.Removes {
		return "<br>ℹ️ <b>note</b>: " + html.EscapeString(printable(rc.Warning))
	}
	return "<br>⚠️ <b>removes</b>: " + html.EscapeString(printable(rc.Warning))
}

// propertyMarkdown describes one property change in a table cell.
func propertyMarkdown(p compiler.PropertyChange) string {
	if !p.Set {
		return code(p.Name) + ": " + htmlValue(p.Old) + " → " + htmlValue(p.New)
	}
	var parts []string
	if len(p.Added) > 0 {
		parts = append(parts, "added "+htmlValue(p.Added))
	}
	if len(p.Removed) > 0 {
		parts = append(parts, "removed "+htmlValue(p.Removed))
	}
	return code(p.Name) + ": " + strings.Join(parts, "; ")
}

// planJSON is plan --format json. formatVersion changes only when a field
// changes meaning or is removed; fields may be added.
type planJSON struct {
	FormatVersion int          `json:"formatVersion"`
	Old           string       `json:"old"`
	New           string       `json:"new"`
	Changes       bool         `json:"changes"`
	Summary       countsJSON   `json:"summary"`
	Scripts       []scriptJSON `json:"scripts"`
}

// countsJSON counts resources by state.
type countsJSON struct {
	Added     int `json:"added"`
	Removed   int `json:"removed"`
	Changed   int `json:"changed"`
	Unmanaged int `json:"unmanaged"`
	Unchanged int `json:"unchanged"`
}

// scriptJSON is one script's changes; resources are named kind/name.
type scriptJSON struct {
	File                 string        `json:"file"`
	Organization         string        `json:"organization"`
	PreviousOrganization string        `json:"previousOrganization,omitempty"`
	Status               string        `json:"status"`
	Added                []string      `json:"added"`
	Removed              []string      `json:"removed"`
	Changed              []changedJSON `json:"changed"`
	Unmanaged            []string      `json:"unmanaged"`
	Unchanged            int           `json:"unchanged"`
	// Warnings name the added or changed resources whose script removes
	// things (exclusive sets, unsubscribed members), with what it removes.
	Warnings map[string]string `json:"warnings,omitempty"`
}

// changedJSON is one changed resource.
type changedJSON struct {
	Resource   string         `json:"resource"`
	Properties []propertyJSON `json:"properties"`
}

// propertyJSON is one changed property: old and new values (a string, a
// boolean or a list of strings; left out on the side that does not manage
// the property), or, for a set managed on both sides, the items added and
// removed.
type propertyJSON struct {
	Name    string    `json:"name"`
	Old     any       `json:"old,omitempty"`
	New     any       `json:"new,omitempty"`
	Added   *[]string `json:"added,omitempty"`
	Removed *[]string `json:"removed,omitempty"`
}

// writePlanJSON writes the plan as one JSON object.
func writePlanJSON(w io.Writer, r *planReport) error {
	n := r.Change.Counts()
	out := planJSON{
		FormatVersion: 1, Old: r.Old, New: r.New, Changes: r.Change.HasChanges(),
		Summary: countsJSON{Added: n.Added, Removed: n.Removed, Changed: n.Changed, Unmanaged: n.Unmanaged, Unchanged: n.Unchanged},
		Scripts: []scriptJSON{},
	}
	for _, s := range r.Change.Scripts {
		sj := scriptJSON{
			File: s.File, Organization: s.Organization, PreviousOrganization: s.PreviousOrganization, Status: string(s.Status),
			Added: ids(s.Added), Removed: ids(s.Removed), Changed: []changedJSON{}, Unmanaged: ids(s.Unmanaged), Unchanged: s.Unchanged,
		}
		for _, rc := range append(slices.Clone(s.Added), s.Changed...) {
			if rc.Warning != "" {
				if sj.Warnings == nil {
					sj.Warnings = map[string]string{}
				}
				sj.Warnings[rc.ID] = rc.Warning
			}
		}
		for _, rc := range s.Changed {
			cj := changedJSON{Resource: rc.ID}
			for _, p := range rc.Properties {
				pj := propertyJSON{Name: p.Name}
				if p.Set {
					added, removed := nonNil(p.Added), nonNil(p.Removed)
					pj.Added, pj.Removed = &added, &removed
				} else {
					pj.Old, pj.New = p.Old, p.New
				}
				cj.Properties = append(cj.Properties, pj)
			}
			sj.Changed = append(sj.Changed, cj)
		}
		out.Scripts = append(out.Scripts, sj)
	}
	return report.WriteIndented(w, out)
}

// ids lists the resources' kind/name, never nil.
func ids(rcs []*compiler.ResourceChange) []string {
	out := []string{}
	for _, rc := range rcs {
		out = append(out, rc.ID)
	}
	return out
}

// nonNil returns s, or an empty list for nil.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
