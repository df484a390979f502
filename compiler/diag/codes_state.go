package diag

// Diagnostic codes of state files (hybridc import, plan --state, batches
// --state): the JSON an export script wrote.
const (
	CodeStateSyntax  = "HC0501"
	CodeStateVersion = "HC0502"
	CodeStateContent = "HC0503"
	CodeStateMissing = "HC0504"
)

var stateRules = []Rule{
	{CodeStateSyntax, "state-syntax", "A state file is not valid JSON, is not UTF-8 (or escapes a lone surrogate), names a key twice or in two letter cases, nests or lists beyond the caps, or a value has the wrong type (the message gives the JSON pointer)."},
	{CodeStateVersion, "state-version", "A state file's formatVersion is not one this hybridc reads, or its kind is unknown."},
	{CodeStateContent, "state-content", "A state file lacks a required value (an entry without the value that identifies it: a recipient's guid, a permission's mailbox and access, a role group's name, ...), holds more recipients than the cap, or names the same organization as another state file given."},
	{CodeStateMissing, "state-not-read", "Warning: no state file describes an organization the configuration configures: plan --state does not compare its script."},
}

func init() { Rules = append(Rules, stateRules...) }

// CodeStateUnresolved is the warning for a declared name that resolves to
// no object, or several, in the state: the script would fail there.
const CodeStateUnresolved = "HC0505"
