package exchange

import "strings"

// Cmdlet returns the behaviour recorded for a cmdlet (case-insensitive).
func Cmdlet(name string) (CmdletBehaviour, bool) {
	for _, c := range mustLoad().Cmdlets {
		if strings.EqualFold(c.Name, name) {
			return c, true
		}
	}
	return CmdletBehaviour{}, false
}

// Identity returns the identity parameter param of the cmdlet name.
func Identity(name, param string) (IdentityParam, bool) {
	c, ok := Cmdlet(name)
	if !ok {
		return IdentityParam{}, false
	}
	for _, p := range c.Identities {
		if strings.EqualFold(p.Param, param) {
			return p, true
		}
	}
	return IdentityParam{}, false
}

// Accepts reports whether param of cmdlet name is documented to accept form.
func Accepts(name, param, form string) bool {
	p, ok := Identity(name, param)
	if !ok {
		return false
	}
	for _, f := range p.Forms {
		if strings.EqualFold(f, form) {
			return true
		}
	}
	return false
}

// BuiltInRoleGroups returns the names of the built-in role groups of one
// environment; prefix names end in "*".
func BuiltInRoleGroups(online bool) []string {
	var out []string
	for _, g := range must(roleGroups) {
		if (online && g.Env.Online) || (!online && g.Env.OnPremises) {
			n := g.Name
			if g.Prefix {
				n += "*"
			}
			out = append(out, n)
		}
	}
	return out
}

// IsBuiltInRoleGroup reports, case-insensitively, whether name is a
// built-in role group of the environment (prefix groups match by prefix).
func IsBuiltInRoleGroup(name string, online bool) bool {
	name = strings.TrimSpace(name)
	for _, g := range must(roleGroups) {
		if !((online && g.Env.Online) || (!online && g.Env.OnPremises)) {
			continue
		}
		if g.Prefix && len(name) > len(g.Name) && strings.EqualFold(name[:len(g.Name)], g.Name) {
			return true
		}
		if !g.Prefix && strings.EqualFold(name, g.Name) {
			return true
		}
	}
	return false
}

// CloudNamed returns the cloud with the given name (worldwide, gcchigh,
// dod, china).
func CloudNamed(name string) (CloudEndpoints, bool) {
	for _, c := range must(clouds) {
		if strings.EqualFold(c.Name, name) {
			return c, true
		}
	}
	return CloudEndpoints{}, false
}

// Cloud returns the endpoints toward Exchange Online for a tenant name such
// as contoso.onmicrosoft.com or contoso.mail.onmicrosoft.com. It reports
// false when no cloud's suffix matches, or when more than one cloud shares
// the suffix (GCC High and DoD both use onmicrosoft.us): the caller must
// then choose with CloudNamed.
func Cloud(tenant string) (CloudEndpoints, bool) {
	found := CloudsOf(tenant)
	if len(found) != 1 {
		return CloudEndpoints{}, false
	}
	return found[0], true
}

// ErrorShapes returns the recorded error shapes of one class.
func ErrorShapes(class string) []ErrorShape {
	var out []ErrorShape
	for _, e := range mustLoad().Errors {
		if e.Class == class {
			out = append(out, e)
		}
	}
	return out
}

// NotFoundShapes returns the recorded "object not found" error shapes.
func NotFoundShapes() []ErrorShape { return ErrorShapes(ClassNotFound) }

// ClassifyError returns the class of the first recorded shape all of whose
// Match substrings occur in text (case-insensitively), or "" when none
// does. Ambiguous and access-denied shapes are tried before not-found, so
// a text is never taken for "missing" when it also says something else.
func ClassifyError(text string) string {
	low := strings.ToLower(text)
	order := []string{ClassAmbiguous, ClassAccessDenied, ClassTransient, ClassDehydrated, ClassBenign, ClassNotFound}
	for _, class := range order {
		for _, e := range ErrorShapes(class) {
			if matchesAll(low, e.Match) {
				return class
			}
		}
	}
	return ""
}

func matchesAll(low string, subs []string) bool {
	if len(subs) == 0 {
		return false
	}
	for _, s := range subs {
		if !strings.Contains(low, strings.ToLower(s)) {
			return false
		}
	}
	return true
}

// ProductNamed returns the support state of one Exchange Server version,
// named as in the table (Exchange Server 2019, Exchange Server SE).
func ProductNamed(name string) (Product, bool) {
	for _, p := range must(lifecycle) {
		if strings.EqualFold(p.Name, name) {
			return p, true
		}
	}
	return Product{}, false
}

// CloudsOf returns every cloud whose tenant suffix matches the tenant
// name (GCC High and DoD both for onmicrosoft.us; none for another name).
func CloudsOf(tenant string) []CloudEndpoints {
	t := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(tenant), "."))
	var found []CloudEndpoints
	for _, c := range must(clouds) {
		for _, s := range c.TenantSuffixes {
			if strings.HasSuffix(t, "."+strings.ToLower(s)) {
				found = append(found, c)
				break
			}
		}
	}
	return found
}

// Clouds returns every cloud.
func Clouds() []CloudEndpoints { return must(clouds) }
