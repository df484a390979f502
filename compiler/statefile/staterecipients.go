package statefile

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/state"

	"github.com/hybridc/hybridc/compiler/config"

	"github.com/hybridc/hybridc/compiler/model"
)

// StateRecipients indexes the recipients of a state by every stable form of
// identity, as the engine's directory does (templates/engine-directory):
// Guid, ExternalDirectoryObjectId, distinguished name, identity, primary and
// secondary SMTP addresses, user principal name, alias, name, SAM account
// name and SID; never display name. Keys are compared ordinally, ignoring
// case (foldIdentity), as the engine's OrdinalIgnoreCase tables compare
// them. A form two objects share is ambiguous.
type StateRecipients struct {
	St         *state.State
	Recipients []state.Recipient
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
	// Echo is the echo setting by mail user Guid.
	Echo map[string]*bool
}

// ambiguous marks an identity form that names several objects.
const ambiguous int32 = -1

func NewStateRecipients(st *state.State) *StateRecipients {
	d := &StateRecipients{St: st, Recipients: st.Recipients, index: make(map[string]int32, len(st.Recipients)*8),
		groups: map[string]*state.UnifiedGroup{}, Echo: map[string]*bool{}}
	for i := range st.Recipients {
		r := &st.Recipients[i]
		for _, form := range []string{r.Guid, r.ExternalDirectoryObjectId, r.DistinguishedName, r.Identity, r.PrimarySmtpAddress,
			r.UserPrincipalName, r.WindowsLiveID, r.Alias, r.Name, r.SamAccountName, r.Sid} {
			d.Add(form, int32(i))
		}
		for _, a := range r.EmailAddresses {
			if addr, ok := smtpAddress(a); ok {
				d.Add(addr, int32(i))
			}
		}
	}
	for i := range st.UnifiedGroups {
		g := &st.UnifiedGroups[i]
		d.groups[model.FoldIdentity(g.PrimarySmtpAddress)] = g
		for _, a := range g.EmailAddresses {
			if addr, ok := smtpAddress(a); ok {
				if _, taken := d.groups[model.FoldIdentity(addr)]; !taken {
					d.groups[model.FoldIdentity(addr)] = g
				}
			}
		}
	}
	for i := range st.MessageConfigurations {
		m := &st.MessageConfigurations[i]
		d.Echo[strings.ToLower(m.Recipient)] = m.EchoGroupMessageBackToSubscribedSender
	}
	return d
}

// PermissionsOf are the positions in the state of the permission entries
// of the mailbox with a Guid (lower case).
func (d *StateRecipients) PermissionsOf(guid string) []int32 {
	if d.permissions == nil {
		d.permissions = map[string][]int32{}
		d.aceUsers = make([]int32, len(d.St.Permissions))
		for i := range d.St.Permissions {
			key := strings.ToLower(d.St.Permissions[i].Mailbox)
			d.permissions[key] = append(d.permissions[key], int32(i))
			d.aceUsers[i] = -2
		}
	}
	return d.permissions[guid]
}

// EntryUser is aceUser of the permission entry at a position that
// permissionsOf gave, found once per entry.
func (d *StateRecipients) EntryUser(i int32) *state.Recipient {
	if d.aceUsers[i] == -2 {
		e := &d.St.Permissions[i]
		d.aceUsers[i] = d.AceUserAt(e.Trustee, e.TrusteeGuid)
	}
	return d.At(d.aceUsers[i])
}

// smtpAddress is the address of an smtp: proxy address (either case).
func smtpAddress(proxy string) (string, bool) {
	if len(proxy) > 5 && strings.EqualFold(proxy[:5], "smtp:") {
		return proxy[5:], true
	}
	return "", false
}

func (d *StateRecipients) Add(form string, i int32) {
	if form == "" {
		return
	}
	key := model.FoldIdentity(form)
	if prev, ok := d.index[key]; ok && prev != i {
		d.index[key] = ambiguous
		return
	}
	d.index[key] = i
}

// Find is the recipient a value names, or nil when it names none or
// several (Find-HybridcPrincipal).
func (d *StateRecipients) Find(value string) *state.Recipient {
	return d.At(d.FindAt(value))
}

// FindAt is the position of the recipient a value names, or -1 when it
// names none or several.
func (d *StateRecipients) FindAt(value string) int32 {
	i, ok := d.Lookup(value)
	if !ok || i == ambiguous {
		return -1
	}
	return i
}

// At is the recipient at a position, or nil for -1.
func (d *StateRecipients) At(i int32) *state.Recipient {
	if i < 0 {
		return nil
	}
	return &d.Recipients[i]
}

// Lookup is the index entry of a value, folded into a buffer on the
// stack: a lookup allocates nothing.
func (d *StateRecipients) Lookup(value string) (int32, bool) {
	var buf [128]byte
	i, ok := d.index[string(model.AppendFoldIdentity(buf[:0], value))]
	return i, ok
}

// ResolveProblem says why a declared name resolves to no single object, or
// "" when it resolves (Resolve-HybridcPrincipal).
func (d *StateRecipients) ResolveProblem(name string) string {
	i, ok := d.Lookup(name)
	return ResolveProblemOf(name, i, ok)
}

// ResolveProblemOf is resolveProblem of a name that lookup found at i
// (ok) or not.
func ResolveProblemOf(name string, i int32, ok bool) string {
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
func (d *StateRecipients) aceUser(trustee, guid string) *state.Recipient {
	return d.At(d.AceUserAt(trustee, guid))
}

// AceUserAt is the position of aceUser's recipient, or -1.
func (d *StateRecipients) AceUserAt(trustee, guid string) int32 {
	if guid != "" {
		if i := d.FindAt(guid); i >= 0 {
			return i
		}
	}
	if i := d.FindAt(trustee); i >= 0 {
		return i
	}
	if i := strings.IndexByte(trustee, '\\'); i >= 0 {
		return d.FindAt(trustee[i+1:])
	}
	return -1
}

// Guids are the Guids of the objects a list of Exchange values refers to,
// and how many entries named no single object (Get-HybridcPrincipalGuids).
func (d *StateRecipients) Guids(values []string) (map[string]bool, int) {
	out := make(map[string]bool, len(values))
	missed := 0
	for _, v := range values {
		if r := d.Find(v); r != nil {
			out[strings.ToLower(r.Guid)] = true
		} else if v != "" {
			missed++
		}
	}
	return out, missed
}

// Group is the Microsoft 365 group with an SMTP address.
func (d *StateRecipients) Group(address string) *state.UnifiedGroup {
	var buf [128]byte
	return d.groups[string(model.AppendFoldIdentity(buf[:0], address))]
}

// IsRemoteMailbox reports whether a recipient is an on-premises remote
// mailbox (a mailbox that lives in Exchange Online).
func IsRemoteMailbox(r *state.Recipient) bool {
	return strings.HasPrefix(*kinds.RecipientType(r), "Remote")
}

// LocationOnPremises is the Location of a mailbox that has not moved to
// Exchange Online yet.
const LocationOnPremises config.Location = "onPremises"
