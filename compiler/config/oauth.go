package config

import "strings"

// IntraOrganizationConnector is the OAuth connector towards the other
// organization of the hybrid deployment (New-IntraOrganizationConnector):
// free/busy, MailTips and photos between Exchange Server and Exchange
// Online use OAuth through it. On-premises it points at the tenant
// (targetAddressDomains: [<tenant>.mail.onmicrosoft.com], discoveryEndpoint:
// https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc); in
// Exchange Online at on-premises (the on-premises domains and their
// autodiscover endpoint). The Hybrid Configuration Wizard names them
// "HybridIOC - <GUID>": the scripts adopt an existing connector whose
// target address domains overlap the declared ones, whatever its name.
type IntraOrganizationConnector struct {
	Meta `yaml:"-"`
	// Name identifies the connector when the script creates it.
	Name Name `yaml:"name" jsonschema:"required"`
	// TargetAddressDomains are the other organization's domains the
	// connector serves; compared as a set, ignoring case.
	TargetAddressDomains []DomainName `yaml:"targetAddressDomains" jsonschema:"required,minItems=1,uniqueItems=true"`
	// DiscoveryEndpoint is the other organization's autodiscover service
	// (https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc
	// towards Exchange Online).
	DiscoveryEndpoint HTTPSURL `yaml:"discoveryEndpoint" jsonschema:"required"`
	// Enabled turns OAuth towards the other organization on or off.
	Enabled *bool `yaml:"enabled,omitempty"`
	// DependsOn names resources of the same organization that must be in
	// place first, as kind/name.
	DependsOn []ResourceRef `yaml:"dependsOn,omitempty" jsonschema:"uniqueItems=true"`
}

// OAuth is what the on-premises organization declares about OAuth with
// Exchange Online beyond its resources.
type OAuth struct {
	Meta `yaml:"-"`
	// DedicatedApplication says the hybrid uses the dedicated Exchange
	// hybrid application in the tenant's Entra ID instead of the shared
	// Office 365 Exchange Online service principal (which Exchange Online
	// refuses for EWS since 31 October 2025). Only Exchange Server SE, and
	// 2019 and 2016 with the April 2025 hotfix update or later, can use it:
	// declare build.
	//
	// true or false is the organization-wide setting override that turns
	// the feature on or off (New-SettingOverride
	// EnableExchangeHybrid3PAppFeature, component Global, section
	// ExchangeOnpremAsThirdPartyAppId, Enabled=true or Enabled=false), found
	// by its component and section whatever its name; the script then
	// refreshes the variant configuration of the server it runs on. Left
	// out, the override is not managed.
	DedicatedApplication *bool `yaml:"dedicatedApplication,omitempty"`
	// AuthServers are the organization's authorization servers: the
	// tenant's Entra ID, "EvoSts - <tenant id>" (New-AuthServer -Type
	// AzureAD), whose applicationIdentifier is the dedicated Exchange hybrid
	// application's.
	AuthServers []AuthServer `yaml:"authServers,omitempty"`
	// PartnerApplication is the on-premises "Exchange Online" partner
	// application (ApplicationIdentifier
	// 00000002-0000-0ff1-ce00-000000000000), which the Hybrid Configuration
	// Wizard creates: the scripts only turn it on or off
	// (Set-PartnerApplication -Enabled) and report it missing.
	PartnerApplication *PartnerApplication `yaml:"partnerApplication,omitempty"`
}

// PartnerApplication is the on-premises partner application of Exchange
// Online, found by its application identifier whatever its name.
type PartnerApplication struct {
	Meta `yaml:"-"`
	// Enabled turns the partner application on or off.
	Enabled *bool `yaml:"enabled" jsonschema:"required"`
}

// AuthServer is an authorization server Exchange trusts for OAuth tokens
// (New-AuthServer, Set-AuthServer). The scripts create an Entra ID one
// (Type AzureAD); an existing one of the name is managed whatever its type.
type AuthServer struct {
	Meta `yaml:"-"`
	// Name identifies the auth server ("EvoSts - <tenant id>").
	Name Name `yaml:"name" jsonschema:"required"`
	// AuthMetadataUrl is the tenant's metadata document
	// (https://login.microsoftonline.com/<tenant>/federationmetadata/2007-06/federationmetadata.xml).
	AuthMetadataUrl HTTPSURL `yaml:"authMetadataUrl" jsonschema:"required"`
	// Enabled turns the auth server on or off.
	Enabled *bool `yaml:"enabled,omitempty"`
	// ApplicationIdentifier is the application (client) ID of the
	// dedicated Exchange hybrid application in Entra ID (Exchange 2016 and
	// later).
	ApplicationIdentifier GUID `yaml:"applicationIdentifier,omitempty"`
}

