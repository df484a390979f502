package runbook

import (
	"fmt"
	"strconv"

	"github.com/hybridc/hybridc/compiler/kinds"

	"github.com/hybridc/hybridc/compiler/model"
)

// Section 2, prerequisites and manual steps: the hybrid deployment and the
// partner tenants. Groups and permissions have their own files.

// runbookHybrid is section 2's part on the hybrid deployment itself.
type runbookHybrid struct {
	Exchange   string // Exchange Server 2016 CU23
	CU         string // CU23, or "" when not declared
	Federation *runbookFederation
}

// hybrid is the part on the hybrid deployment, when there is an
// on-premises organization.
func (rb *runbookBuilder) hybrid() *runbookHybrid {
	op := rb.cfg.OnPremises
	if op == nil {
		return nil
	}
	h := &runbookHybrid{Exchange: MdText(exchangeName(op)), Federation: rb.federation()}
	if op.CumulativeUpdate != nil {
		h.CU = MdText("CU" + strconv.Itoa(*op.CumulativeUpdate))
	}
	return h
}

// Partners is section 2's part on partner tenants: for each, who runs its
// script (step numbers from steps), or what its administrator must create
// by hand when hybridc writes no script for it.
func (rb *runbookBuilder) Partners(steps []runbookStep) []string {
	eo := &rb.cfg.ExchangeOnline
	var out []string
	for _, p := range eo.Partners {
		file := model.PartnerScript(p.Domain)
		step := 0
		for _, s := range steps {
			if s.Script == MdCode(file) {
				step = s.Number
			}
		}
		if rb.meshLimited(&p) {
			out = append(out, fmt.Sprintf("%s shares free/busy with our tenant, which is hybrid: a relationship between two tenants reaches only cloud mailboxes, so users of %s do not see the free/busy of our on-premises mailboxes, nor those theirs. Where on-premises mailboxes must share, declare an on-premises organization relationship towards %s.",
				MdCode(string(p.Domain)), MdCode(string(p.Domain)), MdCode(string(p.Domain))))
		}
		if step > 0 {
			out = append(out, fmt.Sprintf("Give %s (step %d) to the administrator of %s, with the CA certificate if the scripts are signed. Until it runs, users of %s do not see the free/busy of users of %s.",
				MdCode(file), step, MdCode(string(p.Tenant)), rb.ours(), MdCode(string(p.Domain))))
			continue
		}
		out = append(out, fmt.Sprintf("%s: the YAML declares no reverseRelationship, so hybridc writes no script for it. For your users to see the free/busy of its users, its administrator must create an organization relationship in %s towards %s, with %s %s.",
			MdCode(string(p.Domain)), MdCode(string(p.Tenant)), MdCode(string(eo.Tenant)), kinds.OrganizationRelationship.Param("domainNames"), mdCodes(eo.PrimarySmtpDomains)))
	}
	return out
}
