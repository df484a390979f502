package pscheck

import (
	"strings"
	"testing"
)

var (
	onPrem2019 = Env{OnPremVersion: "Exchange Server 2019"}
	online     = Env{Online: true}
)

// compareFunc defines the helper the generated scripts call, so that it is
// not an unknown command.
const compareFunc = "function Compare-HybridcState { param($Current, $Desired, $SetProperties) return @{} }\n"

func TestCheckCatalogAccepts(t *testing.T) {
	Require(t)
	tests := []struct {
		name string
		env  Env
		src  string
	}{
		{name: "seed Set-OrganizationRelationship", env: onPrem2019, src: "Set-OrganizationRelationship -Identity 'To Cloud' -DomainNames 'service.contoso.com','contoso.com' -MailTipsAccessEnabled:$true -MailTipsAccessLevel 'All' -DeliveryReportEnabled:$true\n"},
		{name: "seed Add-AvailabilityAddressSpace", env: onPrem2019, src: "Add-AvailabilityAddressSpace -AccessMethod 'InternalProxy' -ForestName 'service.contoso.com' -UseServiceAccount:$true\n"},
		{name: "seed splats with defined helper", env: onPrem2019, src: compareFunc + seedSplat},
		{name: "seed splats online", env: online, src: compareFunc + seedSplat},
		{name: "case-insensitive names and values", env: onPrem2019, src: "set-organizationrelationship -identity 'To Cloud' -freebusyaccesslevel 'limiteddetails' -Enabled:$TRUE\n"},
		{name: "common parameters and WhatIf/Confirm aliases", env: onPrem2019, src: "$r = Get-OrganizationRelationship -Identity 'To Cloud' -ErrorAction SilentlyContinue -Verbose -ev err\nSet-OrganizationRelationship -Identity 'To Cloud' -Enabled:$false -cf:$false -WhatIf:$true\n"},
		{name: "required parameter given positionally", env: onPrem2019, src: "New-AcceptedDomain 'Contoso' -DomainName 'contoso.com' -DomainType 'Authoritative'\n"},
		{name: "pipeline input supplies the required parameter", env: onPrem2019, src: "Get-Mailbox -ResultSize Unlimited | Set-Mailbox -HiddenFromAddressListsEnabled:$true\n"},
		{name: "unresolved splat skips the required check", env: onPrem2019, src: "$p = Import-Clixml 'params.xml'\nNew-AcceptedDomain @p\n"},
		{name: "standard cmdlets, aliases and script functions", env: online, src: "function Write-Step { param($m) Write-Host $m }\nWrite-Step 'x'\n$c = Get-ConnectionInformation\n$c | Where-Object { $_.State -eq 'Connected' } | Select-Object -First 1 | Out-Null\n@(1, 2) | % { $_ } | ? { $_ }\n.\\helper.ps1\n& $block\n"},
		{name: "online parameter set", env: online, src: "Set-OrganizationRelationship -Identity 'To Cloud' -MailboxMoveCapability 'Inbound','RemoteOutbound' -OAuthApplicationId 'x'\n"},
		{name: "variables are not checked against values", env: onPrem2019, src: "Set-OrganizationRelationship -Identity 'To Cloud' -FreeBusyAccessLevel $level\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CheckCatalog([]byte(tt.src), tt.env); len(got) != 0 {
				t.Errorf("CheckCatalog(%s) = %v, want no findings", tt.env, got)
			}
			if got := CheckCatalog(crlfBOM(tt.src), tt.env); len(got) != 0 {
				t.Errorf("CRLF+BOM: CheckCatalog(%s) = %v, want no findings", tt.env, got)
			}
		})
	}
}

