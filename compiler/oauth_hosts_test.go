package compiler

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/diag"
)

// TestOAuthHosts: an auth server's metadata from a host other than
// Microsoft's login host of the tenant's cloud is refused (HC0395), a
// Unicode lookalike host is refused by the schema (URLs are ASCII), and
// an on-premises intra-organization connector discovering elsewhere than
// Microsoft's Autodiscover host of the cloud is warned about (HC0396).
func TestOAuthHosts(t *testing.T) {
	data, err := os.ReadFile("../golden/cases/oauth/input.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	const login, autodiscover = "https://login.microsoftonline.com/", "discoveryEndpoint: https://autodiscover-s.outlook.com/"
	if !strings.Contains(src, login) || !strings.Contains(src, autodiscover) {
		t.Fatal("the oauth case has no Microsoft login or autodiscover URL")
	}
	has := func(src, code string) bool {
		for _, c := range codesOf(t, src) {
			if strings.HasPrefix(c, code) {
				return true
			}
		}
		return false
	}
	if has(src, diag.CodeAuthMetadataHost) || has(src, diag.CodeDiscoveryHost) {
		t.Errorf("the case's Microsoft hosts are refused: %v", codesOf(t, src))
	}
	at := strings.Index(src, login)
	pos := fmt.Sprintf(" %d:%d", strings.Count(src[:at], "\n")+1, at-strings.LastIndex(src[:at], "\n"))
	for _, host := range []string{"https://login.attacker.example/", "https://login.microsoftonline.com.attacker.example/", "https://login.microsoftonline.us/"} {
		if bad := strings.Replace(src, login, host, 1); !has(bad, diag.CodeAuthMetadataHost+pos) {
			t.Errorf("%s: %v, want %s at the URL", host, codesOf(t, bad), diag.CodeAuthMetadataHost)
		}
	}
	lookalike := strings.Replace(src, login, "https://login.microsoft\u043enline.com/", 1)
	if got := codesOf(t, lookalike); len(got) == 0 || !strings.HasPrefix(got[0], diag.CodeBadFormat) {
		t.Errorf("a lookalike host: %v, want a schema error", got)
	}
	other := strings.Replace(src, autodiscover, "discoveryEndpoint: https://autodiscover.attacker.example/", 1)
	if !has(other, diag.CodeDiscoveryHost) || strings.Contains(strings.Join(codesOf(t, other), ","), diag.CodeAuthMetadataHost) {
		t.Errorf("another discovery host: %v, want %s", codesOf(t, other), diag.CodeDiscoveryHost)
	}
}
