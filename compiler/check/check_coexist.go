package check

import (
	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/model"
)

// routingAddresses checks the declared remote routing addresses: only a
// mailbox in Exchange Online has one (HC0388), and it must be in the
// tenant's routing domain (HC0387), or on-premises mail to the moved
// mailbox does not reach it. hybridc never changes one.
func (c *checker) routingAddresses() {
	routing := string(c.cfg.ExchangeOnline.RoutingDomain)
	for i := range c.cfg.Mailboxes {
		m := &c.cfg.Mailboxes[i]
		address := string(m.RemoteRoutingAddress)
		if address == "" {
			continue
		}
		pos := m.ValuePos("remoteRoutingAddress")
		if m.Location != "exchangeOnline" {
			c.diags.Errorf(pos, diag.CodeRoutingAddressOnPremises,
				"mailbox %q declares remoteRoutingAddress %s but lives on-premises: only a mailbox in Exchange Online has a remote routing address; remove it, or declare location exchangeOnline", m.Name, address)
			continue
		}
		if routing == "" || model.RoutingAddressOK(address, routing) {
			continue
		}
		c.diags.Warnf(pos, diag.CodeRoutingAddressOutside,
			"the remote routing address %s of mailbox %q is not in the routing domain %s: on-premises mail to the mailbox does not reach it in Exchange Online. hybridc does not change it: Set-RemoteMailbox -Identity <mailbox> -RemoteRoutingAddress <alias>@%s", address, m.Name, routing, routing)
	}
}
