package kinds

import (
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/state"
)

// IntraOrganizationConnectorName is the kind of an OAuth connector
// towards the other organization (templates/engine-oauth.ps1.tmpl).
const IntraOrganizationConnectorName = "intraOrganizationConnector"

type (
	ioc      = config.IntraOrganizationConnector
	iocState = state.IntraOrganizationConnector
)

// IntraOrganizationConnector is an organization's OAuth connector towards
// the other one. It is matched by its target address domains, not its
// name: an existing connector any of whose domains is a declared one is
// the declared connector (the wizard's "HybridIOC - <GUID>"), so the
// script adopts it instead of creating a second connector for the same
// domains, which Exchange refuses. On-premises it comes after the auth
// servers and the dedicated application's override: an enabled connector
// makes Exchange use OAuth towards its domains at once, so the auth server
// it needs is put in place first (the engine also refuses to enable it
// while no enabled Entra ID auth server exists).
var IntraOrganizationConnector = &Kind[ioc, iocState]{
	Decl: Decl{Name: IntraOrganizationConnectorName, Family: "oauth", After: []string{AuthServerName, DedicatedApplicationName},
		Engine: Engine{"Sync-HybridcIntraOrganizationConnector", []string{"oauth"}},
		Reads:  []string{"Get-IntraOrganizationConnector"}, Writes: []string{"New-IntraOrganizationConnector", "Set-IntraOrganizationConnector"}},
	Fields: []Field[ioc, iocState]{
		List("targetAddressDomains", "TargetAddressDomains", CompareSuperset, func(c *ioc) *[]config.DomainName { return &c.TargetAddressDomains },
			func(s *iocState) *[]string { return &s.TargetAddressDomains }).Lower().Adds(),
		Text("discoveryEndpoint", "DiscoveryEndpoint", CompareURI, func(c *ioc) *config.HTTPSURL { return &c.DiscoveryEndpoint },
			func(s *iocState) *string { return &s.DiscoveryEndpoint }),
		Bool("enabled", "Enabled", func(c *ioc) **bool { return &c.Enabled },
			func(s *iocState) **bool { return &s.Enabled }),
	},
	Listed: &Listed[ioc, iocState]{
		List:      func(st *state.State) *[]iocState { return &st.IntraOrganizationConnectors },
		Keys:      func(c *ioc) []string { return texts(c.TargetAddressDomains) },
		StateKeys: func(s *iocState) []string { return s.TargetAddressDomains },
		StateName: func(s *iocState) string { return s.Name },
		Entry: func(name string, c *ioc) iocState {
			return iocState{Name: name}
		},
	},
}

// ConnectorDomains are a declared connector's target address domains.
func ConnectorDomains(c *ioc) []config.DomainName { return c.TargetAddressDomains }

// StateConnectorDomains are a connector's target address domains in a
// state file.
func StateConnectorDomains(s *iocState) []string { return s.TargetAddressDomains }

// StateDiscoveryEndpoint is a connector's discovery endpoint in a state
// file.
func StateDiscoveryEndpoint(s *iocState) string { return s.DiscoveryEndpoint }

// The kinds of on-premises OAuth towards the tenant's Entra ID
// (templates/engine-oauth.ps1.tmpl).
const (
	AuthServerName           = "authServer"
	DedicatedApplicationName = "dedicatedApplication"
)

type (
	authServer      = config.AuthServer
	authServerState = state.AuthServer
	oauthCfg        = config.OAuth
	overrideState   = state.SettingOverride
)

