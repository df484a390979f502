package kinds

import (
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/state"
)

// The kinds of templates/engine-federation.ps1.tmpl.
const (
	OrganizationCustomizationName = "organizationCustomization"
	OrganizationRelationshipName  = "organizationRelationship"
	AvailabilityAddressSpaceName  = "availabilityAddressSpace"
)

// OrganizationCustomization is Enable-OrganizationCustomization, added to
// a tenant whose other resources need it.
var OrganizationCustomization = Decl{Name: OrganizationCustomizationName, Family: "federation",
	Engine: Engine{"Sync-HybridcOrganizationCustomization", []string{"federation"}},
	Reads:  []string{"Get-OrganizationConfig"}, Writes: []string{"Enable-OrganizationCustomization"}}

type (
	rel      = config.OrganizationRelationship
	relState = state.OrganizationRelationship
)

// OrganizationRelationship shares free/busy, MailTips and message
// tracking with another organization. DomainNames is additive: a
// relationship adopted from the wizard, or edited by hand, may list
// domains the YAML does not (the routing domain, other federated domains);
// they are kept.
var OrganizationRelationship = &Kind[rel, relState]{
	Decl: Decl{Name: OrganizationRelationshipName, Family: "federation", After: []string{OrganizationCustomizationName},
		Engine: Engine{"Sync-HybridcOrganizationRelationship", []string{"federation"}},
		Reads:  []string{"Get-OrganizationRelationship"}, Writes: []string{"New-OrganizationRelationship", "Set-OrganizationRelationship"},
		Removes: []string{"Remove-OrganizationRelationship"}},
	Fields: []Field[rel, relState]{
		Bool("enabled", "Enabled", func(c *rel) **bool { return &c.Enabled }, func(s *relState) **bool { return &s.Enabled }),
		List("domainNames", "DomainNames", CompareSuperset, func(c *rel) *[]config.DomainName { return &c.DomainNames },
			func(s *relState) *[]string { return &s.DomainNames }).Adds().Lead().Lower(),
		Bool("freeBusyAccessEnabled", "FreeBusyAccessEnabled", func(c *rel) **bool { return &c.FreeBusyAccessEnabled },
			func(s *relState) **bool { return &s.FreeBusyAccessEnabled }),
		Text("freeBusyAccessLevel", "FreeBusyAccessLevel", CompareValue, func(c *rel) *config.FreeBusyLevel { return &c.FreeBusyAccessLevel },
			func(s *relState) *string { return &s.FreeBusyAccessLevel }).ImportIf(freeBusyOn),
		// The importer declares the scope by the group's address (Scope).
		Text("freeBusyAccessScope", "FreeBusyAccessScope", CompareIdentity, func(c *rel) *config.Identity { return &c.FreeBusyAccessScope },
			func(s *relState) *string { return &s.FreeBusyAccessScope }).ImportIf(freeBusyOn),
		Bool("mailTipsAccessEnabled", "MailTipsAccessEnabled", func(c *rel) **bool { return &c.MailTipsAccessEnabled },
			func(s *relState) **bool { return &s.MailTipsAccessEnabled }),
		Text("mailTipsAccessLevel", "MailTipsAccessLevel", CompareValue, func(c *rel) *config.MailTipsLevel { return &c.MailTipsAccessLevel },
			func(s *relState) *string { return &s.MailTipsAccessLevel }).ImportIf(mailTipsOn),
		Bool("deliveryReportEnabled", "DeliveryReportEnabled", func(c *rel) **bool { return &c.DeliveryReportEnabled },
			func(s *relState) **bool { return &s.DeliveryReportEnabled }),
		Text("targetApplicationUri", "TargetApplicationUri", CompareURI, func(c *rel) *config.URI { return &c.TargetApplicationUri },
			func(s *relState) *string { return &s.TargetApplicationUri }),
		Text("targetAutodiscoverEpr", "TargetAutodiscoverEpr", CompareURI, func(c *rel) *config.HTTPSURL { return &c.TargetAutodiscoverEpr },
			func(s *relState) *string { return &s.TargetAutodiscoverEpr }),
		Text("targetSharingEpr", "TargetSharingEpr", CompareURI, func(c *rel) *config.HTTPSURL { return &c.TargetSharingEpr },
			func(s *relState) *string { return &s.TargetSharingEpr }),
	},
}

