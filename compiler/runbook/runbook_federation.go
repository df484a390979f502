package runbook

import (
	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
)

// Section 2's part on the federation trust: what onprem.ps1 checks, and
// the proof TXT record of each declared federated domain.

// runbookFederation is the federation trust and its domains' records.
type runbookFederation struct {
	Trust     string // `Microsoft Federation Gateway`
	Namespace string // `exchangedelegation.contoso.com`
	Days      int
	DNS       []runbookDNSRow
	Check     *codeBlock
}

// federation is the part on onPremises.federation, or nil.
func (rb *runbookBuilder) federation() *runbookFederation {
	op := rb.cfg.OnPremises
	if op == nil || op.Federation == nil {
		return nil
	}
	f := &runbookFederation{Trust: MdCode(string(op.Federation.Trust)), Namespace: MdCode(string(op.FederatedDelegationNamespace)),
		Days: kinds.FederationCertificateDays}
	f.Check = NewCodeBlock("powershell")
	f.Check.Add("The trust and when its certificate expires", "Get-FederationTrust | Format-List Name, @{n='NotAfter'; e={$_.OrgCertificate.NotAfter}}")
	f.Check.Add("On (True), the account namespace, the federated domains", "Get-FederatedOrganizationIdentifier | Format-List")
	for _, d := range op.Federation.FederatedDomains {
		f.Check.Add("The proof "+string(d.Domain)+"'s TXT record must hold", "Get-FederatedDomainProof -DomainName "+string(d.Domain))
		f.DNS = append(f.DNS, runbookDNSRow{Name: MdCell(string(d.Domain)), Type: "TXT", Value: proofValue(d)})
	}
	return f
}

// proofValue is the command that prints the proof: the compiler cannot
// know it offline (it is signed with the trust's certificate), and a value
// the YAML gave could be a proof another organization produced for the
// domain, so the runbook never takes one from the YAML.
func proofValue(d config.FederatedDomain) string {
	return "the proof that " + MdCell("Get-FederatedDomainProof -DomainName "+string(d.Domain)) + " prints (DnsRecord), on-premises"
}

// meshLimited reports whether a partner of our hybrid tenant reaches only
// our cloud mailboxes: no on-premises relationship lists its domain.
func (rb *runbookBuilder) meshLimited(p *config.Partner) bool {
	op := rb.cfg.OnPremises
	return op != nil && !p.Relationship.Ensure.IsAbsent() && !kinds.RelationshipReaches(op.OrganizationRelationships, p.Domain)
}
