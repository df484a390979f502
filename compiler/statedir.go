package compiler

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/state"
)

// stateDirectory indexes the recipients of a state by every stable form of
// identity, as the engine's directory does (templates/engine-directory):
// Guid, ExternalDirectoryObjectId, distinguished name, identity, primary and
// secondary SMTP addresses, user principal name, alias, name, SAM account
// name and SID; never display name. Keys are compared ordinally, ignoring
// case (foldIdentity), as the engine's OrdinalIgnoreCase tables compare
// them. A form two objects share is ambiguous.
type stateDirectory struct {
	st         *state.State
	recipients []state.Recipient
	// index maps a folded identity form to a recipient's position, or to
	// ambiguous.
	index map[string]int32
	// groups finds Microsoft 365 groups by any SMTP address.
	groups map[string]*state.UnifiedGroup
	// permissions are the positions of the permission entries by the Guid
	// of their mailbox, and aceUsers the position of each entry's user
	// (aceUserAt), -2 until asked: built at the first permissionsOf
	// (import never asks).
	permissions map[string][]int32
	aceUsers    []int32
	// echo is the echo setting by mail user Guid.
	echo map[string]*bool
}

// ambiguous marks an identity form that names several objects.
const ambiguous int32 = -1

func newStateDirectory(st *state.State) *stateDirectory {
	d := &stateDirectory{st: st, recipients: st.Recipients, index: make(map[string]int32, len(st.Recipients)*8),
		groups: map[string]*state.UnifiedGroup{}, echo: map[string]*bool{}}
	for i := range st.Recipients {
		r := &st.Recipients[i]
		for _, form := range []string{r.Guid, r.ExternalDirectoryObjectId, r.DistinguishedName, r.Identity, r.PrimarySmtpAddress,
			r.UserPrincipalName, r.WindowsLiveID, r.Alias, r.Name, r.SamAccountName, r.Sid} {
			d.add(form, int32(i))
		}
		for _, a := range r.EmailAddresses {
			if addr, ok := smtpAddress(a); ok {
				d.add(addr, int32(i))
			}
		}
	}
	for i := range st.UnifiedGroups {
		g := &st.UnifiedGroups[i]
		d.groups[foldIdentity(g.PrimarySmtpAddress)] = g
		for _, a := range g.EmailAddresses {
			if addr, ok := smtpAddress(a); ok {
				if _, taken := d.groups[foldIdentity(addr)]; !taken {
					d.groups[foldIdentity(addr)] = g
				}
			}
		}
	}
	for i := range st.MessageConfigurations {
		m := &st.MessageConfigurations[i]
		d.echo[strings.ToLower(m.Recipient)] = m.EchoGroupMessageBackToSubscribedSender
	}
	return d
}

// permissionsOf are the positions in the state of the permission entries
// of the mailbox with a Guid (lower case).
func (d *stateDirectory) permissionsOf(guid string) []int32 {
	if d.permissions == nil {
		d.permissions = map[string][]int32{}
		d.aceUsers = make([]int32, len(d.st.Permissions))
		for i := range d.st.Permissions {
			key := strings.ToLower(d.st.Permissions[i].Mailbox)
			d.permissions[key] = append(d.permissions[key], int32(i))
			d.aceUsers[i] = -2
		}
	}
	return d.permissions[guid]
}

// entryUser is aceUser of the permission entry at a position that
// permissionsOf gave, found once per entry.
func (d *stateDirectory) entryUser(i int32) *state.Recipient {
	if d.aceUsers[i] == -2 {
		e := &d.st.Permissions[i]
		d.aceUsers[i] = d.aceUserAt(e.Trustee, e.TrusteeGuid)
	}
	return d.at(d.aceUsers[i])
}

// smtpAddress is the address of an smtp: proxy address (either case).
func smtpAddress(proxy string) (string, bool) {
	if len(proxy) > 5 && strings.EqualFold(proxy[:5], "smtp:") {
		return proxy[5:], true
	}
	return "", false
}

func (d *stateDirectory) add(form string, i int32) {
	if form == "" {
		return
	}
	key := foldIdentity(form)
	if prev, ok := d.index[key]; ok && prev != i {
		d.index[key] = ambiguous
		return
	}
	d.index[key] = i
}

// find is the recipient a value names, or nil when it names none or
// several (Find-HybridcPrincipal).
func (d *stateDirectory) find(value string) *state.Recipient {
	return d.at(d.findAt(value))
}

// findAt is the position of the recipient a value names, or -1 when it
// names none or several.
func (d *stateDirectory) findAt(value string) int32 {
	i, ok := d.lookup(value)
	if !ok || i == ambiguous {
		return -1
	}
	return i
}

// at is the recipient at a position, or nil for -1.
func (d *stateDirectory) at(i int32) *state.Recipient {
	if i < 0 {
		return nil
	}
	return &d.recipients[i]
}

// lookup is the index entry of a value, folded into a buffer on the
// stack: a lookup allocates nothing.
func (d *stateDirectory) lookup(value string) (int32, bool) {
	var buf [128]byte
	i, ok := d.index[string(appendFoldIdentity(buf[:0], value))]
	return i, ok
}

// resolveProblem says why a declared name resolves to no single object, or
// "" when it resolves (Resolve-HybridcPrincipal).
func (d *stateDirectory) resolveProblem(name string) string {
	i, ok := d.lookup(name)
	return resolveProblemOf(name, i, ok)
}

// resolveProblemOf is resolveProblem of a name that lookup found at i
// (ok) or not.
func resolveProblemOf(name string, i int32, ok bool) string {
	switch {
	case !ok:
		return "'" + name + "' names no object in this organization"
	case i == ambiguous:
		return "'" + name + "' names several objects in this organization: declare it by primary SMTP address, user principal name or distinguished name"
	}
	return ""
}

// aceUser is the recipient a permission entry's user names: by the Guid
// the export resolved, by any indexed form, or DOMAIN\account by its
// account name (Find-HybridcAceUser).
func (d *stateDirectory) aceUser(trustee, guid string) *state.Recipient {
	return d.at(d.aceUserAt(trustee, guid))
}

// aceUserAt is the position of aceUser's recipient, or -1.
func (d *stateDirectory) aceUserAt(trustee, guid string) int32 {
	if guid != "" {
		if i := d.findAt(guid); i >= 0 {
			return i
		}
	}
	if i := d.findAt(trustee); i >= 0 {
		return i
	}
	if i := strings.IndexByte(trustee, '\\'); i >= 0 {
		return d.findAt(trustee[i+1:])
	}
	return -1
}

// guids are the Guids of the objects a list of Exchange values refers to,
// and how many entries named no single object (Get-HybridcPrincipalGuids).
func (d *stateDirectory) guids(values []string) (map[string]bool, int) {
	out := make(map[string]bool, len(values))
	missed := 0
	for _, v := range values {
		if r := d.find(v); r != nil {
			out[strings.ToLower(r.Guid)] = true
		} else if v != "" {
			missed++
		}
	}
	return out, missed
}

// group is the Microsoft 365 group with an SMTP address.
func (d *stateDirectory) group(address string) *state.UnifiedGroup {
	var buf [128]byte
	return d.groups[string(appendFoldIdentity(buf[:0], address))]
}

// isRemoteMailbox reports whether a recipient is an on-premises remote
// mailbox (a mailbox that lives in Exchange Online).
func isRemoteMailbox(r *state.Recipient) bool {
	return strings.HasPrefix(*kinds.RecipientType(r), "Remote")
}
