package compiler

import "regexp"

// errorRule classifies a failed Exchange call in the scripts' engine
// (Get-HybridcErrorKind): the first rule whose pattern matches the error's
// text gives its kind. The text is the exception's type names, the
// FullyQualifiedErrorId, "Category=" and the CategoryInfo category, and the
// message; patterns are .NET regular expressions matched case-insensitively
// (PowerShell's -match) and written in the subset RE2 shares, so that the
// tests run them in Go against the error shapes of the behaviour table
// (compiler/exchange).
type errorRule struct {
	Kind    string
	Pattern string
}

// errorRules are tried in order. Ambiguous and denied come before not
// found, so that an error is never taken for "missing" when it also says
// something else; throttling before other transient failures, since only
// throttling is retried for changes.
var errorRules = []errorRule{
	{"ambiguous", `AmbiguousException|matches multiple entries`},
	{"denied", `UnauthorizedAccess|AccessDenied|Category=PermissionDenied|access is denied|within your current write scope|isn't authorized|not authorized|insufficient access|is not recognized as the name of a cmdlet`},
	{"dehydrated", `DehydratedContext|customization has been enabled|has not yet taken effect`},
	{"throttled", `Throttl|OverBudget|Server ?Busy|server is busy|micro ?delay|\(429\)|too many requests|TooManyRequests|requested to backoff|exceeded the (maximum|allowed) number of (concurrent )?(connections|requests|sessions)`},
	{"transient", `PSRemotingTransportException|TransientException|TimeoutException|WebException|timed out|temporarily unavailable|\(50[234]\)|operation has been aborted|connection was closed|underlying connection|runspace is not in the Opened state|try again later`},
	{"notFound", `NotFoundException|Category=ObjectNotFound|couldn't be found|could not be found|wasn't found|was not found|couldn't find object|no existing permission entry`},
}

// errorKind is what the engine's classifier answers for text: the kind of
// the first matching rule, or "other".
func errorKind(text string) string {
	for _, r := range errorRules {
		if regexp.MustCompile(`(?i)` + r.Pattern).MatchString(text) {
			return r.Kind
		}
	}
	return "other"
}

// errorRuleViews are the rules as the template writes them: the kind and
// the pattern as literals.
func errorRuleViews() []errorRule {
	out := make([]errorRule, len(errorRules))
	for i, r := range errorRules {
		out[i] = errorRule{Kind: Quote(r.Kind), Pattern: Quote(r.Pattern)}
	}
	return out
}
