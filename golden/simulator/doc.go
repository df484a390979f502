// Package simulator holds PowerShell-side tests of the scripts hybridc
// generates. Its tests run PowerShell 7 (pwsh, found by pwshPath) and skip
// when it is not installed, unless HYBRIDC_REQUIRE_PWSH=1.
//
// Test-HybridcPs51Syntax.ps1 refuses syntax that Windows PowerShell 5.1
// lacks: the on-premises scripts run in 5.1, and pwsh 7 accepts newer
// syntax, so running them in pwsh 7 alone proves nothing about 5.1.
package simulator
