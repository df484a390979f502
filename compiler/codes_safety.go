package compiler

// Diagnostic codes of the rules that keep a script from doing more than the
// configuration says.
const (
	CodeWildcard = "HC0208"
)

var safetyRules = []Rule{
	{CodeWildcard, "wildcard-name", "A name, identity or address holds a wildcard (* or ?), which Exchange would match against every object of its kind."},
}
