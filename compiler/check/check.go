package check

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// Check enforces the rules of Microsoft's guidance that a schema cannot
// express: the namespaces each relationship must list, contradictory
// free/busy and MailTips settings, declared forests, unique names,
// dependencies that exist, the supported Exchange versions, and the
// safeguards of exclusive sets and built-in role groups. It reports every
// finding at once.
func Check(cfg *config.Config) diag.Diagnostics {
	diags, _ := CheckWith(cfg, nil)
	return diags
}

// CheckWith is Check telling report (if set) how many of its rules it has run,
// and returns the inventory it checked, which Order takes as it is
// (order): Defaults, between the two, changes no value an inventory holds
// (a relationship's defaulted targets are read from the relationship
// itself, by Properties).
func CheckWith(cfg *config.Config, report func(diag.Step)) (diag.Diagnostics, *model.Inventory) {
	c := &checker{cfg: cfg, suggestBudget: suggestCells}
	var inv *model.Inventory
	rules := c.rules(&inv)
	count := diag.Stage(report, "checking", len(rules), "rules")
	for _, rule := range rules {
		rule()
		count.Add(1)
	}
	return c.diags.Sort(), inv
}

type checker struct {
	cfg   *config.Config
	diags diag.Diagnostics
	// mailboxNames, recipientNames and dependencyNames (by organization
	// and kind) suggest declared names for the references that resolve to
	// nothing, built on first use, spending suggestBudget.
	mailboxNames, recipientNames *nameSuggester
	dependencyNames              map[dependencyKinds]*nameSuggester
	suggestBudget                int
	// declared is the configuration's declared index, built on first use.
	declared *model.DeclaredIndex
}

// declaredIndex returns the configuration's declared index
// (DeclaredIndexOf), built
// once per check.
// RuleCount is the number of rules Check runs (what its progress counts).
func RuleCount() int {
	var inv *model.Inventory
	return len((&checker{}).rules(&inv))
}

// rules are Check's rules in order; the last three build the inventory
// into *inv and check it.
func (c *checker) rules(inv **model.Inventory) []func() {
	return []func(){
		c.certificates,
		c.hybridRelationships,
		c.Partners,
		c.addressSpaces,
		c.groupsHybrid,
		c.groupDomainConflicts,
		c.sendConnectorRouting,
		c.permissionRules,
		c.policyMailboxes,
		c.uniqueRecipients,
		c.platform,
		c.roleGroups,
		c.echoSettings,
		c.entraConnectForest,
		c.entraConnectPrivilege,
		c.hybridApplication,
		c.relationshipTargets,
		c.groupAliases,
		c.routingAddresses,
		c.onPremisesOrganization,
		c.connectorsAgree,
		func() {
			if op, eo := c.cfg.OnPremises, &c.cfg.ExchangeOnline; op != nil {
				c.connectorRelationships(op.IntraOrganizationConnectors, len(op.OrganizationRelationships),
					func(d config.DomainName) bool { return kinds.RelationshipReaches(op.OrganizationRelationships, d) })
				c.connectorRelationships(eo.IntraOrganizationConnectors, len(eo.OrganizationRelationships),
					func(d config.DomainName) bool { return kinds.RelationshipReaches(eo.OrganizationRelationships, d) })
			}
		},
		func() { *inv = model.InventoryOf(c.cfg, c.declaredIndex()) },
		func() { c.uniqueNames(*inv) },
		func() { c.dependencies(*inv) },
	}
}

func (c *checker) declaredIndex() *model.DeclaredIndex {
	if c.declared == nil {
		c.declared = model.DeclaredIndexOf(c.cfg)
	}
	return c.declared
}

