package config

// MRSProxy is the Mailbox Replication Service proxy endpoint of one
// Exchange Web Services virtual directory on-premises: Exchange Online
// moves mailboxes through it (Set-WebServicesVirtualDirectory
// -MRSProxyEnabled). Only the declared virtual directories are managed;
// the script never disables one the YAML does not declare, and never
// creates a virtual directory (one that does not exist fails the item).
type MRSProxy struct {
	Meta `yaml:"-"`
	// Identity is the virtual directory as Exchange names it,
	// <server>\EWS (Default Web Site); compared ignoring case.
	Identity Name `yaml:"identity" jsonschema:"required"`
	// MRSProxyEnabled (YAML enabled): true turns the MRS proxy endpoint on (what hybrid moves
	// need), false turns it off. Left out, it is not managed.
	MRSProxyEnabled *bool `yaml:"enabled,omitempty"`
}

// MigrationEndpoint is an Exchange Online migration endpoint of the
// ExchangeRemoteMove type: where Exchange Online reaches the on-premises
// MRS proxy to move mailboxes (New-MigrationEndpoint -ExchangeRemoteMove).
// Its credentials are never in the YAML or the script: the script asks for
// them (Get-Credential) only when it creates the endpoint.
type MigrationEndpoint struct {
	Meta `yaml:"-"`
	// Name identifies the endpoint in the tenant.
	Name Name `yaml:"name" jsonschema:"required"`
	// RemoteServer is the host name of the on-premises MRS proxy, as the
	// Internet reaches it (the EWS external URL's host: mail.contoso.com).
	RemoteServer DomainName `yaml:"remoteServer" jsonschema:"required"`
	// MaxConcurrentMigrations is how many moves in their initial copy the
	// endpoint runs at once (20 for a new endpoint). Left out, it is not
	// managed.
	MaxConcurrentMigrations *int `yaml:"maxConcurrentMigrations,omitempty" jsonschema:"minimum=1,maximum=1000"`
	// MaxConcurrentIncrementalSyncs is how many moves past their initial
	// copy (incremental syncs, finalization) the endpoint runs at once
	// (10 for a new endpoint); a bucket of its own, independent of
	// maxConcurrentMigrations. Left out, it is not managed.
	MaxConcurrentIncrementalSyncs *int `yaml:"maxConcurrentIncrementalSyncs,omitempty" jsonschema:"minimum=1,maximum=1000"`
}
