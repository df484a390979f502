package model

import (
	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"

	"github.com/hybridc/hybridc/compiler/pstext"
)

// Kinds of groups hybrid (seed 002) and permissions (seed 003).
const (
	KindOrganizationConfig   = kinds.OrganizationConfigName
	KindAcceptedDomain       = kinds.AcceptedDomainName
	KindSendConnector        = kinds.SendConnectorName
	KindRemoteDomain         = kinds.RemoteDomainName
	KindEmailAddressPolicy   = kinds.EmailAddressPolicyName
	KindOnPremisesOrg        = kinds.OnPremisesOrganizationName
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

// DeclaredIndex finds declared mailboxes and groups by name, ignoring case as
// Exchange does; a group is also found by its primary SMTP address.
type DeclaredIndex struct {
	Mailboxes map[string]*config.Mailbox
	groups    map[string]*config.UnifiedGroup
	// Cfg is the configuration the index is of, and recipients what
	// each of its permissions names, looked up once (see permission).
	Cfg        *config.Config
	recipients []permissionRecipients
}

// permissionRecipients are what a permission names: the group and the
// mailbox its mailbox field names, and the mailbox its trustee names (nil
// where none is declared).
type permissionRecipients struct {
	Group            *config.UnifiedGroup
	Mailbox, Trustee *config.Mailbox
}

// Permission returns what the configuration's permission i names, looked
// up on first use: Check, the inventory and the runbook all ask, which
// was eight lookups by name per permission.
func (d *DeclaredIndex) Permission(i int) permissionRecipients {
	if d.recipients == nil {
		d.recipients = make([]permissionRecipients, len(d.Cfg.Permissions))
		for j := range d.Cfg.Permissions {
			p := &d.Cfg.Permissions[j]
			d.recipients[j] = permissionRecipients{Group: d.Group(p.Mailbox), Mailbox: d.Mailbox(p.Mailbox), Trustee: d.Mailbox(p.Trustee)}
		}
	}
	return d.recipients[i]
}

// DeclaredIndexOf indexes the declared mailboxes and groups of cfg, once per
// compile (check builds it).
func DeclaredIndexOf(cfg *config.Config) *DeclaredIndex {
	built(partMailboxIndex)
	d := &DeclaredIndex{Mailboxes: make(map[string]*config.Mailbox, len(cfg.Mailboxes)), groups: map[string]*config.UnifiedGroup{}, Cfg: cfg}
	for i := range cfg.Mailboxes {
		m := &cfg.Mailboxes[i]
		if key := Fold(m.Name); d.Mailboxes[key] == nil {
			d.Mailboxes[key] = m
		}
	}
	for i := range cfg.ExchangeOnline.Groups {
		g := &cfg.ExchangeOnline.Groups[i]
		for _, key := range []string{Fold(g.Name), Fold(g.PrimarySmtpAddress)} {
			if _, dup := d.groups[key]; !dup {
				d.groups[key] = g
			}
		}
	}
	return d
}

func (d *DeclaredIndex) Mailbox(name config.Identity) *config.Mailbox {
	return LookupFolded(d.Mailboxes, name)
}
func (d *DeclaredIndex) Group(name config.Identity) *config.UnifiedGroup {
	return LookupFolded(d.groups, name)
}

// OnPremises reports whether a declared mailbox lives on-premises.
func (d *DeclaredIndex) OnPremises(name config.Identity) bool {
	m := d.Mailbox(name)
	return m != nil && m.Location == "onPremises"
}

// Fold is the key of a declared identity in the compiler's indexes
// (foldIdentity).
func Fold[S ~string](s S) string { return FoldIdentity(s) }

// onPremisesMailFlow adds ACLable object synchronization, the group
// domains' accepted domains and the hybrid send connector.
func (inv *Inventory) onPremisesMailFlow(t *Target, cfg *config.Config) {
	op := cfg.OnPremises
	if op.AclableSyncedObjectEnabled != nil {
		inv.Add(&Resource{Kind: KindOrganizationConfig, Target: t, Meta: &op.Meta,
			Props: []Property{{Name: "ACLableSyncedObjectEnabled", Value: *op.AclableSyncedObjectEnabled}}})
	}
	for i := range op.GroupDomains {
		gd := &op.GroupDomains[i]
		domainType := string(gd.DomainType)
		if domainType == "" {
			domainType = "InternalRelay"
		}
		inv.Add(&Resource{Kind: KindAcceptedDomain, Name: string(gd.Domain), Target: t, Meta: &gd.Meta, Spec: gd,
			Props: []Property{{Name: "DomainType", Value: domainType}}})
	}
	if routing := cfg.ExchangeOnline.RoutingDomain; routing != "" && op.CoexistenceAcceptedDomain != nil && *op.CoexistenceAcceptedDomain {
		// Found by its domain and left as it is: no managed setting.
		inv.Add(&Resource{Kind: KindAcceptedDomain, Name: string(routing), Target: t, Meta: &op.Meta, Spec: op})
	}
	if sc := op.HybridSendConnector; sc != nil {
		spaces := Texts(sc.AddressSpaces)
		for _, gd := range op.GroupDomains {
			if !pstext.ContainsFold(spaces, string(gd.Domain)) {
				spaces = append(spaces, string(gd.Domain))
			}
		}
		r := &Resource{Kind: KindSendConnector, Name: string(sc.Name), Target: t, Meta: &sc.Meta, Spec: sc}
		if len(spaces) > 0 {
			r.Props = []Property{{Name: "AddressSpaces", Value: spaces, Compare: CompareAddressSpaces, Additive: true}}
		}
		r.Props = append(r.Props, kinds.ConnectorSettings(sc)...)
		inv.Add(r)
	}
}

// RemoteDomains adds one organization's remote domains.
func (inv *Inventory) RemoteDomains(t *Target, list []config.RemoteDomain) {
	for i := range list {
		rd := &list[i]
		inv.Add(&Resource{Kind: KindRemoteDomain, Name: string(rd.Name), Target: t, Meta: &rd.Meta, DependsOn: rd.DependsOn, Spec: rd,
			Props: kinds.RemoteDomain.Properties(rd)})
	}
}

// EmailAddressPolicies adds the on-premises email address policies.
func (inv *Inventory) EmailAddressPolicies(t *Target, list []config.EmailAddressPolicy) {
	for i := range list {
		p := &list[i]
		inv.Add(&Resource{Kind: KindEmailAddressPolicy, Name: string(p.Name), Target: t, Meta: &p.Meta, Spec: p,
			Props: kinds.EmailAddressPolicy.Properties(p)})
	}
}

// OnPremisesOrganization adds the tenant's on-premises organization
// object, when declared.
func (inv *Inventory) OnPremisesOrganization(t *Target, o *config.OnPremisesOrganization) {
	if o == nil {
		return
	}
	inv.Add(&Resource{Kind: KindOnPremisesOrg, Name: kinds.OnPremisesOrganizationObjectName(o), Target: t, Meta: &o.Meta, Spec: o,
		Props: kinds.OnPremisesOrganization.Properties(o)})
}

// Groups adds the Microsoft 365 groups, their links and the echo setting
// of their on-premises members.
func (inv *Inventory) Groups(t *Target, cfg *config.Config, declared *DeclaredIndex) {
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
		inv.Add(&Resource{Kind: KindUnifiedGroup, Name: string(g.Name), Target: t, Meta: &g.Meta, Spec: g, Props: ps})
		// Owners must be members first.
		members := Texts(g.Members)
		for _, o := range g.Owners {
			if !pstext.ContainsFold(members, string(o)) {
				members = append(members, string(o))
			}
		}
		links := []struct {
			kind  string
			items []string
		}{{KindGroupMembers, members}, {KindGroupOwners, Texts(g.Owners)}, {KindGroupSubscribers, Texts(g.Unsubscribed)}}
		for _, l := range links {
			// Members and owners are added, and replaced only when the group
			// is exclusive; unsubscribed members are always only removed from
			// the subscribers.
			additive := l.kind == KindGroupSubscribers || !pstext.IsTrue(g.Exclusive)
			if len(l.items) > 0 || (l.kind != KindGroupSubscribers && pstext.IsTrue(g.Exclusive)) {
				inv.Add(&Resource{Kind: l.kind, Name: string(g.Name), Target: t, Meta: &g.Meta, Spec: g,
					Props: []Property{{Name: "Links", Value: l.items, Compare: CompareRecipients, Additive: additive}}})
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
			if !declared.OnPremises(m) || seen[Fold(m)] {
				continue
			}
			seen[Fold(m)] = true
			inv.Add(&Resource{Kind: KindEchoGroupMessages, Name: string(m), Target: t, Meta: &g.Meta, Spec: g,
				Props: []Property{{Name: "EchoGroupMessageBackToSubscribedSender", Value: *g.EchoToOnPremisesMembers}}})
		}
	}
}

// RBAC adds one organization's role groups and role assignment policies.
// RBAC is not transferred between the organizations (seed 003).
func (inv *Inventory) RBAC(t *Target, groups []config.RoleGroup, policies []config.RoleAssignmentPolicy) {
	for i := range groups {
		g := &groups[i]
		ps := rbacSets(g.Exclusive, []string{"Roles", "Members"}, [][]string{Texts(g.Roles), Texts(g.Members)}, []string{CompareSet, CompareRecipients})
		inv.Add(&Resource{Kind: KindRoleGroup, Name: string(g.Name), Target: t, Absent: g.Ensure.IsAbsent(), Meta: &g.Meta, Spec: g, Props: ps})
	}
	for i := range policies {
		p := &policies[i]
		ps := rbacSets(p.Exclusive, []string{"Roles"}, [][]string{Texts(p.Roles)}, []string{CompareSet})
		inv.Add(&Resource{Kind: KindRoleAssignmentPolicy, Name: string(p.Name), Target: t, Absent: p.Ensure.IsAbsent(), Meta: &p.Meta, Spec: p, Props: ps})
	}
	for i := range policies {
		p := &policies[i]
		if p.Ensure.IsAbsent() {
			continue
		}
		for _, m := range p.Mailboxes {
			inv.Add(&Resource{Kind: KindMailboxPolicy, Name: string(m), Target: t, Meta: &p.Meta, Spec: p,
				Props: []Property{{Name: "RoleAssignmentPolicy", Value: string(p.Name)}}})
		}
	}
}

// rbacSets are the sets of a role group or policy: additive unless the
// declaration is exclusive, and then listed even when empty, since an empty
// exclusive set removes every item.
func rbacSets(exclusive *bool, names []string, values [][]string, compares []string) []Property {
	var ps []Property
	for i, name := range names {
		if len(values[i]) > 0 || pstext.IsTrue(exclusive) {
			ps = append(ps, Property{Name: name, Value: values[i], Compare: compares[i], Additive: !pstext.IsTrue(exclusive)})
		}
	}
	return ps
}