// hybridRelationships checks the relationships between the two
// organizations of a hybrid deployment (seed 000).
func (c *checker) hybridRelationships() {
	eo := &c.cfg.ExchangeOnline
	if op := c.cfg.OnPremises; op != nil {
		for i := range op.OrganizationRelationships {
			rel := &op.OrganizationRelationships[i]
			c.Relationship(rel)
			if kinds.TowardsPartner(rel, eo) == nil { // towards a partner: Partners checks it
				c.onPremisesDomains(op, rel)
				c.partnerRelationshipMixed(rel)
			}
		}
		want := append([]config.DomainName{op.FederatedDelegationNamespace}, op.PrimarySmtpDomains...)
		for i := range eo.OrganizationRelationships {
			rel := &eo.OrganizationRelationships[i]
			if missing := missingDomains(rel, want); len(missing) > 0 && !rel.Ensure.IsAbsent() {
				c.diags.Errorf(rel.KeyPos("domainNames"), diag.CodeOnlineDomain,
					"relationship %q towards on-premises must list the federated delegation namespace and every on-premises primary SMTP domain; missing: %s",
					rel.Name, joinDomains(missing))
			}
		}
	}
	for i := range eo.OrganizationRelationships {
		c.Relationship(&eo.OrganizationRelationships[i])
	}
}

// Partners checks the relationships of seed 001 (each must list the domain
// of the tenant it points at), the hybrid mesh limit (partnerMesh) and the
// federated domains (federatedDomains).
func (c *checker) Partners() {
	eo := &c.cfg.ExchangeOnline
	for i := range eo.Partners {
		p := &eo.Partners[i]
		c.Relationship(&p.Relationship)
		if missing := missingDomains(&p.Relationship, []config.DomainName{p.Domain}); len(missing) > 0 && !p.Relationship.Ensure.IsAbsent() {
			c.diags.Errorf(p.Relationship.KeyPos("domainNames"), diag.CodePartnerDomain,
				"relationship %q towards partner %s must list its domain %s", p.Relationship.Name, p.Domain, p.Domain)
		}
		if rev := p.ReverseRelationship; rev != nil {
			c.Relationship(rev)
			if missing := missingDomains(rev, eo.PrimarySmtpDomains); len(missing) > 0 && !rev.Ensure.IsAbsent() {
				c.diags.Errorf(rev.KeyPos("domainNames"), diag.CodePartnerDomain,
					"reverse relationship %q in partner %s must list every primary SMTP domain of our tenant; missing: %s", rev.Name, p.Domain, joinDomains(missing))
			}
		}
	}
	c.partnerMesh()
	c.federatedDomains()
}

// Relationship checks the properties of one relationship for
// contradictions.
func (c *checker) Relationship(rel *config.OrganizationRelationship) {
	if rel.Ensure.IsAbsent() {
		return
	}
	freeBusy := pstext.IsTrue(kinds.FreeBusyEnabled(rel))
	if *kinds.Scope(rel) != "" && !freeBusy {
		c.diags.Errorf(rel.KeyPos("freeBusyAccessScope"), diag.CodeScopeWithoutFreeBusy,
			"freeBusyAccessScope limits whose free/busy is shared, but relationship %q does not set freeBusyAccessEnabled: true", rel.Name)
	}
	if freeBusy && kinds.FreeBusyLevel(rel) == "None" {
		c.diags.Errorf(rel.KeyPos("freeBusyAccessLevel"), diag.CodeFreeBusyLevelNone,
			"relationship %q enables free/busy access with level None, which shares nothing: use AvailabilityOnly or LimitedDetails, or set freeBusyAccessEnabled: false", rel.Name)
	}
	mailTips, level := kinds.MailTips(rel)
	if level != "" && level != "None" && !pstext.IsTrue(mailTips) {
		c.diags.Warnf(rel.KeyPos("mailTipsAccessLevel"), diag.CodeMailTipsLevel,
			"mailTipsAccessLevel %s has no effect: relationship %q does not set mailTipsAccessEnabled: true", level, rel.Name)
	}
}