func freeBusyOn(s *relState) bool { return isTrue(s.FreeBusyAccessEnabled) }
func mailTipsOn(s *relState) bool { return isTrue(s.MailTipsAccessEnabled) }
func never[S any](*S) bool        { return false }
func isTrue(b *bool) bool         { return b != nil && *b }

// Endpoints are where a relationship reaches the other organization: the
// hook of the compiler's defaults, which fills in the ones left out.
func Endpoints(c *rel) (applicationURI *config.URI, autodiscover, sharing *config.HTTPSURL) {
	return &c.TargetApplicationUri, &c.TargetAutodiscoverEpr, &c.TargetSharingEpr
}

// FreeBusyLevel is the declared free/busy access level ("" when not
// declared).
func FreeBusyLevel(c *rel) config.FreeBusyLevel { return c.FreeBusyAccessLevel }

// FreeBusyEnabled is the declared freeBusyAccessEnabled (nil when not
// declared).
func FreeBusyEnabled(c *rel) *bool { return c.FreeBusyAccessEnabled }

// MailTips are the declared MailTips settings: whether they are enabled
// (nil when not declared) and their level ("" when not declared).
func MailTips(c *rel) (enabled *bool, level config.MailTipsLevel) {
	return c.MailTipsAccessEnabled, c.MailTipsAccessLevel
}

// Scope is the declared group that limits free/busy, for the hooks that
// resolve it (import declares it by the group's address).
func Scope(c *rel) *config.Identity { return &c.FreeBusyAccessScope }

// Domains are a relationship's declared domains (DomainNames).
func Domains(c *rel) []config.DomainName { return c.DomainNames }

// StateDomains are a state relationship's domains (DomainNames).
func StateDomains(s *relState) []string { return s.DomainNames }

type (
	space      = config.AvailabilityAddressSpace
	spaceState = state.AvailabilityAddressSpace
)

// AvailabilityAddressSpace tells on-premises mailbox servers how to reach
// free/busy in another forest. Exchange has no Set- cmdlet for it: a
// changed address space is removed and added again.
var AvailabilityAddressSpace = &Kind[space, spaceState]{
	Decl: Decl{Name: AvailabilityAddressSpaceName, Family: "federation", After: []string{OrganizationRelationshipName},
		Engine: Engine{"Sync-HybridcAvailabilityAddressSpace", []string{"federation"}},
		Reads:  []string{"Get-AvailabilityAddressSpace"}, Writes: []string{"Add-AvailabilityAddressSpace"},
		Removes: []string{"Remove-AvailabilityAddressSpace"}},
	Fields: []Field[space, spaceState]{
		Text("forestName", "ForestName", CompareValue, func(c *space) *config.DomainName { return &c.ForestName },
			func(s *spaceState) *string { return &s.ForestName }).Lower(),
		Text("accessMethod", "AccessMethod", CompareValue, func(c *space) *config.AvailabilityAccessMethod { return &c.AccessMethod },
			func(s *spaceState) *string { return &s.AccessMethod }),
		Bool("useServiceAccount", "UseServiceAccount", func(c *space) **bool { return &c.UseServiceAccount },
			func(s *spaceState) **bool { return &s.UseServiceAccount }),
	},
}

// Forest is the forest an address space declares (ForestName).
func Forest(c *space) config.DomainName { return c.ForestName }

// StateForest is the forest of an exported address space.
func StateForest(s *spaceState) string { return s.ForestName }

// Access is how an address space reaches free/busy: its declared access
// method and whether it uses the service account (nil when not declared).
func Access(c *space) (method config.AvailabilityAccessMethod, serviceAccount *bool) {
	return c.AccessMethod, c.UseServiceAccount
}

