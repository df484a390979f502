package cli

import (
	"fmt"
	"path/filepath"

	"github.com/hybridc/hybridc/compiler"
	"github.com/hybridc/hybridc/compiler/config"
)

// batchScriptFlags are the options of --format ps1 (migrate.ps1).
type batchScriptFlags struct {
	endpoint, prefix        *string
	autoStart, autoComplete *bool
}

// scriptOptions are migrate.ps1's options from the configuration and the
// flags: the tenant, its routing domain (New-MigrationBatch
// target delivery domain) and the endpoint (--endpoint, or the one remote
// move endpoint the YAML declares). It complains and returns false when
// the configuration does not say.
func (f *batchScriptFlags) scriptOptions(e *env, cfg *config.Config, source string) (compiler.MigrateScriptOptions, bool) {
	eo := &cfg.ExchangeOnline
	opt := compiler.MigrateScriptOptions{ToolVersion: version(), Source: filepath.Base(source), Tenant: string(eo.Tenant),
		DeliveryDomain: string(eo.RoutingDomain), SourceEndpoint: *f.endpoint, Prefix: *f.prefix,
		AutoStart: *f.autoStart, AutoComplete: *f.autoComplete}
	if opt.SourceEndpoint == "" && len(eo.MigrationEndpoints) == 1 {
		opt.SourceEndpoint = string(eo.MigrationEndpoints[0].Name)
	}
	switch {
	case opt.SourceEndpoint == "":
		fmt.Fprintf(e.stderr, "hybridc batches: --format ps1 needs the migration endpoint: give --endpoint NAME, or declare one exchangeOnline.migrationEndpoints entry (%d declared)\n", len(eo.MigrationEndpoints))
		return opt, false
	case opt.Tenant == "" || opt.DeliveryDomain == "":
		fmt.Fprintln(e.stderr, "hybridc batches: --format ps1 needs exchangeOnline.tenant and exchangeOnline.routingDomain (the batches' target delivery domain)")
		return opt, false
	}
	return opt, true
}

// writeBatchScript writes migrate.ps1 for the batches, or says which
// mailboxes it cannot hold.
func writeBatchScript(e *env, batching *compiler.Batching, opt compiler.MigrateScriptOptions) int {
	if bad := compiler.MigrateScriptUnsafe(batching, opt); len(bad) > 0 {
		fmt.Fprintf(e.stderr, "hybridc batches: migrate.ps1 cannot hold %s: name mailboxes by primary SMTP address, in printable ASCII\n", batchNameList(identities(bad), 10))
		return ExitFindings
	}
	// The same mailboxes --format csv refuses (a formula cell or a hidden
	// character): migrate.ps1 hands them to New-MigrationBatch as a CSV.
	if bad := csvUnsafe(batching); len(bad) > 0 {
		fmt.Fprintf(e.stderr, "hybridc batches: migrate.ps1 cannot hold %s: a name with = + - or @ at its start or after a , ; tab or | goes into the CSV New-MigrationBatch reads and can run as a formula; give those mailboxes by their primary SMTP address\n", batchNameList(bad, 10))
		return ExitFindings
	}
	script, err := compiler.MigrateScript(batching, opt)
	if err != nil {
		e.complain("batches", "%s", err)
		return ExitUsage
	}
	if _, err := e.stdout.Write(script); err != nil {
		e.complain("batches", "%s", err)
		return ExitUsage
	}
	return ExitOK
}

func identities(names []string) []config.Identity {
	out := make([]config.Identity, len(names))
	for i, n := range names {
		out[i] = config.Identity(n)
	}
	return out
}