// addressSpaces checks that every availability address space serves a
// namespace the file declares and has consistent credentials.
func (c *checker) addressSpaces() {
	op := c.cfg.OnPremises
	if op == nil {
		return
	}
	declared := c.declaredNamespaces()
	for i := range op.AvailabilityAddressSpaces {
		a := &op.AvailabilityAddressSpaces[i]
		if a.Ensure.IsAbsent() {
			continue
		}
		forest := kinds.Forest(a)
		if !containsDomain(declared, forest) {
			c.diags.Errorf(a.ValuePos("forestName"), diag.CodeForestUndeclared,
				"forest %s is not a namespace the configuration declares; declared: %s", forest, joinDomains(declared))
		}
		method, serviceAccount := kinds.Access(a)
		service := pstext.IsTrue(serviceAccount)
		prompt := a.PromptForCredentials != nil && *a.PromptForCredentials
		switch {
		case service && prompt:
			c.diags.Errorf(a.KeyPos("promptForCredentials"), diag.CodeCredentials,
				"address space %s sets both useServiceAccount and promptForCredentials: choose one", forest)
		case (method == "PerUserFB" || method == "OrgWideFB") && !service && !prompt:
			c.diags.Errorf(a.KeyPos("accessMethod"), diag.CodeCredentials,
				"access method %s needs credentials: set useServiceAccount: true, or promptForCredentials: true to ask for them when the script runs (never put them in the file)", method)
		}
		c.internalProxy(op, a)
	}
}

// internalProxy warns about an InternalProxy address space: it proxies the
// free/busy requests of mailbox servers older than the hybrid server
// (Exchange 2010) through it; Exchange 2013 and later mailboxes look
// free/busy up through the organization relationship and never use it.
// Exchange 2013 and 2016 can still hold Exchange 2010 mailbox servers;
// 2019 and SE cannot.
func (c *checker) internalProxy(op *config.OnPremises, a *config.AvailabilityAddressSpace) {
	if method, _ := kinds.Access(a); method != "InternalProxy" {
		return
	}
	forest := kinds.Forest(a)
	switch op.ExchangeVersion {
	case "2013", "2016":
		c.diags.Warnf(a.ValuePos("accessMethod"), diag.CodeInternalProxy,
			"address space %s uses InternalProxy, which serves only Exchange 2010 mailbox servers (Exchange %s mailboxes use the organization relationship): keep it only while such servers remain, otherwise declare it ensure: absent", forest, op.ExchangeVersion)
	default:
		c.diags.Warnf(a.ValuePos("accessMethod"), diag.CodeInternalProxy,
			"address space %s uses InternalProxy, which serves only Exchange 2010 mailbox servers, and none can coexist with Exchange %s: it serves nothing; declare it ensure: absent (free/busy goes through the organization relationship)", forest, op.ExchangeVersion)
	}
}

// declaredNamespaces are the namespaces of the other organizations an
// on-premises address space may point at.
func (c *checker) declaredNamespaces() []config.DomainName {
	eo := &c.cfg.ExchangeOnline
	var out []config.DomainName
	for _, d := range []config.DomainName{eo.ServiceRoutingNamespace, config.DomainName(eo.RoutingDomain), config.DomainName(eo.Tenant)} {
		if d != "" {
			out = append(out, d)
		}
	}
	out = append(out, eo.PrimarySmtpDomains...)
	for _, p := range eo.Partners {
		out = append(out, p.Domain)
	}
	return out
}

