package statediff

import (
	"fmt"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/state"

	"github.com/hybridc/hybridc/compiler/model"
)

// comparers decide, kind by kind, what the script would do with one
// resource in the state's organization, as the engine's Sync- functions
// decide it. A kind without one is unchanged.
var comparers = map[string]func(*stateComparer, *model.Resource) (ScriptStatus, []PropertyChange){
	model.KindOrganizationCustomization: (*stateComparer).Customization,
	model.KindFederationTrust:           (*stateComparer).federationTrust,
	model.KindAuthCertificate:           (*stateComparer).authCertificate,
	model.KindOrganizationRelationship:  (*stateComparer).Relationship,
	model.KindAvailabilityAddressSpace:  (*stateComparer).addressSpace,
	model.KindOrganizationConfig:        (*stateComparer).organizationConfig,
	model.KindAcceptedDomain:            (*stateComparer).acceptedDomain,
	model.KindSendConnector:             (*stateComparer).sendConnector,
	model.KindUnifiedGroup:              (*stateComparer).unifiedGroup,
	model.KindGroupMembers:              (*stateComparer).groupLinks,
	model.KindGroupOwners:               (*stateComparer).groupLinks,
	model.KindGroupSubscribers:          (*stateComparer).groupLinks,
	model.KindEchoGroupMessages:         (*stateComparer).echo,
	model.KindGroupWriteback:            (*stateComparer).Writeback,
	model.KindRoleGroup:                 (*stateComparer).roleGroup,
	model.KindRoleAssignmentPolicy:      (*stateComparer).policy,
	model.KindMailboxPolicy:             (*stateComparer).mailboxPolicy,
	model.KindRemoteMailboxACL:          (*stateComparer).remoteMailboxACL,
	model.KindFullAccess:                (*stateComparer).Permission,
	model.KindSendAs:                    (*stateComparer).Permission,
	model.KindSendOnBehalf:              (*stateComparer).Permission,
	model.KindFolderPermission:          (*stateComparer).Permission,
	model.KindReceiveConnector:          (*stateComparer).receiveConnector,
	model.KindInboundConnector:          (*stateComparer).inboundConnector,
	model.KindOutboundConnector:         (*stateComparer).outboundConnector,
}

// compare is what the script would do with one resource in the state's
// organization (comparers).
func (c *stateComparer) compare(r *model.Resource) (ScriptStatus, []PropertyChange) {
	if f := comparers[r.Kind]; f != nil {
		return f(c, r)
	}
	if sk := model.StateKinds[r.Kind]; sk != nil {
		// Found by its identity, as the engine finds it.
		lookup := c.current[r.Kind]
		if lookup == nil {
			if c.current == nil {
				c.current = map[string]func(spec any) (func(param string) any, []string){}
			}
			lookup = sk.CurrentIndex(c.recipients.St, model.FoldIdentity[string])
			c.current[r.Kind] = lookup
		}
		current, matches := lookup(r.Spec)
		if len(matches) == 0 && sk.MustExist() {
			// The engine fails: it adds to an existing object only.
			c.unresolved(r, fmt.Sprintf("the organization has no %s '%s': the script adds to an existing one and creates none", r.Kind, r.Name))
			return ScriptUnchanged, nil
		}
		if len(matches) == 0 {
			if r.Kind == model.KindMRSProxy {
				c.unresolved(r, "no such EWS virtual directory, and hybridc never creates one")
			}
			return ScriptAdded, nil
		}
		if len(matches) > 1 {
			// The engine refuses to choose, naming them all.
			key, value := sk.Identity(r.Spec)
			if key == "" {
				key, value = "Name", r.Name
			}
			c.unresolved(r, fmt.Sprintf("several objects have %s '%s': '%s'", key, value, strings.Join(matches, "', '")))
		}
		st, changes := status(c.compareProperties(r, r.Properties(), current))
		c.credentialWarning(r, changes)
		return st, changes
	}
	return ScriptUnchanged, nil
}

// credentialWarning says that the script asks for credentials when a
// migration endpoint's remote server changes: the stored account never
// goes to another host.
func (c *stateComparer) credentialWarning(r *model.Resource, changes []PropertyChange) {
	if r.Kind != model.KindMigrationEndpoint {
		return
	}
	for _, ch := range changes {
		if ch.Name == kinds.MigrationEndpoint.Param("remoteServer") {
			c.warnings[r] = joinWarnings(c.warnings[r], fmt.Sprintf("a new remote server: the script asks for credentials for %v (Get-Credential), the stored ones never go to another host", ch.New))
		}
	}
}

