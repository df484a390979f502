// Package pstext holds the text rules every stage shares: PowerShell quoting
// and escaping (a script is pure ASCII), the literals of a script's data
// section, YAML scalar quoting, and small case-insensitive text helpers. It
// imports nothing of the compiler.
package pstext