func TestCheckCatalogRejects(t *testing.T) {
	Require(t)
	tests := []struct {
		name     string
		env      Env
		src      string
		wantLine int
		want     []string // substrings of one finding's message
	}{
		{name: "unknown parameter", env: onPrem2019, src: "Set-OrganizationRelationship -Identity 'To Cloud' -Bogus 'x'\n", wantLine: 1, want: []string{"Set-OrganizationRelationship", "unknown parameter -Bogus"}},
		{name: "abbreviated parameter", env: onPrem2019, src: "Set-OrganizationRelationship -Ident 'To Cloud' -Enabled:$true\n", wantLine: 1, want: []string{"Set-OrganizationRelationship", "abbreviated parameter -Ident", "-Identity"}},
		{name: "value outside values", env: onPrem2019, src: "Set-OrganizationRelationship -Identity 'To Cloud' -FreeBusyAccessLevel 'Everything'\n", wantLine: 1, want: []string{"Set-OrganizationRelationship", "-FreeBusyAccessLevel", `"Everything"`, "LimitedDetails"}},
		{name: "array element outside values", env: onPrem2019, src: "Add-MailboxPermission -Identity 'm' -User 'u' -AccessRights 'FullAccess','SendAs'\n", wantLine: 1, want: []string{"Add-MailboxPermission", "-AccessRights", `"SendAs"`}},
		{name: "boolean given a string", env: onPrem2019, src: "Set-OrganizationRelationship -Identity 'To Cloud' -Enabled:'yes'\n", wantLine: 1, want: []string{"-Enabled", `"yes"`}},
		{name: "missing required parameter", env: onPrem2019, src: "New-AcceptedDomain -Name 'Contoso'\n", wantLine: 1, want: []string{"New-AcceptedDomain", "missing required parameter -DomainName"}},
		{name: "on-premises-only cmdlet online", env: online, src: "New-AcceptedDomain -Name 'Contoso' -DomainName 'contoso.com'\n", wantLine: 1, want: []string{"New-AcceptedDomain is not available in Exchange Online"}},
		{name: "online-only cmdlet on-premises", env: onPrem2019, src: "Enable-OrganizationCustomization\n", wantLine: 1, want: []string{"Enable-OrganizationCustomization is not available in Exchange Server 2019"}},
		{name: "parameter not available online", env: online, src: "Add-AvailabilityAddressSpace -AccessMethod 'InternalProxy' -ForestName 'service.contoso.com' -UseServiceAccount:$true\n", wantLine: 1, want: []string{"Add-AvailabilityAddressSpace", "-UseServiceAccount is not available in Exchange Online"}},
		{name: "parameter not available on-premises", env: onPrem2019, src: "Set-OrganizationRelationship -Identity 'To Cloud' -OAuthApplicationId 'x'\n", wantLine: 1, want: []string{"-OAuthApplicationId is not available in Exchange Server 2019"}},
		{name: "typo in cmdlet name", env: onPrem2019, src: "Set-OrganisationRelationship -Identity 'To Cloud'\n", wantLine: 1, want: []string{"unknown command Set-OrganisationRelationship", "did you mean Set-OrganizationRelationship"}},
		{name: "bad key in splatted hashtable", env: onPrem2019, src: "$desired = [ordered]@{\n    DomainNames = 'contoso.com'\n    FreeBusyAccessLvl = 'LimitedDetails'\n}\nNew-OrganizationRelationship -Name 'To Cloud' @desired\n", wantLine: 3, want: []string{"New-OrganizationRelationship", "unknown parameter -FreeBusyAccessLvl", "@desired"}},
		{name: "bad value in splatted hashtable", env: onPrem2019, src: "$desired = @{ DomainNames = 'contoso.com'; FreeBusyAccessLevel = 'Everything' }\nNew-OrganizationRelationship -Name 'To Cloud' @desired\n", wantLine: 1, want: []string{"-FreeBusyAccessLevel", `"Everything"`, "@desired"}},
		{name: "bad key reaches a derived splat", env: onPrem2019, src: compareFunc + "$desired = [ordered]@{ Enabled = $true; MailTipsLevel = 'All' }\n$drift = Compare-HybridcState -Current $current -Desired $desired -SetProperties 'Enabled'\nSet-OrganizationRelationship -Identity 'To Cloud' @drift\n", wantLine: 2, want: []string{"Set-OrganizationRelationship", "unknown parameter -MailTipsLevel", "@drift"}},
		{name: "splat key not available in env", env: online, src: "$p = @{ Name = 'x'; DomainName = 'contoso.com' }\nNew-AcceptedDomain @p\n", wantLine: 2, want: []string{"New-AcceptedDomain is not available in Exchange Online"}},
		{name: "missing required through resolved splat", env: onPrem2019, src: "$p = @{ Name = 'x' }\nNew-AcceptedDomain @p\n", wantLine: 2, want: []string{"missing required parameter -DomainName"}},
		{name: "switch with a space-separated value", env: onPrem2019, src: "New-AcceptedDomain -Name 'x' -DomainName 'contoso.com' -Confirm $false\n", wantLine: 1, want: []string{"switch -Confirm", "-Confirm:$false"}},
		{name: "parameters from different sets", env: onPrem2019, src: "Enable-Mailbox -Identity 'm' -Shared:$true -Room:$true\n", wantLine: 1, want: []string{"Enable-Mailbox", "no parameter set", "-Room", "-Shared"}},
		{name: "too many positional arguments", env: onPrem2019, src: "Remove-AvailabilityAddressSpace 'a' 'b'\n", wantLine: 1, want: []string{"Remove-AvailabilityAddressSpace", "2 positional"}},
		{name: "parameter given twice", env: onPrem2019, src: "$p = @{ Name = 'x'; DomainName = 'contoso.com' }\nNew-AcceptedDomain -Name 'y' @p\n", wantLine: 1, want: []string{"-Name is given more than once"}},
		{name: "bad ErrorAction value", env: onPrem2019, src: "Get-AcceptedDomain -ErrorAction 'Quietly'\n", wantLine: 1, want: []string{"-ErrorAction", `"Quietly"`}},
		{name: "ProgressAction is not Windows PowerShell 5.1", env: onPrem2019, src: "Get-AcceptedDomain -ProgressAction SilentlyContinue\n", wantLine: 1, want: []string{"-ProgressAction", "7.4"}},
		{name: "WhatIf only where the catalog lists it", env: online, src: "Get-ConnectionInformation -WhatIf:$true\n", wantLine: 1, want: []string{"Get-ConnectionInformation", "unknown parameter -WhatIf"}},
		{name: "command inside a function body", env: onPrem2019, src: "function Invoke-Step {\n    if ($x) {\n        Set-OrganizationRelationship -Identity 'To Cloud' -Enabled:$true -Bogus:$true\n    }\n}\n", wantLine: 3, want: []string{"unknown parameter -Bogus"}},
		{name: "unknown on-premises version", env: Env{OnPremVersion: "Exchange 2019"}, src: "Get-AcceptedDomain\n", wantLine: 1, want: []string{`unknown on-premises version "Exchange 2019"`, "Exchange Server 2019"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CheckCatalog([]byte(tt.src), tt.env)
			if testing.Verbose() {
				t.Logf("%v", got)
			}
			var hit *Finding
			for i, f := range got {
				if containsAll(f.Msg, tt.want) {
					hit = &got[i]
					break
				}
			}
			if hit == nil {
				t.Fatalf("CheckCatalog(%s) = %v\nwant a finding with %q", tt.env, got, tt.want)
			}
			if hit.Line != tt.wantLine {
				t.Errorf("finding %v at line %d, want line %d", hit, hit.Line, tt.wantLine)
			}
		})
	}
}

func containsAll(s string, subs []string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}
