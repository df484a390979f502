package model

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hybridc/hybridc/compiler/config"
)

// TestPerObjectForm: a name every per-object read takes with -Identity is
// read one by one; a SID, Domain\User, a GUID (perhaps an
// ExternalDirectoryObjectId) or a wildcard sends the script to the bulk
// read.
func TestPerObjectForm(t *testing.T) {
	for name, want := range map[string]bool{
		"ONPREM1":                              true,
		"bob@contoso.com":                      true,
		"CN=Bob,OU=Users,DC=contoso":           true,
		"contoso.com/Users/Bob":                true,
		"Project Falcon":                       true,
		"S-1-5-21-1-2-3-1105":                  false,
		`CONTOSO\bob`:                          false,
		"0b3b4d3e-8a2f-4c1e-9d2a-1f2e3d4c5b6a": false,
		"bob*":                                 false,
		"b?b":                                  false,
	} {
		if got := perObjectForm(name); got != want {
			t.Errorf("perObjectForm(%q) = %v; want %v", name, got, want)
		}
	}
}

// TestUnifiedGroupNames: the groups and their link sets name each group
// once; one group over the threshold sends the script to the bulk read.
func TestUnifiedGroupNames(t *testing.T) {
	group := func(kind, address string) *Resource {
		return &Resource{Kind: kind, Spec: &config.UnifiedGroup{PrimarySmtpAddress: config.SMTPAddress(address)}}
	}
	var rs []*Resource
	for i := range UnifiedGroupThreshold {
		address := fmt.Sprintf("g%d@groups.contoso.com", i)
		rs = append(rs, group(KindUnifiedGroup, address), group(KindGroupMembers, strings.ToUpper(address)))
	}
	if got := UnifiedGroupNames(rs); len(got) != UnifiedGroupThreshold {
		t.Fatalf("%d groups at the threshold: %d names; want each once", UnifiedGroupThreshold, len(got))
	}
	rs = append(rs, group(KindGroupOwners, "one-more@groups.contoso.com"))
	if got := UnifiedGroupNames(rs); got != nil {
		t.Errorf("one group over the threshold: %d names; want the bulk read (nil)", len(got))
	}
}
