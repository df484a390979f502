// Package exchange holds hybridc's table of Exchange behaviour: for every
// cmdlet the generated scripts call, which identity forms its parameters
// accept, whether a read can be done in bulk, what a read of a missing object
// does, what the properties we compare look like when they come back through
// a remote session, and which multi-valued parameters replace a whole list.
// It also records the error shapes a script must tell apart (not found,
// ambiguous, access denied, transient), the endpoints of each Microsoft 365
// cloud, the built-in role groups a script must never empty, and the Exchange
// Server support lifecycle.
//
// The data lives in behaviour.json, embedded and parsed once. Every entry
// names its source (a Microsoft Learn page, a file of
// MicrosoftDocs/office-docs-powershell, or a public issue); an entry that
// could not be confirmed in the stored documentation says so with
// Confirmed false and a note. README.md is rendered from the same data; a
// test fails when the two disagree (go test ./compiler/exchange -update
// rewrites it).
package exchange
