package diag

// Rule describes one diagnostic code: its stable identifier, a short name,
// and what it means. The README's table of codes and the machine-readable
// formats are built from this list.
type Rule struct {
	Code    string
	Name    string
	Summary string
}

// Diagnostic codes. They are stable: a code is never reused for another
// meaning.
const (
	CodeMoreDiagnostics = "HC0100"
	CodeYAMLSyntax      = "HC0101"
	CodeDuplicateKey    = "HC0102"
	CodeSecondDocument  = "HC0103"
	CodeEmptyDocument   = "HC0104"
	CodeUnsupportedYAML = "HC0105"
	CodeMergeConflict   = "HC0106"
	CodeFileName        = "HC0107"
	CodeTextForm        = "HC0108"
	CodeTooManyKeys     = "HC0110"
	CodeTooManyNodes    = "HC0111"

	CodeUnknownKey  = "HC0201"
	CodeMissingKey  = "HC0202"
	CodeWrongType   = "HC0203"
	CodeNotAllowed  = "HC0204"
	CodeBadFormat   = "HC0205"
	CodeBadList     = "HC0206"
	CodeSchemaOther = "HC0207"
	CodeNotString   = "HC0209"

	CodeOnPremDomain         = "HC0301"
	CodeOnlineDomain         = "HC0302"
	CodeScopeWithoutFreeBusy = "HC0303"
	CodeFreeBusyLevelNone    = "HC0304"
	CodeForestUndeclared     = "HC0305"
	CodeDuplicateName        = "HC0306"
	CodeDependencyMissing    = "HC0307"
	CodeDependencyAbsent     = "HC0308"
	CodePartnerDomain        = "HC0309"
	CodeMailTipsLevel        = "HC0310"
	CodeCredentials          = "HC0311"

	CodeDependencyCycle = "HC0401"
)

// Rules lists every diagnostic code in order.
var Rules = []Rule{
	{CodeMoreDiagnostics, "more-diagnostics", "More findings than a run reports (200 by default, validate's --max-diagnostics): the check stopped, and says how many more there were, or \"and more\" when it stopped without counting them."},
	{CodeYAMLSyntax, "yaml-syntax", "The file is not valid YAML."},
	{CodeDuplicateKey, "duplicate-key", "A mapping names the same key twice."},
	{CodeSecondDocument, "second-document", "The file holds more than one YAML document."},
	{CodeEmptyDocument, "empty-document", "The file holds no YAML document."},
	{CodeUnsupportedYAML, "unsupported-yaml", "A YAML feature hybridc does not accept: a tag other than the core ones (!!binary and custom tags), complex keys, alias expansion beyond the budget."},
	{CodeTooManyKeys, "too-many-keys", "A mapping has more keys than any hybridc object could (64; none has more than 15): the file is refused before it is parsed in full, so that a file of millions of keys takes no memory in step with them."},
	{CodeTooManyNodes, "too-many-nodes", "The file has more than 10,000,000 places where a value, key, list item or collection could start (50,000 mailboxes and 500,000 permissions have 7.9 million): it is refused from the raw text before it is parsed, so that memory stays bounded whatever the file holds."},
	{CodeFileName, "file-name", "A file's name holds a control character or a line separator. File names reach the scripts (as data) and every message: rename the file."},
	{CodeTextForm, "text-form", "The file is not UTF-8 text with LF or CRLF line breaks: UTF-16 or UTF-32, invalid UTF-8, a carriage return without a line feed, or U+0085, U+2028 or U+2029 anywhere (YAML reads those as line breaks, git and review tools do not, so a diff could hide a line)."},
	{CodeMergeConflict, "merge-conflict", "Two files of a directory give the same key a value that does not merge: a scalar given twice, or a mapping in one file and a list in the other. The diagnostic names both positions (the first as a related position)."},
	{CodeUnknownKey, "unknown-key", "A key the schema does not define (often a typo)."},
	{CodeMissingKey, "missing-key", "A required key is missing."},
	{CodeWrongType, "wrong-type", "A value of the wrong type, such as `enabled: no` instead of `false`."},
	{CodeNotAllowed, "not-allowed", "A value outside the allowed values of an enumeration."},
	{CodeBadFormat, "bad-format", "A string that is not of the required form (domain name, tenant name, URL, length)."},
	{CodeBadList, "bad-list", "A list that is empty where it must not be, or repeats an item (domain names and addresses in any letter case)."},
	{CodeSchemaOther, "schema", "Any other schema violation."},
	{CodeNotString, "not-a-string", "A YAML number, boolean or null (2016, 2016.0, 0x7E0, true, ~) where a string is required: write it in quotes (exchangeVersion: \"2016\"); the message shows the quoted form, or the allowed strings when quoting alone is not enough."},
	{CodeOnPremDomain, "onprem-relationship-domains", "The on-premises relationship towards the tenant lacks what onPremises.exchangeVersion's model needs: with Exchange 2013 and later (the Hybrid Configuration Wizard's model), the coexistence domain exchangeOnline.routingDomain; with Exchange 2010 and 2007 (seed 000), the service routing namespace and every primary SMTP domain of the tenant."},
	{CodeOnlineDomain, "online-relationship-domains", "The tenant's relationship towards on-premises lacks the federated delegation namespace or one of the on-premises primary SMTP domains."},
	{CodeScopeWithoutFreeBusy, "freebusy-scope-without-access", "freeBusyAccessScope is set but freeBusyAccessEnabled is not true."},
	{CodeFreeBusyLevelNone, "freebusy-level-none", "Free/busy access is enabled with level None, which shares nothing."},
	{CodeForestUndeclared, "availability-forest-undeclared", "An availability address space's forest is not a namespace declared in the file."},
	{CodeDuplicateName, "duplicate-name", "Two resources of one kind in one organization have the same name (names compare case-insensitively, as in Exchange), or names that differ only in letters .NET versions fold differently (ı, İ, ſ, the Kelvin sign)."},
	{CodeDependencyMissing, "dependency-missing", "dependsOn names a resource that is not declared in the same organization."},
	{CodeDependencyAbsent, "dependency-absent", "A resource to be present depends on one declared absent."},
	{CodePartnerDomain, "partner-relationship-domains", "A partner relationship does not list the domain of the tenant it points at."},
	{CodeMailTipsLevel, "mailtips-level-without-access", "mailTipsAccessLevel is set but mailTipsAccessEnabled is not true (warning)."},
	{CodeCredentials, "availability-credentials", "An availability address space's credentials are missing or contradictory."},
	{CodeDependencyCycle, "dependency-cycle", "Resources depend on each other in a cycle; the message gives the whole path."},
}
