package compiler

import (
	"strings"

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
	// permissions are the permission entries by the Guid of their mailbox.
	permissions map[string][]*state.Permission
	// echo is the echo setting by mail user Guid.
	echo map[string]*bool
}

// ambiguous marks an identity form that names several objects.
const ambiguous int32 = -1

func newStateDirectory(st *state.State) *stateDirectory {
	d := &stateDirectory{st: st, recipients: st.Recipients, index: make(map[string]int32, len(st.Recipients)*8),
		groups: map[string]*state.UnifiedGroup{}, permissions: map[string][]*state.Permission{}, echo: map[string]*bool{}}
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
	for i := range st.Permissions {
		p := &st.Permissions[i]
		key := strings.ToLower(p.Mailbox)
		d.permissions[key] = append(d.permissions[key], p)
	}
	for i := range st.MessageConfigurations {
		m := &st.MessageConfigurations[i]
		d.echo[strings.ToLower(m.Recipient)] = m.EchoGroupMessageBackToSubscribedSender
	}
	return d
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
	i, ok := d.index[foldIdentity(value)]
	if !ok || i == ambiguous {
		return nil
	}
	return &d.recipients[i]
}

// resolveProblem says why a declared name resolves to no single object, or
// "" when it resolves (Resolve-HybridcPrincipal).
func (d *stateDirectory) resolveProblem(name string) string {
	i, ok := d.index[foldIdentity(name)]
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
	if guid != "" {
		if r := d.find(guid); r != nil {
			return r
		}
	}
	if r := d.find(trustee); r != nil {
		return r
	}
	if i := strings.IndexByte(trustee, '\\'); i >= 0 {
		return d.find(trustee[i+1:])
	}
	return nil
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
	return d.groups[foldIdentity(address)]
}

// isRemoteMailbox reports whether a recipient is an on-premises remote
// mailbox (a mailbox that lives in Exchange Online).
func isRemoteMailbox(r *state.Recipient) bool {
	return strings.HasPrefix(r.RecipientTypeDetails, "Remote")
}
