package runbook

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/kinds"
	"github.com/hybridc/hybridc/compiler/pstext"
)

// runbookOAuthChecks verify OAuth between on-premises and Exchange Online:
// the intra-organization connectors' expected properties, the auth
// certificate, and Test-OAuthConnectivity in both directions.
type runbookOAuthChecks struct {
	Command    *codeBlock
	Connectors []runbookRelationship
	// OnPremises and Online test OAuth (and the auth certificate) from
	// each side; nil when that side declares no connector.
	OnPremises, Online *codeBlock
}

// oauthChecks are the OAuth checks, when the YAML declares a connector or
// the auth certificate.
func (rb *runbookBuilder) oauthChecks() *runbookOAuthChecks {
	op, eo := rb.cfg.OnPremises, &rb.cfg.ExchangeOnline
	if op == nil {
		return nil
	}
	oauth := config.EffectiveOAuth(op.OAuth, eo.HybridApplication)
	if len(op.IntraOrganizationConnectors) == 0 && len(eo.IntraOrganizationConnectors) == 0 && op.AuthCertificate == nil && oauth == nil {
		return nil
	}
	k := kinds.IntraOrganizationConnector
	c := &runbookOAuthChecks{Command: NewCodeBlock("powershell", "Get-IntraOrganizationConnector | Format-List Name, "+
		k.Param("targetAddressDomains")+", "+k.Param("discoveryEndpoint")+", "+k.Param("enabled"))}
	for i := range op.IntraOrganizationConnectors {
		c.Connectors = append(c.Connectors, connectorCheck("On-premises ("+MdCode(string(op.Organization))+")", &op.IntraOrganizationConnectors[i]))
	}
	for i := range eo.IntraOrganizationConnectors {
		c.Connectors = append(c.Connectors, connectorCheck("Exchange Online ("+MdCode(string(eo.Tenant))+")", &eo.IntraOrganizationConnectors[i]))
	}
	if len(op.IntraOrganizationConnectors) > 0 || op.AuthCertificate != nil || oauth != nil {
		c.OnPremises = NewCodeBlock("powershell")
		rb.dedicatedAppChecks(c.OnPremises, oauth)
		if ac := op.AuthCertificate; ac != nil {
			c.OnPremises.Add("the auth certificate: CurrentCertificateThumbprint "+string(ac.Thumbprint)+nextNote(ac), "Get-AuthConfig | Format-List CurrentCertificateThumbprint, NextCertificateThumbprint, NextCertificateEffectiveDate")
			c.OnPremises.Add("its expiry: NotAfter "+string(ac.NotAfter), "Get-ExchangeCertificate -Thumbprint "+pstext.Quote(string(ac.Thumbprint))+" | Format-List Subject, NotAfter")
			c.OnPremises.Comment("once expired, OAuth has stopped: do not wait 48 hours; make a new certificate effective now (Set-AuthConfig -NewCertificateThumbprint <thumbprint> -NewCertificateEffectiveDate (Get-Date),")
			c.OnPremises.Comment("then Set-AuthConfig -PublishCertificate and Set-AuthConfig -ClearPreviousCertificate), recycle MSExchangeOWAAppPool and MSExchangeECPAppPool,")
			c.OnPremises.Comment("upload it to the dedicated Exchange hybrid application if it is used, and declare it as the current certificate")
		}
		if len(op.IntraOrganizationConnectors) > 0 {
			c.OnPremises.Add("OAuth towards Exchange Online (free/busy of cloud mailboxes): ResultType Success",
				"Test-OAuthConnectivity -Service EWS -TargetUri "+pstext.Quote(ewsURL(eo.Tenant))+" -Mailbox "+pstext.Quote(rb.mailboxAt("onPremises", "<on-premises mailbox>"))+" | Format-List ResultType, Detail")
		}
	}
	if len(eo.IntraOrganizationConnectors) > 0 {
		// Microsoft's "Configure OAuth authentication between Exchange and
		// Exchange Online organizations" tests the on-premises metadata
		// endpoint on the external host of its EWS virtual directory.
		c.Online = NewCodeBlock("powershell")
		c.Online.Comment("OAuth towards on-premises (free/busy of on-premises mailboxes): ResultType Success; the host is the on-premises EWS external URL's")
		c.Online.Comment("(on-premises: Get-WebServicesVirtualDirectory -ADPropertiesOnly | Format-List ExternalUrl)")
		c.Online.Line("Test-OAuthConnectivity -Service EWS -TargetUri " + pstext.Quote("https://"+ewsExternalHost(eo)+"/metadata/json/1") + " -Mailbox " + pstext.Quote(rb.mailboxAt("exchangeOnline", "<Exchange Online mailbox>")) + " | Format-List ResultType, Detail")
	}
	return c
}

