package importer

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/state"

	"github.com/hybridc/hybridc/compiler/pstext"
	"github.com/hybridc/hybridc/compiler/statefile"
)

// userMailboxTypes are the recipient types import declares as mailboxes;
// every other mailbox type (discovery, arbitration, monitoring, audit log,
// public folder, group mailboxes) is Exchange's own.
var userMailboxTypes = map[string]bool{"UserMailbox": true, "SharedMailbox": true, "RoomMailbox": true, "EquipmentMailbox": true, "LinkedMailbox": true}

// Reasons for leaving an entry out, as the note of import counts them.
const (
	skipSystemMailbox  = "system mailboxes (discovery, arbitration, monitoring, ...)"
	skipSelf           = "NT AUTHORITY\\SELF and a mailbox's rights on itself"
	skipSystemAccount  = "NT AUTHORITY, BUILTIN and Exchange's own groups and accounts"
	SkipOrphan         = "orphaned SIDs (S-1-5-21-..., the account was deleted)"
	skipInherited      = "inherited entries"
	SkipDeny           = "Deny entries"
	skipNotMailbox     = "trustees that are not mailboxes (users without one, security groups)"
	skipUnresolved     = "entries naming no single object"
	SkipDuplicate      = "duplicate entries (the same permission read twice)"
	skipFolderRights   = "folder entries with rights that are no single role"
	skipBuiltInGroup   = "built-in role groups (--include builtIn)"
	skipDefaultPolicy  = "the default role assignment policy and its mailboxes (--include builtIn)"
	skipWildcard       = "names with a wildcard (* ?), which a configuration cannot declare"
	skipGroupNonMember = "group members and owners that are not mailboxes"
)

// exchangeAccounts are the names of Exchange's and Active Directory's own
// groups and accounts that hold rights on every mailbox.
var exchangeAccounts = pstext.LazyRegexp(`(?i)^(exchange (servers|trusted subsystem|windows permissions|organization administrators|view-only administrators|domain servers|enterprise servers|public folder administrators|recipient administrators)|organization management|public folder management|managed availability servers|delegated setup|discovery management|domain admins|enterprise admins|schema admins|administrators?|account operators|server operators|print operators|backup operators|exchange online-applicationaccount|discoverysearchmailbox.*|systemmailbox.*|federatedemail.*|migration\..*|healthmailbox.*)$`)

// mailboxes declares the user mailboxes of both organizations by primary
// SMTP address, with their location.
func (im *importer) mailboxes() {
	cfg := im.out.Config
	for _, st := range im.orgs() {
		im.mailbox[st] = map[string]bool{}
		for i := range st.Recipients {
			r := &st.Recipients[i]
			switch {
			case statefile.IsRemoteMailbox(r) || *kinds.RecipientType(r) == "MailUser" || !strings.HasSuffix(*kinds.RecipientType(r), "Mailbox"):
				continue
			case !userMailboxTypes[*kinds.RecipientType(r)] || r.PrimarySmtpAddress == "":
				if *kinds.RecipientType(r) != "GroupMailbox" {
					im.Skip(skipSystemMailbox)
				}
				continue
			case strings.ContainsAny(r.PrimarySmtpAddress, "*?"):
				im.Skip(skipWildcard)
				continue
			}
			key := strings.ToLower(r.PrimarySmtpAddress)
			im.mailbox[st][strings.ToLower(r.Guid)] = true
			if _, dup := im.names[key]; dup {
				continue
			}
			im.names[key] = r.PrimarySmtpAddress
			im.homes[key] = st
			loc := config.Location("exchangeOnline")
			if st.Kind == state.OnPremises {
				loc = statefile.LocationOnPremises
			}
			cfg.Mailboxes = append(cfg.Mailboxes, config.Mailbox{Name: config.Identity(r.PrimarySmtpAddress), Location: loc})
		}
	}
	for _, st := range im.orgs() {
		names := make([]string, len(st.Recipients))
		for i := range st.Recipients {
			names[i] = im.declared(st, &st.Recipients[i], false)
		}
		im.declaredNames[st] = names
	}
	sortMailboxes(cfg.Mailboxes)
	if im.kind(ImportGroups) {
		for _, g := range im.online.UnifiedGroups {
			im.groups[strings.ToLower(g.Guid)] = g.PrimarySmtpAddress
			im.groups[strings.ToLower(g.PrimarySmtpAddress)] = g.PrimarySmtpAddress
		}
		im.unifiedGroups()
	}
}