// Customization: a dehydrated tenant is customized.
func (c *stateComparer) Customization(*model.Resource) (ScriptStatus, []PropertyChange) {
	if d := c.recipients.St.OrganizationConfig.IsDehydrated; d != nil && *d {
		return ScriptChanged, []PropertyChange{{Name: "IsDehydrated", Old: true, New: false}}
	}
	return ScriptUnchanged, nil
}

// addressSpace finds the address space by forest; one that must change
// and holds credentials is replaced only when the YAML says how.
func (c *stateComparer) addressSpace(r *model.Resource) (ScriptStatus, []PropertyChange) {
	st := c.recipients.St
	i, found := c.firstByIdentity(model.KindAvailabilityAddressSpace, len(st.AvailabilityAddressSpaces), func(i int) string {
		return kinds.StateForest(&st.AvailabilityAddressSpaces[i])
	})[model.FoldIdentity(r.Name)]
	if !found {
		return presence(r, false), nil
	}
	a := &st.AvailabilityAddressSpaces[i]
	if r.Absent {
		return scriptRemoved, nil
	}
	changes := c.compareProperties(r, r.Properties(), func(name string) any { return kinds.AvailabilityAddressSpace.Current(a, name) })
	if len(changes) > 0 && kinds.KeepsCredentials(a, r.AddressSpace) {
		user := a.UserName
		if user == "" {
			user = "(an account Exchange does not show)"
		}
		c.unresolved(r, fmt.Sprintf("it holds credentials for '%s', which replacing it (no Set- cmdlet exists) would lose: the script refuses unless promptForCredentials or useServiceAccount is true", user))
	}
	return status(changes)
}

// organizationConfig compares ACLable object synchronization.
func (c *stateComparer) organizationConfig(r *model.Resource) (ScriptStatus, []PropertyChange) {
	acl := c.recipients.St.OrganizationConfig.ACLableSyncedObjectEnabled
	return status(c.compareProperties(r, r.Properties(), func(string) any { return boolValue(acl) }))
}

// acceptedDomain compares a group domain's type, warning about a domain of
// another type.
func (c *stateComparer) acceptedDomain(r *model.Resource) (ScriptStatus, []PropertyChange) {
	domains := c.recipients.St.AcceptedDomains
	i, found := c.firstByIdentity(model.KindAcceptedDomain, len(domains), func(i int) string {
		return domains[i].DomainName
	})[model.FoldIdentity(r.Name)]
	if !found {
		return ScriptAdded, nil
	}
	d := domains[i]
	if _, group := r.Spec.(*config.GroupDomain); group && d.DomainType != "" && !strings.EqualFold(d.DomainType, "InternalRelay") {
		c.warnings[r] = acceptedDomainTypeWarning(r.Name, d.DomainType)
	}
	return status(c.compareProperties(r, r.Properties(), func(string) any { return stringValue(d.DomainType) }))
}

// firstByIdentity indexes, once per comparer and kind, the n state
// objects of the kind by their identity key(i) folded as the engine
// compares (model.FoldIdentity), the first of equal identities winning
// as the engine takes the first match: each declaration is then found
// without a scan of the state (a state of 50,000 accepted domains made
// plan --state quadratic).
func (c *stateComparer) firstByIdentity(kind string, n int, key func(i int) string) map[string]int {
	if idx, ok := c.indexes[kind]; ok {
		return idx
	}
	idx := make(map[string]int, n)
	for i := 0; i < n; i++ {
		k := model.FoldIdentity(key(i))
		if _, dup := idx[k]; !dup {
			idx[k] = i
		}
	}
	if c.indexes == nil {
		c.indexes = map[string]map[string]int{}
	}
	c.indexes[kind] = idx
	return idx
}

