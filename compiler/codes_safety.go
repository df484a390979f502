package compiler

// Diagnostic codes of the rules that keep a script from doing more than the
// configuration says, and refuse platforms it cannot run on.
const (
	CodeWildcard             = "HC0208"
	CodeExchangeUnsupported  = "HC0329"
	CodeExchangeEndOfSupport = "HC0330"
)

var safetyRules = []Rule{
	{CodeWildcard, "wildcard-name", "A name, identity or address holds a wildcard (* or ?), which Exchange would match against every object of its kind."},
	{CodeExchangeUnsupported, "exchange-version-unsupported", "Exchange 2010 and 2007 are refused: out of support, and 2010's shell is Windows PowerShell 2.0 while the scripts need 5.1."},
	{CodeExchangeEndOfSupport, "exchange-version-end-of-support", "Warning: Exchange 2016 and 2019 are out of support since 14 October 2025; Exchange Server SE is current."},
}
