// Package diag holds diagnostics: positions, the Diagnostic type and its
// sorting and limits, the one table of diagnostic codes (codes*.go), the
// PowerShell error kinds the scripts report, and the progress steps a long
// compile reports. Every stage reports through it.
package diag