// KeepsCredentials reports whether an exported address space holds
// credentials a replacement would lose: the engine's
// Get-HybridcReplaceRefusal. PerUserFB and OrgWideFB without the service
// account hold credentials whatever UserName says (its rendering is
// unconfirmed).
func KeepsCredentials(s *spaceState, want *space) bool {
	method := strings.ToLower(s.AccessMethod)
	if (method != "peruserfb" && method != "orgwidefb") || isTrue(s.UseServiceAccount) || want == nil {
		return false
	}
	return !isTrue(want.PromptForCredentials) && !isTrue(want.UseServiceAccount)
}

// The names the Hybrid Configuration Wizard gives the objects it creates:
// a prefix, then a GUID.
const (
	WizardOnPremisesRelationship = "On-premises to O365 - "
	WizardOnlineRelationship     = "O365 to On-premises - "
	WizardSendConnector          = "Outbound to Office 365 - "
)

// wizardGUID is the GUID after a wizard name's prefix.
var wizardGUID = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
})

// IsWizardName reports whether name is prefix (compared ignoring case)
// followed by a GUID, as the wizard names its objects.
func IsWizardName(name, prefix string) bool {
	return len(name) > len(prefix) && strings.EqualFold(name[:len(prefix)], prefix) && wizardGUID().MatchString(name[len(prefix):])
}

// Adopts reports whether a declaration takes over the wizard's object when
// none has its name: by default; adopt: false opts out.
func Adopts(adopt *bool) bool { return adopt == nil || *adopt }

// FederationApplicationPrefix begins the application URI of an on-premises
// organization's federated organization identifier: FYDIBOHF25SPDLT.
// followed by its account namespace (Set-FederatedOrganizationIdentifier).
// Get-FederationInformation returns it as the on-premises organization's
// TargetApplicationUri, and the wizard writes it on the tenant's
// relationship towards on-premises.
const FederationApplicationPrefix = "FYDIBOHF25SPDLT."

// OnPremisesApplicationURI is the federation application URI of an
// on-premises organization whose account namespace is the federated
// delegation namespace.
func OnPremisesApplicationURI(namespace config.DomainName) config.URI {
	return config.URI(FederationApplicationPrefix + strings.ToLower(string(namespace)))
}

// OnPremisesAccountNamespace is the account namespace onPremises.federation
// expects of the federated organization identifier (the engine's
// AccountNamespace), the one the default targetApplicationUri of the
// tenant's relationship towards on-premises is made of: the federated
// delegation namespace, which onPremises.federation never changes.
func OnPremisesAccountNamespace(op *config.OnPremises) config.DomainName {
	return op.FederatedDelegationNamespace
}

// AccountNamespace is the account namespace of a federated organization
// identifier as Get-FederatedOrganizationIdentifier shows it
// (FYDIBOHF25SPDLT.exchangedelegation.contoso.com) without the prefix
// Exchange adds, in lower case; a value without the prefix is returned
// lower-cased as it is.
func AccountNamespace(shown string) string {
	if len(shown) > len(FederationApplicationPrefix) && strings.EqualFold(shown[:len(FederationApplicationPrefix)], FederationApplicationPrefix) {
		shown = shown[len(FederationApplicationPrefix):]
	}
	return strings.ToLower(shown)
}

// IsWizardRelationship reports whether a relationship is the wizard's of a
// direction between the two organizations (prefix): by its name, or by
// the on-premises federation application URI the declaration points at
// (Test-HybridcWizardRelationship).
func IsWizardRelationship(s *relState, c *rel, prefix string) bool {
	if IsWizardName(s.Name, prefix) {
		return true
	}
	uri := strings.TrimSuffix(string(c.TargetApplicationUri), "/")
	return len(uri) > len(FederationApplicationPrefix) && strings.EqualFold(uri[:len(FederationApplicationPrefix)], FederationApplicationPrefix) &&
		strings.EqualFold(strings.TrimSuffix(s.TargetApplicationUri, "/"), uri)
}

// StateApplicationURI is a relationship's TargetApplicationUri as the
// state holds it.
func StateApplicationURI(s *relState) string { return s.TargetApplicationUri }

// FederationTrustName is the kind of the federation trust and the
// federated organization identifier (onPremises.federation).
const FederationTrustName = "federationTrust"

