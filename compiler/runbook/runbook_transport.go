package runbook

import (
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/model"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// runbookCertificate is one declared TLS certificate as section 2 lists
// it: its name, subject, issuer, thumbprint, expiry and the connectors
// that present or name it.
type runbookCertificate struct {
	Name, Subject, Issuer, Thumbprint, NotAfter, Users string
}

// runbookTransportChecks verify mail flow: the connectors' settings in
// each organization, then Microsoft's validation and a message trace.
type runbookTransportChecks struct {
	OnPremises, Online *codeBlock
	// Relationships are the connectors' expected values (the name the
	// template shares with the relationships' checks).
	Relationships []runbookRelationship
	Lookups       []string
}

// certificates are the declared certificates, for section 2.
func (rb *runbookBuilder) certificates() []runbookCertificate {
	users := map[string][]string{}
	for _, sp := range rb.schedule.Scripts {
		for _, r := range sp.Resources {
			if ref := certificateOf(r); ref != "" {
				key := model.FoldIdentity(ref)
				users[key] = append(users[key], MdCell(r.ID())) // a table cell: a | in a name is escaped
			}
		}
	}
	var out []runbookCertificate
	for i := range rb.cfg.Certificates {
		c := &rb.cfg.Certificates[i]
		thumb := "(not declared)"
		if c.Thumbprint != "" {
			thumb = MdCell(strings.ToUpper(string(c.Thumbprint)))
		}
		used := "(no connector)"
		if u := users[model.FoldIdentity(string(c.Name))]; len(u) > 0 {
			used = strings.Join(u, ", ")
		}
		out = append(out, runbookCertificate{Name: MdCell(string(c.Name)), Subject: MdCell(string(c.Subject)), Issuer: MdCell(string(c.Issuer)),
			Thumbprint: thumb, NotAfter: MdCell(string(c.NotAfter)), Users: used})
	}
	return out
}

// certificateOf is the certificate a connector resource names ("" for
// none or another kind).
func certificateOf(r *model.Resource) string {
	switch s := r.Spec.(type) {
	case *config.SendConnector, *config.ReceiveConnector:
		ref, _ := kinds.CertificateRef(s)
		return string(*ref)
	case *config.InboundConnector, *config.OutboundConnector:
		ref, _ := kinds.DomainRef(s)
		return string(*ref)
	}
	return ""
}

// transportChecks verify the connectors the YAML declares: Get- commands
// with the expected values, Validate-OutboundConnector and a message
// trace online.
func (rb *runbookBuilder) transportChecks() *runbookTransportChecks {
	cfg := rb.cfg
	if len(cfg.Certificates) == 0 && len(cfg.ExchangeOnline.InboundConnectors) == 0 && len(cfg.ExchangeOnline.OutboundConnectors) == 0 &&
		(cfg.OnPremises == nil || len(cfg.OnPremises.ReceiveConnectors) == 0) {
		return nil // the send connector alone: its own checks
	}
	c := &runbookTransportChecks{}
	for _, sp := range rb.schedule.Scripts {
		for _, r := range sp.Resources {
			var command string
			switch r.Kind {
			case model.KindSendConnector:
				command = "Get-SendConnector -Identity " + pstext.Quote(r.Name) + " | Format-List Name, " + propertyNames(r)
			case model.KindReceiveConnector:
				command = "Get-ReceiveConnector -Identity " + pstext.Quote(r.Name) + " | Format-List Identity, " + propertyNames(r)
			case model.KindInboundConnector:
				command = "Get-InboundConnector | Format-List Name, " + propertyNames(r)
			case model.KindOutboundConnector:
				command = "Get-OutboundConnector | Format-List Name, " + propertyNames(r)
			default:
				continue
			}
			block := &c.OnPremises
			if sp.Target.Online {
				block = &c.Online
			}
			if *block == nil {
				*block = NewCodeBlock("powershell")
			}
			(*block).Add("expect "+r.ID()+" as the table below shows", command)
			check := runbookRelationship{Intro: MdCode(r.ID()) + ":"}
			if r.Kind != model.KindReceiveConnector {
				check.Intro = MdCode(r.ID()) + " (the wizard's connector may have another name: the script then reports `exists as`):"
			}
			for _, p := range r.Properties() {
				check.Rows = append(check.Rows, runbookRow{p.Name, runbookValue(p.Value)})
			}
			c.Relationships = append(c.Relationships, check)
		}
	}
	if len(c.Relationships) == 0 {
		return nil
	}
	if c.Online != nil {
		for _, oc := range rb.cfg.ExchangeOnline.OutboundConnectors {
			c.Online.Add("Microsoft's validation of the outbound connector: a test message to an on-premises mailbox",
				"Validate-OutboundConnector -Identity "+pstext.Quote(string(oc.Name))+" -Recipients <on-premises mailbox address>")
		}
		c.Online.Add("then a message from an Exchange Online mailbox to an on-premises one: expect Delivered",
			"Get-MessageTraceV2 -SenderAddress <Exchange Online mailbox address> -StartDate (Get-Date).AddHours(-1) -EndDate (Get-Date)")
	}
	return c
}

// propertyNames are the cmdlet parameters a resource sets, for
// Format-List.
func propertyNames(r *model.Resource) string {
	var names []string
	for _, p := range r.Properties() {
		names = append(names, p.Name)
	}
	return strings.Join(names, ", ")
}

// transportCovered is the runbook's line for the certificates and the
// connectors, with Microsoft's page.
func transportCovered(cfg *config.Config) []string {
	eo := &cfg.ExchangeOnline
	var parts []string
	if n := len(cfg.Certificates); n > 0 {
		parts = append(parts, plural(n, "TLS certificate")+" declared once")
	}
	if op := cfg.OnPremises; op != nil && len(op.ReceiveConnectors) > 0 {
		parts = append(parts, plural(len(op.ReceiveConnectors), "receive connector")+" in "+MdCode(string(op.Organization)))
	}
	if n := len(eo.InboundConnectors) + len(eo.OutboundConnectors); n > 0 {
		parts = append(parts, plural(n, "inbound and outbound connector")+" in "+MdCode(string(eo.Tenant)))
	}
	if len(parts) == 0 {
		return nil
	}
	return []string{"hybrid mail flow: " + strings.Join(parts, ", ") + " (Microsoft: \"Configure mail flow using connectors in Exchange Online\", \"Receive connectors\")"}
}
