// Package cli is hybridc's command line: one file per subcommand, all run
// in-process through Run so that tests drive the whole CLI. Only this
// package writes (and signs) files; the compiler renders into memory.
//
// Exit codes, for every subcommand: 0 success, 1 findings (errors in a
// file, changes planned, a script not current or invalid), 2 usage or
// input error (bad flags, a file that cannot be read; for plan, an invalid
// version too). Each command's help states what they mean for it, and
// TestExitCodesAsHelpSays holds each command to its help.
package cli
