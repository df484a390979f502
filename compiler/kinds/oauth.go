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
// domains, which Exchange refuses.
var IntraOrganizationConnector = &Kind[ioc, iocState]{
	Decl: Decl{Name: IntraOrganizationConnectorName, Family: "oauth",
		Engine: Engine{"Sync-HybridcIntraOrganizationConnector", []string{"oauth"}},
		Reads:  []string{"Get-IntraOrganizationConnector"}, Writes: []string{"New-IntraOrganizationConnector", "Set-IntraOrganizationConnector"}},
	Fields: []Field[ioc, iocState]{
		List("targetAddressDomains", "TargetAddressDomains", CompareSet, func(c *ioc) *[]config.DomainName { return &c.TargetAddressDomains },
			func(s *iocState) *[]string { return &s.TargetAddressDomains }).Lower(),
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

// AuthServer is an authorization server, found by its name. New-AuthServer
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
		List:     func(st *state.State) *[]authServerState { return &st.AuthServers },
		Key:      func(c *authServer) string { return string(c.Name) },
		StateKey: func(s *authServerState) string { return s.Name },
		Entry: func(name string, c *authServer) authServerState {
			return authServerState{Name: name, Type: "AzureAD"}
		},
	},
}

// The setting override that turns the dedicated Exchange hybrid
// application on (Microsoft Learn, "Deploy dedicated Exchange hybrid app";
// CSS-Exchange ConfigureExchangeHybridApplication.ps1).
const (
	DedicatedAppOverrideName = "EnableExchangeHybrid3PAppFeature"
	dedicatedAppComponent    = "Global"
	dedicatedAppSection      = "ExchangeOnpremAsThirdPartyAppId"
)

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

// MetadataURL is an auth server's declared metadata document URL, and
// DiscoveryURL an intra-organization connector's discovery endpoint, for
// the checks of their hosts.
func MetadataURL(a *authServer) string { return string(a.AuthMetadataUrl) }

// DiscoveryURL: see MetadataURL.
func DiscoveryURL(c *ioc) string { return string(c.DiscoveryEndpoint) }