// AuthServer is an authorization server, found by its name or, an Entra
// ID one, by its realm (authServerKeys). New-AuthServer
// takes every managed setting; the engine creates an Entra ID one
// (-Type AzureAD).
var AuthServer = &Kind[authServer, authServerState]{
	Decl: Decl{Name: AuthServerName, Family: "oauth",
		Engine: Engine{"Sync-HybridcAuthServer", []string{"oauth"}},
		Reads:  []string{"Get-AuthServer"}, Writes: []string{"New-AuthServer", "Set-AuthServer"}},
	Fields: []Field[authServer, authServerState]{
		Text("authMetadataUrl", "AuthMetadataUrl", CompareURI, func(c *authServer) *config.HTTPSURL { return &c.AuthMetadataUrl },
			func(s *authServerState) *string { return &s.AuthMetadataUrl }),
		Bool("enabled", "Enabled", func(c *authServer) **bool { return &c.Enabled },
			func(s *authServerState) **bool { return &s.Enabled }),
		Text("applicationIdentifier", "ApplicationIdentifier", CompareValue, func(c *authServer) *config.GUID { return &c.ApplicationIdentifier },
			func(s *authServerState) *string { return &s.ApplicationIdentifier }).Lower(),
	},
	Listed: &Listed[authServer, authServerState]{
		List:      func(st *state.State) *[]authServerState { return &st.AuthServers },
		Keys:      authServerKeys,
		StateKeys: authServerStateKeys,
		StateName: func(s *authServerState) string { return s.Name },
		Entry: func(name string, c *authServer) authServerState {
			return authServerState{Name: name, Type: "AzureAD"}
		},
	},
}

// authServerKeys match a declared auth server by its name or, as
// Microsoft's ConfigureExchangeHybridApplication.ps1 finds the tenant's
// Entra ID one ("EvoSts - <tenant id>" or the legacy "EvoSTS"), by the
// tenant of its metadata URL: an Entra ID auth server of that realm is the
// declared one whatever its name.
func authServerKeys(c *authServer) []string {
	keys := []string{"name:" + string(c.Name)}
	if t := MetadataTenant(string(c.AuthMetadataUrl)); t != "" {
		keys = append(keys, "realm:"+t)
	}
	return keys
}

// authServerStateKeys are a state's auth server's name and, for an Entra
// ID one (Type AzureAD), its realm and the tenant of its metadata URL.
func authServerStateKeys(s *authServerState) []string {
	keys := []string{"name:" + s.Name}
	if !strings.EqualFold(s.Type, "AzureAD") {
		return keys
	}
	for _, t := range []string{s.Realm, MetadataTenant(s.AuthMetadataUrl)} {
		if t != "" && !slices.Contains(keys, "realm:"+t) {
			keys = append(keys, "realm:"+t)
		}
	}
	return keys
}

// MetadataTenant is the tenant an Entra ID metadata URL names, its first
// path segment (https://login.microsoftonline.com/<tenant>/federationmetadata/...),
// or "".
func MetadataTenant(url string) string {
	rest, ok := strings.CutPrefix(strings.ToLower(url), "https://")
	if !ok {
		return ""
	}
	_, path, ok := strings.Cut(rest, "/")
	if !ok {
		return ""
	}
	tenant, _, _ := strings.Cut(path, "/")
	return tenant
}

// The setting override that turns the dedicated Exchange hybrid
// application on (Microsoft Learn, "Deploy dedicated Exchange hybrid app";
// CSS-Exchange ConfigureExchangeHybridApplication.ps1).
const (
	DedicatedAppOverrideName = "EnableExchangeHybrid3PAppFeature"
	dedicatedAppComponent    = "Global"
	dedicatedAppSection      = "ExchangeOnpremAsThirdPartyAppId"
)

// DedicatedAppOn reports whether the override's Parameters turn the
// dedicated application on.
func DedicatedAppOn(v any) bool {
	l, _ := v.([]string)
	return slices.Equal(l, dedicatedAppParameters(true))
}

// dedicatedAppParameters is the override's Parameters for on or off.
func dedicatedAppParameters(on bool) []string {
	if on {
		return []string{"Enabled=true"}
	}
	return []string{"Enabled=false"}
}

