package statesynth

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/state"
)

// system adds what every organization holds besides what hybridc manages.
func (s *synth) system() {
	st := s.st
	admin := "Administrator"
	if s.t.Online {
		admin = "admin@" + s.t.Organization
	}
	a := s.recipient(admin, "")
	st.RoleGroups = append(st.RoleGroups, state.RoleGroup{Name: "Organization Management", Members: []string{a.Guid}, Roles: []string{"Organization Client Access", "Role Management"}})
	st.RoleAssignmentPolicies = append(st.RoleAssignmentPolicies, state.RoleAssignmentPolicy{Name: kinds.DefaultPolicy, IsDefault: true, AssignedRoles: kinds.DefaultPolicyRoles})
	if !s.t.Online {
		s.recipient("DiscoverySearchMailbox{D919BA05-46A6-415f-80AD-7E09334BB852}", "DiscoveryMailbox")
		s.recipient("SystemMailbox{1f05a927-3be2-4fb9-aa03-b59fe3b56f4c}", "ArbitrationMailbox")
	}
}

// mailDomain is the SMTP domain of synthesized mailbox addresses, the same
// in both organizations.
func (s *synth) mailDomain() string {
	if op := s.cfg.OnPremises; op != nil {
		return strings.ToLower(string(op.PrimarySmtpDomains[0]))
	}
	return strings.ToLower(string(s.cfg.ExchangeOnline.PrimarySmtpDomains[0]))
}

// recipient returns the recipient of a declared name, adding it with the
// given type ("" for a user without a mailbox) when it is new.
func (s *synth) recipient(name, typ string) *state.Recipient {
	if i, ok := s.byName[strings.ToLower(name)]; ok {
		return &s.st.Recipients[i]
	}
	alias, address := name, ""
	if at := strings.LastIndexByte(name, '@'); at >= 0 {
		alias, address = name[:at], name
	} else if !strings.ContainsAny(name, "{}") {
		address = strings.ToLower(name) + "@" + s.mailDomain()
	}
	org := s.t.Organization
	r := state.Recipient{Guid: synthGuid(org, "recipient", name), Name: alias, Alias: alias, Identity: alias,
		PrimarySmtpAddress: address, EmailAddresses: []string{}}
	*kinds.RecipientType(&r) = typ
	if address != "" {
		r.UserPrincipalName = address
		r.EmailAddresses = []string{"SMTP:" + address}
	}
	if s.t.Online {
		r.ExternalDirectoryObjectId = synthGuid("entra", name)
		r.DistinguishedName = "CN=" + alias + ",OU=" + org + ",OU=Microsoft Exchange Hosted Organizations,DC=EURPR01A001,DC=prod,DC=outlook,DC=com"
	} else {
		r.SamAccountName = alias
		r.Sid = "S-1-5-21-1004336348-1177238915-682003330-" + synthGuid(name)[:4]
		r.DistinguishedName = "CN=" + alias + ",OU=Users," + dcOf(s.domain)
	}
	if strings.HasSuffix(typ, "Mailbox") && typ != "GroupMailbox" {
		r.RoleAssignmentPolicy = kinds.DefaultPolicy
	}
	s.st.Recipients = append(s.st.Recipients, r)
	s.byName[strings.ToLower(name)] = len(s.st.Recipients) - 1
	if address != "" {
		s.byName[strings.ToLower(address)] = len(s.st.Recipients) - 1
	}
	return &s.st.Recipients[len(s.st.Recipients)-1]
}

// dcOf is the DC= path of a domain.
func dcOf(domain string) string {
	parts := strings.Split(domain, ".")
	for i, p := range parts {
		parts[i] = "DC=" + p
	}
	return strings.Join(parts, ",")
}

