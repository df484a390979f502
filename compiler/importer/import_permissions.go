package importer

import (
	"slices"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/state"

	"github.com/hybridc/hybridc/compiler/check"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// Permissions declares the delegated permissions of both organizations:
// Full Access and folder permissions where the mailbox lives, Send As once
// for both (hybridc grants it where the mailbox or the trustee lives), Send
// on Behalf from the mailboxes.
func (im *importer) Permissions() {
	cfg := im.out.Config
	entries := im.permissionEntries()
	cfg.Permissions = slices.Grow(cfg.Permissions, entries)
	set := &permissionSet{im: im, cfg: cfg, seen: make(map[string]bool, entries)}
	for _, st := range im.orgs() {
		im.entryPermissions(st, set)
		if im.kind(ImportSendOnBehalf) {
			im.sendOnBehalfPermissions(st, set)
		}
	}
	if len(cfg.Permissions) == 0 {
		cfg.Permissions = nil // as without the room made for them
	}
	sortPermissions(cfg.Permissions)
}

// permissionEntries is the most permissions the states can give: every
// entry and Send on Behalf value gives at most one. Sized for them, the
// list is never copied to grow (at 1.25 times a step, growing would
// allocate five times what it holds).
func (im *importer) permissionEntries() int {
	entries := 0
	for _, st := range im.orgs() {
		entries += len(st.Permissions)
		for i := range st.Recipients {
			entries += len(*kinds.Delegates(&st.Recipients[i]))
		}
	}
	return entries
}

// permissionSet adds permissions to the configuration, each once: a
// permission given again (the same access, mailbox, trustee and folder,
// ignoring case) counts as a duplicate skipped.
type permissionSet struct {
	im   *importer
	cfg  *config.Config
	seen map[string]bool
	key  []byte
}

// Add adds p unless the set holds it already.
func (s *permissionSet) Add(p config.Permission) {
	// strings.ToLower of the parts joined by NUL, built in one buffer.
	s.key = appendLower(s.key[:0], string(p.Access))
	for _, part := range []string{string(p.Mailbox), string(p.Trustee), string(p.Folder)} {
		s.key = appendLower(append(s.key, 0), part)
	}
	if s.seen[string(s.key)] {
		s.im.Skip(SkipDuplicate)
		return
	}
	s.seen[string(s.key)] = true
	s.cfg.Permissions = append(s.cfg.Permissions, p)
}

// entryPermissions adds the permissions of st's permission entries, of
// the kinds imported, on the mailboxes declared for st.
func (im *importer) entryPermissions(st *state.State, set *permissionSet) {
	sr := im.recipientsOf[st]
	folderRoles := config.Enums["FolderAccessRight"]
	for i := range st.Permissions {
		e := &st.Permissions[i]
		if !im.kind(importKindOf(e.Access)) {
			continue
		}
		mailbox := im.declaredAt(st, sr.FindAt(e.Mailbox), e.Access == state.SendAs)
		if mailbox == "" || !im.mailbox[st][strings.ToLower(e.Mailbox)] && !(e.Access == state.SendAs && im.groups[strings.ToLower(e.Mailbox)] != "") {
			continue // a mailbox of the other organization, or a system one: counted there
		}
		trustee := im.trustee(st, e, mailbox)
		if trustee == "" {
			continue
		}
		p := config.Permission{Access: config.AccessRight(e.Access), Mailbox: config.Identity(mailbox), Trustee: config.Identity(trustee)}
		if im.entryRights(e, &p, folderRoles) {
			set.Add(p)
		}
	}
}

// entryRights completes p with the rights of entry e, and reports whether
// e is a permission hybridc declares: Full Access among a Full Access
// entry's rights, one folder role on a folder path without a colon.
func (im *importer) entryRights(e *state.Permission, p *config.Permission, folderRoles []string) bool {
	switch e.Access {
	case state.FullAccess:
		return pstext.ContainsFold(*kinds.Rights(e), "FullAccess")
	case state.Folder:
		if len(*kinds.Rights(e)) != 1 || !pstext.ContainsFold(folderRoles, (*kinds.Rights(e))[0]) || strings.ContainsAny(e.Folder, ":") {
			im.Skip(skipFolderRights)
			return false
		}
		for _, role := range folderRoles {
			if strings.EqualFold(role, (*kinds.Rights(e))[0]) {
				p.FolderAccessRights = config.FolderAccessRight(role)
			}
		}
		p.Folder = config.FolderName(e.Folder)
	}
	return true
}

// sendOnBehalfPermissions adds the Send on Behalf permissions of st's
// declared mailboxes.
func (im *importer) sendOnBehalfPermissions(st *state.State, set *permissionSet) {
	for i := range st.Recipients {
		r := &st.Recipients[i]
		if len(*kinds.Delegates(r)) == 0 || !im.mailbox[st][strings.ToLower(r.Guid)] {
			continue
		}
		mailbox := im.declared(st, r, false)
		for _, t := range *kinds.Delegates(r) {
			trustee := im.trustee(st, &state.Permission{Trustee: t}, mailbox)
			if trustee != "" {
				set.Add(config.Permission{Access: "SendOnBehalf", Mailbox: config.Identity(mailbox), Trustee: config.Identity(trustee)})
			}
		}
	}
}

// importKindOf is the import kind of a permission entry's access.
func importKindOf(access string) string {
	switch access {
	case state.FullAccess:
		return ImportFullAccess
	case state.SendAs:
		return ImportSendAs
	case state.Folder:
		return ImportFolder
	}
	return ""
}

// unifiedGroups declares the tenant's Microsoft 365 groups with their
// members, owners and unsubscribed members, and the echo setting where the
// group's on-premises members agree on it.
func (im *importer) unifiedGroups() {
	st := im.online
	sr := im.recipientsOf[st]
	echo := map[string]*bool{}
	for _, m := range st.MessageConfigurations {
		echo[strings.ToLower(m.Recipient)] = m.EchoGroupMessageBackToSubscribedSender
	}
	names := func(guids []string) []config.Identity {
		var out []config.Identity
		for _, g := range guids {
			if n := im.declared(st, sr.Find(g), false); n != "" {
				out = append(out, config.Identity(n))
			} else {
				im.Skip(skipGroupNonMember)
			}
		}
		return pstext.SortedFold(out)
	}
	for _, g := range st.UnifiedGroups {
		if strings.ContainsAny(g.PrimarySmtpAddress+g.DisplayName, "*?") {
			im.Skip(skipWildcard)
			continue
		}
		ug := config.UnifiedGroup{Name: config.Name(g.DisplayName), PrimarySmtpAddress: config.SMTPAddress(g.PrimarySmtpAddress)}
		if local := check.LocalPart(ug.PrimarySmtpAddress); g.Alias != "" && !strings.EqualFold(g.Alias, local) {
			ug.Alias = config.Alias(g.Alias)
		}
		if g.AccessType != "" && !strings.EqualFold(g.AccessType, "Private") {
			ug.AccessType = config.GroupAccessType(g.AccessType)
		}
		if g.RequireSenderAuthenticationEnabled != nil {
			v := !*g.RequireSenderAuthenticationEnabled
			ug.AcceptExternalSenders = &v
		}
		owners := names(g.Owners)
		members := names(g.Members)
		subscribed, _ := sr.Guids(g.Subscribers)
		var unsubscribed []config.Identity
		var values []*bool
		for _, m := range g.Members {
			r := sr.Find(m)
			if r == nil || im.declared(st, r, false) == "" {
				continue
			}
			if !subscribed[strings.ToLower(r.Guid)] {
				unsubscribed = append(unsubscribed, config.Identity(im.declared(st, r, false)))
			}
			if *kinds.RecipientType(r) == "MailUser" {
				values = append(values, echo[strings.ToLower(r.Guid)])
			}
		}
		// Owners are members too: list as members only those who are not.
		for _, m := range members {
			if !pstext.ContainsFold(model.Texts(owners), string(m)) {
				ug.Members = append(ug.Members, m)
			}
		}
		ug.Owners = owners
		ug.Unsubscribed = pstext.SortedFold(unsubscribed)
		if len(values) > 0 && values[0] != nil && !slices.ContainsFunc(values, func(v *bool) bool { return v == nil || *v != *values[0] }) {
			v := *values[0]
			ug.EchoToOnPremisesMembers = &v
		}
		im.out.Config.ExchangeOnline.Groups = append(im.out.Config.ExchangeOnline.Groups, ug)
	}
	slices.SortFunc(im.out.Config.ExchangeOnline.Groups, func(a, b config.UnifiedGroup) int {
		return strings.Compare(strings.ToLower(string(a.PrimarySmtpAddress)), strings.ToLower(string(b.PrimarySmtpAddress)))
	})
}

// RBAC declares each organization's role groups and role assignment
// policies; built-in ones only with kind builtIn.
func (im *importer) RBAC() {
	cfg := im.out.Config
	for _, st := range im.orgs() {
		online := st.Kind == state.ExchangeOnline
		sr := im.recipientsOf[st]
		var groups []config.RoleGroup
		var policies []config.RoleAssignmentPolicy
		if im.kind(ImportRoleGroups) {
			for _, g := range st.RoleGroups {
				if model.BuiltInRoleGroup(g.Name, online) && !im.kind(ImportBuiltIn) {
					im.Skip(skipBuiltInGroup)
					continue
				}
				rg := config.RoleGroup{Name: config.Name(g.Name)}
				for _, r := range g.Roles {
					rg.Roles = append(rg.Roles, config.Name(r))
				}
				for _, m := range g.Members {
					if r := sr.Find(m); r != nil {
						rg.Members = append(rg.Members, config.Identity(principalName(r)))
					} else {
						im.Skip(skipUnresolved)
					}
				}
				rg.Roles, rg.Members = pstext.SortedFold(rg.Roles), pstext.SortedFold(rg.Members)
				groups = append(groups, rg)
			}
		}
		if im.kind(ImportPolicies) {
			for _, p := range st.RoleAssignmentPolicies {
				if p.IsDefault && !im.kind(ImportBuiltIn) {
					im.Skip(skipDefaultPolicy)
					continue
				}
				rp := config.RoleAssignmentPolicy{Name: config.Name(p.Name)}
				for _, r := range p.AssignedRoles {
					rp.Roles = append(rp.Roles, config.Name(r))
				}
				for i := range st.Recipients {
					r := &st.Recipients[i]
					if strings.EqualFold(r.RoleAssignmentPolicy, p.Name) && im.mailbox[st][strings.ToLower(r.Guid)] {
						rp.Mailboxes = append(rp.Mailboxes, config.Identity(im.declared(st, r, false)))
					}
				}
				rp.Roles, rp.Mailboxes = pstext.SortedFold(rp.Roles), pstext.SortedFold(rp.Mailboxes)
				policies = append(policies, rp)
			}
		}
		slices.SortFunc(groups, func(a, b config.RoleGroup) int {
			return strings.Compare(strings.ToLower(string(a.Name)), strings.ToLower(string(b.Name)))
		})
		slices.SortFunc(policies, func(a, b config.RoleAssignmentPolicy) int {
			return strings.Compare(strings.ToLower(string(a.Name)), strings.ToLower(string(b.Name)))
		})
		if online {
			cfg.ExchangeOnline.RoleGroups, cfg.ExchangeOnline.RoleAssignmentPolicies = groups, policies
		} else if cfg.OnPremises != nil {
			cfg.OnPremises.RoleGroups, cfg.OnPremises.RoleAssignmentPolicies = groups, policies
		}
	}
}

// principalName names a role group member: by primary SMTP address, user
// principal name, SAM account name or name, the first it has.
func principalName(r *state.Recipient) string {
	for _, s := range []string{r.PrimarySmtpAddress, r.UserPrincipalName, r.SamAccountName, r.Name, r.Guid} {
		if s != "" {
			return s
		}
	}
	return r.Guid
}