// connectorCheck is the expected Format-List output of one connector.
func connectorCheck(intro string, ioc *config.IntraOrganizationConnector) runbookRelationship {
	c := runbookRelationship{Intro: intro + ", connector " + MdCode(string(ioc.Name)) + " (or the wizard's `HybridIOC - <GUID>` serving its domains):"}
	for _, set := range kinds.IntraOrganizationConnector.Declared(ioc) {
		c.Rows = append(c.Rows, runbookRow{set.Param, runbookValue(set.Value)})
	}
	return c
}

// nextNote says what Get-AuthConfig shows of the next certificate.
func nextNote(ac *config.AuthCertificate) string {
	if ac.Next == nil {
		return ""
	}
	return ", NextCertificateThumbprint " + string(ac.Next.Thumbprint) + " from " + string(ac.Next.EffectiveDate)
}

// mailboxAt is the first declared mailbox of location, else placeholder.
func (rb *runbookBuilder) mailboxAt(location config.Location, placeholder string) string {
	for _, m := range rb.cfg.Mailboxes {
		if m.Location == location {
			return string(m.Name)
		}
	}
	return placeholder
}

// ewsURL is Exchange Online's EWS endpoint in the tenant's cloud.
func ewsURL(tenant config.TenantName) string { return kinds.CloudEWSURL(string(tenant)) }

// dedicatedAppChecks add the auth servers' and the setting override's
// expected values to b.
func (rb *runbookBuilder) dedicatedAppChecks(b *codeBlock, o *config.OAuth) {
	if o == nil {
		return
	}
	for i := range o.AuthServers {
		a := &o.AuthServers[i]
		var want []string
		for _, set := range kinds.AuthServer.Declared(a) {
			want = append(want, set.Param+" "+plainValue(set.Value))
		}
		b.Add("the auth server "+string(a.Name)+" (or the one Entra ID auth server of its realm, such as the legacy EvoSTS): "+strings.Join(want, ", "),
			"Get-AuthServer | Where-Object { $_.Name -eq "+pstext.Quote(string(a.Name))+" -or $_.Type -eq 'AzureAD' } | Format-List Name, Type, Realm, "+strings.Join(authServerParams(), ", "))
	}
	if d := o.DedicatedApplication; d != nil {
		p := kinds.DedicatedApplication.Properties(o)[0]
		b.Add("the dedicated Exchange hybrid application's setting override: "+p.Name+" "+plainValue(p.Value)+
			" (each server reads it within about an hour; every run of the script makes the server it runs on read it now, and Get-ExchangeDiagnosticInfo -Server <server> -Process Microsoft.Exchange.Directory.TopologyService -Component VariantConfiguration -Argument Refresh another; whether a server has read it cannot be verified)",
			"Get-SettingOverride | Where-Object { $_.SectionName -eq 'ExchangeOnpremAsThirdPartyAppId' } | Format-List Name, ComponentName, SectionName, "+p.Name)
	}
	if p := o.PartnerApplication; p != nil {
		var want []string
		for _, set := range kinds.PartnerApplication.Declared(p) {
			want = append(want, set.Param+" "+plainValue(set.Value))
		}
		b.Add("the partner application of Exchange Online (the Hybrid Configuration Wizard creates it): "+strings.Join(want, ", "), kinds.PartnerAppCheck())
	}
}

// plainValue is a declared value as a comment shows it.
func plainValue(v any) string {
	switch v := v.(type) {
	case bool:
		return psBool(v)
	case []string:
		return strings.Join(v, ", ")
	}
	return fmt.Sprint(v)
}

// authServerParams are the auth server's managed properties.
func authServerParams() []string {
	var out []string
	for _, f := range kinds.AuthServer.Fields {
		out = append(out, f.Param)
	}
	return out
}

// ewsExternalHost is the host of the on-premises EWS external URL as the
// YAML declares it: the host of a relationship's targetSharingEpr (the EWS
// endpoint itself), else a migration endpoint's remoteServer (the MRS
// proxy, which is the EWS virtual directory); else a placeholder.
func ewsExternalHost(eo *config.ExchangeOnline) string {
	for i := range eo.OrganizationRelationships {
		_, _, sharing := kinds.Endpoints(&eo.OrganizationRelationships[i])
		if u, err := url.Parse(string(*sharing)); err == nil && u.Hostname() != "" {
			return u.Hostname()
		}
	}
	for i := range eo.MigrationEndpoints {
		for _, set := range kinds.MigrationEndpoint.Declared(&eo.MigrationEndpoints[i]) {
			if h := fmt.Sprint(set.Value); set.Key == "remoteServer" && h != "" {
				return h
			}
		}
	}
	return "<EWS external host>"
}
