package compiler

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
)

// CallEstimate is how many Exchange calls a script makes, by the engine's
// design: on a first run, where nothing the configuration declares exists
// yet (every declared object created, every permission granted, a new
// tenant not yet customized; what Exchange creates itself, the built-in
// role groups and the default role assignment policy, exists), and on a
// run where everything is already in sync. A pipelined read (mailbox
// identities piped into one Get-MailboxPermission) counts as one call.
// Reads that depend on how Exchange names an entry (a folder permission's
// user given only by display name, read again with -User) are not counted:
// the README says when they happen. The simulator's call logs hold the
// scripts to these counts (golden/simulator, TestCallsMeasured).
type CallEstimate struct {
	File             string
	FirstRun, InSync int
	// Kinds are the counts per engine step kind, in script order.
	Kinds []KindCalls
}

// KindCalls are the calls of one kind's engine in one script, over every
// step of that kind.
type KindCalls struct {
	Kind             string
	Items            int
	FirstRun, InSync int
}

// directoryReads are the bulk directory reads each kind's engine needs,
// from the kinds' declarations.
var directoryReads = func() map[string][]string {
	m := map[string][]string{}
	for _, d := range kinds.All() {
		m[d.Name] = d.DirectoryReads
	}
	m[kindSendAsOnPremises], m[kindSendAsOnline] = kinds.SendAs.DirectoryReads, kinds.SendAs.DirectoryReads
	return m
}()

// DefaultPolicy is the name of the role assignment policy Exchange gives
// new mailboxes, and defaultPolicyRoles its roles.
const DefaultPolicy = kinds.DefaultPolicy

var defaultPolicyRoles = kinds.DefaultPolicyRoles

// permissionChunk is how many mailboxes the on-premises engine pipes into
// one Get-MailboxPermission or Get-ADPermission (Read-HybridcInChunks).
const permissionChunk = 500

// EstimateCalls counts the Exchange calls of every script of a plan.
func EstimateCalls(plan *Plan) []CallEstimate {
	var out []CallEstimate
	for _, sp := range plan.Scripts {
		if sp.Target.EntraConnect {
			continue // no Exchange calls
		}
		e := CallEstimate{File: sp.Target.File}
		// Preflight: Get-OrganizationConfig, and Get-ConnectionInformation
		// online or Set-ADServerSettings on-premises.
		e.FirstRun, e.InSync = 2, 2
		loaded := map[string]bool{}
		index := map[string]int{}
		// A step is a run of resources of one engine, as the script's data
		// holds them (render.go): each step makes its own bulk reads.
		for _, step := range engineSteps(sp.Resources) {
			key := step[0].key
			i, ok := index[key]
			if !ok {
				i = len(e.Kinds)
				index[key] = i
				e.Kinds = append(e.Kinds, KindCalls{Kind: key})
			}
			rs := make([]*Resource, len(step))
			for j, s := range step {
				rs[j] = s.r
			}
			k := &e.Kinds[i]
			k.Items += len(rs)
			for _, d := range stepDirectoryReads(key, rs) {
				if !loaded[d] {
					loaded[d] = true
					k.FirstRun++
					k.InSync++
				}
			}
			first, inSync := stepCalls(key, rs, sp.Target.Online)
			k.FirstRun += first
			k.InSync += inSync
		}
		for _, k := range e.Kinds {
			e.FirstRun += k.FirstRun
			e.InSync += k.InSync
		}
		out = append(out, e)
	}
	return out
}

type keyed struct {
	key string
	r   *Resource
}

// engineSteps splits a script's resources into its steps: runs of
// resources of the same engine.
func engineSteps(resources []*Resource) [][]keyed {
	var steps [][]keyed
	for _, r := range resources {
		key, _ := engineOf(r)
		if n := len(steps); n > 0 && steps[n-1][0].key == key {
			steps[n-1] = append(steps[n-1], keyed{key, r})
			continue
		}
		steps = append(steps, []keyed{{key, r}})
	}
	return steps
}

// stepDirectoryReads are the directory reads a step needs.
func stepDirectoryReads(key string, rs []*Resource) []string {
	if key == KindOrganizationRelationship {
		for _, r := range rs {
			if r.Relationship != nil && r.Relationship.FreeBusyAccessScope != "" {
				return []string{"recipient"} // the scope group, resolved
			}
		}
	}
	return directoryReads[key]
}

