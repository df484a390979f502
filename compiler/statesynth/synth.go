// Package statesynth is what hybridc's export scripts would read from the
// organizations of a configuration right after its scripts ran: state
// files synthesized from the configuration, for tests only (the round
// trips of plan --state and import, examples/state, the simulator's
// export scenario). No command of hybridc imports it: the hybridc binary
// does not contain it. The settings of the kinds declared field by field
// are written through their declarations (package kinds).
package statesynth

import (
	"crypto/sha256"
	"fmt"
	"strings"
	"time"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/state"
)

// Org is one organization a script configures: the script's file name,
// whether it is a tenant, the organization's name, and the resources the
// script reconciles in script order.
type Org struct {
	File         string
	Online       bool
	Organization string
	Resources    []Resource
}

// Resource is one resource of a script: its kind and name, whether it is
// absent, its declaration (*config.OrganizationRelationship,
// *config.AvailabilityAddressSpace, *config.SendConnector, ...) and its
// managed properties.
type Resource struct {
	Kind, Name string
	Absent     bool
	Spec       any
	Properties []kinds.Property
}

// States is what hybridc's export scripts would read from the
// organizations of an analyzed configuration right after its scripts ran:
// one state per Exchange organization (on-premises, the tenant, each
// partner tenant), in sync with the configuration, plus what every real
// organization also holds and hybridc import leaves out (system mailboxes,
// NT AUTHORITY\SELF, inherited entries, built-in role groups and the
// default role assignment policy). Objects get deterministic Guids.
// schemaURL is the state files' $schema.
func States(cfg *config.Config, orgs []Org, schemaURL, toolVersion string) []*state.State {
	var out []*state.State
	for i := range orgs {
		s := newSynth(cfg, &orgs[i], schemaURL, toolVersion)
		for j := range orgs[i].Resources {
			s.resource(&orgs[i].Resources[j])
		}
		out = append(out, s.finish())
	}
	return out
}

// synth builds the state of one organization.
type synth struct {
	cfg     *config.Config
	t       *Org
	st      *state.State
	byName  map[string]int // recipients by folded declared name
	domain  string         // the SMTP domain of synthesized addresses
	netbios string
}

// synthGuid is a deterministic Guid for an object of an organization.
func synthGuid(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.Join(parts, "\x00"))))
	return fmt.Sprintf("%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
}

// adminDisplayVersions are what Get-OrganizationConfig shows for each
// Exchange version (the latest CU's build).
var adminDisplayVersions = map[config.ExchangeVersion]string{
	"2013": "Version 15.0 (Build 1497.2)",
	"2016": "Version 15.1 (Build 2507.6)",
	"2019": "Version 15.2 (Build 1544.4)",
	"SE":   "Version 15.2 (Build 2562.17)",
}

func newSynth(cfg *config.Config, t *Org, schemaURL, toolVersion string) *synth {
	f := false
	st := &state.State{Schema: schemaURL, FormatVersion: state.FormatVersion, Kind: state.ExchangeOnline, Organization: t.Organization,
		ExportedBy: toolVersion, Folders: []string{}, OrganizationConfig: state.OrganizationConfig{Name: t.Organization}}
	s := &synth{cfg: cfg, t: t, st: st, byName: map[string]int{}}
	eo := &cfg.ExchangeOnline
	switch {
	case !t.Online:
		op := cfg.OnPremises
		st.Kind = state.OnPremises
		st.ExchangeVersion = adminDisplayVersions[op.ExchangeVersion]
		st.OrganizationConfig.ACLableSyncedObjectEnabled = op.AclableSyncedObjectEnabled
		s.domain = string(op.PrimarySmtpDomains[0])
		s.netbios = strings.ToUpper(strings.Split(s.domain, ".")[0])
		st.FederatedDomains = texts(op.PrimarySmtpDomains)
		st.AccountNamespace = kinds.FederationApplicationPrefix + string(kinds.OnPremisesAccountNamespace(op))
		if f := op.Federation; f != nil {
			st.FederationTrusts = []state.FederationTrust{{Name: string(f.Trust), CertificateNotAfter: "2036-01-01T00:00:00Z"}}
			kinds.FederationTrust.Synthesize(f, st)
			st.FederatedDomains = append(st.FederatedDomains, kinds.FederationDomains(f)...)
		}
		if ac := op.AuthCertificate; ac != nil {
			st.SetAuth(synthAuthConfig(ac))
		}
		for i, d := range op.PrimarySmtpDomains {
			st.AcceptedDomains = append(st.AcceptedDomains, state.AcceptedDomain{Name: string(d), DomainName: string(d), DomainType: "Authoritative", Default: i == 0})
		}
		if eo.RoutingDomain != "" {
			st.AcceptedDomains = append(st.AcceptedDomains, state.AcceptedDomain{Name: string(eo.RoutingDomain), DomainName: string(eo.RoutingDomain), DomainType: "InternalRelay"})
		}
		s.system()
	case t.File == "online.ps1":
		st.OrganizationConfig.IsDehydrated = &f
		s.domain = string(eo.PrimarySmtpDomains[0])
		s.tenantDomains(string(eo.Tenant), string(eo.RoutingDomain), texts(eo.PrimarySmtpDomains))
		for _, g := range eo.Groups {
			if d := domainOf(string(g.PrimarySmtpAddress)); !s.hasDomain(d) {
				st.AcceptedDomains = append(st.AcceptedDomains, state.AcceptedDomain{Name: d, DomainName: d, DomainType: "Authoritative"})
			}
		}
		s.system()
	default: // a partner's tenant
		st.OrganizationConfig.IsDehydrated = &f
		for _, p := range eo.Partners {
			if strings.EqualFold(string(p.Tenant), t.Organization) {
				s.domain = string(p.Domain)
			}
		}
		s.tenantDomains(t.Organization, "", []string{s.domain})
	}
	if s.t.File == "onprem.ps1" || s.t.File == "online.ps1" {
		for _, m := range cfg.Mailboxes {
			s.mailbox(m)
		}
	}
	return s
}

