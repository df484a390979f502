package importer

import (
	"slices"
	"strconv"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/state"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/pstext"
	"github.com/hybridc/hybridc/compiler/statefile"
)

// Import kinds: what hybridc import writes, chosen with --include and
// --exclude.
const (
	ImportRelationships = "relationships"     // organization relationships and partners
	ImportAddressSpaces = "addressSpaces"     // availability address spaces
	ImportMailFlow      = "mailFlow"          // ACL sync, hybrid send connector, group domains
	ImportGroups        = "groups"            // Microsoft 365 groups with their links
	ImportRoleGroups    = "roleGroups"        // role groups of administrators
	ImportPolicies      = "policies"          // role assignment policies and their mailboxes
	ImportBuiltIn       = "builtIn"           // built-in role groups and the default policy (off by default)
	ImportFullAccess    = "fullAccess"        // Full Access permissions
	ImportSendAs        = "sendAs"            // Send As permissions
	ImportSendOnBehalf  = "sendOnBehalf"      // Send on Behalf permissions
	ImportFolder        = "folderPermissions" // folder permissions
)

// ImportKinds are every import kind, in the order help lists them.
var ImportKinds = []string{ImportRelationships, ImportAddressSpaces, ImportMailFlow, ImportGroups, ImportRoleGroups, ImportPolicies,
	ImportBuiltIn, ImportFullAccess, ImportSendAs, ImportSendOnBehalf, ImportFolder}

// DefaultImportKinds are the kinds import writes unless told otherwise:
// all but the built-in objects, which Exchange itself manages.
func DefaultImportKinds() map[string]bool {
	out := map[string]bool{}
	for _, k := range ImportKinds {
		out[k] = k != ImportBuiltIn
	}
	return out
}

// ImportOptions tune Import.
type ImportOptions struct {
	// Kinds to write; nil: DefaultImportKinds.
	Kinds map[string]bool
	// Tenant is the tenant the on-premises organization is joined to, when
	// several Exchange Online states are given; "": found from the states.
	Tenant string
}

// Imported is a configuration built from state files, with what was left
// out and what was guessed.
type Imported struct {
	Config *config.Config
	// Skipped counts the entries left out, by reason.
	Skipped map[string]int
	// Review lists values that could not be read and were derived: check
	// them before compiling.
	Review []string
	// Sources are the organizations the states describe, for the header.
	Sources []string
}

// importer holds what Import builds.
type importer struct {
	opt          ImportOptions
	out          *Imported
	onprem       *state.State
	online       *state.State
	others       []*state.State
	recipientsOf map[*state.State]*statefile.StateRecipients
	names        map[string]string // folded primary SMTP address -> declared mailbox name
	groups       map[string]string // folded group SMTP address or Guid -> declared group address
	homes        map[string]*state.State
	mailbox      map[*state.State]map[string]bool // Guids of declared mailboxes, per state
	// declaredNames are declared(st, r, false) of every recipient of the
	// organizations' states, by position: what each permission asks of
	// its mailbox and trustee, found once per recipient.
	declaredNames map[*state.State][]string
}

// Import builds a configuration from the states hybridc's export scripts
// wrote: the on-premises organization (at most one), the tenant joined to
// it, and partner tenants. Objects keep their real names (a relationship
// named "On-premises to O365 - <GUID>" by the wizard stays so named);
// mailboxes are named by primary SMTP address. What hybridc does not manage
// or must not manage is left out and counted in Skipped: NT AUTHORITY\SELF
// and other system accounts, orphaned SIDs, Exchange's own groups and
// accounts, inherited and Deny entries, system mailboxes, trustees that are
// not mailboxes, and (unless kind builtIn is on) built-in role groups and
// the default role assignment policy. The result is deterministic: every
// list is sorted.
func Import(states []*statefile.StateFile, opt ImportOptions) (*Imported, diag.Diagnostics) {
	var diags diag.Diagnostics
	if opt.Kinds == nil {
		opt.Kinds = DefaultImportKinds()
	}
	im := &importer{opt: opt, out: &Imported{Config: &config.Config{Version: 1}, Skipped: map[string]int{}},
		recipientsOf: map[*state.State]*statefile.StateRecipients{}, names: map[string]string{}, groups: map[string]string{},
		homes: map[string]*state.State{}, mailbox: map[*state.State]map[string]bool{}, declaredNames: map[*state.State][]string{}}
	var onlines []*state.State
	for _, sf := range states {
		st := sf.State
		im.recipientsOf[st] = statefile.NewStateRecipients(st)
		im.out.Sources = append(im.out.Sources, st.Kind+" "+st.Organization)
		if st.Kind == state.OnPremises {
			if im.onprem != nil {
				diags.Errorf(diag.Pos{File: sf.Name, Line: 1, Col: 1}, diag.CodeStateContent, "a second on-premises organization (%s): a configuration has one", st.Organization)
				continue
			}
			im.onprem = st
		} else {
			onlines = append(onlines, st)
		}
	}
	if len(onlines) == 0 {
		diags.Errorf(diag.Pos{File: "import", Line: 1, Col: 1}, diag.CodeStateContent, "no Exchange Online state: a configuration needs its tenant (run export-online.ps1)")
		return nil, diags
	}
	im.online = im.ourTenant(onlines)
	for _, st := range onlines {
		if st != im.online {
			im.others = append(im.others, st)
		}
	}
	slices.Sort(im.out.Sources)
	im.mailboxes()
	im.organizations()
	im.Permissions()
	im.RBAC()
	im.entraConnect()
	return im.out, diags
}

