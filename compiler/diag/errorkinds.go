package diag

import (
	"github.com/hybridc/hybridc/compiler/pstext"
)

import "regexp"

// ErrorRule classifies a failed Exchange call in the scripts' engine
// (Get-HybridcErrorKind): the first rule whose pattern matches the error's
// text gives its kind. The text is the exception's type names, the
// FullyQualifiedErrorId, "Category=" and the CategoryInfo category, and the
// message with its quoted identities removed (quotedIdentities): Exchange
// echoes object names back in its messages, and a name such as "Board notes
// that has not yet taken effect" or "Throttle group" must not decide the
// kind. Patterns are .NET regular expressions matched case-insensitively
// (PowerShell's -match) and written in the subset RE2 shares, so that the
// tests run them in Go against the error shapes of the behaviour table
// (compiler/exchange).
type ErrorRule struct {
	Kind    string
	Pattern string
}

// errorRules are tried in order. Ambiguous and denied come before not
// found, so that an error is never taken for "missing" when it also says
// something else; throttling before other transient failures, since only
// throttling is retried for changes.
var errorRules = []ErrorRule{
	{"ambiguous", `AmbiguousException|matches multiple entries`},
	{"denied", `UnauthorizedAccess|AccessDenied|Category=PermissionDenied|access is denied|within your current write scope|isn't authorized|not authorized|insufficient access|is not recognized as the name of a cmdlet|\(401\)|\bUnauthorized\b`},
	{"dehydrated", `DehydratedContext|customization has been enabled|has not yet taken effect`},
	{"throttled", `Throttl|OverBudget|Server ?Busy|server is busy|micro ?delay|\(429\)|too many requests|TooManyRequests|requested to backoff|exceeded the (maximum|allowed) number of (concurrent )?(connections|requests|sessions)`},
	{"transient", `PSRemotingTransportException|TransientException|TimeoutException|WebException|timed out|temporarily unavailable|\(50[234]\)|operation has been aborted|connection was closed|underlying connection|runspace is not in the Opened state|try again later`},
	{"notFound", `NotFoundException|Category=ObjectNotFound|couldn't be found|could not be found|wasn't found|was not found|couldn't find object|no existing permission entry`},
}

// quotedIdentities matches what Exchange quotes in a message, an object's
// identity, a server, a value: each quoted span on its own. A quote opens at
// the start or after a character that is no letter or digit (so not the
// apostrophe of "couldn't"), and the span ends at the next quote followed by
// such a character or the end: a quote inside a name followed by a letter
// ("a'b") does not end it, and the message text between two quoted spans
// ("object '...' couldn't be found on '...'") is kept. Single quotes first,
// then double quotes. A match takes the character after its closing quote,
// so a span right after another is matched by the next pass: bareMessage
// applies each pattern until the message no longer changes, and the
// engine's Get-HybridcErrorKind does the same with -replace.
var quotedIdentities = []string{
	`(?s)(^|[^\p{L}\p{N}])'.*?'([^\p{L}\p{N}]|$)`,
	`(?s)(^|[^\p{L}\p{N}])".*?"([^\p{L}\p{N}]|$)`,
}

// quotedReplacement keeps the characters around a removed identity.
const quotedReplacement = "$1<quoted>$2"

// bareMessage is an error message without its quoted identities.
func bareMessage(message string) string {
	for _, q := range quotedIdentities {
		re := regexp.MustCompile(q)
		for {
			next := re.ReplaceAllString(message, quotedReplacement)
			if next == message {
				break
			}
			message = next
		}
	}
	return message
}

// ErrorText is the text the engine classifies: the exception's type, the
// FullyQualifiedErrorId, the category and the bare message, joined as
// Get-HybridcErrorKind joins them.
func ErrorText(exception, fqid, category, message string) string {
	return exception + " " + fqid + " Category=" + category + " " + bareMessage(message)
}

// ErrorKind is what the engine's classifier answers for text: the kind of
// the first matching rule, or "other".
func ErrorKind(text string) string {
	for _, r := range errorRules {
		if regexp.MustCompile(`(?i)` + r.Pattern).MatchString(text) {
			return r.Kind
		}
	}
	return "other"
}

// ErrorRuleViews are the rules as the template writes them: the kind and
// the pattern as literals. Only Exchange Online scripts carry the
// dehydrated rule: organization customization does not exist on-premises.
func ErrorRuleViews(online bool) []ErrorRule {
	var out []ErrorRule
	for _, r := range errorRules {
		if r.Kind == "dehydrated" && !online {
			continue
		}
		out = append(out, ErrorRule{Kind: pstext.Quote(r.Kind), Pattern: pstext.Quote(r.Pattern)})
	}
	return out
}

// QuotedViews are quotedIdentities and quotedReplacement as literals for
// the template.
func QuotedViews() []string {
	out := make([]string, len(quotedIdentities))
	for i, q := range quotedIdentities {
		out[i] = pstext.Quote(q)
	}
	return out
}
