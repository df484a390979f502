package importer

import (
	"fmt"

	"slices"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/state"

	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// organizations fills in the on-premises organization, the tenant and the
// partners, with relationships, address spaces and mail flow.
func (im *importer) organizations() {
	cfg := im.out.Config
	eo := &cfg.ExchangeOnline
	on := im.online
	eo.Tenant = config.TenantName(on.Organization)
	for _, a := range on.AcceptedDomains {
		if model.RoutingPattern().MatchString(a.DomainName) && eo.RoutingDomain == "" {
			eo.RoutingDomain = config.RoutingDomain(strings.ToLower(a.DomainName))
		}
	}
	var toCloud, toOnPrem []string // the domains each side's relationships name
	ours, partners := im.splitRelationships()
	if op := im.onprem; op != nil {
		for _, rel := range op.OrganizationRelationships {
			toCloud = append(toCloud, kinds.StateDomains(&rel)...)
		}
		for _, rel := range ours {
			toOnPrem = append(toOnPrem, kinds.StateDomains(&rel)...)
		}
		cfg.OnPremises = im.OnPremises(op, toOnPrem)
		cfg.OnPremises.RemoteDomains = im.RemoteDomains(op)
		cfg.OnPremises.ReceiveConnectors = im.ReceiveConnectors(op)
		cfg.OnPremises.EmailAddressPolicies = im.AddressPolicies(op)
		cfg.OnPremises.CoexistenceAcceptedDomain = coexistenceAcceptedDomain(op, eo.RoutingDomain)
		cfg.OnPremises.MRSProxy = im.MRSProxies(op)
		cfg.OnPremises.IntraOrganizationConnectors = im.IntraOrganizationConnectors(op)
		cfg.OnPremises.OAuth = im.OAuth(op)
		cfg.OnPremises.AuthCertificate = im.AuthCertificate(op)
		im.serviceRoutingNamespace(op, toCloud)
	}
	for _, d := range im.primaryDomains(on, toCloud) {
		eo.PrimarySmtpDomains = append(eo.PrimarySmtpDomains, config.DomainName(d))
	}
	eo.RemoteDomains = im.RemoteDomains(on)
	eo.InboundConnectors, eo.OutboundConnectors = im.OnlineConnectors(on)
	eo.OnPremisesOrganization = im.OnPremisesOrganization(on)
	eo.MigrationEndpoints = im.MigrationEndpoints(on)
	eo.IntraOrganizationConnectors = im.IntraOrganizationConnectors(on)
	if im.kind(ImportRelationships) {
		for _, rel := range ours {
			eo.OrganizationRelationships = append(eo.OrganizationRelationships, im.Relationship(on, rel))
		}
		for _, rel := range partners {
			eo.Partners = append(eo.Partners, im.partner(rel))
			meshLimit(cfg.OnPremises, &eo.Partners[len(eo.Partners)-1])
		}
	}
}

// OnPremises is the on-premises organization: its version, primary SMTP
// domains, federation namespace, relationships, address spaces and mail
// flow. toOnPrem are the domains the tenant's relationships towards it
// name.
func (im *importer) OnPremises(op *state.State, toOnPrem []string) *config.OnPremises {
	o := &config.OnPremises{Organization: config.Name(op.Organization)}
	v, ok := exchangeVersion(op.ExchangeVersion)
	if !ok {
		im.review("onPremises.exchangeVersion: %q is not a version hybridc knows; SE assumed", op.ExchangeVersion)
	}
	o.ExchangeVersion = v
	for _, d := range im.primaryDomains(op, toOnPrem) {
		o.PrimarySmtpDomains = append(o.PrimarySmtpDomains, config.DomainName(d))
	}
	ns := kinds.AccountNamespace(op.AccountNamespace)
	if !model.DomainPattern().MatchString(ns) {
		ns = ""
		for _, d := range toOnPrem {
			if !pstext.ContainsFold(model.Texts(o.PrimarySmtpDomains), d) && ns == "" {
				ns = strings.ToLower(d)
			}
		}
		im.review("onPremises.federatedDelegationNamespace: no federation identifier was read; %q taken from the tenant's relationship", ns)
	}
	o.FederatedDelegationNamespace = config.DomainName(ns)
	if im.kind(ImportRelationships) {
		o.Federation = importFederation(op)
	}
	if im.kind(ImportMailFlow) {
		o.AclableSyncedObjectEnabled = op.OrganizationConfig.ACLableSyncedObjectEnabled
	}
	if im.kind(ImportRelationships) {
		for _, rel := range op.OrganizationRelationships {
			o.OrganizationRelationships = append(o.OrganizationRelationships, im.Relationship(op, rel))
		}
	}
	if im.kind(ImportAddressSpaces) {
		for _, a := range op.AvailabilityAddressSpaces {
			var out config.AvailabilityAddressSpace
			kinds.AvailabilityAddressSpace.Import(&a, &out)
			o.AvailabilityAddressSpaces = append(o.AvailabilityAddressSpaces, out)
		}
	}
	if im.kind(ImportMailFlow) {
		im.mailFlow(o)
	}
	return o
}

// serviceRoutingNamespace is the address space's forest, else a domain of
// the on-premises relationship (toCloud) that is no SMTP domain of the
// tenant, else the routing domain.
func (im *importer) serviceRoutingNamespace(op *state.State, toCloud []string) {
	eo := &im.out.Config.ExchangeOnline
	for i := range op.AvailabilityAddressSpaces {
		forest := kinds.StateForest(&op.AvailabilityAddressSpaces[i])
		if eo.ServiceRoutingNamespace == "" && model.DomainPattern().MatchString(forest) {
			eo.ServiceRoutingNamespace = config.DomainName(strings.ToLower(forest))
		}
	}
	for _, d := range toCloud {
		if eo.ServiceRoutingNamespace == "" && !hasAccepted(im.online, d) {
			eo.ServiceRoutingNamespace = config.DomainName(strings.ToLower(d))
		}
	}
	if eo.ServiceRoutingNamespace == "" {
		eo.ServiceRoutingNamespace = config.DomainName(eo.RoutingDomain)
		im.review("exchangeOnline.serviceRoutingNamespace: none found; the routing domain is used")
	}
}

// splitRelationships divides the tenant's relationships into those toward
// the on-premises organization (their domains are its accepted domains) and
// those toward partners.
func (im *importer) splitRelationships() (ours, partners []state.OrganizationRelationship) {
	for _, rel := range im.online.OrganizationRelationships {
		toOnPrem := false
		if im.onprem != nil {
			// The wizard's relationship points at the on-premises federation
			// application URI (FYDIBOHF25SPDLT.<account namespace>).
			uri := strings.TrimSuffix(kinds.StateApplicationURI(&rel), "/")
			ns := kinds.AccountNamespace(im.onprem.AccountNamespace)
			toOnPrem = uri != "" && ns != "" && strings.EqualFold(uri, string(kinds.OnPremisesApplicationURI(config.DomainName(ns))))
			for _, d := range kinds.StateDomains(&rel) {
				if hasAccepted(im.onprem, d) || ns != "" && strings.EqualFold(d, ns) {
					toOnPrem = true
				}
			}
		}
		if toOnPrem {
			ours = append(ours, rel)
		} else {
			partners = append(partners, rel)
		}
	}
	return ours, partners
}

// Relationship is a relationship as declared: the properties it has, and
// the levels only where the access they belong to is on.
func (im *importer) Relationship(st *state.State, rel state.OrganizationRelationship) config.OrganizationRelationship {
	out := config.OrganizationRelationship{Name: config.Name(rel.Name)}
	kinds.OrganizationRelationship.Import(&rel, &out)
	// The scope is declared by the group's address where the state holds
	// the group.
	if scope := kinds.Scope(&out); *scope != "" {
		if r := im.recipientsOf[st].Find(string(*scope)); r != nil && r.PrimarySmtpAddress != "" {
			*scope = config.Identity(r.PrimarySmtpAddress)
		}
	}
	return out
}

// partner is a partner tenant from our relationship toward it, with the
// partner's relationship toward us when its state was given.
func (im *importer) partner(rel state.OrganizationRelationship) config.Partner {
	p := config.Partner{Relationship: im.Relationship(im.online, rel)}
	for _, st := range im.others {
		for _, d := range kinds.StateDomains(&rel) {
			if hasAccepted(st, d) && p.Tenant == "" {
				p.Tenant, p.Domain = config.TenantName(st.Organization), config.DomainName(strings.ToLower(d))
				for _, back := range st.OrganizationRelationships {
					if slices.ContainsFunc(kinds.StateDomains(&back), func(x string) bool { return hasAccepted(im.online, x) }) && p.ReverseRelationship == nil {
						r := im.Relationship(st, back)
						p.ReverseRelationship = &r
					}
				}
			}
		}
	}
	if domains := kinds.StateDomains(&rel); p.Tenant == "" && len(domains) > 0 {
		p.Domain = config.DomainName(strings.ToLower(domains[0]))
		label, _, _ := strings.Cut(string(p.Domain), ".")
		p.Tenant = config.TenantName(label + ".onmicrosoft.com")
		im.review("partner %s: tenant %s guessed (no state of the partner's tenant was given)", p.Domain, p.Tenant)
	}
	return p
}

// mailFlow adds the hybrid send connector and the group domains.
func (im *importer) mailFlow(o *config.OnPremises) {
	op := im.onprem
	for _, sc := range op.SendConnectors {
		if !(sc.CloudServicesMailEnabled || strings.HasPrefix(strings.ToLower(sc.Name), "outbound to office 365")) || o.HybridSendConnector != nil {
			continue
		}
		o.HybridSendConnector = model.NewImportedConnector(&sc)
	}
	used := map[string]bool{}
	for _, g := range im.online.UnifiedGroups {
		used[strings.ToLower(pstext.DomainOf(g.PrimarySmtpAddress))] = true
	}
	for _, a := range op.AcceptedDomains {
		d := strings.ToLower(a.DomainName)
		if a.DomainType == "InternalRelay" && used[d] {
			mx := strings.ReplaceAll(d, ".", "-") + ".mail.protection.outlook.com"
			o.GroupDomains = append(o.GroupDomains, config.GroupDomain{Domain: config.DomainName(d), DomainType: "InternalRelay", MX: config.DomainName(mx)})
			im.review("onPremises.groupDomains %s: mx %s derived (DNS is not read): check it", d, mx)
		}
	}
}

// kind reports whether an import kind is on.
func (im *importer) kind(k string) bool { return im.opt.Kinds[k] }

// review records a derived value to check.
func (im *importer) review(format string, args ...any) {
	im.out.Review = append(im.out.Review, fmt.Sprintf(format, args...))
}
