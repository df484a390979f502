package kinds

import (
	"testing"

	"github.com/hybridc/hybridc/compiler/config"
)

// TestTowardsPartner: an on-premises relationship is towards a partner
// when it lists a declared partner's domain (ignoring case) and none of
// our tenant's domains (tenant, routing domain, service routing namespace,
// primary SMTP domains).
func TestTowardsPartner(t *testing.T) {
	eo := &config.ExchangeOnline{Tenant: "contoso.onmicrosoft.com", RoutingDomain: "contoso.mail.onmicrosoft.com",
		ServiceRoutingNamespace: "service.contoso.com", PrimarySmtpDomains: []config.DomainName{"contoso.com"},
		Partners: []config.Partner{{Domain: "fabrikam.com"}, {Domain: "tailspintoys.com"}}}
	for _, c := range []struct {
		domains []config.DomainName
		want    config.DomainName
	}{
		{[]config.DomainName{"fabrikam.com"}, "fabrikam.com"},
		{[]config.DomainName{"TAILSPINTOYS.COM", "other.example"}, "tailspintoys.com"},
		{[]config.DomainName{"contoso.mail.onmicrosoft.com"}, ""},
		{[]config.DomainName{"fabrikam.com", "Contoso.com"}, ""},
		{[]config.DomainName{"fabrikam.com", "service.contoso.com"}, ""},
		{[]config.DomainName{"fabrikam.com", "contoso.onmicrosoft.com"}, ""},
		{[]config.DomainName{"northwind.example"}, ""},
	} {
		got := TowardsPartner(&config.OrganizationRelationship{DomainNames: c.domains}, eo)
		switch {
		case c.want == "" && got != nil:
			t.Errorf("%v: towards partner %s, want towards the tenant", c.domains, got.Domain)
		case c.want != "" && (got == nil || got.Domain != c.want):
			t.Errorf("%v: %v, want partner %s", c.domains, got, c.want)
		}
	}
}

// TestAccountNamespace: the account namespace without the prefix Exchange
// shows, in lower case.
func TestAccountNamespace(t *testing.T) {
	for in, want := range map[string]string{
		"FYDIBOHF25SPDLT.ExchangeDelegation.Contoso.com": "exchangedelegation.contoso.com",
		"fydibohf25spdlt.a.b":                            "a.b",
		"exchangedelegation.contoso.com":                 "exchangedelegation.contoso.com",
		"":                                               "",
	} {
		if got := AccountNamespace(in); got != want {
			t.Errorf("AccountNamespace(%q) = %q, want %q", in, got, want)
		}
	}
}