// mailbox adds a declared mailbox as this organization sees it, with the
// entries every mailbox has (NT AUTHORITY\SELF, inherited rights).
func (s *synth) mailbox(m config.Mailbox) {
	home := (m.Location == "onPremises") != s.t.Online
	typ := "UserMailbox"
	switch {
	case home:
	case s.t.Online:
		typ = "MailUser"
	default:
		typ = "RemoteUserMailbox"
	}
	r := s.recipient(string(m.Name), typ)
	if typ == "RemoteUserMailbox" {
		r.RecipientDisplayType = "ACLableSyncedMailboxUser"
	}
	if !home {
		return
	}
	self := state.Permission{Access: state.FullAccess, Mailbox: r.Guid, Trustee: `NT AUTHORITY\SELF`}
	*kinds.Rights(&self) = []string{"FullAccess", "ReadPermission"}
	s.st.Permissions = append(s.st.Permissions, self)
	if !s.t.Online {
		servers := state.Permission{Access: state.FullAccess, Mailbox: r.Guid, Trustee: s.netbios + `\Exchange Servers`, IsInherited: true}
		*kinds.Rights(&servers) = []string{"FullAccess"}
		sendAs := state.Permission{Access: state.SendAs, Mailbox: r.Guid, Trustee: `NT AUTHORITY\SELF`}
		*kinds.Rights(&sendAs) = []string{"ExtendedRight"}
		s.st.Permissions = append(s.st.Permissions, servers, sendAs)
	}
}