// stepCalls returns the calls of one step besides the directory reads: on
// a first run, and on a run where everything is in sync (callRules; a kind
// without a rule makes one call per present resource on a first run).
func stepCalls(key string, rs []*Resource, online bool) (first, inSync int) {
	present := 0
	for _, r := range rs {
		if !r.Absent {
			present++
		}
	}
	if rule := callRules[key]; rule != nil {
		return rule(rs, present, online)
	}
	return present, 0
}

// callRule counts the calls of one step of a kind's engine, given its
// resources, how many of them are present and the organization kind.
type callRule func(rs []*Resource, present int, online bool) (first, inSync int)

// callRules are the call counts by engine step kind.
var callRules = map[string]callRule{
	// A new tenant is dehydrated: Enable-OrganizationCustomization, then
	// Get-OrganizationConfig until it reports the change.
	KindOrganizationCustomization: func([]*Resource, int, bool) (int, int) { return 2, 0 },
	// One bulk Get-; a first run creates what is present (what is absent
	// does not exist).
	KindOrganizationRelationship: bulkRead,
	KindAcceptedDomain:           bulkRead,
	KindAvailabilityAddressSpace: bulkRead,
	// One bulk Get-SendConnector; the wizard created the connector, the
	// first run adds the declared address spaces with Set-SendConnector.
	KindSendConnector:        bulkRead,
	KindRemoteDomain:         remoteDomainCalls,
	KindRoleAssignmentPolicy: policyCalls,
	// Compared with objects read in bulk.
	KindOrganizationConfig: comparedInBulk,
	KindGroupWriteback:     comparedInBulk,
	KindRemoteMailboxACL:   comparedInBulk,
	// Compared with the mailboxes read in bulk; a first run adds each
	// mailbox's delegates in one Set-Mailbox (what is absent does not
	// exist).
	KindSendOnBehalf:  func(rs []*Resource, _ int, _ bool) (int, int) { return presentMailboxes(rs), 0 },
	KindMailboxPolicy: mailboxPolicyCalls,
	// New-UnifiedGroup; the <alias>@<tenant>.onmicrosoft.com address
	// Exchange Online adds is not trimmed (issue 19, point 6).
	KindUnifiedGroup:      comparedInBulk,
	KindGroupMembers:      linkCalls(KindGroupMembers),
	KindGroupOwners:       linkCalls(KindGroupOwners),
	KindGroupSubscribers:  linkCalls(KindGroupSubscribers),
	KindEchoGroupMessages: echoCalls,
	KindRoleGroup:         roleGroupCalls,
	KindFullAccess:        mailboxPermissionCalls,
	kindSendAsOnPremises:  mailboxPermissionCalls,
	// One Get-RecipientPermission of the whole tenant.
	kindSendAsOnline:     bulkRead,
	KindFolderPermission: folderCalls,
}

// remoteDomainCalls: one bulk Get-RemoteDomain; a first run creates each
// with New-RemoteDomain, then sets its declared settings with
// Set-RemoteDomain (New- takes none).
func remoteDomainCalls(rs []*Resource, present int, _ bool) (first, inSync int) {
	first = 1 + present
	for _, r := range rs {
		if !r.Absent && len(r.props) > 0 {
			first++
		}
	}
	return first, 1
}

func bulkRead(_ []*Resource, present int, _ bool) (int, int)       { return 1 + present, 1 }
func comparedInBulk(_ []*Resource, present int, _ bool) (int, int) { return present, 0 }

// policyCalls: one bulk Get-RoleAssignmentPolicy; a new policy is created
// with its roles, and the default policy, which exists with Exchange's
// default roles, gets the others one by one, with Exclusive the
// assignments read and the roles not declared removed.
func policyCalls(rs []*Resource, _ int, _ bool) (first, inSync int) {
	first, inSync = 1, 1
	for _, r := range rs {
		p, _ := r.Spec.(*config.RoleAssignmentPolicy)
		if r.Absent || p == nil {
			continue
		}
		exclusive := isTrue(p.Exclusive)
		if !strings.EqualFold(r.Name, DefaultPolicy) {
			first++ // New-RoleAssignmentPolicy with its roles
			if exclusive {
				inSync++ // Get-ManagementRoleAssignment
			}
			continue
		}
		for _, role := range p.Roles {
			if !containsFold(defaultPolicyRoles, string(role)) {
				first++
			}
		}
		if exclusive {
			first++
			inSync++
			for _, role := range defaultPolicyRoles {
				if !containsFold(texts(p.Roles), role) {
					first++
				}
			}
		}
	}
	return first, inSync
}

