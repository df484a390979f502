package kinds

import (
	"github.com/hybridc/hybridc/compiler/config"
	"github.com/hybridc/hybridc/compiler/state"
)

// The kinds of templates/engine-migration.ps1.tmpl: what hybrid mailbox
// moves need.
const (
	MRSProxyName          = "mrsProxy"
	MigrationEndpointName = "migrationEndpoint"
)

type (
	mrsProxy      = config.MRSProxy
	mrsProxyState = state.WebServicesVirtualDirectory
	endpoint      = config.MigrationEndpoint
	endpointState = state.MigrationEndpoint
)

// MRSProxy is the MRS proxy endpoint of an on-premises Exchange Web
// Services virtual directory. The engine never creates a virtual
// directory: one that does not exist fails the item. It is matched by its
// identity, <server>\<name>, ignoring case.
var MRSProxy = &Kind[mrsProxy, mrsProxyState]{
	Decl: Decl{Name: MRSProxyName, Family: "migration",
		Engine: Engine{"Sync-HybridcMRSProxy", []string{"migration"}},
		Reads:  []string{"Get-WebServicesVirtualDirectory"}, Writes: []string{"Set-WebServicesVirtualDirectory"}},
	Fields: []Field[mrsProxy, mrsProxyState]{
		Bool("enabled", "MRSProxyEnabled", func(c *mrsProxy) **bool { return &c.MRSProxyEnabled },
			func(s *mrsProxyState) **bool { return &s.MRSProxyEnabled }),
	},
	Listed: &Listed[mrsProxy, mrsProxyState]{
		List:     func(st *state.State) *[]mrsProxyState { return &st.WebServicesVirtualDirectories },
		Key:      func(c *mrsProxy) string { return string(c.Identity) },
		StateKey: func(s *mrsProxyState) string { return s.Identity },
		Entry: func(name string, c *mrsProxy) mrsProxyState {
			return mrsProxyState{Identity: string(c.Identity)}
		},
	},
}

// MigrationEndpoint is an Exchange Online remote move migration endpoint,
// matched by name. New-MigrationEndpoint needs credentials: the engine
// asks for them (Get-Credential) only when it creates one, and Set- never
// changes them.
var MigrationEndpoint = &Kind[endpoint, endpointState]{
	Decl: Decl{Name: MigrationEndpointName, Family: "migration",
		Engine: Engine{"Sync-HybridcMigrationEndpoint", []string{"migration"}},
		Reads:  []string{"Get-MigrationEndpoint"}, Writes: []string{"New-MigrationEndpoint", "Set-MigrationEndpoint"}},
	Fields: []Field[endpoint, endpointState]{
		Text("remoteServer", "RemoteServer", CompareValue, func(c *endpoint) *config.DomainName { return &c.RemoteServer },
			func(s *endpointState) *string { return &s.RemoteServer }),
		Int("maxConcurrentMigrations", "MaxConcurrentMigrations", func(c *endpoint) **int { return &c.MaxConcurrentMigrations },
			func(s *endpointState) *int { return &s.MaxConcurrentMigrations }),
		Int("maxConcurrentIncrementalSyncs", "MaxConcurrentIncrementalSyncs", func(c *endpoint) **int { return &c.MaxConcurrentIncrementalSyncs },
			func(s *endpointState) *int { return &s.MaxConcurrentIncrementalSyncs }),
	},
	Listed: &Listed[endpoint, endpointState]{
		List:     func(st *state.State) *[]endpointState { return &st.MigrationEndpoints },
		Key:      func(c *endpoint) string { return string(c.Name) },
		StateKey: func(s *endpointState) string { return s.Name },
		Entry: func(name string, c *endpoint) endpointState {
			return endpointState{Name: name, EndpointType: "ExchangeRemoteMove"}
		},
	},
}
