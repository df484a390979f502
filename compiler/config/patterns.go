package config

import (
	"strings"
	"unicode"
)

// ipv4 is a dotted IPv4 address, each octet 0-255.
const ipv4 = `(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}`

// hostLabel is one DNS label: letters, digits and inner hyphens.
const hostLabel = `[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?`

// controls are the characters no value may hold: C0 controls, DEL, C1
// controls (U+0080 to U+009F, NEL among them), the Unicode line and
// paragraph separators U+2028 and U+2029, and the invisible format
// characters (Unicode category Cf: the soft hyphen, zero-width spaces and
// joiners, bidirectional marks and overrides, the byte order mark). They
// have no place in Exchange names: the first would break the layout of a
// script, the others make two names that look alike differ, or one that
// looks harmless compare equal to another where a comparison ignores them
// (PowerShell's -eq does). The characters are written as themselves, which
// RE2 and ECMA-262 both read inside a class.
var controls = `\x00-\x1F\x7F-\x9F` + "\u2028\u2029" + formatChars()

// formatChars is a character class body (ranges) of the format characters
// of the Basic Multilingual Plane, from Go's Unicode tables (category Cf).
// Format characters beyond it (tags, musical symbol controls) are refused
// by the validate stage itself: ECMA-262 patterns without the u flag, as
// editors read the schema, cannot name them.
func formatChars() string {
	var b strings.Builder
	for _, r := range unicode.Cf.R16 {
		for lo := rune(r.Lo); lo <= rune(r.Hi); lo += rune(r.Stride) {
			hi := lo
			if r.Stride == 1 {
				hi = rune(r.Hi)
			}
			b.WriteRune(lo)
			if hi > lo {
				b.WriteByte('-')
				b.WriteRune(hi)
			}
			if r.Stride == 1 {
				break
			}
		}
	}
	return b.String()
}

// wildcards are the characters Exchange reads as wildcards in an identity
// (Get-MailUser -Identity '*' is every mail user).
const wildcards = `*?`

// exactName forbids control characters and wildcards: a name or identity
// must name exactly one object.
var exactName = `^[^` + controls + wildcards + `]*$`

// aliasChars are the characters of an Exchange alias but the period, less
// the wildcards * and ? (Exchange allows them; in an identity they match
// many objects).
const aliasChars = "[A-Za-z0-9!#$%&'+\\-/=^_`{|}~\u00A1-\u00AC\u00AE-\u00FF]"

// WildcardTypes are the string types whose pattern refuses the wildcards
// * and ?: a value of one of them that holds a wildcard is reported as
// such (HC0208), not as a bad format.
var WildcardTypes = []string{"Name", "Identity", "SMTPAddress", "Alias", "ResourceRef"}

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
	// ASCII only: a Unicode lookalike host (login.microsoftonIine.com with
	// another script's letters) reads as Microsoft's; punycode (xn--) is
	// what the URL really names.
	"HTTPSURL": {`^https://[\x21\x22\x24-\x2e\x30-\x3e\x40-\x7e]+(?:[/?#][\x21-\x7e]*)?$`, "an https:// URL in ASCII (an internationalized host in its xn-- form)"},
	"URI":      {`^[^\s` + controls + `]+$`, "a URI or host name without spaces"},
	"Name":     {exactName, "a name without wildcards (* ?), control or invisible characters"},
	"Identity": {exactName, "a name or address without wildcards (* ?), control or invisible characters"},
	"ResourceRef": {`^(?:` + strings.Join(ResourceKinds, "|") + `)/[^` + controls + wildcards + `]+$`,
		"kind/name, where kind is one of " + strings.Join(ResourceKinds, ", ") + ", and name has no wildcards (* ?)"},
	"SMTPAddress": {`^[^\s@<>()\[\],;:"` + controls + wildcards + `]+@` + hostLabel + `(?:\.` + hostLabel + `)+$`,
		"an SMTP address such as sales@groups.contoso.com, without wildcards (* ?)"},
	"AddressTemplate": {`^smtp:[^\s@<>()\[\],;:"` + controls + wildcards + `]+@` + hostLabel + `(?:\.` + hostLabel + `)+$`,
		"a secondary SMTP address template such as smtp:%m@contoso.mail.onmicrosoft.com (the prefix smtp: in lower case)"},
	"GUID":              {`^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$`, "a GUID such as 8a5e1f3c-7b2d-4e6a-9c1f-2d3b4a5c6e7f"},
	"FolderName":        {`^[^` + controls + `:]+$`, "a folder path such as Calendar or Inbox\\Projects, without colons, control or invisible characters"},
	"DistinguishedName": {`^(?:[A-Za-z]+=[^` + controls + `]*[^ ` + controls + `])$`, "a distinguished name such as CN=AAD_1234,CN=Users,DC=contoso,DC=com, without leading or trailing spaces"},
	"Version":           {`^[0-9]+(?:\.[0-9]+){1,3}$`, "a version number such as 1.1.553.0"},
	"Thumbprint":        {`^[0-9A-Fa-f]{40}$`, "a certificate thumbprint: 40 hexadecimal digits"},
	"Date":              {`^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$`, "a date written YYYY-MM-DD"},
	"Build":             {`^15\.[0-9]+\.[0-9]+\.[0-9]+$`, "an Exchange build number such as 15.2.1748.24"},
	"CertificateName": {`^<I>[^<>` + controls + `]+<S>[^<>` + controls + `]+$`,
		"a certificate as <I>issuer<S>subject, such as <I>CN=R3, O=Let's Encrypt, C=US<S>CN=mail.contoso.com"},
	"CertificateDN": {`^[A-Za-z]+=[^<>` + controls + `]*[^ <>` + controls + `]$`,
		"a distinguished name such as CN=mail.contoso.com, O=Contoso, C=US, without < > or leading and trailing spaces"},
	// A host name whose last label starts with a letter (as every top-level
	// domain does: 999.1.1.1 is no host name), or an IPv4 address with
	// octets 0-255, bare or in balanced brackets.
	"SmartHost": {`^(?:(?:` + hostLabel + `\.)*[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?|` + ipv4 + `|\[` + ipv4 + `\])$`,
		"a host name such as smtp.contoso.com or an IPv4 address such as 10.0.0.1 (octets 0-255, brackets balanced)"},
}

// Pattern is a regular expression and the form it stands for, in words.
type Pattern struct {
	Pattern string
	Form    string
}
