// Package examples holds example hybridc files. They are tests: go test
// ./examples validates and compiles each one, checks that compiling twice
// gives identical bytes, and checks every script with a PowerShell grammar
// and Microsoft's cmdlet catalog.
package examples