// AuthCertificate is Exchange's OAuth certificate (Get-AuthConfig), which
// the dedicated Exchange hybrid application also holds as its key
// credential. onprem.ps1 checks that it is the current one (or that next
// took over), warns 60 days before its real expiry and fails once past;
// it sets next (Set-AuthConfig -NewCertificateThumbprint
// -NewCertificateEffectiveDate) and publishes it once its date has come
// (Set-AuthConfig -PublishCertificate). It never sets the current
// certificate directly nor clears the previous one.
type AuthCertificate struct {
	Meta `yaml:"-"`
	// Thumbprint of the current certificate: 40 hexadecimal digits.
	Thumbprint Thumbprint `yaml:"thumbprint" jsonschema:"required"`
	// NotAfter is the day the certificate expires (YYYY-MM-DD): validate
	// warns 60 days before and refuses it once past.
	NotAfter Date `yaml:"notAfter" jsonschema:"required"`
	// Next is the certificate that replaces it on its effective date
	// (Set-AuthConfig -NewCertificateThumbprint -NewCertificateEffectiveDate).
	Next *NextAuthCertificate `yaml:"next,omitempty"`
}

// NextAuthCertificate is the auth certificate that takes over on a date.
type NextAuthCertificate struct {
	Meta `yaml:"-"`
	// Thumbprint of the next certificate: 40 hexadecimal digits.
	Thumbprint Thumbprint `yaml:"thumbprint" jsonschema:"required"`
	// EffectiveDate is the day Exchange starts to use it (YYYY-MM-DD); at
	// least 48 hours after it is set, for the servers to pick it up.
	EffectiveDate Date `yaml:"effectiveDate" jsonschema:"required"`
	// NotAfter is the day it expires (YYYY-MM-DD).
	NotAfter Date `yaml:"notAfter" jsonschema:"required"`
}

// Build is an Exchange Server build number such as 15.2.1748.24, as
// Get-ExchangeServer shows AdminDisplayVersion (Version 15.2 (Build
// 1748.24)).
type Build string

// EffectiveOAuth is onPremises.oauth as the scripts apply it, with what
// exchangeOnline.hybridApplication implies (one source of truth for the
// dedicated Exchange hybrid application):
//   - dedicatedApplication left out is true when the application is
//     declared (Microsoft's procedure turns the feature on once the
//     application exists), placed at the application;
//   - an auth server's applicationIdentifier left out is the application's
//     appId, when declared.
//
// A declared value is kept: a disagreement is validate's error (HC0374,
// HC0375). It returns o itself when nothing is implied, a copy otherwise;
// nil when neither is declared.
func EffectiveOAuth(o *OAuth, app *HybridApplication) *OAuth {
	if app == nil {
		return o
	}
	out := OAuth{Meta: app.Meta}
	if o != nil {
		out = *o
	}
	if out.DedicatedApplication == nil {
		on := true
		out.DedicatedApplication = &on
		if o != nil {
			// Positions of the implied value: the application's.
			out.Meta = app.Meta
		}
	}
	if app.AppID != "" && len(out.AuthServers) > 0 {
		servers := make([]AuthServer, len(out.AuthServers))
		copy(servers, out.AuthServers)
		for i := range servers {
			if servers[i].ApplicationIdentifier == "" {
				servers[i].ApplicationIdentifier = app.AppID
			}
		}
		out.AuthServers = servers
	}
	return &out
}

// DedicatedAppImplied reports whether the dedicated application's setting
// override is on because exchangeOnline.hybridApplication is declared, not
// because oauth.dedicatedApplication says so.
func DedicatedAppImplied(o *OAuth, app *HybridApplication) bool {
	return app != nil && (o == nil || o.DedicatedApplication == nil)
}

// OtherApplication is the auth server's application identifier when it is
// declared and is not appID (ignoring case), else "".
func (a *AuthServer) OtherApplication(appID GUID) GUID {
	if a.ApplicationIdentifier != "" && !strings.EqualFold(string(a.ApplicationIdentifier), string(appID)) {
		return a.ApplicationIdentifier
	}
	return ""
}