// unifiedGroup finds the group by any of its SMTP addresses; the engine
// makes the declared one its primary address when it is not.
func (c *stateComparer) unifiedGroup(r *model.Resource) (ScriptStatus, []PropertyChange) {
	address := string(r.Spec.(*config.UnifiedGroup).PrimarySmtpAddress)
	g := c.recipients.Group(address)
	if g == nil {
		return ScriptAdded, nil
	}
	if !model.SameIdentity(g.DisplayName, r.Name) {
		c.warnings[r] = stateTakeoverWarning(r, g.DisplayName)
	}
	ps := r.Properties()
	if !hasProperty(ps, "PrimarySmtpAddress") {
		ps = append(ps, model.Property{Name: "PrimarySmtpAddress", Value: address})
	}
	ps = append(ps, model.Property{Name: "DisplayName", Value: r.Name})
	return status(c.compareProperties(r, ps, func(name string) any {
		switch name {
		case "AccessType":
			return stringValue(g.AccessType)
		case "RequireSenderAuthenticationEnabled":
			return boolValue(g.RequireSenderAuthenticationEnabled)
		case "PrimarySmtpAddress":
			return stringValue(g.PrimarySmtpAddress)
		}
		return stringValue(g.DisplayName)
	}))
}

// echo compares a member's echo setting.
func (c *stateComparer) echo(r *model.Resource) (ScriptStatus, []PropertyChange) {
	m := c.resolve(r, r.Name)
	if m == nil {
		return ScriptAdded, nil
	}
	return status(c.compareProperties(r, r.Properties(), func(string) any { return boolValue(c.recipients.Echo[strings.ToLower(m.Guid)]) }))
}

// Writeback compares a written-back group's address list membership.
func (c *stateComparer) Writeback(r *model.Resource) (ScriptStatus, []PropertyChange) {
	g := c.recipients.Find(r.Name)
	if g == nil {
		return ScriptAdded, nil // not written back yet: the script reports it and does nothing
	}
	if hiddenWrittenBack(g, r.Name) {
		return ScriptUnchanged, nil // Update-Recipient adds a hidden group to no address list
	}
	return status(c.compareProperties(r, r.Properties(), func(string) any { return g.InAddressLists }))
}

// mailboxPolicy compares a mailbox's role assignment policy.
func (c *stateComparer) mailboxPolicy(r *model.Resource) (ScriptStatus, []PropertyChange) {
	m := c.resolve(r, r.Name)
	if m == nil {
		return ScriptAdded, nil
	}
	return status(c.compareProperties(r, r.Properties(), func(string) any { return m.RoleAssignmentPolicy }))
}

// remoteMailboxACL: a remote mailbox not yet ACLable is made so.
func (c *stateComparer) remoteMailboxACL(r *model.Resource) (ScriptStatus, []PropertyChange) {
	m := c.resolve(r, r.Name)
	switch {
	case m == nil:
		return ScriptAdded, nil
	case strings.Contains(strings.ToLower(m.RecipientDisplayType), "aclable"):
		return ScriptUnchanged, nil
	}
	return ScriptChanged, []PropertyChange{{Name: "ACLableSyncedObjectEnabled", New: true}}
}

// Relationship finds a relationship by name, or the wizard's one it adopts
// (Find-HybridcRelationship): the one whose domains overlap the declared
// ones, or, between the two organizations, named as the wizard names that
// direction or (online) pointing at the on-premises federation
// application URI. adopt: false opts out: a second relationship is created
// unless the other one's domains overlap (New-OrganizationRelationship
// would fail).
func (c *stateComparer) Relationship(r *model.Resource) (ScriptStatus, []PropertyChange) {
	st := c.recipients.St
	var current *state.OrganizationRelationship
	for i := range st.OrganizationRelationships {
		if model.SameIdentity(st.OrganizationRelationships[i].Name, r.Name) {
			current = &st.OrganizationRelationships[i]
		}
	}
	if current == nil && !r.Absent {
		var similar []*state.OrganizationRelationship
		overlap := false
		for i := range st.OrganizationRelationships {
			rel := &st.OrganizationRelationships[i]
			same := sharesDomains(rel, r.Relationship)
			if same || (r.WizardPrefix != "" && kinds.IsWizardRelationship(rel, r.Relationship, r.WizardPrefix)) {
				similar = append(similar, rel)
				overlap = overlap || same
			}
		}
		adopt := kinds.Adopts(r.Relationship.Adopt)
		switch {
		case len(similar) > 1:
			c.unresolved(r, "exists as '"+similar[0].Name+"' and '"+similar[1].Name+"': several relationships serve its purpose; name one of them in the configuration")
		case len(similar) == 1 && adopt:
			current = similar[0]
			c.warnings[r] = "exists as '" + current.Name + "' (adopted: managed under its own name)"
		case len(similar) == 1 && overlap:
			c.unresolved(r, "exists as '"+similar[0].Name+"' (same domains) and adopt is false: New-OrganizationRelationship would fail")
		}
	}
	if current == nil || r.Absent {
		return presence(r, current != nil), nil
	}
	return status(c.compareProperties(r, r.Properties(), func(name string) any { return kinds.OrganizationRelationship.Current(current, name) }))
}

