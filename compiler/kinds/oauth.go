package kinds

import (
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