// orgs are the on-premises organization (if any) and the tenant, in that
// order: a mailbox in both is declared where it is a mailbox.
func (im *importer) orgs() []*state.State {
	if im.onprem != nil {
		return []*state.State{im.onprem, im.online}
	}
	return []*state.State{im.online}
}

func sortMailboxes(ms []config.Mailbox) {
	names := make([]config.Identity, len(ms))
	loc := map[config.Identity]config.Location{}
	for i, m := range ms {
		names[i] = m.Name
		loc[m.Name] = m.Location
	}
	names = pstext.SortedFold(names)
	for i, n := range names {
		ms[i] = config.Mailbox{Name: n, Location: loc[n]}
	}
}

// declared is the declared name of the mailbox (or, with groups, the group)
// a recipient is, or "" after counting why not.
func (im *importer) declared(st *state.State, r *state.Recipient, group bool) string {
	if r == nil {
		return ""
	}
	if name, ok := im.names[strings.ToLower(r.PrimarySmtpAddress)]; ok && r.PrimarySmtpAddress != "" && (im.mailbox[st][strings.ToLower(r.Guid)] || statefile.IsRemoteMailbox(r) || *kinds.RecipientType(r) == "MailUser") {
		return name
	}
	if group {
		if a, ok := im.groups[strings.ToLower(r.Guid)]; ok {
			return a
		}
	}
	return ""
}

// declaredAt is declared for the recipient at a position of st's
// recipients (-1: none), its name found once per recipient.
func (im *importer) declaredAt(st *state.State, i int32, group bool) string {
	if i < 0 {
		return ""
	}
	names, ok := im.declaredNames[st]
	if !ok {
		return im.declared(st, &st.Recipients[i], group)
	}
	if names[i] != "" || !group {
		return names[i]
	}
	return im.declared(st, &st.Recipients[i], group)
}

// trustee is the declared mailbox a permission entry's trustee is, or ""
// after counting why the entry is left out.
func (im *importer) trustee(st *state.State, e *state.Permission, mailbox string) string {
	sr := im.recipientsOf[st]
	switch {
	case e.IsInherited:
		im.Skip(skipInherited)
		return ""
	case e.Deny:
		im.Skip(SkipDeny)
		return ""
	case strings.EqualFold(e.Trustee, `NT AUTHORITY\SELF`):
		im.Skip(skipSelf)
		return ""
	}
	at := sr.AceUserAt(e.Trustee, e.TrusteeGuid)
	if at < 0 {
		account := e.Trustee[strings.IndexByte(e.Trustee, '\\')+1:]
		switch upper := strings.ToUpper(e.Trustee); {
		case strings.HasPrefix(upper, `NT AUTHORITY\`), strings.HasPrefix(upper, `BUILTIN\`), strings.HasPrefix(upper, "S-1-5-") && !strings.HasPrefix(upper, "S-1-5-21-"),
			exchangeAccounts().MatchString(account), strings.EqualFold(account, "Default"), strings.EqualFold(account, "Anonymous"):
			im.Skip(skipSystemAccount)
		case strings.HasPrefix(upper, "S-1-5-21-"):
			im.Skip(SkipOrphan)
		default:
			im.Skip(skipUnresolved)
		}
		return ""
	}
	name := im.declaredAt(st, at, false)
	switch {
	case name == "" && exchangeAccounts().MatchString(sr.Recipients[at].Name):
		im.Skip(skipSystemAccount)
	case name == "":
		im.Skip(skipNotMailbox)
	case strings.EqualFold(name, mailbox):
		im.Skip(skipSelf)
		return ""
	}
	return name
}
