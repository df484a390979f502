package kinds

import (
	"strconv"
	"strings"
)

// DNAttribute is one attribute of a distinguished name: its type (CN, O)
// and its value, unescaped and unquoted.
type DNAttribute struct {
	Type, Value string
}

// SplitDN splits a distinguished name into its RDNs, each trimmed, as
// RFC 4514 reads it: at a comma that is neither escaped (\,) nor inside a
// quoted value ("Contoso, Inc.", which Windows renders). The engine's
// ConvertTo-HybridcDnText splits the same way.
func SplitDN(dn string) []string {
	return splitUnescaped(dn, ',')
}

// splitUnescaped splits s at sep outside quotes and escapes, trimming
// each part.
func splitUnescaped(s string, sep byte) []string {
	var parts []string
	start, quoted := 0, false
	for k := 0; k < len(s); k++ {
		switch {
		case s[k] == '\\':
			k++
		case s[k] == '"':
			quoted = !quoted
		case s[k] == sep && !quoted:
			parts = append(parts, strings.TrimSpace(s[start:k]))
			start = k + 1
		}
	}
	return append(parts, strings.TrimSpace(s[min(start, len(s)):]))
}

// DNAttributes are the attributes of a distinguished name, in order: each
// RDN split at its unescaped, unquoted '+' (a multi-valued RDN), each
// value unescaped (\, \+ \" \\ and \XX hex pairs) and unquoted.
func DNAttributes(dn string) []DNAttribute {
	var out []DNAttribute
	for _, rdn := range SplitDN(dn) {
		for _, pair := range splitUnescaped(rdn, '+') {
			k, v, ok := strings.Cut(pair, "=")
			if !ok {
				continue
			}
			out = append(out, DNAttribute{Type: strings.TrimSpace(k), Value: dnValue(strings.TrimSpace(v))})
		}
	}
	return out
}

// dnValue is an attribute value without its quotes and escapes.
func dnValue(v string) string {
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		v = v[1 : len(v)-1]
	}
	var b strings.Builder
	for k := 0; k < len(v); k++ {
		if v[k] != '\\' || k+1 == len(v) {
			b.WriteByte(v[k])
			continue
		}
		if k+2 < len(v) {
			if n, err := strconv.ParseUint(v[k+1:k+3], 16, 8); err == nil {
				b.WriteByte(byte(n))
				k += 2
				continue
			}
		}
		k++
		b.WriteByte(v[k])
	}
	return b.String()
}

// SubjectCNs are the CN values of a certificate subject.
func SubjectCNs(subject string) []string {
	var cns []string
	for _, a := range DNAttributes(subject) {
		if strings.EqualFold(a.Type, "CN") {
			cns = append(cns, a.Value)
		}
	}
	return cns
}
