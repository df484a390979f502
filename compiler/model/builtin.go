package model

import (
	"github.com/hybridc/hybridc/compiler/kinds"
)

import "github.com/hybridc/hybridc/compiler/exchange"

// BuiltInRoleGroup reports whether name is a role group Exchange creates
// itself: on-premises (online false) or in Exchange Online (online true).
// Names compare case-insensitively, as in Exchange; the list, with its
// sources, is the behaviour table's (compiler/exchange). A built-in role
// group holds the administrators' own rights, so its members and roles are
// never replaced without the safeguard of rule HC0331, and the scripts never
// remove its last member or a group from it.
func BuiltInRoleGroup(name string, online bool) bool {
	return exchange.IsBuiltInRoleGroup(name, online)
}

// DefaultPolicy is the name of the role assignment policy Exchange gives
// new mailboxes, and defaultPolicyRoles its roles.
const DefaultPolicy = kinds.DefaultPolicy

var DefaultPolicyRoles = kinds.DefaultPolicyRoles