// uniqueNames reports a second resource of the same kind and name in one
// organization, and a partner domain given twice.
func (c *checker) uniqueNames(inv *model.Inventory) {
	sizes := map[*model.Target]int{}
	for _, r := range inv.Resources {
		sizes[r.Target]++
	}
	first := make(map[*model.Target]map[model.ResourceKey]*model.Resource, len(sizes))
	for t, n := range sizes {
		first[t] = make(map[model.ResourceKey]*model.Resource, n)
	}
	keys := make([]model.ResourceKey, len(inv.Resources))
	ascii := true
	for i, r := range inv.Resources {
		if r.Meta == nil {
			continue
		}
		seen := first[r.Target]
		// A resource is found by its identity, and dependsOn finds it by
		// its name: both must be unique. A kind found by a key of its own
		// (a remote domain by its domain) keeps unique names too, as
		// Exchange refuses a second object of one name.
		key, isASCII := r.KeyASCII()
		keys[i] = key
		ascii = ascii && isASCII
		// Most resources (every permission) are found by their identity
		// only: their key is looked up and recorded once, not twice.
		both := [2]model.ResourceKey{key}
		lookups := both[:1]
		if model.Referable[r.Kind] || model.StateKinds[r.Kind] != nil {
			if both[1] = r.RefKey(); both[1] != key {
				lookups = both[:2]
			}
		}
		for _, k := range lookups {
			if prev, dup := seen[k]; dup {
				if id := r.Identity()[0]; k == key && model.StateKinds[r.Kind] != nil && id != r.Name {
					c.diags.Errorf(r.Pos(), diag.CodeDuplicateName, "%s has the identity %s of %s (ignoring case, as Exchange does) in %s", r.PlanID(), id, prev.PlanID(), r.Target.Title)
					c.diags.Relate(prev.Pos(), "first declared here")
					break
				}
				c.diags.Errorf(r.Pos(), diag.CodeDuplicateName, "%s is declared twice in %s", r.PlanID(), r.Target.Title)
				c.diags.Relate(prev.Pos(), "first declared here")
				break
			}
		}
		for _, k := range lookups {
			seen[k] = r
		}
	}
	if !ascii {
		// Identities of ASCII only are one under looseFold exactly when
		// they are one under foldIdentity: only other characters collide.
		c.looseCollisions(inv, keys)
	}
	domains := map[string]*config.Partner{}
	for i := range c.cfg.ExchangeOnline.Partners {
		p := &c.cfg.ExchangeOnline.Partners[i]
		d := strings.ToLower(string(p.Domain))
		if prev, dup := domains[d]; dup {
			c.diags.Errorf(p.ValuePos("domain"), diag.CodeDuplicateName, "partner %s is declared twice", p.Domain)
			c.diags.Relate(prev.ValuePos("domain"), "first declared here")
			continue
		}
		domains[d] = p
	}
}

// dependencies checks that every dependsOn names a resource of the same
// organization, and that nothing to be present depends on something to be
// removed.
func (c *checker) dependencies(inv *model.Inventory) {
	byKey := inv.References()
	for _, r := range inv.Resources {
		for i, ref := range r.DependsOn {
			dep, ok := byKey[r.Target][model.RefKey(ref)]
			pos := r.Meta.ItemPos("dependsOn", i)
			switch {
			case !ok:
				c.diags.Errorf(pos, diag.CodeDependencyMissing, "dependsOn: %s is not declared in %s%s", ref, r.Target.Title, c.suggestDependency(inv, r.Target, string(ref)))
			case dep.Absent && !r.Absent:
				c.diags.Errorf(pos, diag.CodeDependencyAbsent, "%s depends on %s, which is declared absent", r.ID(), dep.ID())
			}
		}
	}
}

func missingDomains(rel *config.OrganizationRelationship, want []config.DomainName) []config.DomainName {
	var missing []config.DomainName
	for _, w := range want {
		if w != "" && !containsDomain(kinds.Domains(rel), w) {
			missing = append(missing, w)
		}
	}
	return missing
}

func containsDomain(list []config.DomainName, d config.DomainName) bool {
	for _, x := range list {
		if strings.EqualFold(string(x), string(d)) {
			return true
		}
	}
	return false
}

func joinDomains(ds []config.DomainName) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = string(d)
	}
	return strings.Join(parts, ", ")
}
