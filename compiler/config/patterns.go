package config

import "strings"

// hostLabel is one DNS label: letters, digits and inner hyphens.
const hostLabel = `[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?`

// noControl forbids control characters, which have no place in Exchange
// names and would break the layout of a script.
const noControl = `^[^\x00-\x1F\x7F]*$`

// aliasChars are the characters of an Exchange alias but the period, less
// the wildcards * and ? (Exchange allows them; in an identity they match
// many objects).
const aliasChars = "[A-Za-z0-9!#$%&'+\\-/=^_`{|}~\u00A1-\u00FF]"

// Patterns are the regular expressions of the named string types, used by
// the generated schema, with the form a message names when a value does not
// match.
var Patterns = map[string]Pattern{
	"DomainName": {`^` + hostLabel + `(?:\.` + hostLabel + `)+$`, "a DNS domain name such as contoso.com"},
	"TenantName": {`^` + hostLabel + `\.(?:onmicrosoft\.com|onmicrosoft\.us|partner\.onmschina\.cn)$`,
		"a tenant name such as contoso.onmicrosoft.com (contoso.onmicrosoft.us, contoso.partner.onmschina.cn in sovereign clouds)"},
	"RoutingDomain": {`^` + hostLabel + `\.mail\.(?:onmicrosoft\.com|onmicrosoft\.us|partner\.onmschina\.cn)$`,
		"a routing domain such as contoso.mail.onmicrosoft.com (contoso.mail.onmicrosoft.us, contoso.mail.partner.onmschina.cn in sovereign clouds)"},
	"Alias": {"^" + aliasChars + `+(?:\.` + aliasChars + `+)*$`,
		"an Exchange alias: letters, digits and ! # $ % & ' + - / = ^ _ ` { | } ~, periods only between them, no wildcards (* ?)"},
	"HTTPSURL": {`^https://[^\s/?#]+(?:[/?#]\S*)?$`, "an https:// URL"},
	"URI":      {`^[^\s\x00-\x1F\x7F]+$`, "a URI or host name without spaces"},
	"Name":     {noControl, "a name without control characters"},
	"Identity": {noControl, "a name or address without control characters"},
	"ResourceRef": {`^(?:` + strings.Join(ResourceKinds, "|") + `)/[^\x00-\x1F\x7F]+$`,
		"kind/name, where kind is one of " + strings.Join(ResourceKinds, ", ")},
	"SMTPAddress":       {`^[^\s@<>()\[\],;:"\x00-\x1F\x7F]+@` + hostLabel + `(?:\.` + hostLabel + `)+$`, "an SMTP address such as sales@groups.contoso.com"},
	"FolderName":        {`^[^\x00-\x1F\x7F:]+$`, "a folder path such as Calendar or Inbox\\Projects, without colons or control characters"},
	"DistinguishedName": {`^(?:[A-Za-z]+=[^\x00-\x1F\x7F]+)$`, "a distinguished name such as CN=AAD_1234,CN=Users,DC=contoso,DC=com"},
	"Version":           {`^[0-9]+(?:\.[0-9]+){1,3}$`, "a version number such as 1.1.553.0"},
}

// Pattern is a regular expression and the form it stands for, in words.
type Pattern struct {
	Pattern string
	Form    string
}
