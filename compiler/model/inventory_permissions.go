package model

import (
	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"

	"strings"
)

// permissionKinds maps an access right to its resource kind.
var permissionKinds = map[config.AccessRight]string{
	"FullAccess":   KindFullAccess,
	"SendAs":       KindSendAs,
	"SendOnBehalf": KindSendOnBehalf,
	"Folder":       KindFolderPermission,
}

// Permissions adds the delegated permissions and the ACL fixes they need.
// Send As is not synchronized, so across premises it is granted in both
// organizations; within one, only there (seed 003). Every other permission
// is set where its mailbox lives.
func (inv *Inventory) Permissions(onprem, online *Target, cfg *config.Config, declared *DeclaredIndex) {
	if onprem != nil {
		inv.aclFixes(onprem, cfg, declared)
	}
	// The target lists, shared by every permission (they are only read).
	sides := targetSides{online: []*Target{online}}
	if onprem != nil {
		sides.onprem, sides.both = []*Target{onprem}, []*Target{onprem, online}
	}
	for i := range cfg.Permissions {
		p := &cfg.Permissions[i]
		named := declared.Permission(i)
		group, mailbox := named.Group, named.Mailbox
		var targets []*Target
		switch {
		case p.Access == "SendAs":
			targets = sendAsTargets(sides, p, group, mailbox, named.Trustee)
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
			inv.Add(&Resource{Kind: permissionKinds[p.Access], Name: name, Target: t, Absent: p.Ensure.IsAbsent(), Meta: &p.Meta, Spec: p, Props: ps})
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
func (inv *Inventory) aclFixes(t *Target, cfg *config.Config, declared *DeclaredIndex) {
	op := cfg.OnPremises
	fix := map[string]bool{}
	if op.ExchangeVersion == "2013" && (op.CumulativeUpdate == nil || *op.CumulativeUpdate < 10) {
		for _, p := range cfg.Permissions {
			for _, id := range []config.Identity{p.Mailbox, p.Trustee} {
				if m := declared.Mailbox(id); m != nil && m.Location == "exchangeOnline" && !p.Ensure.IsAbsent() {
					fix[Fold(m.Name)] = true
				}
			}
		}
	}
	for i := range cfg.Mailboxes {
		m := &cfg.Mailboxes[i]
		if m.Location != "exchangeOnline" || !(fix[Fold(m.Name)] || (m.MovedBeforeAclSync != nil && *m.MovedBeforeAclSync)) {
			continue
		}
		inv.Add(&Resource{Kind: KindRemoteMailboxACL, Name: string(m.Name), Target: t, Meta: &m.Meta, Spec: m,
			Props: []Property{{Name: "ACLableSyncedObjectEnabled", Value: true}}})
	}
}

// Writeback adds, on-premises, Update-Recipient for groups Entra Connect
// writes back (they are missing from the GAL until then), and the script
// for the Entra Connect server that grants the writeback permissions.
func (inv *Inventory) Writeback(onprem *Target, cfg *config.Config) {
	if onprem == nil {
		return
	}
	for i := range cfg.ExchangeOnline.Groups {
		g := &cfg.ExchangeOnline.Groups[i]
		inv.Add(&Resource{Kind: KindGroupWriteback, Name: string(g.PrimarySmtpAddress), Target: onprem, Meta: &g.Meta, Spec: g,
			Props: []Property{{Name: "InAddressLists", Value: true}}})
	}
	ec := cfg.OnPremises.EntraConnect
	if ec == nil || ec.GroupWriteback == nil || !*ec.GroupWriteback || ec.ConnectorAccountDN == "" {
		return
	}
	t := inv.target(&Target{File: EntraConnectScript, EntraConnect: true, Organization: string(cfg.OnPremises.Organization), Forest: entraForest(ec),
		ForestDerived: ec.Forest == "",
		Title:         "the Microsoft Entra Connect server of " + string(cfg.OnPremises.Organization)})
	inv.Add(&Resource{Kind: KindWritebackPermissions, Target: t, Meta: &ec.Meta, Spec: ec,
		Props: []Property{{Name: "ADConnectorAccountDN", Value: string(ec.ConnectorAccountDN)}}})
}

// entraForest is the forest entra-connect.ps1 checks: the declared one, or
// the one derivedForest takes from the DNs.
func entraForest(ec *config.EntraConnect) string {
	if ec.Forest != "" {
		return string(ec.Forest)
	}
	return DerivedForest(ec)
}

// DerivedForest is the domain the DC= components of connectorAccountDN
// name, shortened to the part it shares with writebackOU's when that is
// declared (an account of emea.contoso.com and an OU of contoso.com give
// contoso.com); "" when they share fewer than two labels. It may be a child
// domain rather than the forest root: the script accepts a forest Entra
// Connect synchronizes or a domain in it.
func DerivedForest(ec *config.EntraConnect) string {
	labels := DNDomain(string(ec.ConnectorAccountDN))
	if ec.WritebackOU != "" {
		ou := DNDomain(string(ec.WritebackOU))
		n := 0
		for n < len(labels) && n < len(ou) && labels[len(labels)-1-n] == ou[len(ou)-1-n] {
			n++
		}
		labels = labels[len(labels)-n:]
	}
	if len(labels) < 2 {
		return ""
	}
	return strings.Join(labels, ".")
}

// DNDomain is the DC= components of a DN, lower case, in order.
func DNDomain(dn string) []string {
	var labels []string
	for _, rdn := range strings.Split(dn, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(rdn), "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), "DC") {
			labels = append(labels, strings.ToLower(strings.TrimSpace(v)))
		}
	}
	return labels
}
