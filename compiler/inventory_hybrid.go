package compiler

import (
	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
)

// Kinds of groups hybrid (seed 002) and permissions (seed 003).
const (
	KindOrganizationConfig   = kinds.OrganizationConfigName
	KindAcceptedDomain       = kinds.AcceptedDomainName
	KindSendConnector        = kinds.SendConnectorName
	KindRemoteDomain         = kinds.RemoteDomainName
	KindUnifiedGroup         = kinds.UnifiedGroupName
	KindGroupMembers         = kinds.GroupMembersName
	KindGroupOwners          = kinds.GroupOwnersName
	KindGroupSubscribers     = kinds.GroupSubscribersName
	KindEchoGroupMessages    = kinds.EchoGroupMessagesName
	KindGroupWriteback       = kinds.GroupWritebackName
	KindWritebackPermissions = kinds.WritebackPermissionsName
	KindRoleGroup            = kinds.RoleGroupName
	KindRoleAssignmentPolicy = kinds.RoleAssignmentPolicyName
	KindMailboxPolicy        = kinds.MailboxPolicyName
	KindRemoteMailboxACL     = kinds.RemoteMailboxACLName
	KindFullAccess           = kinds.FullAccessName
	KindSendAs               = kinds.SendAsName
	KindSendOnBehalf         = kinds.SendOnBehalfName
	KindFolderPermission     = kinds.FolderPermissionName
)

// EntraConnectScript is the script for the Entra Connect server.
const EntraConnectScript = "entra-connect.ps1"

// directory finds declared mailboxes and groups by name, ignoring case as
// Exchange does; a group is also found by its primary SMTP address.
type directory struct {
	mailboxes map[string]*config.Mailbox
	groups    map[string]*config.UnifiedGroup
	// cfg is the configuration the directory is of, and recipients what
	// each of its permissions names, looked up once (see permission).
	cfg        *config.Config
	recipients []permissionRecipients
}

// permissionRecipients are what a permission names: the group and the
// mailbox its mailbox field names, and the mailbox its trustee names (nil
// where none is declared).
type permissionRecipients struct {
	group            *config.UnifiedGroup
	mailbox, trustee *config.Mailbox
}

// permission returns what the configuration's permission i names, looked
// up on first use: Check, the inventory and the runbook all ask, which
// was eight lookups by name per permission.
func (d *directory) permission(i int) permissionRecipients {
	if d.recipients == nil {
		d.recipients = make([]permissionRecipients, len(d.cfg.Permissions))
		for j := range d.cfg.Permissions {
			p := &d.cfg.Permissions[j]
			d.recipients[j] = permissionRecipients{group: d.group(p.Mailbox), mailbox: d.mailbox(p.Mailbox), trustee: d.mailbox(p.Trustee)}
		}
	}
	return d.recipients[i]
}

// directoryOf indexes the declared mailboxes and groups of cfg, once per
// compile (check builds it).
func directoryOf(cfg *config.Config) *directory {
	built(partMailboxIndex)
	d := &directory{mailboxes: make(map[string]*config.Mailbox, len(cfg.Mailboxes)), groups: map[string]*config.UnifiedGroup{}, cfg: cfg}
	for i := range cfg.Mailboxes {
		m := &cfg.Mailboxes[i]
		if key := fold(m.Name); d.mailboxes[key] == nil {
			d.mailboxes[key] = m
		}
	}
	for i := range cfg.ExchangeOnline.Groups {
		g := &cfg.ExchangeOnline.Groups[i]
		for _, key := range []string{fold(g.Name), fold(g.PrimarySmtpAddress)} {
			if _, dup := d.groups[key]; !dup {
				d.groups[key] = g
			}
		}
	}
	return d
}

func (d *directory) mailbox(name config.Identity) *config.Mailbox {
	return lookupFolded(d.mailboxes, name)
}
func (d *directory) group(name config.Identity) *config.UnifiedGroup {
	return lookupFolded(d.groups, name)
}

// onPremises reports whether a declared mailbox lives on-premises.
func (d *directory) onPremises(name config.Identity) bool {
	m := d.mailbox(name)
	return m != nil && m.Location == "onPremises"
}

// fold is the key of a declared identity in the compiler's indexes
// (foldIdentity).
func fold[S ~string](s S) string { return foldIdentity(s) }

// onPremisesMailFlow adds ACLable object synchronization, the group
// domains' accepted domains and the hybrid send connector.
func (inv *Inventory) onPremisesMailFlow(t *Target, cfg *config.Config) {
	op := cfg.OnPremises
	if op.AclableSyncedObjectEnabled != nil {
		inv.add(&Resource{Kind: KindOrganizationConfig, Target: t, Meta: &op.Meta,
			props: []Property{{Name: "ACLableSyncedObjectEnabled", Value: *op.AclableSyncedObjectEnabled}}})
	}
	for i := range op.GroupDomains {
		gd := &op.GroupDomains[i]
		domainType := string(gd.DomainType)
		if domainType == "" {
			domainType = "InternalRelay"
		}
		inv.add(&Resource{Kind: KindAcceptedDomain, Name: string(gd.Domain), Target: t, Meta: &gd.Meta, Spec: gd,
			props: []Property{{Name: "DomainType", Value: domainType}}})
	}
	if sc := op.HybridSendConnector; sc != nil {
		spaces := texts(sc.AddressSpaces)
		for _, gd := range op.GroupDomains {
			if !containsFold(spaces, string(gd.Domain)) {
				spaces = append(spaces, string(gd.Domain))
			}
		}
		r := &Resource{Kind: KindSendConnector, Name: string(sc.Name), Target: t, Meta: &sc.Meta, Spec: sc}
		if len(spaces) > 0 {
			r.props = []Property{{Name: "AddressSpaces", Value: spaces, Compare: CompareAddressSpaces, Additive: true}}
		}
		r.props = append(r.props, kinds.ConnectorSettings(sc)...)
		inv.add(r)
	}
}