// mailboxPolicyCalls: compared with the mailboxes read in bulk; a mailbox
// has the default policy until it is given another.
func mailboxPolicyCalls(rs []*Resource, _ int, _ bool) (first, inSync int) {
	for _, r := range rs {
		if p, ok := r.Spec.(*config.RoleAssignmentPolicy); ok && !strings.EqualFold(string(p.Name), DefaultPolicy) {
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
	return func(rs []*Resource, _ int, _ bool) (first, inSync int) {
		for _, r := range rs {
			g, _ := r.Spec.(*config.UnifiedGroup)
			exclusive := g != nil && isTrue(g.Exclusive)
			links, _ := r.props[0].Value.([]string)
			reads := 1
			if key == KindGroupMembers && exclusive {
				reads++
			}
			first += reads
			inSync += reads
			switch {
			case key == KindGroupSubscribers || len(links) == 0:
			case key == KindGroupOwners && exclusive:
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
func echoCalls(rs []*Resource, _ int, _ bool) (first, inSync int) {
	for _, r := range rs {
		first += 2
		inSync += 2
		if on, _ := r.props[0].Value.(bool); on {
			first++
		}
	}
	return first, inSync
}

// roleGroupCalls: one bulk Get-RoleGroup; an existing group's members and
// direct assignments are read; a built-in group exists, and its declared
// members and roles are added one by one.
func roleGroupCalls(rs []*Resource, _ int, _ bool) (first, inSync int) {
	first, inSync = 1, 1
	for _, r := range rs {
		g, _ := r.Spec.(*config.RoleGroup)
		if r.Absent || g == nil {
			continue // absent: it does not exist
		}
		inSync += 2
		if !BuiltInRoleGroup(r.Name, r.Target.Online) {
			first++ // New-RoleGroup with its members and roles
			continue
		}
		first += 2 + len(g.Members) + len(g.Roles)
	}
	return first, inSync
}

// mailboxPermissionCalls: every mailbox's entries, online in one
// Get-EXOMailboxPermission, on-premises piped 500 mailboxes a call.
func mailboxPermissionCalls(rs []*Resource, present int, online bool) (int, int) {
	reads := min(1, mailboxes(rs))
	if !online {
		reads = (mailboxes(rs) + permissionChunk - 1) / permissionChunk
	}
	return reads + present, reads
}

// folderCalls: each mailbox folder's permissions, and a default folder's
// name in the mailbox's language: one Get-MailboxFolderStatistics per
// mailbox and folder type.
func folderCalls(rs []*Resource, present int, _ bool) (int, int) {
	folders := map[string]bool{}
	for _, r := range rs {
		if p, ok := r.Spec.(*config.Permission); ok {
			folders[strings.ToLower(string(p.Mailbox)+`:\`+string(p.Folder))] = true
		}
	}
	reads := len(folders) + folderReads(rs)
	return reads + present, reads
}

// presentMailboxes counts the distinct mailboxes present permission
// resources name.
func presentMailboxes(rs []*Resource) int {
	var present []*Resource
	for _, r := range rs {
		if !r.Absent {
			present = append(present, r)
		}
	}
	return mailboxes(present)
}

// mailboxes counts the distinct mailboxes permission resources name.
func mailboxes(rs []*Resource) int {
	seen := map[string]bool{}
	for _, r := range rs {
		if p, ok := r.Spec.(*config.Permission); ok {
			seen[strings.ToLower(string(p.Mailbox))] = true
		}
	}
	return len(seen)
}

// CallsTotal adds up the estimates of every script.
func CallsTotal(es []CallEstimate) (firstRun, inSync int) {
	for _, e := range es {
		firstRun += e.FirstRun
		inSync += e.InSync
	}
	return firstRun, inSync
}