// ourTenant is the tenant the on-premises organization is joined to: the
// one named, else the one whose accepted domains include an on-premises
// primary SMTP domain, else the first.
func (im *importer) ourTenant(onlines []*state.State) *state.State {
	for _, st := range onlines {
		if im.opt.Tenant != "" && strings.EqualFold(st.Organization, im.opt.Tenant) {
			return st
		}
	}
	if im.onprem != nil {
		for _, st := range onlines {
			for _, d := range im.primaryDomains(im.onprem, nil) {
				if hasAccepted(st, d) {
					return st
				}
			}
		}
	}
	return onlines[0]
}

// hasAccepted reports whether a state has an accepted domain.
func hasAccepted(st *state.State, domain string) bool {
	return slices.ContainsFunc(st.AcceptedDomains, func(a state.AcceptedDomain) bool { return strings.EqualFold(a.DomainName, domain) })
}

// primaryDomains are an organization's SMTP domains that relationships
// toward it must list: its authoritative accepted domains (not
// onmicrosoft.com ones) that the other side's relationships name, else its
// default domain.
func (im *importer) primaryDomains(st *state.State, named []string) []string {
	var all, out []string
	def := ""
	for _, a := range st.AcceptedDomains {
		d := strings.ToLower(a.DomainName)
		if a.DomainType != "Authoritative" || strings.Contains(d, ".onmicrosoft.") || strings.Contains(d, ".onmschina.") {
			continue
		}
		all = append(all, d)
		if a.Default {
			def = d
		}
		if pstext.ContainsFold(named, d) {
			out = append(out, d)
		}
	}
	if len(out) == 0 && def != "" {
		out = []string{def}
	}
	if len(out) == 0 && len(all) > 0 {
		out = all[:1]
	}
	return out
}

// exchangeVersion maps AdminDisplayVersion (Version 15.2 (Build 1544.4))
// to the configuration's version: 15.0 is 2013, 15.1 is 2016, 15.2 is
// 2019 before build 2562 and Exchange Server SE from it.
func exchangeVersion(admin string) (config.ExchangeVersion, bool) {
	switch {
	case strings.Contains(admin, "15.0"):
		return "2013", true
	case strings.Contains(admin, "15.1"):
		return "2016", true
	case strings.Contains(admin, "15.2"):
		build := 0
		if i := strings.Index(admin, "Build "); i >= 0 {
			digits := strings.FieldsFunc(admin[i+6:], func(r rune) bool { return r < '0' || r > '9' })
			if len(digits) > 0 {
				build, _ = strconv.Atoi(digits[0])
			}
		}
		if build >= 2562 {
			return "SE", true
		}
		return "2019", true
	}
	return "SE", false
}

// Skip counts an entry left out.
func (im *importer) Skip(reason string) { im.out.Skipped[reason]++ }

// entraConnect declares what the configuration's rules need of Entra
// Connect, which no Exchange cmdlet reads, marked for review: the minimum
// version with the Exchange hybrid option when Send on Behalf is declared,
// and group writeback when groups were written back on-premises.
func (im *importer) entraConnect() {
	cfg := im.out.Config
	if cfg.OnPremises == nil {
		return
	}
	t := true
	ec := &config.EntraConnect{Version: "1.1.553.0"}
	if slices.ContainsFunc(cfg.Permissions, func(p config.Permission) bool { return p.Access == "SendOnBehalf" }) {
		ec.ExchangeHybrid = &t
	}
	sr := im.recipientsOf[im.onprem]
	for _, g := range cfg.ExchangeOnline.Groups {
		if sr.Find(string(g.PrimarySmtpAddress)) != nil {
			ec.GroupWriteback = &t
		}
	}
	if ec.ExchangeHybrid != nil || ec.GroupWriteback != nil {
		cfg.OnPremises.EntraConnect = ec
		im.review("onPremises.entraConnect: Send on Behalf needs the Exchange hybrid option, groups written back need Group writeback; no Exchange cmdlet reads Entra Connect: set its real version (1.1.553.0 is the minimum)")
	}
}
