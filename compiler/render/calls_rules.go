package render

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"

	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// callRule counts the calls of one step of a kind's engine, given its
// resources, how many of them are present and the organization kind.
type callRule func(rs []*model.Resource, present int, online bool) (first, inSync int)

// callRules are the call counts by engine step kind.
var callRules = map[string]callRule{
	// A new tenant is dehydrated: Enable-OrganizationCustomization, then
	// Get-OrganizationConfig until it reports the change.
	model.KindOrganizationCustomization: func([]*model.Resource, int, bool) (int, int) { return 2, 0 },
	// Get-FederationTrust and Get-FederatedOrganizationIdentifier; a first
	// run adds the declared federated domains.
	model.KindFederationTrust: federationCalls,
	// Get-AuthConfig and Get-ExchangeCertificate of the current
	// certificate; a first run also sets the declared next certificate
	// (its publication, once its date has come, is not counted).
	model.KindAuthCertificate: func(rs []*model.Resource, _ int, _ bool) (int, int) {
		first := 2
		if len(rs) > 0 && len(rs[0].Props) > 0 {
			first++
		}
		return first, 2
	},
	// One bulk Get-; a first run creates what is present (what is absent
	// does not exist).
	model.KindOrganizationRelationship: bulkRead,
	model.KindAcceptedDomain:           bulkRead,
	model.KindAvailabilityAddressSpace: bulkRead,
	// One bulk Get-SendConnector; the wizard created the connector, the
	// first run adds the declared address spaces with Set-SendConnector.
	model.KindSendConnector:        bulkRead,
	model.KindRoleAssignmentPolicy: policyCalls,
	// Compared with objects read in bulk.
	model.KindOrganizationConfig: comparedInBulk,
	model.KindGroupWriteback:     comparedInBulk,
	model.KindRemoteMailboxACL:   comparedInBulk,
	// Compared with the mailboxes read in bulk; a first run adds each
	// mailbox's delegates in one Set-Mailbox (what is absent does not
	// exist).
	model.KindSendOnBehalf:  func(rs []*model.Resource, _ int, _ bool) (int, int) { return presentMailboxes(rs), 0 },
	model.KindMailboxPolicy: mailboxPolicyCalls,
	// New-UnifiedGroup, then Get-UnifiedGroup -Identity until the new
	// group is found (once when it has replicated; up to six times, 5 s
	// apart, when not: issue 16); the <alias>@<tenant>.onmicrosoft.com
	// address Exchange Online adds is not trimmed (issue 19, point 6).
	model.KindUnifiedGroup:      func(_ []*model.Resource, present int, _ bool) (int, int) { return 2 * present, 0 },
	model.KindGroupMembers:      linkCalls(model.KindGroupMembers),
	model.KindGroupOwners:       linkCalls(model.KindGroupOwners),
	model.KindGroupSubscribers:  linkCalls(model.KindGroupSubscribers),
	model.KindEchoGroupMessages: echoCalls,
	model.KindRoleGroup:         roleGroupCalls,
	model.KindFullAccess:        mailboxPermissionCalls,
	model.KindSendAsOnPremises:  mailboxPermissionCalls,
	// One Get-RecipientPermission of the whole tenant (one per declared
	// mailbox when the directory is read name by name: EstimateCalls).
	model.KindSendAsOnline:     bulkRead,
	model.KindFolderPermission: folderCalls,
}

func bulkRead(_ []*model.Resource, present int, _ bool) (int, int)       { return 1 + present, 1 }
func comparedInBulk(_ []*model.Resource, present int, _ bool) (int, int) { return present, 0 }

// policyCalls: one bulk Get-RoleAssignmentPolicy; a new policy is created
// with its roles, and the default policy, which exists with Exchange's
// default roles, gets the others one by one, with Exclusive the
// assignments read and the roles not declared removed.
func policyCalls(rs []*model.Resource, _ int, _ bool) (first, inSync int) {
	first, inSync = 1, 1
	for _, r := range rs {
		p, _ := r.Spec.(*config.RoleAssignmentPolicy)
		if r.Absent || p == nil {
			continue
		}
		exclusive := pstext.IsTrue(p.Exclusive)
		if !strings.EqualFold(r.Name, model.DefaultPolicy) {
			first++ // New-RoleAssignmentPolicy with its roles
			if exclusive {
				inSync++ // Get-ManagementRoleAssignment
			}
			continue
		}
		for _, role := range p.Roles {
			if !pstext.ContainsFold(model.DefaultPolicyRoles, string(role)) {
				first++
			}
		}
		if exclusive {
			first++
			inSync++
			for _, role := range model.DefaultPolicyRoles {
				if !pstext.ContainsFold(model.Texts(p.Roles), role) {
					first++
				}
			}
		}
	}
	return first, inSync
}

