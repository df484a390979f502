package compiler

import (
	"github.com/hybridc/hybridc/compiler/config"
)

// permissionKinds maps an access right to its resource kind.
var permissionKinds = map[config.AccessRight]string{
	"FullAccess":   KindFullAccess,
	"SendAs":       KindSendAs,
	"SendOnBehalf": KindSendOnBehalf,
	"Folder":       KindFolderPermission,
}

// permissions adds the delegated permissions and the ACL fixes they need.
// Send As is not synchronized, so across premises it is granted in both
// organizations; within one, only there (seed 003). Every other permission
// is set where its mailbox lives.
func (inv *Inventory) permissions(onprem, online *Target, cfg *config.Config, dir *directory) {
	if onprem != nil {
		inv.aclFixes(onprem, cfg, dir)
	}
	for i := range cfg.Permissions {
		p := &cfg.Permissions[i]
		var targets []*Target
		switch {
		case p.Access == "SendAs":
			targets = sendAsTargets(onprem, online, p, dir)
		case dir.group(p.Mailbox) != nil:
			targets = []*Target{online}
		case dir.mailbox(p.Mailbox) == nil:
			continue // reported by Check
		case dir.onPremises(p.Mailbox):
			if onprem != nil {
				targets = []*Target{onprem}
			}
		default:
			targets = []*Target{online}
		}
		folder := ""
		var ps []Property
		if p.Access == "Folder" {
			folder = string(p.Folder)
			ps = []Property{{Name: "AccessRights", Value: []string{string(p.FolderAccessRights)}, Compare: CompareSet}}
		}
		name := permissionName(string(p.Trustee), string(p.Mailbox), folder)
		for _, t := range targets {
			inv.add(&Resource{Kind: permissionKinds[p.Access], Name: name, Target: t, Absent: p.Ensure.IsAbsent(), Meta: &p.Meta, Spec: p, props: ps})
		}
	}
}

// sendAsTargets are the organizations that hold a Send As grant: the
// mailbox's (a group's is Exchange Online) and the trustee's. An absent
// grant is removed from both, where an earlier grant in both may have put
// it.
func sendAsTargets(onprem, online *Target, p *config.Permission, dir *directory) []*Target {
	if onprem == nil {
		return []*Target{online}
	}
	if p.Ensure.IsAbsent() {
		return []*Target{onprem, online}
	}
	sides := map[bool]bool{} // on-premises?
	if dir.group(p.Mailbox) != nil || dir.mailbox(p.Mailbox) != nil {
		sides[dir.onPremises(p.Mailbox)] = true
	}
	if dir.mailbox(p.Trustee) != nil {
		sides[dir.onPremises(p.Trustee)] = true
	}
	if len(sides) == 0 {
		return nil // reported by Check
	}
	var targets []*Target
	if sides[true] {
		targets = append(targets, onprem)
	}
	if sides[false] {
		targets = append(targets, online)
	}
	return targets
}

// aclFixes enables ACLs by hand on the remote mailboxes of mailboxes moved
// before ACLable object synchronization was on. With Exchange 2013 before
// CU10 (or an undeclared CU) every cloud mailbox a permission names gets the
// fix, since such servers did not stamp ACLs on moved mailboxes.
func (inv *Inventory) aclFixes(t *Target, cfg *config.Config, dir *directory) {
	op := cfg.OnPremises
	fix := map[string]bool{}
	if op.ExchangeVersion == "2013" && (op.CumulativeUpdate == nil || *op.CumulativeUpdate < 10) {
		for _, p := range cfg.Permissions {
			for _, id := range []config.Identity{p.Mailbox, p.Trustee} {
				if m := dir.mailbox(id); m != nil && m.Location == "exchangeOnline" && !p.Ensure.IsAbsent() {
					fix[fold(m.Name)] = true
				}
			}
		}
	}
	for i := range cfg.Mailboxes {
		m := &cfg.Mailboxes[i]
		if m.Location != "exchangeOnline" || !(fix[fold(m.Name)] || (m.MovedBeforeAclSync != nil && *m.MovedBeforeAclSync)) {
			continue
		}
		inv.add(&Resource{Kind: KindRemoteMailboxACL, Name: string(m.Name), Target: t, Meta: &m.Meta, Spec: m,
			props: []Property{{Name: "ACLableSyncedObjectEnabled", Value: true}}})
	}
}

// writeback adds, on-premises, Update-Recipient for groups Entra Connect
// writes back (they are missing from the GAL until then), and the script
// for the Entra Connect server that grants the writeback permissions.
func (inv *Inventory) writeback(onprem *Target, cfg *config.Config) {
	if onprem == nil {
		return
	}
	for i := range cfg.ExchangeOnline.Groups {
		g := &cfg.ExchangeOnline.Groups[i]
		inv.add(&Resource{Kind: KindGroupWriteback, Name: string(g.PrimarySmtpAddress), Target: onprem, Meta: &g.Meta, Spec: g,
			props: []Property{{Name: "InAddressLists", Value: true}}})
	}
	ec := cfg.OnPremises.EntraConnect
	if ec == nil || ec.GroupWriteback == nil || !*ec.GroupWriteback || ec.ConnectorAccountDN == "" {
		return
	}
	t := inv.target(&Target{File: EntraConnectScript, EntraConnect: true, Organization: string(cfg.OnPremises.Organization), Forest: entraForest(ec),
		ForestDerived: ec.Forest == "",
		Title:         "the Microsoft Entra Connect server of " + string(cfg.OnPremises.Organization)})
	inv.add(&Resource{Kind: KindWritebackPermissions, Target: t, Meta: &ec.Meta, Spec: ec,
		props: []Property{{Name: "ADConnectorAccountDN", Value: string(ec.ConnectorAccountDN)}}})
}
