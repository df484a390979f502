package compiler

import (
	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
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
	// The target lists, shared by every permission (they are only read).
	sides := targetSides{online: []*Target{online}}
	if onprem != nil {
		sides.onprem, sides.both = []*Target{onprem}, []*Target{onprem, online}
	}
	for i := range cfg.Permissions {
		p := &cfg.Permissions[i]
		named := dir.permission(i)
		group, mailbox := named.group, named.mailbox
		var targets []*Target
		switch {
		case p.Access == "SendAs":
			targets = sendAsTargets(sides, p, group, mailbox, named.trustee)
		case group != nil:
			targets = sides.online
		case mailbox == nil:
			continue // reported by Check
		case mailbox.Location == "onPremises":
			targets = sides.onprem
		default:
			targets = sides.online
		}
		folder := ""
		var ps []Property
		if p.Access == "Folder" {
			folder = string(p.Folder)
			ps = []Property{{Name: kinds.RightsParam, Value: []string{string(p.FolderAccessRights)}, Compare: CompareSet}}
		}
		name := permissionName(string(p.Trustee), string(p.Mailbox), folder)
		for _, t := range targets {
			inv.add(&Resource{Kind: permissionKinds[p.Access], Name: name, Target: t, Absent: p.Ensure.IsAbsent(), Meta: &p.Meta, Spec: p, props: ps})
		}
	}
}

// targetSides are the target lists a permission can have: Exchange Online
// only, on-premises only (nil without an on-premises organization), or
// both.
type targetSides struct{ online, onprem, both []*Target }

// sendAsTargets are the organizations that hold a Send As grant: the
// mailbox's (a group's is Exchange Online) and the trustee's. An absent
// grant is removed from both, where an earlier grant in both may have put
// it. group and mailbox are what the grant's mailbox names, trustee the
// mailbox its trustee names (nil when undeclared).
func sendAsTargets(sides targetSides, p *config.Permission, group *config.UnifiedGroup, mailbox, trustee *config.Mailbox) []*Target {
	if sides.onprem == nil {
		return sides.online
	}
	if p.Ensure.IsAbsent() {
		return sides.both
	}
	onPremises := func(m *config.Mailbox) bool { return m != nil && m.Location == "onPremises" }
	var here, there bool // a side on-premises, a side online
	if group != nil || mailbox != nil {
		here, there = onPremises(mailbox), !onPremises(mailbox)
	}
	if trustee != nil {
		here, there = here || onPremises(trustee), there || !onPremises(trustee)
	}
	switch {
	case here && there:
		return sides.both
	case here:
		return sides.onprem
	case there:
		return sides.online
	}
	return nil // reported by Check
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