// remoteDomains adds one organization's remote domains.
func (inv *Inventory) remoteDomains(t *Target, list []config.RemoteDomain) {
	for i := range list {
		rd := &list[i]
		inv.add(&Resource{Kind: KindRemoteDomain, Name: string(rd.Name), Target: t, Meta: &rd.Meta, DependsOn: rd.DependsOn, Spec: rd,
			props: kinds.RemoteDomain.Properties(rd)})
	}
}

// groups adds the Microsoft 365 groups, their links and the echo setting
// of their on-premises members.
func (inv *Inventory) groups(t *Target, cfg *config.Config, dir *directory) {
	for i := range cfg.ExchangeOnline.Groups {
		g := &cfg.ExchangeOnline.Groups[i]
		accessType := string(g.AccessType)
		if accessType == "" {
			accessType = "Private"
		}
		ps := []Property{{Name: "PrimarySmtpAddress", Value: string(g.PrimarySmtpAddress)}, {Name: "AccessType", Value: accessType}}
		if g.AcceptExternalSenders != nil {
			ps = append(ps, Property{Name: "RequireSenderAuthenticationEnabled", Value: !*g.AcceptExternalSenders})
		}
		inv.add(&Resource{Kind: KindUnifiedGroup, Name: string(g.Name), Target: t, Meta: &g.Meta, Spec: g, props: ps})
		// Owners must be members first.
		members := texts(g.Members)
		for _, o := range g.Owners {
			if !containsFold(members, string(o)) {
				members = append(members, string(o))
			}
		}
		links := []struct {
			kind  string
			items []string
		}{{KindGroupMembers, members}, {KindGroupOwners, texts(g.Owners)}, {KindGroupSubscribers, texts(g.Unsubscribed)}}
		for _, l := range links {
			// Members and owners are added, and replaced only when the group
			// is exclusive; unsubscribed members are always only removed from
			// the subscribers.
			additive := l.kind == KindGroupSubscribers || !isTrue(g.Exclusive)
			if len(l.items) > 0 || (l.kind != KindGroupSubscribers && isTrue(g.Exclusive)) {
				inv.add(&Resource{Kind: l.kind, Name: string(g.Name), Target: t, Meta: &g.Meta, Spec: g,
					props: []Property{{Name: "Links", Value: l.items, Compare: CompareRecipients, Additive: additive}}})
			}
		}
	}
	seen := map[string]bool{}
	for i := range cfg.ExchangeOnline.Groups {
		g := &cfg.ExchangeOnline.Groups[i]
		if g.EchoToOnPremisesMembers == nil {
			continue
		}
		for _, m := range append(append([]config.Identity{}, g.Members...), g.Owners...) {
			if !dir.onPremises(m) || seen[fold(m)] {
				continue
			}
			seen[fold(m)] = true
			inv.add(&Resource{Kind: KindEchoGroupMessages, Name: string(m), Target: t, Meta: &g.Meta, Spec: g,
				props: []Property{{Name: "EchoGroupMessageBackToSubscribedSender", Value: *g.EchoToOnPremisesMembers}}})
		}
	}
}

// rbac adds one organization's role groups and role assignment policies.
// RBAC is not transferred between the organizations (seed 003).
func (inv *Inventory) rbac(t *Target, groups []config.RoleGroup, policies []config.RoleAssignmentPolicy) {
	for i := range groups {
		g := &groups[i]
		ps := rbacSets(g.Exclusive, []string{"Roles", "Members"}, [][]string{texts(g.Roles), texts(g.Members)}, []string{CompareSet, CompareRecipients})
		inv.add(&Resource{Kind: KindRoleGroup, Name: string(g.Name), Target: t, Absent: g.Ensure.IsAbsent(), Meta: &g.Meta, Spec: g, props: ps})
	}
	for i := range policies {
		p := &policies[i]
		ps := rbacSets(p.Exclusive, []string{"Roles"}, [][]string{texts(p.Roles)}, []string{CompareSet})
		inv.add(&Resource{Kind: KindRoleAssignmentPolicy, Name: string(p.Name), Target: t, Absent: p.Ensure.IsAbsent(), Meta: &p.Meta, Spec: p, props: ps})
	}
	for i := range policies {
		p := &policies[i]
		if p.Ensure.IsAbsent() {
			continue
		}
		for _, m := range p.Mailboxes {
			inv.add(&Resource{Kind: KindMailboxPolicy, Name: string(m), Target: t, Meta: &p.Meta, Spec: p,
				props: []Property{{Name: "RoleAssignmentPolicy", Value: string(p.Name)}}})
		}
	}
}

// rbacSets are the sets of a role group or policy: additive unless the
// declaration is exclusive, and then listed even when empty, since an empty
// exclusive set removes every item.
func rbacSets(exclusive *bool, names []string, values [][]string, compares []string) []Property {
	var ps []Property
	for i, name := range names {
		if len(values[i]) > 0 || isTrue(exclusive) {
			ps = append(ps, Property{Name: name, Value: values[i], Compare: compares[i], Additive: !isTrue(exclusive)})
		}
	}
	return ps
}
