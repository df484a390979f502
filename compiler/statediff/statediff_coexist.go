package statediff

import (
	"strconv"
	"strings"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/state"
)

// routingAddressCap is how many remote mailboxes the routing address
// warning names; the others are counted.
const routingAddressCap = 10

// routingAddresses warns (HC0387) about the on-premises remote mailboxes
// of a state whose remote routing address is not in the tenant's routing
// domain: on-premises mail to them does not reach Exchange Online. One
// warning names the first few and counts the others; the scripts never
// change a remote routing address.
func routingAddresses(t *model.Target, st *state.State, routing, file string) diag.Diagnostics {
	if t.Online || t.EntraConnect || routing == "" {
		return nil
	}
	var names []string
	n := 0
	for i := range st.Recipients {
		r := &st.Recipients[i]
		if r.RemoteRoutingAddress == "" || model.RoutingAddressOK(r.RemoteRoutingAddress, routing) {
			continue
		}
		if n++; n <= routingAddressCap {
			name := r.Name
			if name == "" {
				name = r.Guid
			}
			names = append(names, "'"+name+"' ("+r.RemoteRoutingAddress+")")
		}
	}
	if n == 0 {
		return nil
	}
	list := strings.Join(names, ", ")
	if n > routingAddressCap {
		list += " and " + strconv.Itoa(n-routingAddressCap) + " more"
	}
	what := strconv.Itoa(n) + " remote mailboxes of state " + file + " have"
	if n == 1 {
		what = "1 remote mailbox of state " + file + " has"
	}
	var diags diag.Diagnostics
	diags.Warnf(diag.Pos{File: t.File, Line: 1, Col: 1}, diag.CodeRoutingAddressOutside,
		"%s a remote routing address outside the routing domain %s: %s. On-premises mail to a moved mailbox goes to its remote routing address and does not reach it; hybridc never changes one (Set-RemoteMailbox -RemoteRoutingAddress <alias>@%s)",
		what, routing, list, routing)
	return diags
}