// FederationTrust reads the federation trust and the federated
// organization identifier first in onprem.ps1 and reports what would break
// free/busy: a missing trust, a certificate that expires within 30 days,
// another account namespace than federatedDelegationNamespace, a disabled
// identifier. It never creates the trust nor changes the account
// namespace (the Hybrid Configuration Wizard's work); it turns the
// identifier on or off as declared and adds the declared federated domains
// (never removes one).
var FederationTrust = &Kind[config.Federation, state.State]{
	Decl: Decl{Name: FederationTrustName, Family: "federation",
		Engine: Engine{"Sync-HybridcFederationTrust", []string{"federation"}},
		Reads:  []string{"Get-FederationTrust", "Get-FederatedOrganizationIdentifier"},
		Writes: []string{"Set-FederatedOrganizationIdentifier", "Add-FederatedDomain"}},
	Fields: []Field[config.Federation, state.State]{
		Bool("enabled", "Enabled", func(c *config.Federation) **bool { return &c.IdentifierEnabled },
			func(s *state.State) **bool { return &s.FederationEnabled }),
	},
}

// FederationCertificateDays is how many days before its certificate
// expires a federation trust is reported.
const FederationCertificateDays = 30

// FederationDomains are the declared federated domains.
func FederationDomains(f *config.Federation) []string {
	out := make([]string, 0, len(f.FederatedDomains))
	for _, d := range f.FederatedDomains {
		out = append(out, string(d.Domain))
	}
	return out
}

// RelationshipReaches reports whether a present relationship of rels lists
// domain (ignoring case): for a partner of a hybrid tenant, whether an
// on-premises relationship reaches it (the "hybrid mesh" limit, HC0365).
func RelationshipReaches(rels []config.OrganizationRelationship, domain config.DomainName) bool {
	for i := range rels {
		if !rels[i].Ensure.IsAbsent() && ReachesDomain(rels[i].DomainNames, domain) {
			return true
		}
	}
	return false
}

// ReachesDomain reports whether domains list domain, ignoring case.
func ReachesDomain(domains []config.DomainName, domain config.DomainName) bool {
	return slices.ContainsFunc(domains, func(d config.DomainName) bool { return strings.EqualFold(string(d), string(domain)) })
}

// TenantDomains are the domains that name our Exchange Online tenant: its
// tenant name, routing domain, service routing namespace and primary SMTP
// domains (those left out are skipped).
func TenantDomains(eo *config.ExchangeOnline) []config.DomainName {
	out := []config.DomainName{config.DomainName(eo.Tenant), config.DomainName(eo.RoutingDomain), eo.ServiceRoutingNamespace}
	out = append(out, eo.PrimarySmtpDomains...)
	return slices.DeleteFunc(out, func(d config.DomainName) bool { return d == "" })
}

// TowardsPartner is the declared partner an on-premises relationship
// points at: one whose domainNames list the partner's domain
// (exchangeOnline.partners[].domain) and none of TenantDomains. nil for a
// relationship towards our tenant: HC0301 checks those, and only those
// adopt the wizard's "On-premises to O365 - <GUID>".
func TowardsPartner(r *config.OrganizationRelationship, eo *config.ExchangeOnline) *config.Partner {
	var partner *config.Partner
	for i := range eo.Partners {
		if partner == nil && ReachesDomain(r.DomainNames, eo.Partners[i].Domain) {
			partner = &eo.Partners[i]
		}
	}
	if partner == nil {
		return nil
	}
	for _, d := range TenantDomains(eo) {
		if ReachesDomain(r.DomainNames, d) {
			return nil
		}
	}
	return partner
}

// LacksSharingEpr reports whether a present relationship, not declared
// disabled, declares no targetSharingEpr (what Microsoft's
// ConfigureExchangeHybridApplication.ps1 sets on the enabled ones towards
// Exchange Online).
func LacksSharingEpr(r *rel) bool {
	return !r.Ensure.IsAbsent() && (r.Enabled == nil || *r.Enabled) && r.TargetSharingEpr == ""
}