// DedicatedApplication is the organization-wide setting override that
// turns the dedicated Exchange hybrid application on or off, found by its
// component and section (any name: one made by hand or by Microsoft's
// script is the declared one). Its one managed setting is Parameters,
// declared by oauth.dedicatedApplication.
var DedicatedApplication = &Kind[oauthCfg, overrideState]{
	Decl: Decl{Name: DedicatedApplicationName, Family: "oauth", After: []string{AuthServerName},
		Engine: Engine{"Sync-HybridcDedicatedApplication", []string{"oauth"}},
		Reads:  []string{"Get-SettingOverride", "Get-ExchangeDiagnosticInfo"}, Writes: []string{"New-SettingOverride", "Set-SettingOverride"}},
	Fields: []Field[oauthCfg, overrideState]{{Key: "dedicatedApplication", Param: "Parameters", Compare: CompareSet,
		Declared: func(c *oauthCfg) (any, bool) {
			if c.DedicatedApplication == nil {
				return nil, false
			}
			return dedicatedAppParameters(*c.DedicatedApplication), true
		},
		Current: func(s *overrideState) any { return s.Parameters },
		Synthesize: func(c *oauthCfg, s *overrideState) {
			if c.DedicatedApplication != nil {
				s.Parameters = dedicatedAppParameters(*c.DedicatedApplication)
			}
		},
		Import: func(s *overrideState, c *oauthCfg) {
			on := slices.ContainsFunc(s.Parameters, func(p string) bool { return strings.EqualFold(strings.ReplaceAll(p, " ", ""), "Enabled=true") })
			c.DedicatedApplication = &on
		},
	}},
	Listed: &Listed[oauthCfg, overrideState]{
		List:      func(st *state.State) *[]overrideState { return &st.SettingOverrides },
		Keys:      func(*oauthCfg) []string { return []string{dedicatedAppComponent + "/" + dedicatedAppSection} },
		StateKeys: func(s *overrideState) []string { return []string{s.ComponentName + "/" + s.SectionName} },
		StateName: func(s *overrideState) string { return s.Name },
		Entry: func(name string, c *oauthCfg) overrideState {
			return overrideState{Name: name, ComponentName: dedicatedAppComponent, SectionName: dedicatedAppSection}
		},
	},
}

// IsDedicatedAppOverride reports whether a state's setting override is the
// one that turns the dedicated application on or off.
func IsDedicatedAppOverride(s *overrideState) bool {
	return strings.EqualFold(s.ComponentName, dedicatedAppComponent) && strings.EqualFold(s.SectionName, dedicatedAppSection)
}

// guidPattern is the configuration's pattern of a GUID.
var guidPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(config.Patterns["GUID"].Pattern) })

// DeclarableAuthServer reports whether import can declare a state's auth
// server: an Entra ID one (Type AzureAD, which the scripts create) with an
// https:// metadata URL and, if any, a GUID as application identifier.
func DeclarableAuthServer(s *authServerState) bool {
	return strings.EqualFold(s.Type, "AzureAD") && httpsURL().MatchString(s.AuthMetadataUrl) &&
		(s.ApplicationIdentifier == "" || guidPattern().MatchString(s.ApplicationIdentifier))
}

// PartnerApplicationName is the kind of the on-premises partner
// application of Exchange Online.
const PartnerApplicationName = "partnerApplication"

// ExchangeOnlineApplicationID is the application identifier of Exchange
// Online (the partner application the Hybrid Configuration Wizard creates
// on-premises, "Exchange Online").
const ExchangeOnlineApplicationID = "00000002-0000-0ff1-ce00-000000000000"

// ExchangeOnlinePartnerApplication is the resource name of the partner
// application, as the wizard names it.
const ExchangeOnlinePartnerApplication = "Exchange Online"

type (
	partnerApp      = config.PartnerApplication
	partnerAppState = state.PartnerApplication
)

