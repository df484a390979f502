package pscheck

import (
	"fmt"
	"sort"
	"strings"
)

// Env says where a script runs.
type Env struct {
	Online bool // Exchange Online
	// OnPremVersion is the on-premises version in the catalog's spelling,
	// e.g. "Exchange Server 2019" (see OnPremVersions); used when !Online.
	OnPremVersion string
}

// String names the environment for findings.
func (e Env) String() string {
	if e.Online {
		return "Exchange Online"
	}
	return e.OnPremVersion
}

// CheckCatalog checks every Exchange cmdlet call in src against the catalog
// for env, and reports commands that are neither catalog cmdlets, nor
// functions defined in the script, nor standard PowerShell 5.1 commands. The
// rules and the splatting convention are in the package doc. Findings are
// sorted by position.
func CheckCatalog(src []byte, env Env) []Finding {
	cat, err := loadCatalog()
	if err != nil {
		return []Finding{{Line: 1, Col: 1, Msg: err.Error()}}
	}
	if !env.Online && !contains(cat.versions, env.OnPremVersion) {
		return []Finding{{Line: 1, Col: 1, Msg: fmt.Sprintf("unknown on-premises version %q; the catalog knows %s", env.OnPremVersion, strings.Join(cat.versions, ", "))}}
	}
	root, err := parse(src)
	if err != nil {
		return []Finding{{Line: 1, Col: 1, Msg: err.Error()}}
	}
	funcs := definedFunctions(root, src)
	var out []Finding
	for _, c := range findCommands(root, src) {
		ck := &checker{src: src, env: env, cmd: c}
		if c.Dynamic || isPathLike(c.Name) {
			continue
		}
		spec, ok := cat.lookup(c.Name)
		if !ok {
			if !funcs[strings.ToLower(c.Name)] && !standard[strings.ToLower(c.Name)] {
				ck.report(c.node, "unknown command %s: not an Exchange cmdlet in the catalog, a function defined in this script, or a standard PowerShell 5.1 command%s", c.Name, suggest(c.Name, cat))
			}
			out = append(out, ck.found...)
			continue
		}
		ck.spec = spec
		ck.run()
		out = append(out, ck.found...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Line != out[j].Line {
			return out[i].Line < out[j].Line
		}
		return out[i].Col < out[j].Col
	})
	return out
}

// checker checks one call of a catalog cmdlet.
type checker struct {
	src   []byte
	env   Env
	cmd   *command
	spec  *cmdletSpec
	found []Finding
}

func (ck *checker) report(at *node, format string, args ...any) {
	ck.found = append(ck.found, Finding{Line: at.line, Col: at.col, Msg: fmt.Sprintf(format, args...)})
}

// run applies rules 1-4 to the call.
func (ck *checker) run() {
	c, spec := ck.cmd, ck.spec
	name := spec.name
	cmdletHere := spec.Env.has(ck.env)
	if !cmdletHere {
		ck.report(c.node, "%s is not available in %s (catalog: %s)", name, ck.env, describeEnv(spec.Env))
	}
	given := map[string]*param{} // canonical name -> first use
	extraPositional, unknown := 0, false
	for i := range c.params {
		p := &c.params[i]
		canon, ps, ok := spec.resolve(p.Name)
		if !ok {
			unknown = ck.checkCommon(p) || unknown
			continue
		}
		if ps.Switch && p.val != nil && !p.Colon && p.FromSplat == "" {
			ck.report(p.at, "%s: switch -%s followed by a value: write -%s:%s (with a space the value binds positionally)", name, p.Name, canon, p.Value)
			extraPositional++
		} else {
			ck.checkValues(p, canon, ps.Values)
		}
		if cmdletHere && !spec.paramEnv(ps).has(ck.env) {
			ck.report(p.at, "%s: parameter -%s is not available in %s (catalog: %s)", name, canon, ck.env, describeEnv(spec.paramEnv(ps)))
		}
		if prev, dup := given[canon]; dup && !p.Derived && !prev.Derived {
			ck.report(p.at, "%s: parameter -%s is given more than once", name, canon)
		}
		if _, dup := given[canon]; !dup {
			given[canon] = p
		}
	}
	ck.checkSets(given, len(c.positional)+extraPositional, !unknown)
}

// checkCommon handles a parameter the cmdlet does not document: a common
// parameter, an abbreviation, or an unknown name. It reports whether the
// parameter is not a common one (so the call cannot bind).
func (ck *checker) checkCommon(p *param) bool {
	name := ck.spec.name
	lower := strings.ToLower(p.Name)
	if common, ok := commonParams[lower]; ok {
		if strings.HasSuffix(common, "Action") {
			ck.checkValues(p, common, actionPreference)
		}
		return false
	}
	switch lower {
	case "progressaction":
		ck.report(p.at, "%s: -ProgressAction is a common parameter only from PowerShell 7.4; Windows PowerShell 5.1 rejects it", name)
		return true
	case "whatif", "confirm", "wi", "cf":
		ck.report(p.at, "%s: unknown parameter -%s: the catalog does not list WhatIf/Confirm for this cmdlet", name, p.Name)
		return true
	}
	var full []string
	for l, canon := range ck.spec.byLower {
		if strings.HasPrefix(l, lower) && !contains(full, canon) {
			full = append(full, canon)
		}
	}
	sort.Strings(full)
	if len(full) > 0 {
		ck.report(p.at, "%s: abbreviated parameter -%s: write the full name (-%s)", name, p.Name, strings.Join(full, " or -"))
		return true
	}
	ck.report(p.at, "%s: unknown parameter -%s%s", name, p.Name, splatNote(p))
	return true
}

// checkValues applies rule 3: a literal value must be one of the documented
// values (case-insensitive), element by element for arrays.
func (ck *checker) checkValues(p *param, canon string, allowed []string) {
	if len(allowed) == 0 || !p.Literal || p.val == nil {
		return
	}
	vals, _ := constValues(p.val, ck.src)
	for _, v := range vals {
		if !containsFold(allowed, v) {
			ck.report(p.val, "%s: -%s value %q is not one of %s%s", ck.spec.name, canon, v, strings.Join(allowed, ", "), splatNote(p))
		}
	}
}

func splatNote(p *param) string {
	if p.FromSplat == "" {
		return ""
	}
	return " (key of the hashtable splatted as @" + p.FromSplat + ")"
}

func describeEnv(e envSpec) string {
	var parts []string
	if e.ExchangeOnline {
		parts = append(parts, "Exchange Online")
	}
	parts = append(parts, e.OnPremises...)
	if len(parts) == 0 {
		return "no Exchange environment; likely Security & Compliance PowerShell only"
	}
	return strings.Join(parts, ", ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