// mailboxPolicyCalls: compared with the mailboxes read in bulk; a mailbox
// has the default policy until it is given another.
func mailboxPolicyCalls(rs []*model.Resource, _ int, _ bool) (first, inSync int) {
	for _, r := range rs {
		if p, ok := r.Spec.(*config.RoleAssignmentPolicy); ok && !strings.EqualFold(string(p.Name), model.DefaultPolicy) {
			first++
		}
	}
	return first, 0
}

// linkCalls: Get-UnifiedGroupLinks (and the owners, whom exclusive members
// keep). A new group's only member and owner is the account that created
// it; nobody is subscribed. The declared links are added in one call; an
// exclusive owner set then removes the creator as owner, and as member
// (refused, with nothing changed, when no owner is declared: a group keeps
// one).
func linkCalls(key string) callRule {
	return func(rs []*model.Resource, _ int, _ bool) (first, inSync int) {
		for _, r := range rs {
			g, _ := r.Spec.(*config.UnifiedGroup)
			exclusive := g != nil && pstext.IsTrue(g.Exclusive)
			links, _ := r.Props[0].Value.([]string)
			reads := 1
			if key == model.KindGroupMembers && exclusive {
				reads++
			}
			first += reads
			inSync += reads
			switch {
			case key == model.KindGroupSubscribers || len(links) == 0:
			case key == model.KindGroupOwners && exclusive:
				first += 3
			default:
				first++
			}
		}
		return first, inSync
	}
}

// echoCalls: Get-MailUser and Get-MailboxMessageConfiguration for each
// member; a first run sets the echo where it is declared on (Exchange's
// default is off).
func echoCalls(rs []*model.Resource, _ int, _ bool) (first, inSync int) {
	for _, r := range rs {
		first += 2
		inSync += 2
		if on, _ := r.Props[0].Value.(bool); on {
			first++
		}
	}
	return first, inSync
}

// roleGroupCalls: one bulk Get-RoleGroup; an existing group's members and
// direct assignments are read; a built-in group exists, and its declared
// members and roles are added one by one.
func roleGroupCalls(rs []*model.Resource, _ int, _ bool) (first, inSync int) {
	first, inSync = 1, 1
	for _, r := range rs {
		g, _ := r.Spec.(*config.RoleGroup)
		if r.Absent || g == nil {
			continue // absent: it does not exist
		}
		inSync += 2
		if !model.BuiltInRoleGroup(r.Name, r.Target.Online) {
			first++ // New-RoleGroup with its members and roles
			continue
		}
		first += 2 + len(g.Members) + len(g.Roles)
	}
	return first, inSync
}

// mailboxPermissionCalls: every mailbox's entries, online in one
// Get-EXOMailboxPermission, on-premises piped 500 mailboxes a call.
func mailboxPermissionCalls(rs []*model.Resource, present int, online bool) (int, int) {
	reads := min(1, mailboxes(rs))
	if !online {
		reads = (mailboxes(rs) + permissionChunk - 1) / permissionChunk
	}
	return reads + present, reads
}

// folderCalls: each mailbox folder's permissions, and a default folder's
// name in the mailbox's language: one Get-MailboxFolderStatistics per
// mailbox and folder type.
func folderCalls(rs []*model.Resource, present int, _ bool) (int, int) {
	folders := map[string]bool{}
	for _, r := range rs {
		if p, ok := r.Spec.(*config.Permission); ok {
			folders[strings.ToLower(string(p.Mailbox)+`:\`+string(p.Folder))] = true
		}
	}
	reads := len(folders) + model.FolderReads(rs)
	return reads + present, reads
}

func federationCalls(rs []*model.Resource, _ int, _ bool) (int, int) {
	first := 2
	for _, r := range rs {
		for _, p := range r.Props {
			if list, ok := p.Value.([]string); ok && p.Name == "Domains" {
				first += len(list)
			}
		}
	}
	return first, 2
}
