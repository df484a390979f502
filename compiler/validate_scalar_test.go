package compiler

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/diag"
	"github.com/hybridc/hybridc/compiler/load"
)

// withVersion is a valid hybrid file with exchangeVersion written as v
// (line 4, the value at column 20) and a relationship towards the tenant.
func withVersion(v string) string {
	return strings.Replace(hybridYAML(toCloud, ""), "exchangeVersion: SE", "exchangeVersion: "+v, 1)
}

const allowedVersions = `use one of: "2007", "2010", "2013", "2016", "2019", "SE"`

// TestVersionMustBeAString: a YAML number is never a version, whatever its
// spelling; the message shows the quoted form, or, when the number is
// not one written as a version, the allowed strings quoted.
func TestVersionMustBeAString(t *testing.T) {
	tests := []struct{ value, want string }{
		{"2016", `strict.yaml:4:20: error HC0209: exchangeVersion: use a string: "2016" (unquoted, 2016 is a number in YAML)`},
		{"2010", `strict.yaml:4:20: error HC0209: exchangeVersion: use a string: "2010" (unquoted, 2010 is a number in YAML)`},
		{"2016.0", `strict.yaml:4:20: error HC0209: exchangeVersion: 2016.0 is a number in YAML, not a string; ` + allowedVersions},
		{"0x7E0", `strict.yaml:4:20: error HC0209: exchangeVersion: 0x7E0 is a number in YAML, not a string; ` + allowedVersions},
		{"2.016e3", `strict.yaml:4:20: error HC0209: exchangeVersion: 2.016e3 is a number in YAML, not a string; ` + allowedVersions},
		{"0o3740", `strict.yaml:4:20: error HC0209: exchangeVersion: 0o3740 is a number in YAML, not a string; ` + allowedVersions},
		{"true", `strict.yaml:4:20: error HC0209: exchangeVersion: true is a boolean in YAML, not a string; ` + allowedVersions},
		{"~", `strict.yaml:4:20: error HC0209: exchangeVersion: ~ is null (no value) in YAML, not a string; ` + allowedVersions},
		{"null", `strict.yaml:4:20: error HC0209: exchangeVersion: null is null (no value) in YAML, not a string; ` + allowedVersions},
		// A string outside the enumeration is HC0204, its list quoting the
		// values YAML would otherwise read as numbers.
		{`"2012"`, `strict.yaml:4:20: error HC0204: exchangeVersion: "2012" is not allowed; use one of: "2007", "2010", "2013", "2016", "2019", SE`},
		{"yes", `strict.yaml:4:20: error HC0204: exchangeVersion: "yes" is not allowed; use one of: "2007", "2010", "2013", "2016", "2019", SE`},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			res := Analyze(load.Source{Name: "strict.yaml", Data: []byte(withVersion(tt.value))})
			if got := res.Diagnostics.String(); strings.TrimSpace(got) != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.want)
			}
			if res.Config != nil {
				t.Errorf("a configuration was decoded, exchangeVersion %q", res.Config.OnPremises.ExchangeVersion)
			}
		})
	}
}

// TestQuotedVersionPasses: a version written as a string, in any of YAML's
// ways, is that version (and gets its rules: 2016 is out of support).
func TestQuotedVersionPasses(t *testing.T) {
	for _, v := range []string{`"2016"`, `'2016'`, `!!str 2016`, "|-\n    2016"} {
		t.Run(v, func(t *testing.T) {
			res := Analyze(load.Source{Name: "strict.yaml", Data: []byte(withVersion(v))})
			if res.Schedule == nil || res.Config.OnPremises.ExchangeVersion != "2016" {
				t.Fatalf("not compiled as 2016:\n%s", res.Diagnostics)
			}
			if got := codes(res.Diagnostics); len(got) != 1 || got[0] != diag.CodeExchangeEndOfSupport {
				t.Errorf("codes = %v, want the end-of-support warning only", got)
			}
		})
	}
}

