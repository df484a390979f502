package pscheck

import (
	"reflect"
	"testing"
)

// These tests read only the embedded catalog: they run without cgo too.

func TestCatalogLoads(t *testing.T) {
	cat, err := loadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(cat.Cmdlets); n < 1400 {
		t.Errorf("catalog has %d cmdlets, want the ~1,437 documented ones", n)
	}
	if cat.Source.Commit == "" {
		t.Error("catalog source commit is empty")
	}
	want := []string{"Exchange Server 2010", "Exchange Server 2013", "Exchange Server 2016", "Exchange Server 2019", "Exchange Server SE"}
	if got := OnPremVersions(); !reflect.DeepEqual(got, want) {
		t.Errorf("OnPremVersions() = %q, want %q", got, want)
	}
}

func TestCatalogLookups(t *testing.T) {
	cat, err := loadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		cmdlet    string
		param     string
		wantParam string // "" when the parameter must not resolve
	}{
		{name: "case-insensitive cmdlet and parameter", cmdlet: "set-organizationrelationship", param: "domainnames", wantParam: "DomainNames"},
		{name: "catalog alias", cmdlet: "Set-OrganizationRelationship", param: "cf", wantParam: "Confirm"},
		{name: "abbreviation is not resolved", cmdlet: "Set-OrganizationRelationship", param: "Ident", wantParam: ""},
		{name: "real name beats a clashing alias", cmdlet: "Get-MoveRequest", param: "MoveStatus", wantParam: "MoveStatus"},
		{name: "clashing alias wi goes to WhatIf", cmdlet: "Invoke-HoldRemovalAction", param: "wi", wantParam: "WhatIf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec, ok := cat.lookup(tt.cmdlet)
			if !ok {
				t.Fatalf("cmdlet %s not found", tt.cmdlet)
			}
			got, _, ok := spec.resolve(tt.param)
			if got != tt.wantParam || ok != (tt.wantParam != "") {
				t.Errorf("resolve(%q) = %q, %v; want %q", tt.param, got, ok, tt.wantParam)
			}
		})
	}
}

func TestCatalogEnvironments(t *testing.T) {
	cat, err := loadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		cmdlet string
		param  string // "" for the cmdlet itself
		env    Env
		want   bool
	}{
		{name: "on-premises-only cmdlet online", cmdlet: "New-AcceptedDomain", env: online, want: false},
		{name: "on-premises-only cmdlet on 2019", cmdlet: "New-AcceptedDomain", env: onPrem2019, want: true},
		{name: "online-only cmdlet on 2019", cmdlet: "Enable-OrganizationCustomization", env: onPrem2019, want: false},
		{name: "on-premises parameter online", cmdlet: "Add-AvailabilityAddressSpace", param: "UseServiceAccount", env: online, want: false},
		{name: "parameter without env takes the cmdlet's", cmdlet: "Set-Mailbox", param: "MessageRecallProcessingEnabled", env: online, want: true},
		{name: "unknown version matches nothing", cmdlet: "Get-Mailbox", env: Env{OnPremVersion: "2019"}, want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec, ok := cat.lookup(tt.cmdlet)
			if !ok {
				t.Fatalf("cmdlet %s not found", tt.cmdlet)
			}
			e := spec.Env
			if tt.param != "" {
				_, ps, ok := spec.resolve(tt.param)
				if !ok {
					t.Fatalf("parameter %s not found", tt.param)
				}
				e = spec.paramEnv(ps)
			}
			if got := e.has(tt.env); got != tt.want {
				t.Errorf("available in %s = %v, want %v", tt.env, got, tt.want)
			}
		})
	}
}
