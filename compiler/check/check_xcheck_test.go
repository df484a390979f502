package check

import "testing"

// TestCoversHost: a certificate name covers itself and, as a wildcard,
// the hosts one label below, ignoring case and a final dot.
func TestCoversHost(t *testing.T) {
	for _, c := range []struct {
		name, host string
		want       bool
	}{
		{"mail.contoso.com", "MAIL.contoso.com.", true},
		{"mail.contoso.com", "relay.contoso.com", false},
		{"*.contoso.com", "relay.contoso.com", true},
		{"*.contoso.com", "contoso.com", false},
		{"*.contoso.com", "a.b.contoso.com", false},
	} {
		if got := coversHost(c.name, c.host); got != c.want {
			t.Errorf("coversHost(%q, %q) = %t, want %t", c.name, c.host, got, c.want)
		}
	}
}