// TestStringFieldsRefuseScalars: every string-typed field refuses a YAML
// number, boolean or explicit null, at the value, with the quoted form or
// what the field needs; an empty value stays HC0203; YAML 1.1's yes/no and
// a plain date are strings; integer and boolean fields take numbers and
// booleans.
func TestStringFieldsRefuseScalars(t *testing.T) {
	rel := func(field string) string {
		return "  organizationRelationships:\n    - name: To Cloud\n      domainNames: [contoso.mail.onmicrosoft.com, service.contoso.com, contoso.com]\n      " + field + "\n"
	}
	tests := []struct {
		name, onprem, online string
		want                 string // "" for a clean compile
	}{
		{name: "number as a name", onprem: "  organizationRelationships:\n    - name: 2016\n      domainNames: [contoso.mail.onmicrosoft.com, service.contoso.com, contoso.com]\n",
			want: `strict.yaml:8:13: error HC0209: name: use a string: "2016" (unquoted, 2016 is a number in YAML)`},
		{name: "boolean as a name", onprem: "  organizationRelationships:\n    - name: false\n      domainNames: [contoso.mail.onmicrosoft.com, service.contoso.com, contoso.com]\n",
			want: `strict.yaml:8:13: error HC0209: name: use a string: "false" (unquoted, false is a boolean in YAML)`},
		{name: "null as a name", onprem: "  organizationRelationships:\n    - name: ~\n      domainNames: [contoso.mail.onmicrosoft.com, service.contoso.com, contoso.com]\n",
			want: `strict.yaml:8:13: error HC0209: name: use a string: "~" (unquoted, ~ is null (no value) in YAML)`},
		{name: "empty name is still an empty value", onprem: "  organizationRelationships:\n    - name:\n      domainNames: [contoso.mail.onmicrosoft.com, service.contoso.com, contoso.com]\n",
			want: `strict.yaml:8:12: error HC0203: name: expected a string, got nothing (an empty value)`},
		{name: "number in an enumeration", onprem: rel("freeBusyAccessLevel: 1"),
			want: `strict.yaml:10:28: error HC0209: freeBusyAccessLevel: 1 is a number in YAML, not a string; use one of: "None", "AvailabilityOnly", "LimitedDetails"`},
		{name: "number where a domain is needed", onprem: "  organizationRelationships:\n    - name: To Cloud\n      domainNames: [service.contoso.com, 12]\n",
			want: `strict.yaml:9:42: error HC0209: domainNames[1]: 12 is a number in YAML, not a string; write a DNS domain name such as contoso.com`},
		{name: "a mapping where a string is needed", onprem: "  organizationRelationships:\n    - name: [To Cloud]\n      domainNames: [contoso.mail.onmicrosoft.com, service.contoso.com, contoso.com]\n",
			want: `strict.yaml:8:13: error HC0203: name: expected a string, got a list`},
		{name: "yes and no are strings", onprem: "  organizationRelationships:\n    - name: yes\n      domainNames: [contoso.mail.onmicrosoft.com, service.contoso.com, contoso.com]\n    - name: No\n      domainNames: [contoso.mail.onmicrosoft.com, service.contoso.com, contoso.com]\n    - name: off\n      ensure: absent\n"},
		{name: "a plain date is a string", onprem: "  organizationRelationships:\n    - name: 2024-01-02\n      domainNames: [contoso.mail.onmicrosoft.com, service.contoso.com, contoso.com]\n"},
		{name: "integers and booleans take numbers and booleans", onprem: "  cumulativeUpdate: 23\n" + rel("freeBusyAccessEnabled: true")},
		{name: "a quoted integer is still refused", onprem: "  cumulativeUpdate: \"23\"\n" + toCloud,
			want: `strict.yaml:7:21: error HC0203: cumulativeUpdate: expected an integer, got a string "23" (leave out the quotes)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Analyze(load.Source{Name: "strict.yaml", Data: []byte(hybridYAML(tt.onprem, tt.online))})
			got := strings.TrimSpace(res.Diagnostics.String())
			if tt.want == "" && res.Schedule == nil {
				t.Fatalf("not compiled:\n%s", got)
			}
			if tt.want != "" && got != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestLongListItemNotAString: the items of a long list, validated one by
// one, are held to strings as well.
func TestLongListItemNotAString(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 1\nexchangeOnline:\n  tenant: contoso.onmicrosoft.com\n  primarySmtpDomains: [contoso.com]\nmailboxes:\n")
	for i := range 2 * load.LongList {
		name := fmt.Sprintf("user%d", i)
		if i == load.LongList+3 {
			name = "1e3"
		}
		fmt.Fprintf(&b, "  - {name: %s, location: exchangeOnline}\n", name)
	}
	res := Analyze(load.Source{Name: "long.yaml", Data: []byte(b.String())})
	want := fmt.Sprintf(`long.yaml:%d:12: error HC0209: name: use a string: "1e3" (unquoted, 1e3 is a number in YAML)`, 6+load.LongList+3)
	if got := strings.TrimSpace(res.Diagnostics.String()); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}

// TestDecodeReadsNoNumberAsAString: the decoder itself never turns a
// number into a string field's text, even for a document not validated.
func TestDecodeReadsNoNumberAsAString(t *testing.T) {
	doc, diags := load.Load(load.Source{Name: "d.yaml", Data: []byte(withVersion("2016.0"))})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	cfg, diags := load.Decode(doc)
	if cfg != nil || !diags.HasErrors() {
		t.Fatalf("decoded exchangeVersion: 2016.0 without an error: %+v", cfg.OnPremises)
	}
}

// TestNotAStringEscapes: a value tagged !!null keeps whatever text it was
// written with; the message shows it escaped, never raw.
func TestNotAStringEscapes(t *testing.T) {
	yaml := strings.Replace(hybridYAML(toCloud, ""), "organization: Contoso", `organization: !!null "\e[31mX"`, 1)
	res := Analyze(load.Source{Name: "esc.yaml", Data: []byte(yaml)})
	got := res.Diagnostics.String()
	if strings.ContainsRune(got, 0x1b) || !strings.Contains(got, `HC0209: organization: "\x1b[31mX" is null (no value) in YAML, not a string; write a name without wildcards`) {
		t.Errorf("diagnostics:\n%q", got)
	}
}
