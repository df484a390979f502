package runbook

import (
	"fmt"
	"strconv"

	"github.com/hybridc/hybridc/compiler/config"

	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// runbookGroups is section 2's part on Microsoft 365 groups: versions,
// group domains and their public DNS records, group writeback in Entra
// Connect, owners on-premises and the limitations to tell users.
type runbookGroups struct {
	// OnPremises is false for groups of a tenant without on-premises
	// organization: nothing is written back.
	OnPremises        bool
	Tenant            string
	VersionNote       string
	Domains           []string
	DNS               []runbookDNSRow
	SendConnector     string
	WritebackDeclared bool
	EntraStep         int
	ConnectorAccount  string
	Manual            *codeBlock
	// Owners are the on-premises owners of groups, at most runbookCap of
	// them; OwnersMore says how many more there are.
	Owners         []string
	OwnersMore     string
	Centralized    bool
	ExtraAddresses string
}

// runbookDNSRow is one public DNS record to create by hand.
type runbookDNSRow struct{ Name, Type, Value string }

// Groups is the part on Microsoft 365 groups, when the YAML declares any;
// steps give the number of the Entra Connect server's step.
func (rb *runbookBuilder) Groups(steps []runbookStep) *runbookGroups {
	if !rb.hasGroups() {
		return nil
	}
	cfg := rb.cfg
	g := &runbookGroups{Tenant: MdCode(string(cfg.ExchangeOnline.Tenant))}
	op := cfg.OnPremises
	if op != nil {
		g.OnPremises = true
		g.VersionNote = groupsVersionNote(op)
		for _, gd := range op.GroupDomains {
			g.Domains = append(g.Domains, MdCode(string(gd.Domain)))
			g.DNS = append(g.DNS,
				runbookDNSRow{Name: MdCell(string(gd.Domain)), Type: "MX", Value: MdCell(string(gd.MX))},
				runbookDNSRow{Name: MdCell("autodiscover." + string(gd.Domain)), Type: "CNAME", Value: MdCell("autodiscover.outlook.com")})
		}
		if sc := op.HybridSendConnector; sc != nil {
			g.SendConnector = MdCode(string(sc.Name))
		}
		g.Centralized = op.CentralizedMailFlow != nil && *op.CentralizedMailFlow
		ec := op.EntraConnect
		g.WritebackDeclared = ec != nil && ec.GroupWriteback != nil && *ec.GroupWriteback
		for _, s := range steps {
			if s.Script == MdCode(model.EntraConnectScript) {
				g.EntraStep = s.Number
			}
		}
		dn := "<DN of the AAD_ account>"
		if ec != nil && ec.ConnectorAccountDN != "" {
			dn = string(ec.ConnectorAccountDN)
			g.ConnectorAccount = MdCode(dn)
		}
		if g.EntraStep == 0 {
			// As entra-connect.ps1 would: on the writeback OU. With
			// -ADobjectDN the module never touches AdminSDHolder, so the
			// command needs neither -SkipAdminSdHolders (before Azure AD
			// Connect 2.0.3.0) nor -IncludeAdminSdHolders (since), and
			// runs on either generation.
			ou := "'<DN of the writeback OU>'"
			if ec != nil && ec.WritebackOU != "" {
				ou = pstext.Quote(string(ec.WritebackOU))
			}
			g.Manual = NewCodeBlock("powershell",
				`Import-Module "$env:ProgramFiles\Microsoft Azure Active Directory Connect\AdSyncConfig\AdSyncConfig.psm1"`,
				"Set-ADSyncUnifiedGroupWritebackPermissions -ADConnectorAccountDN "+pstext.Quote(dn)+" -ADobjectDN "+ou)
		}
	}
	var extra []string
	for _, grp := range cfg.ExchangeOnline.Groups {
		for _, o := range grp.Owners {
			if op != nil && rb.declared.OnPremises(o) {
				g.Owners = append(g.Owners, fmt.Sprintf("%s owns %s", MdCode(string(o)), MdCode(string(grp.Name))))
			}
		}
		if len(grp.AdditionalAddresses) > 0 {
			extra = append(extra, MdCode(string(grp.Name)))
		}
	}
	g.ExtraAddresses = JoinCapped(extra, "group")
	var more int
	if g.Owners, more = capped(g.Owners); more > 0 {
		g.OwnersMore = "and " + plural(more, "more owner") + " on-premises: the " + MdCode("owners") + " of the groups in the YAML that are on-premises mailboxes."
	}
	return g
}

// groupsVersionNote says whether the declared Exchange version and CU meet
// the groups' minimum: 2013 CU11, 2016 CU1.
func groupsVersionNote(op *config.OnPremises) string {
	name := MdText(exchangeName(op))
	minCU := map[config.ExchangeVersion]int{"2013": 11, "2016": 1}[op.ExchangeVersion]
	switch {
	case op.ExchangeVersion == "2019" || op.ExchangeVersion == "SE":
		return "The YAML declares " + name + ", which meets it."
	case minCU == 0:
		return "The YAML declares " + name + ", which does not support Microsoft 365 groups."
	case op.CumulativeUpdate == nil:
		return "The YAML declares " + name + " without a cumulativeUpdate: check that the servers run CU" + strconv.Itoa(minCU) + " or later."
	case *op.CumulativeUpdate >= minCU:
		return "The YAML declares " + name + ", which meets it."
	}
	return "The YAML declares " + name + ", which does not meet it: update the servers first."
}