// PartnerApplication is the on-premises partner application of Exchange
// Online, found by its application identifier whatever its name. The
// scripts never create it (the wizard does, with a linked account and
// permissions hybridc does not manage): a missing one fails its item.
var PartnerApplication = &Kind[partnerApp, partnerAppState]{
	Decl: Decl{Name: PartnerApplicationName, Family: "oauth", After: []string{AuthServerName},
		Engine: Engine{"Sync-HybridcPartnerApplication", []string{"oauth"}},
		Reads:  []string{"Get-PartnerApplication"}, Writes: []string{"Set-PartnerApplication"}},
	Fields: []Field[partnerApp, partnerAppState]{
		Bool("enabled", "Enabled", func(c *partnerApp) **bool { return &c.Enabled },
			func(s *partnerAppState) **bool { return &s.Enabled }),
	},
	Listed: &Listed[partnerApp, partnerAppState]{
		List:      func(st *state.State) *[]partnerAppState { return &st.PartnerApplications },
		KeyParam:  "ApplicationIdentifier",
		Key:       func(*partnerApp) string { return ExchangeOnlineApplicationID },
		StateKey:  func(s *partnerAppState) string { return s.ApplicationIdentifier },
		StateName: func(s *partnerAppState) string { return s.Name },
		MustExist: true,
		Entry: func(name string, c *partnerApp) partnerAppState {
			return partnerAppState{Name: name, ApplicationIdentifier: ExchangeOnlineApplicationID}
		},
	},
}

// IsExchangeOnlinePartnerApp reports whether a state's partner application
// is Exchange Online's with a known Enabled setting: the one import
// declares.
func IsExchangeOnlinePartnerApp(s *partnerAppState) bool {
	return strings.EqualFold(s.ApplicationIdentifier, ExchangeOnlineApplicationID) && s.Enabled != nil
}

// PartnerAppCheck is the runbook's command that shows the partner
// application of Exchange Online with its managed settings.
func PartnerAppCheck() string {
	params := []string{"Name", PartnerApplication.Listed.KeyParam}
	for _, f := range PartnerApplication.Fields {
		params = append(params, f.Param)
	}
	return "Get-PartnerApplication | Where-Object { $_." + PartnerApplication.Listed.KeyParam + " -eq '" + ExchangeOnlineApplicationID + "' } | Format-List " + strings.Join(params, ", ")
}

// AuthCertificateName is the kind of Exchange's auth certificate
// (onPremises.authCertificate).
const AuthCertificateName = "authCertificate"

// AuthCertificateWarnDays is how many days before the current auth
// certificate expires (its real NotAfter) the scripts warn.
const AuthCertificateWarnDays = 60

// AuthCertificate is the organization's auth configuration
// (Get-AuthConfig). The engine checks that the current certificate is the
// declared one (or the declared next one, once it took over) and reads its
// real expiry (Get-ExchangeCertificate -Thumbprint): expired fails the
// item, within AuthCertificateWarnDays warns. A declared next certificate
// the configuration lacks is set (Set-AuthConfig -NewCertificateThumbprint
// -NewCertificateEffectiveDate); once its effective date has come and it
// is still not current, it is published (Set-AuthConfig
// -PublishCertificate). It never sets the current certificate directly
// and never clears the previous one.
var AuthCertificate = Decl{Name: AuthCertificateName, Family: "oauth", Engine: Engine{"Sync-HybridcAuthCertificate", []string{"oauth"}},
	Reads: []string{"Get-AuthConfig", "Get-ExchangeCertificate"}, Writes: []string{"Set-AuthConfig"}}

// CloudEWSURL is Exchange Online's EWS endpoint in a tenant's cloud, what
// Autodiscover v2 returns for it (the worldwide cloud, 21Vianet, US
// Government by the tenant's initial domain).
func CloudEWSURL(tenant string) string {
	switch {
	case strings.HasSuffix(tenant, ".onmicrosoft.us"):
		return "https://outlook.office365.us/ews/exchange.asmx"
	case strings.HasSuffix(tenant, ".partner.onmschina.cn"):
		return "https://partner.outlook.cn/ews/exchange.asmx"
	}
	return "https://outlook.office365.com/ews/exchange.asmx"
}

// MetadataURL is an auth server's declared metadata document URL, and
// DiscoveryURL an intra-organization connector's discovery endpoint, for
// the checks of their hosts.
func MetadataURL(a *authServer) string { return string(a.AuthMetadataUrl) }

// DiscoveryURL: see MetadataURL.
func DiscoveryURL(c *ioc) string { return string(c.DiscoveryEndpoint) }
