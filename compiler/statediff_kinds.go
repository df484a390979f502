package compiler

import (
	"fmt"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/state"
)

// compare is what the script would do with one resource in the state's
// organization, kind by kind as the engine's Sync- functions decide it.
func (c *stateComparer) compare(r *Resource) (ScriptStatus, []PropertyChange) {
	st := c.dir.st
	switch r.Kind {
	case KindOrganizationCustomization:
		if st.OrganizationConfig.IsDehydrated != nil && *st.OrganizationConfig.IsDehydrated {
			return ScriptChanged, []PropertyChange{{Name: "IsDehydrated", Old: true, New: false}}
		}
		return ScriptUnchanged, nil
	case KindOrganizationRelationship:
		return c.relationship(r)
	case KindAvailabilityAddressSpace:
		for i := range st.AvailabilityAddressSpaces {
			a := &st.AvailabilityAddressSpaces[i]
			if sameIdentity(a.ForestName, r.Name) {
				if r.Absent {
					return scriptRemoved, nil
				}
				changes := c.compareProperties(r, r.Properties(), func(name string) any { return kinds.AvailabilityAddressSpace.Current(a, name) })
				if len(changes) > 0 && keepsCredentials(a, r.AddressSpace) {
					user := a.UserName
					if user == "" {
						user = "(an account Exchange does not show)"
					}
					c.unresolved(r, fmt.Sprintf("it holds credentials for '%s', which replacing it (no Set- cmdlet exists) would lose: the script refuses unless promptForCredentials or useServiceAccount is true", user))
				}
				return status(changes)
			}
		}
		return presence(r, false), nil
	case KindOrganizationConfig:
		return status(c.compareProperties(r, r.Properties(), func(string) any { return boolValue(st.OrganizationConfig.ACLableSyncedObjectEnabled) }))
	case KindAcceptedDomain:
		for _, d := range st.AcceptedDomains {
			if sameIdentity(d.DomainName, r.Name) {
				if d.DomainType != "" && !strings.EqualFold(d.DomainType, "InternalRelay") {
					c.warnings[r] = acceptedDomainTypeWarning(r.Name, d.DomainType)
				}
				return status(c.compareProperties(r, r.Properties(), func(string) any { return stringValue(d.DomainType) }))
			}
		}
		return ScriptAdded, nil
	case KindSendConnector:
		return c.sendConnector(r)
	case KindUnifiedGroup:
		g := c.dir.group(string(r.Spec.(*config.UnifiedGroup).PrimarySmtpAddress))
		if g == nil {
			return ScriptAdded, nil
		}
		if !sameIdentity(g.DisplayName, r.Name) {
			c.warnings[r] = stateTakeoverWarning(r, g.DisplayName)
		}
		// The engine finds the group by any of its SMTP addresses and makes
		// the declared one its primary address when it is not.
		ps := r.Properties()
		if !hasProperty(ps, "PrimarySmtpAddress") {
			ps = append(ps, Property{Name: "PrimarySmtpAddress", Value: string(r.Spec.(*config.UnifiedGroup).PrimarySmtpAddress)})
		}
		ps = append(ps, Property{Name: "DisplayName", Value: r.Name})
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
	case KindGroupMembers, KindGroupOwners, KindGroupSubscribers:
		return c.groupLinks(r)
	case KindEchoGroupMessages:
		m := c.resolve(r, r.Name)
		if m == nil {
			return ScriptAdded, nil
		}
		return status(c.compareProperties(r, r.Properties(), func(string) any { return boolValue(c.dir.echo[strings.ToLower(m.Guid)]) }))
	case KindGroupWriteback:
		g := c.dir.find(r.Name)
		if g == nil {
			return ScriptAdded, nil // not written back yet: the script reports it and does nothing
		}
		if hiddenWrittenBack(g, r.Name) {
			return ScriptUnchanged, nil // Update-Recipient adds a hidden group to no address list
		}
		return status(c.compareProperties(r, r.Properties(), func(string) any { return g.InAddressLists }))
	case KindRoleGroup:
		return c.roleGroup(r)
	case KindRoleAssignmentPolicy:
		return c.policy(r)
	case KindMailboxPolicy:
		m := c.resolve(r, r.Name)
		if m == nil {
			return ScriptAdded, nil
		}
		return status(c.compareProperties(r, r.Properties(), func(string) any { return m.RoleAssignmentPolicy }))
	case KindRemoteMailboxACL:
		m := c.resolve(r, r.Name)
		switch {
		case m == nil:
			return ScriptAdded, nil
		case strings.Contains(strings.ToLower(m.RecipientDisplayType), "aclable"):
			return ScriptUnchanged, nil
		}
		return ScriptChanged, []PropertyChange{{Name: "ACLableSyncedObjectEnabled", New: true}}
	case KindFullAccess, KindSendAs, KindSendOnBehalf, KindFolderPermission:
		return c.permission(r)
	}
	return ScriptUnchanged, nil
}

