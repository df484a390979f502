package exchange

import (
	"fmt"
	"strings"

	"github.com/hybridc/hybridc/compiler/kinds"
)

// RenderMarkdown renders the table as the package's README.md.
func RenderMarkdown(t *Table) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# Exchange behaviour table\n\n")
	w("Generated from `behaviour.json` by `go test ./compiler/exchange -update`; do not edit by hand.\n")
	w("Every fact names its source; ✗ marks facts not confirmed in the stored documentation (see the note).\n\n")
	w("## Cmdlets\n\n")
	for _, c := range t.Cmdlets {
		w("### %s\n\n", c.Name)
		w("Environment: %s. %s\n\n", c.Env, cite(c.Provenance))
		for _, p := range c.Identities {
			uniq := ""
			if p.UniqueOnly {
				uniq = " (short forms only while unique)"
			}
			w("- `-%s` [%s]: %s%s. %s\n", p.Param, p.Env, strings.Join(p.Forms, ", "), uniq, cite(p.Provenance))
		}
		if r := c.Read; r != nil {
			w("- Read: -ResultSize: %s; identity optional (list all): %t; not found: %s; $null/non-existent Identity returns all: %t. %s\n",
				r.ResultSize, r.IdentityOptional, r.NotFound, r.NullIdentityReturnsAll, cite(r.Provenance))
		}
		for _, p := range c.Properties {
			mv := ""
			if p.MultiValued {
				mv = ", multi-valued"
			}
			w("- Property `%s` (%s%s): %s; key: %s. %s\n", p.Name, p.Type, mv, p.Shape, orDash(p.StableKey), cite(p.Provenance))
		}
		for _, m := range c.MultiValued {
			w("- List `-%s`: array replaces: %t; @{Add;Remove}: %t. %s\n", m.Param, m.Replaces, m.AddRemove, cite(m.Provenance))
		}
		w("\n")
	}
	w("## Error shapes\n\n| class | env | exception | message | match | source |\n|---|---|---|---|---|---|\n")
	for _, e := range t.Errors {
		w("| %s | %s | %s | %s | %s | %s |\n", e.Class, e.Env, orDash(e.Exception), cell(e.Message), cell(strings.Join(e.Match, " + ")), cell(cite(e.Provenance)))
	}
	w("\n## Clouds\n\n| cloud | tenant suffixes | %s | %s | -ExchangeEnvironmentName | ConnectionUri | source |\n|---|---|---|---|---|---|---|\n",
		kinds.OrganizationRelationship.Param("targetApplicationUri"), kinds.OrganizationRelationship.Param("targetAutodiscoverEpr"))
	for _, c := range t.Clouds {
		w("| %s | %s | %s | %s | %s | %s | %s |\n", c.Name, strings.Join(c.TenantSuffixes, ", "), orDash(c.ApplicationURI), c.AutodiscoverEndpoint, c.ExchangeEnvironmentName, c.ConnectionURI, cell(cite(c.Provenance)))
	}
	w("\n## Built-in role groups\n\n| role group | env | source |\n|---|---|---|\n")
	for _, g := range t.RoleGroups {
		n := g.Name
		if g.Prefix {
			n += "*"
		}
		w("| %s | %s | %s |\n", n, g.Env, cell(cite(g.Provenance)))
	}
	w("\n## Exchange Server lifecycle\n\n| product | supported | end of support | shell | source |\n|---|---|---|---|---|\n")
	for _, p := range t.Lifecycle {
		w("| %s | %t | %s | %s | %s |\n", p.Name, p.Supported, orDash(p.EndOfSupport), p.Shell, cell(cite(p.Provenance)))
	}
	return b.String()
}

func cite(p Provenance) string {
	s := "Source: " + p.Source
	if !p.Confirmed {
		s = "✗ " + s
	}
	if p.Note != "" {
		s += " — " + p.Note
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}
