// Package cli is hybridc's command line: one file per subcommand, all run
// in-process through Run so that tests drive the whole CLI. Only this
// package writes (and signs) files; the compiler renders into memory.
//
// Exit codes, for every subcommand: 0 success, 1 findings (invalid input,
// drift, a failed check), 2 usage or I/O error.
package cli
