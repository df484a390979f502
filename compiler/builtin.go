package compiler

import "strings"

// builtInRoleGroups are the role groups Exchange creates itself, by the
// lower-case name, with the organizations they exist in.
//
// Sources: Microsoft Learn, "Built-in role groups in Exchange Server"
// (https://learn.microsoft.com/exchange/permissions/role-groups, the
// on-premises list, unchanged since Exchange 2013) and "Permissions in
// Exchange Online" (https://learn.microsoft.com/exchange/permissions-exo/permissions-exo,
// section "Role groups", with the Microsoft Purview and Defender role groups
// that Exchange Online also shows). A name that is here but not built in
// only costs the safeguard of HC0331; a built-in name missing here would
// let a configuration replace an administrators' group, so the list errs on
// the side of more names.
var builtInRoleGroups = map[string]struct{ onPremises, online bool }{
	"compliance management":             {true, true},
	"delegated setup":                   {true, false},
	"discovery management":              {true, true},
	"help desk":                         {true, true},
	"hygiene management":                {true, true},
	"organization management":           {true, true},
	"public folder management":          {true, false},
	"recipient management":              {true, true},
	"records management":                {true, true},
	"server management":                 {true, false},
	"um management":                     {true, true},
	"view-only organization management": {true, true},
	"compliance administrator":          {false, true},
	"security administrator":            {false, true},
	"security operator":                 {false, true},
	"security reader":                   {false, true},
	"view-only recipient management":    {false, true},
}

// builtInRoleGroupPrefixes are the role groups Exchange Online links to
// Microsoft Entra roles, named prefix plus a number
// (TenantAdmins_-1234567 for Global Administrator).
var builtInRoleGroupPrefixes = []string{"exchangeserviceadmins_", "tenantadmins_", "helpdeskadmins_"}

// BuiltInRoleGroup reports whether name is a role group Exchange creates
// itself: on-premises (online false) or in Exchange Online (online true).
// Names compare case-insensitively, as in Exchange. A built-in role group
// holds the administrators' own rights, so its members and roles are never
// replaced without the safeguard of rule HC0331.
func BuiltInRoleGroup(name string, online bool) bool {
	lower := strings.ToLower(strings.TrimSpace(name))
	if g, ok := builtInRoleGroups[lower]; ok {
		return online && g.online || !online && g.onPremises
	}
	if online {
		for _, p := range builtInRoleGroupPrefixes {
			if strings.HasPrefix(lower, p) {
				return true
			}
		}
	}
	return false
}