// trusteeText is how a permission entry names a trustee.
func (s *synth) trusteeText(r *state.Recipient) string {
	if s.t.Online {
		return r.PrimarySmtpAddress
	}
	return s.netbios + `\` + r.SamAccountName
}

// resource adds what a resource leaves in the organization.
func (s *synth) resource(r *Resource) {
	if r.Absent {
		return
	}
	st := s.st
	switch r.Kind {
	case kinds.OrganizationRelationshipName:
		rel := r.Spec.(*config.OrganizationRelationship)
		if scope := *kinds.Scope(rel); scope != "" {
			s.recipient(string(scope), "MailUniversalSecurityGroup")
		}
		out := state.OrganizationRelationship{Name: r.Name}
		kinds.OrganizationRelationship.Synthesize(rel, &out)
		st.OrganizationRelationships = append(st.OrganizationRelationships, out)
	case kinds.AvailabilityAddressSpaceName:
		var out state.AvailabilityAddressSpace
		kinds.AvailabilityAddressSpace.Synthesize(r.Spec.(*config.AvailabilityAddressSpace), &out)
		st.AvailabilityAddressSpaces = append(st.AvailabilityAddressSpaces, out)
	case kinds.AcceptedDomainName:
		domainType := "Authoritative" // New-AcceptedDomain's default: the coexistence domain declares none
		if len(r.Properties) > 0 {
			domainType = r.Properties[0].Value.(string)
		}
		st.AcceptedDomains = append(st.AcceptedDomains, state.AcceptedDomain{Name: r.Name, DomainName: r.Name, DomainType: domainType})
	case kinds.SendConnectorName:
		var spaces []string
		for _, p := range r.Properties {
			if p.Name == "AddressSpaces" {
				spaces = p.Value.([]string)
			}
		}
		st.SendConnectors = append(st.SendConnectors, kinds.SynthesizeConnector(r.Spec.(*config.SendConnector), r.Name, spaces))
	case kinds.UnifiedGroupName:
		s.group(r.Spec.(*config.UnifiedGroup))
	case kinds.EchoGroupMessagesName:
		v := r.Properties[0].Value.(bool)
		st.MessageConfigurations = append(st.MessageConfigurations, state.MessageConfiguration{Recipient: s.recipient(r.Name, "MailUser").Guid, EchoGroupMessageBackToSubscribedSender: &v})
	case kinds.GroupWritebackName:
		g := s.recipient(r.Name, "GroupMailbox")
		g.InAddressLists = true
	case kinds.RoleGroupName:
		g := r.Spec.(*config.RoleGroup)
		rg := state.RoleGroup{Name: r.Name, Roles: texts(g.Roles), Members: []string{}}
		if rg.Roles == nil {
			rg.Roles = []string{}
		}
		for _, m := range g.Members {
			rg.Members = append(rg.Members, s.recipient(string(m), "").Guid)
		}
		st.RoleGroups = append(st.RoleGroups, rg)
	case kinds.RoleAssignmentPolicyName:
		p := r.Spec.(*config.RoleAssignmentPolicy)
		roles := texts(p.Roles)
		if roles == nil {
			roles = []string{}
		}
		st.RoleAssignmentPolicies = append(st.RoleAssignmentPolicies, state.RoleAssignmentPolicy{Name: r.Name, AssignedRoles: roles})
	case kinds.MailboxPolicyName:
		s.recipient(r.Name, "UserMailbox").RoleAssignmentPolicy = r.Properties[0].Value.(string)
	case kinds.FullAccessName, kinds.SendAsName, kinds.FolderPermissionName, kinds.SendOnBehalfName:
		s.permission(r)
	default:
		if sk := kinds.StateKinds()[r.Kind]; sk != nil {
			sk.SynthesizeInto(st, r.Name, r.Spec)
		}
	}
}

// permission adds the entry a granted permission leaves.
func (s *synth) permission(r *Resource) {
	p := r.Spec.(*config.Permission)
	trustee := *s.recipient(string(p.Trustee), "UserMailbox")
	mailbox := s.recipient(string(p.Mailbox), "UserMailbox") // after: adding a recipient moves the others
	trustee = *s.recipient(string(p.Trustee), "")
	entry := state.Permission{Mailbox: mailbox.Guid, Trustee: s.trusteeText(&trustee), TrusteeGuid: trustee.Guid}
	rights := kinds.Rights(&entry)
	switch r.Kind {
	case kinds.SendOnBehalfName:
		delegates := kinds.Delegates(mailbox)
		*delegates = append(*delegates, trustee.Guid)
		return
	case kinds.FullAccessName:
		entry.Access, *rights = state.FullAccess, []string{"FullAccess"}
	case kinds.SendAsName:
		entry.Access, *rights = state.SendAs, []string{"SendAs"}
		if !s.t.Online {
			*rights = []string{"ExtendedRight"}
		}
	case kinds.FolderPermissionName:
		entry.Access, entry.Folder, *rights = state.Folder, string(p.Folder), []string{string(p.FolderAccessRights)}
		if !containsFold(s.st.Folders, string(p.Folder)) {
			s.st.Folders = append(s.st.Folders, string(p.Folder))
		}
	}
	s.st.Permissions = append(s.st.Permissions, entry)
}

// group adds a Microsoft 365 group with its links: owners are members, and
// every member is subscribed but the unsubscribed ones.
func (s *synth) group(g *config.UnifiedGroup) {
	address := string(g.PrimarySmtpAddress)
	r := s.recipient(address, "GroupMailbox")
	r.Name = string(g.Name) + "_" + r.Guid[:8]
	r.Alias = string(g.Alias)
	r.Identity = r.Name
	for _, a := range g.AdditionalAddresses {
		r.EmailAddresses = append(r.EmailAddresses, "smtp:"+string(a))
	}
	s.byName[strings.ToLower(string(g.Name))] = s.byName[strings.ToLower(address)]
	accessType := string(g.AccessType)
	if accessType == "" {
		accessType = "Private"
	}
	ug := state.UnifiedGroup{Guid: r.Guid, Name: r.Name, DisplayName: string(g.Name), Alias: r.Alias, PrimarySmtpAddress: address,
		EmailAddresses: r.EmailAddresses, AccessType: accessType, Members: []string{}, Owners: []string{}, Subscribers: []string{}}
	if g.AcceptExternalSenders != nil {
		v := !*g.AcceptExternalSenders
		ug.RequireSenderAuthenticationEnabled = &v
	}
	seen := map[string]bool{}
	for _, m := range append(append([]config.Identity{}, g.Members...), g.Owners...) {
		rec := s.recipient(string(m), "UserMailbox")
		if seen[rec.Guid] {
			continue
		}
		seen[rec.Guid] = true
		ug.Members = append(ug.Members, rec.Guid)
		if !containsFold(texts(g.Unsubscribed), string(m)) {
			ug.Subscribers = append(ug.Subscribers, rec.Guid)
		}
	}
	for _, o := range g.Owners {
		ug.Owners = append(ug.Owners, s.recipient(string(o), "UserMailbox").Guid)
	}
	s.st.UnifiedGroups = append(s.st.UnifiedGroups, ug)
}

// texts converts a list of named string types.
func texts[S ~string](in []S) []string {
	if in == nil {
		return nil
	}
	out := make([]string, len(in))
	for i, x := range in {
		out[i] = string(x)
	}
	return out
}

// containsFold reports whether list holds x, ignoring case.
func containsFold(list []string, x string) bool {
	for _, y := range list {
		if strings.EqualFold(x, y) {
			return true
		}
	}
	return false
}