// sharesDomains reports whether a relationship lists one of the declared
// domains.
func sharesDomains(rel *state.OrganizationRelationship, want *config.OrganizationRelationship) bool {
	have := kinds.StateDomains(rel)
	return len(setDifference(have, model.Texts(kinds.Domains(want)))) < len(have)
}

// sendConnector finds the connector by name, or with adopt the hybrid one,
// and lists the declared address spaces it lacks (they are added, never
// replaced).
func (c *stateComparer) sendConnector(r *model.Resource) (ScriptStatus, []PropertyChange) {
	st := c.recipients.St
	var current, wizard []*state.SendConnector
	for i := range st.SendConnectors {
		sc := &st.SendConnectors[i]
		if model.SameIdentity(sc.Name, r.Name) {
			current = append(current, sc)
		}
		if sc.CloudServicesMailEnabled || kinds.IsWizardName(sc.Name, kinds.WizardSendConnector) || strings.HasPrefix(strings.ToLower(sc.Name), "outbound to office 365") {
			wizard = append(wizard, sc)
		}
	}
	adopt := kinds.Adopts(r.Spec.(*config.SendConnector).Adopt)
	if len(current) == 0 && len(wizard) == 1 && adopt {
		current = wizard
		c.warnings[r] = "exists as '" + wizard[0].Name + "' (adopted: managed under its own name)"
	}
	if len(current) == 0 {
		switch {
		case len(wizard) > 1:
			c.unresolved(r, "exists as '"+wizard[0].Name+"' and '"+wizard[1].Name+"': several hybrid send connectors; name one in the configuration")
		case len(wizard) == 1:
			c.unresolved(r, "exists as '"+wizard[0].Name+"' and adopt is false: name it in the configuration")
		default:
			c.unresolved(r, "no such send connector, and none to adopt")
		}
		return ScriptAdded, nil
	}
	sc := current[0]
	spec := r.Spec.(*config.SendConnector)
	return status(c.compareProperties(r, r.Properties(), func(name string) any {
		declared, current := kinds.ConnectorCertificate(spec, sc)
		if name == kinds.SendConnector.Param("tlsCertificateName") && current != "" && model.CertificateName(current) == model.CertificateName(declared) {
			return declared // the same certificate, rendered otherwise
		}
		return kinds.ConnectorCurrent(sc, name)
	}))
}

// hiddenWrittenBack mirrors the engine's Test-HybridcHiddenWrittenBack: a
// written-back group hidden from address lists is in sync once it carries
// its address, since Update-Recipient adds it to no address list.
func hiddenWrittenBack(g *state.Recipient, address string) bool {
	if !g.HiddenFromAddressListsEnabled {
		return false
	}
	if strings.EqualFold(g.PrimarySmtpAddress, address) {
		return true
	}
	for _, a := range g.EmailAddresses {
		if strings.EqualFold(a, "smtp:"+address) {
			return true
		}
	}
	return false
}

// hasProperty reports whether a list of properties holds one named name.
func hasProperty(ps []model.Property, name string) bool {
	for _, p := range ps {
		if p.Name == name {
			return true
		}
	}
	return false
}

// acceptedDomainTypeWarning is what plan --state says about a group
// domain that exists as an accepted domain of another type: the engine
// refuses to change an Authoritative domain's type, as the domain's own
// mail would be relayed to Exchange Online.
func acceptedDomainTypeWarning(name, have string) string {
	w := "the accepted domain " + name + " exists as " + have + ", not InternalRelay: "
	if strings.EqualFold(have, "Authoritative") {
		return w + "onprem.ps1 refuses to change an Authoritative domain's type (the item fails), since the domain's own mail would then be relayed to Exchange Online; a group domain must be a domain of its own"
	}
	return w + "onprem.ps1 changes its type, so its mail is relayed to Exchange Online; make sure it is a domain of its own"
}
