package pscheck

import "strings"

// effect is what calling an Exchange cmdlet does to the world.
type effect int

const (
	notExchange  effect = iota // not in the catalog
	reads                      // reads Exchange state (or only manages the session)
	writesFiles                // Export-*: writes files or returns data, changes no Exchange state
	changesState               // changes Exchange (or directory) state
)

// readVerbs are the verbs of Exchange cmdlets that read. Test-* cmdlets may
// send test messages or log on to test mailboxes but change no
// configuration; Preview-, Check-, Dump- and Search-* read too (except
// Search-Mailbox, see effectExceptions).
var readVerbs = map[string]bool{
	"get": true, "test": true, "search": true, "preview": true, "check": true, "dump": true,
}

// effectExceptions overrides the verb for cmdlets whose name misleads.
var effectExceptions = map[string]effect{
	// Search-Mailbox -DeleteContent deletes messages and -TargetMailbox
	// copies them: a call cannot be proven read-only from its name.
	"search-mailbox": changesState,
	// Export-AutoDiscoverConfig writes a service connection point into
	// another forest's directory.
	"export-autodiscoverconfig": changesState,
	// Validates a query and returns the result; nothing is written.
	"validate-retentionrulequery": reads,
	// Session management: connects or disconnects this PowerShell session
	// and changes nothing in the organization.
	"connect-exchangeonline":    reads,
	"connect-ippssession":       reads,
	"disconnect-exchangeonline": reads,
	// Sets the directory scope of this session (-ViewEntireForest) and
	// changes nothing in the organization.
	"set-adserversettings": reads,
}

// cmdletEffect classifies an Exchange cmdlet by name (case-insensitive).
func cmdletEffect(name string) effect {
	cat, err := loadCatalog()
	if err != nil {
		return notExchange
	}
	spec, ok := cat.lookup(name)
	if !ok {
		return notExchange
	}
	lower := strings.ToLower(spec.name)
	if e, ok := effectExceptions[lower]; ok {
		return e
	}
	verb, _, _ := strings.Cut(lower, "-")
	switch {
	case readVerbs[verb]:
		return reads
	case verb == "export":
		return writesFiles
	}
	return changesState
}

// StateChanging reports whether name (case-insensitive) is an Exchange cmdlet
// in the catalog that changes Exchange state. Get-, Test-, Search-,
// Preview-, Check- and Dump-* cmdlets read; Export-* cmdlets write files or
// return data and are not state-changing (CheckReadOnly refuses them all the
// same); Connect-ExchangeOnline, Connect-IPPSSession,
// Disconnect-ExchangeOnline and Set-ADServerSettings only manage the session. Every other verb (New,
// Set, Add, Remove, Enable, Disable, Update, Install, Uninstall, Clear,
// Start, Stop, Suspend, Resume, Import, Move, Restore, Invoke, Send, ...)
// changes state, as do Search-Mailbox (it can delete or copy messages) and
// Export-AutoDiscoverConfig (it writes into another forest's directory).
// Names outside the catalog, including PowerShell's own cmdlets, are false.
func StateChanging(name string) bool { return cmdletEffect(name) == changesState }