// tenantDomains adds a tenant's accepted domains.
func (s *synth) tenantDomains(tenant, routing string, primary []string) {
	add := func(d string, def, initial bool) {
		if d != "" && !s.hasDomain(d) {
			s.st.AcceptedDomains = append(s.st.AcceptedDomains, state.AcceptedDomain{Name: d, DomainName: d, DomainType: "Authoritative", Default: def, InitialDomain: initial})
		}
	}
	for i, d := range primary {
		add(d, i == 0, false)
	}
	add(tenant, false, true)
	add(routing, false, false)
}

func (s *synth) hasDomain(d string) bool {
	for _, a := range s.st.AcceptedDomains {
		if strings.EqualFold(a.DomainName, d) {
			return true
		}
	}
	return false
}

func domainOf(address string) string { return address[strings.LastIndexByte(address, '@')+1:] }

// finish sorts nothing (the order is the configuration's) and returns the
// state with every list present, as the export writes them.
func (s *synth) finish() *state.State {
	st := s.st
	for _, l := range []*[]string{&st.FederatedDomains} {
		if *l == nil {
			*l = []string{}
		}
	}
	ensure(&st.AcceptedDomains)
	ensure(&st.OrganizationRelationships)
	ensure(&st.AvailabilityAddressSpaces)
	ensure(&st.SendConnectors)
	ensure(&st.Recipients)
	ensure(&st.UnifiedGroups)
	ensure(&st.RoleGroups)
	ensure(&st.RoleAssignmentPolicies)
	ensure(&st.Permissions)
	ensure(&st.MessageConfigurations)
	for i := range st.Recipients {
		ensure(&st.Recipients[i].EmailAddresses)
		ensure(kinds.Delegates(&st.Recipients[i]))
	}
	return st
}

// ensure makes a nil list empty, as ConvertTo-Json writes @().
func ensure[T any](l *[]T) {
	if *l == nil {
		*l = []T{}
	}
}

// synthAuthConfig is the auth configuration the script leaves: the
// declared certificate current and the next one set or, once its date has
// come, published (current).
func synthAuthConfig(ac *config.AuthCertificate) *state.AuthConfig {
	a := &state.AuthConfig{CurrentCertificateThumbprint: string(ac.Thumbprint), CurrentCertificateNotAfter: string(ac.NotAfter) + "T00:00:00Z"}
	if n := ac.Next; n != nil {
		a.NextCertificateThumbprint, a.NextCertificateEffectiveDate = string(n.Thumbprint), string(n.EffectiveDate)+"T00:00:00Z"
		if at, err := time.Parse("2006-01-02", string(n.EffectiveDate)); err == nil && !at.After(time.Now().UTC()) {
			*a = state.AuthConfig{CurrentCertificateThumbprint: string(n.Thumbprint), CurrentCertificateNotAfter: string(n.NotAfter) + "T00:00:00Z"}
		}
	}
	return a
}
