package pscheck

import "testing"

func TestStateChanging(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{name: "New-RoleGroup", want: true},
		{name: "set-mailbox", want: true},
		{name: "Remove-UnifiedGroupLinks", want: true},
		{name: "Update-RoleGroupMember", want: true},
		{name: "Enable-OrganizationCustomization", want: true},
		{name: "Import-ExchangeCertificate", want: true},
		{name: "Resume-Queue", want: true},
		{name: "Search-Mailbox", want: true},
		{name: "Export-AutoDiscoverConfig", want: true},
		{name: "Get-Mailbox", want: false},
		{name: "GET-ROLEGROUPMEMBER", want: false},
		{name: "Test-OAuthConnectivity", want: false},
		{name: "Search-UnifiedAuditLog", want: false},
		{name: "Export-TransportRuleCollection", want: false},
		{name: "Connect-ExchangeOnline", want: false},
		{name: "Set-StrictMode", want: false},
		{name: "Remove-Item", want: false},
		{name: "Set-NoSuchCmdlet", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := StateChanging(tt.name); got != tt.want {
				t.Errorf("StateChanging(%q) = %v, want %v", tt.name, got, tt.want)
			}
		})
	}
}
