// Package scalegen generates the deployments hybridc's scale benchmarks
// and tests measure: n mailboxes and p delegated permissions shaped like a
// real deployment, as a configuration and as a hybridc YAML file. The
// compiler's benchmarks and the simulator's scale run (golden/simulator,
// TestScale) share it, so that the README's figures come from one input.
package scalegen

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
)

// Config generates, from seed, a deployment of n mailboxes and p
// permissions shaped like a real one: mailboxes in teams of eight, one in
// ten already in Exchange Online, one in a hundred a service account; 97%
// of the permissions within a team, 1% between teams, 2% held by service
// accounts (which fuse most teams into one batch unless they are excluded),
// one in twenty absent. The file YAML makes of it is valid: no
// permission is declared twice or on its own mailbox, and folder permissions
// stay within one organization.
func Config(n, p int, seed uint64) *config.Config {
	r := rand.New(rand.NewPCG(seed, 0x6261746368))
	yes := true
	cfg := &config.Config{Mailboxes: make([]config.Mailbox, n), Permissions: make([]config.Permission, p)}
	var services []int
	for i := range cfg.Mailboxes {
		m := &cfg.Mailboxes[i]
		m.Name = config.Identity(fmt.Sprintf("user%06d@contoso.com", i))
		m.Location = "onPremises"
		switch {
		case r.IntN(10) == 0:
			m.Location = "exchangeOnline"
		case r.IntN(100) == 0:
			m.Name = config.Identity(fmt.Sprintf("svc%06d@contoso.com", i))
			m.ServiceAccount = &yes
			services = append(services, i)
		}
	}
	accesses := []config.AccessRight{"FullAccess", "SendAs", "SendOnBehalf", "Folder"}
	type grant struct{ access, mailbox, trustee int }
	seen := make(map[grant]bool, p)
	for i := range cfg.Permissions {
		var g grant
		for {
			a := r.IntN(n)
			var b int
			switch x := r.IntN(100); {
			case x < 97: // within the team
				b = a - a%8 + r.IntN(8)
			case x < 98: // another team
				b = r.IntN(n)
			default: // a service account
				b = services[r.IntN(len(services))]
			}
			g = grant{access: r.IntN(len(accesses)), mailbox: min(b, n-1), trustee: a}
			if accesses[g.access] == "Folder" && cfg.Mailboxes[g.mailbox].Location != cfg.Mailboxes[g.trustee].Location {
				g.access = 0 // folder permissions do not work across premises (HC0321): Full Access
			}
			// A permission declared twice is an error (HC0306).
			if g.mailbox != g.trustee && !seen[g] {
				seen[g] = true
				break
			}
		}
		perm := &cfg.Permissions[i]
		perm.Access = accesses[g.access]
		perm.Mailbox, perm.Trustee = cfg.Mailboxes[g.mailbox].Name, cfg.Mailboxes[g.trustee].Name
		if perm.Access == "Folder" {
			perm.Folder, perm.FolderAccessRights = "Calendar", "Reviewer"
		}
		if r.IntN(20) == 0 {
			perm.Ensure = config.Absent
		}
	}
	return cfg
}

// Header is a hybrid deployment ready for permissions across
// premises, Send on Behalf included.
const Header = `version: 1
onPremises:
  organization: Contoso
  exchangeVersion: SE
  primarySmtpDomains: [contoso.com]
  federatedDelegationNamespace: exchangedelegation.contoso.com
  aclableSyncedObjectEnabled: true
  entraConnect: {version: 2.4.129.0, exchangeHybrid: true}
exchangeOnline:
  tenant: contoso.onmicrosoft.com
  routingDomain: contoso.mail.onmicrosoft.com
  serviceRoutingNamespace: service.contoso.com
  primarySmtpDomains: [contoso.com]
`

// YAML writes cfg's mailboxes and permissions into a hybrid file, one
// flow mapping a line.
func YAML(cfg *config.Config) []byte {
	var b strings.Builder
	b.WriteString(Header)
	b.WriteString("mailboxes:\n")
	for _, m := range cfg.Mailboxes {
		fmt.Fprintf(&b, "  - {name: %s, location: %s", m.Name, m.Location)
		if m.ServiceAccount != nil {
			fmt.Fprintf(&b, ", serviceAccount: %t", *m.ServiceAccount)
		}
		b.WriteString("}\n")
	}
	b.WriteString("permissions:\n")
	for _, p := range cfg.Permissions {
		fmt.Fprintf(&b, "  - {access: %s, mailbox: %s, trustee: %s", p.Access, p.Mailbox, p.Trustee)
		if p.Folder != "" {
			fmt.Fprintf(&b, ", folder: %s, folderAccessRights: %s", p.Folder, p.FolderAccessRights)
		}
		if p.Ensure != "" {
			fmt.Fprintf(&b, ", ensure: %s", p.Ensure)
		}
		b.WriteString("}\n")
	}
	return []byte(b.String())
}
