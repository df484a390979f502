package model

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// DirectoryThreshold is the most declared names a script reads one by one
// (Get-Recipient -Identity, and so on for each kind of directory object a
// step needs) instead of reading the whole directory once per kind
// (-ResultSize Unlimited). A call costs about 0.1-1 s whatever it returns;
// a bulk read costs one call plus the transfer of every object of the
// organization, which the compiler cannot know. At 25 names a per-object
// read costs 2.5-25 s per kind, what a bulk read of a few thousand objects
// costs; a larger configuration belongs to a larger organization, where the
// bulk read wins (issue 16). A variable, so that tests run one scenario
// both ways.
var DirectoryThreshold = 25

// DirectoryReadTypes are the kinds of directory objects that can be read
// one by one (Initialize-HybridcDirectory); the remote mailboxes and the
// Microsoft 365 groups are always read in bulk.
var DirectoryReadTypes = map[string]bool{"recipient": true, "user": true, "group": true, "mailbox": true}

// directoryNameFields are the step kinds whose engine looks up in the
// directory only the names the configuration declares, with the names each
// resource declares. A kind not here (role groups, whose engine looks up
// the account running the script; Send on Behalf, whose delegates Exchange
// lists by name; an exclusive group link set, whose undeclared links are
// named in the removal) needs the whole directory.
var directoryNameFields = map[string]func(r *Resource) ([]string, bool){
	KindFullAccess:        permissionNames,
	KindSendAsOnPremises:  permissionNames,
	KindSendAsOnline:      permissionNames,
	KindFolderPermission:  permissionNames,
	KindRemoteMailboxACL:  ownName,
	KindEchoGroupMessages: ownName,
	KindGroupWriteback:    ownName,
	KindMailboxPolicy:     ownName,
	KindGroupMembers:      linkNames,
	KindGroupOwners:       linkNames,
	KindGroupSubscribers:  linkNames,
	KindOrganizationRelationship: func(r *Resource) ([]string, bool) {
		if r.Relationship == nil || *kinds.Scope(r.Relationship) == "" {
			return nil, true
		}
		return []string{string(*kinds.Scope(r.Relationship))}, true
	},
}

func permissionNames(r *Resource) ([]string, bool) {
	p, ok := r.Spec.(*config.Permission)
	if !ok {
		return nil, false
	}
	return []string{string(p.Mailbox), string(p.Trustee)}, true
}

func ownName(r *Resource) ([]string, bool) { return []string{r.Name}, true }

func linkNames(r *Resource) ([]string, bool) {
	g, _ := r.Spec.(*config.UnifiedGroup)
	if g == nil || (pstext.IsTrue(g.Exclusive) && r.Kind != KindGroupSubscribers) || len(r.Props) == 0 {
		return nil, false
	}
	links, _ := r.Props[0].Value.([]string)
	return links, true
}

// DirectoryNames are the names a script's steps look up in the directory,
// in declaration order, each once (ignoring case, as Exchange does), when
// the script reads them one by one: when every step that reads the
// directory looks up only declared names and they are at most
// DirectoryThreshold. Otherwise nil: the script reads the directory in
// bulk. The script's data holds the list (DirectoryNames), so the script,
// plan and the call estimate decide alike.
func DirectoryNames(rs []*Resource, needsDirectory func(key string, r *Resource) bool) []string {
	var names []string
	seen := map[string]bool{}
	for _, r := range rs {
		key, _ := EngineOf(r)
		if !needsDirectory(key, r) {
			continue
		}
		fields := directoryNameFields[key]
		if fields == nil {
			return nil
		}
		list, ok := fields(r)
		if !ok {
			return nil
		}
		for _, n := range list {
			if !perObjectForm(n) {
				return nil
			}
			k := strings.ToUpper(n)
			if n == "" || seen[k] {
				continue
			}
			seen[k] = true
			names = append(names, n)
			if len(names) > DirectoryThreshold {
				return nil
			}
		}
	}
	return names
}

// notEveryRead matches the forms of a name that not every per-object read
// documents for -Identity (behaviour table: Get-Recipient and Get-Group take
// no SID, Domain\User or SAM account name; a GUID may be an
// ExternalDirectoryObjectId, which the bulk read indexes) and wildcards,
// which Exchange's -Identity may expand: such a name is looked up in the
// directory read in bulk.
var notEveryRead = pstext.LazyRegexp(`(?i)^S-1-[0-9-]+$|^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$|[\\*?]`)

func perObjectForm(name string) bool { return !notEveryRead().MatchString(name) }

// UnifiedGroupThreshold is the most Microsoft 365 groups a script reads
// one by one (Get-UnifiedGroup -Identity <declared address>) instead of
// every group of the tenant (-ResultSize Unlimited): the same reasoning
// and figure as DirectoryThreshold.
var UnifiedGroupThreshold = 25

// UnifiedGroupNames are the declared primary addresses of the Microsoft
// 365 groups a script's steps look up (the groups and their link sets),
// each once, when they are at most UnifiedGroupThreshold; otherwise nil:
// the script reads every group. The script's data holds the list
// (UnifiedGroupNames).
func UnifiedGroupNames(rs []*Resource) []string {
	var names []string
	seen := map[string]bool{}
	for _, r := range rs {
		switch r.Kind {
		case KindUnifiedGroup, KindGroupMembers, KindGroupOwners, KindGroupSubscribers:
		default:
			continue
		}
		g, ok := r.Spec.(*config.UnifiedGroup)
		if !ok {
			continue
		}
		n := string(g.PrimarySmtpAddress)
		if !perObjectForm(n) {
			return nil
		}
		if k := strings.ToUpper(n); n != "" && !seen[k] {
			seen[k] = true
			names = append(names, n)
		}
		if len(names) > UnifiedGroupThreshold {
			return nil
		}
	}
	return names
}
