package compiler

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
)

// CallEstimate is how many Exchange calls a script makes, by the engine's
// design: on a first run, where nothing the configuration declares exists
// yet (every declared object created, every permission granted), and on a
// run where everything is already in sync. A pipelined read (mailbox
// identities piped into one Get-MailboxPermission) counts as one call.
// Reads that depend on how Exchange names an entry (a folder permission's
// user given only by display name, read again with -User) are not counted:
// the README says when they happen.
type CallEstimate struct {
	File             string
	FirstRun, InSync int
	// Kinds are the counts per engine step kind, in script order.
	Kinds []KindCalls
}

// KindCalls are the calls of one kind's engine in one script.
type KindCalls struct {
	Kind             string
	Items            int
	FirstRun, InSync int
}

// directoryReads are the bulk directory reads each kind's engine needs
// (Initialize-HybridcDirectory and the group index), each made once per
// script whatever needs it.
var directoryReads = map[string][]string{
	KindGroupMembers:      {"recipient", "unifiedGroup"},
	KindGroupOwners:       {"recipient", "unifiedGroup"},
	KindGroupSubscribers:  {"recipient", "unifiedGroup"},
	KindUnifiedGroup:      {"unifiedGroup"},
	KindEchoGroupMessages: {"recipient"},
	KindGroupWriteback:    {"recipient"},
	KindRoleGroup:         {"recipient", "user", "group"},
	KindMailboxPolicy:     {"recipient", "mailbox"},
	KindRemoteMailboxACL:  {"recipient", "remoteMailbox"},
	KindFullAccess:        {"recipient", "user"},
	kindSendAsOnPremises:  {"recipient", "user"},
	kindSendAsOnline:      {"recipient", "user"},
	KindSendOnBehalf:      {"recipient", "user", "mailbox"},
	KindFolderPermission:  {"recipient", "user"},
}

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
		byKind := map[string][]*Resource{}
		var order []string
		for _, r := range sp.Resources {
			key, _ := engineOf(r)
			if byKind[key] == nil {
				order = append(order, key)
			}
			byKind[key] = append(byKind[key], r)
		}
		for _, key := range order {
			rs := byKind[key]
			k := KindCalls{Kind: key, Items: len(rs)}
			for _, d := range directoryReads[key] {
				if !loaded[d] {
					loaded[d] = true
					k.FirstRun++
					k.InSync++
				}
			}
			reads, first := kindCalls(key, rs)
			k.FirstRun += reads + first
			k.InSync += reads
			e.FirstRun += k.FirstRun
			e.InSync += k.InSync
			e.Kinds = append(e.Kinds, k)
		}
		out = append(out, e)
	}
	return out
}

// kindCalls returns the reads a kind's engine makes for its resources on
// every run, and the changes it makes on a first run.
func kindCalls(key string, rs []*Resource) (reads, changes int) {
	present := 0
	for _, r := range rs {
		if !r.Absent {
			present++
		}
	}
	switch key {
	case KindOrganizationCustomization:
		return 0, 2 // Enable-OrganizationCustomization, then at least one Get-OrganizationConfig
	case KindOrganizationRelationship, KindAcceptedDomain, KindSendConnector, KindRoleAssignmentPolicy:
		reads = 1 // one bulk Get-
		if key == KindSendConnector {
			present = 0 // the wizard creates it; the engine adds address spaces
		}
		return reads, present
	case KindAvailabilityAddressSpace:
		return 1, present
	case KindOrganizationConfig, KindGroupWriteback, KindMailboxPolicy, KindRemoteMailboxACL, KindSendOnBehalf:
		return 0, present // compared with objects read in bulk
	case KindUnifiedGroup:
		return 0, 2 * present // New-UnifiedGroup, and the trimming of the default-domain address
	case KindGroupMembers, KindGroupOwners, KindGroupSubscribers:
		for _, r := range rs {
			reads++ // Get-UnifiedGroupLinks
			if g, ok := r.Spec.(*config.UnifiedGroup); ok && key == KindGroupMembers && isTrue(g.Exclusive) {
				reads++ // the owners, whom exclusive members keep
			}
		}
		if key == KindGroupSubscribers {
			present = 0 // new members are subscribed: nothing to remove on a first run
		}
		return reads, present
	case KindEchoGroupMessages:
		return 2 * len(rs), present // Get-MailUser, Get-MailboxMessageConfiguration
	case KindRoleGroup:
		// One bulk Get-RoleGroup; each existing group's members and direct
		// assignments. A first run creates each group with its members and
		// roles in one New-RoleGroup.
		return 1 + 2*len(rs), present
	case KindFullAccess, kindSendAsOnPremises, kindSendAsOnline:
		return 1, present // one bulk or pipelined read
	case KindFolderPermission:
		folders := map[string]bool{}
		for _, r := range rs {
			if p, ok := r.Spec.(*config.Permission); ok {
				folders[strings.ToLower(string(p.Mailbox)+`:\`+string(p.Folder))] = true
			}
		}
		return len(folders), present
	}
	return 0, present
}

// CallsTotal adds up the estimates of every script.
func CallsTotal(es []CallEstimate) (firstRun, inSync int) {
	for _, e := range es {
		firstRun += e.FirstRun
		inSync += e.InSync
	}
	return firstRun, inSync
}