// relationship finds a relationship by name, or with adopt the one whose
// DomainNames overlap the declared ones (Find-HybridcRelationship).
func (c *stateComparer) relationship(r *Resource) (ScriptStatus, []PropertyChange) {
	st := c.dir.st
	var current *state.OrganizationRelationship
	for i := range st.OrganizationRelationships {
		if sameIdentity(st.OrganizationRelationships[i].Name, r.Name) {
			current = &st.OrganizationRelationships[i]
		}
	}
	if current == nil && !r.Absent {
		var similar []*state.OrganizationRelationship
		for i := range st.OrganizationRelationships {
			rel := &st.OrganizationRelationships[i]
			if have := kinds.StateDomains(rel); len(setDifference(have, texts(kinds.Domains(r.Relationship)))) < len(have) {
				similar = append(similar, rel)
			}
		}
		switch {
		case len(similar) == 1 && isTrue(r.Relationship.Adopt):
			current = similar[0]
		case len(similar) > 0:
			c.unresolved(r, "exists as '"+similar[0].Name+"' (same domains) and is not adopted")
		}
	}
	if current == nil || r.Absent {
		return presence(r, current != nil), nil
	}
	return status(c.compareProperties(r, r.Properties(), func(name string) any { return kinds.OrganizationRelationship.Current(current, name) }))
}

// sendConnector finds the connector by name, or with adopt the hybrid one,
// and lists the declared address spaces it lacks (they are added, never
// replaced).
func (c *stateComparer) sendConnector(r *Resource) (ScriptStatus, []PropertyChange) {
	st := c.dir.st
	var current, wizard []*state.SendConnector
	for i := range st.SendConnectors {
		sc := &st.SendConnectors[i]
		if sameIdentity(sc.Name, r.Name) {
			current = append(current, sc)
		}
		if sc.CloudServicesMailEnabled || strings.HasPrefix(strings.ToLower(sc.Name), "outbound to office 365") {
			wizard = append(wizard, sc)
		}
	}
	if len(current) == 0 && len(wizard) == 1 && isTrue(r.Spec.(*config.SendConnector).Adopt) {
		current = wizard
	}
	if len(current) == 0 {
		c.unresolved(r, "no such send connector, and none to adopt")
		return ScriptAdded, nil
	}
	sc := current[0]
	spec := r.Spec.(*config.SendConnector)
	return status(c.compareProperties(r, r.Properties(), func(name string) any {
		if name == "TlsCertificateName" && sc.TlsCertificateName != "" && certificateName(sc.TlsCertificateName) == certificateName(string(spec.TlsCertificateName)) {
			return string(spec.TlsCertificateName) // the same certificate, rendered otherwise
		}
		return sendConnectorValue(sc, name)
	}))
}

// sendConnectorValue is a send connector's current value of a property,
// normalized as the engine's Get-HybridcSendConnectorView does.
func sendConnectorValue(sc *state.SendConnector, name string) any {
	var out []string
	switch name {
	case "AddressSpaces":
		for _, s := range sc.AddressSpaces {
			out = append(out, addressSpaceDomain(s))
		}
		return out
	case "SourceTransportServers":
		for _, s := range sc.SourceTransportServers {
			out = append(out, sourceServerName(s))
		}
		return out
	case "SmartHosts":
		if sc.DNSRoutingEnabled != nil && *sc.DNSRoutingEnabled {
			return []string(nil) // DNS routing: set again with DNS routing off
		}
		for _, s := range sc.SmartHosts {
			out = append(out, smartHostName(s))
		}
		return out
	case "TlsAuthLevel":
		return stringValue(sc.TlsAuthLevel)
	case "TlsDomain":
		return stringValue(sc.TlsDomain)
	case "TlsCertificateName":
		return stringValue(sc.TlsCertificateName)
	case "RequireTLS":
		return boolValue(sc.RequireTLS)
	case "DNSRoutingEnabled":
		return boolValue(sc.DNSRoutingEnabled)
	}
	return nil
}

// addressSpaceDomain is the domain of an address space as Exchange shows
// it (SMTP:contoso.mail.onmicrosoft.com;1).
func addressSpaceDomain(s string) string {
	if i := strings.IndexByte(s, ':'); i >= 0 {
		s = s[i+1:]
	}
	if i := strings.IndexByte(s, ';'); i >= 0 {
		s = s[:i]
	}
	return strings.ToLower(s)
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
func hasProperty(ps []Property, name string) bool {
	for _, p := range ps {
		if p.Name == name {
			return true
		}
	}
	return false
}

// keepsCredentials reports whether an exported address space holds
// credentials a replacement would lose: the engine's
// Get-HybridcReplaceRefusal. PerUserFB and OrgWideFB without the service
// account hold credentials whatever UserName says (its rendering is
// unconfirmed).
func keepsCredentials(a *state.AvailabilityAddressSpace, want *config.AvailabilityAddressSpace) bool {
	method := strings.ToLower(a.AccessMethod)
	if (method != "peruserfb" && method != "orgwidefb") || isTrue(a.UseServiceAccount) || want == nil {
		return false
	}
	return !isTrue(want.PromptForCredentials) && !isTrue(want.UseServiceAccount)
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
