# The Microsoft Entra Connect server: the AdSyncConfig module's
# Set-ADSyncUnifiedGroupWritebackPermissions and Get-ADSyncADConnectorAccount
# (behaviour table rows of the same names; parameters from Microsoft's
# ADSyncConfig reference, which the Exchange cmdlet catalog does not cover).
# The state of kind entraConnect: organization (the forest), adConnectors
# (the forests the server's AD connectors synchronize; default: the
# organization), domains (the domains of the forest; default: the
# organization), signedInForest (the forest of the administrator's account;
# default: the organization) and groupWritebackPermissions (the grants made).

$script:SimExtraCmdlets = @{
    'Set-ADSyncUnifiedGroupWritebackPermissions' = @{
        env           = @{ entraConnect = $true }
        params        = @{
            ADConnectorAccountName   = @{ type = 'String' }
            ADConnectorAccountDomain = @{ type = 'String' }
            ADConnectorAccountDN     = @{ type = 'String' }
            ADobjectDN               = @{ type = 'String' }
            SkipAdminSdHolders       = @{ type = 'SwitchParameter'; switch = $true }
        }
        parameterSets = [ordered]@{
            DistinguishedName = @{ params = @{ ADConnectorAccountDN = @{ required = $true }; ADobjectDN = @{}; SkipAdminSdHolders = @{} } }
            UserDomain        = @{ params = @{ ADConnectorAccountName = @{ required = $true }; ADConnectorAccountDomain = @{ required = $true }; ADobjectDN = @{}; SkipAdminSdHolders = @{} } }
        }
    }
    'Get-ADSyncADConnectorAccount'               = @{
        env           = @{ entraConnect = $true }
        params        = @{}
        parameterSets = [ordered]@{ Default = @{ params = @{} } }
    }
}

function Get-SimEntraList {
    # A list of the entraConnect state, or the organization alone.
    param([Parameter(Mandatory = $true)] [string]$Name)
    $org = $script:Sim.Org
    if ($org.Contains($Name) -and @($org[$Name]).Count -gt 0) {
        return @($org[$Name] | ForEach-Object { [string]$_ })
    }
    return @([string]$org.organization)
}

function ConvertTo-SimDomainRoot {
    # contoso.com -> DC=contoso,DC=com
    param([Parameter(Mandatory = $true)] [string]$Domain)
    return (($Domain -split '\.' | ForEach-Object { 'DC=' + $_ }) -join ',')
}

$script:SimHandlers['Get-ADSyncADConnectorAccount'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @()
    # One entry per AD connector; the property names are those the
    # behaviour table believes (unconfirmed).
    foreach ($forest in (Get-SimEntraList -Name 'adConnectors')) {
        [pscustomobject][ordered]@{
            ADConnectorName          = $forest
            ADConnectorForest        = $forest
            ADConnectorAccountName   = 'MSOL_0123456789ab'
            ADConnectorAccountDomain = $forest
        }
    }
}

$script:SimHandlers['Set-ADSyncUnifiedGroupWritebackPermissions'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('ADConnectorAccountDN', 'ADobjectDN', 'SkipAdminSdHolders')
    $account = [string]$Call.ADConnectorAccountDN
    if ($account -notmatch '^CN=.+,DC=') {
        throw ('''' + $account + ''' is not a distinguished name of an account.')
    }
    # Without -ADobjectDN the module grants at the root of every domain of
    # the forest; without -SkipAdminSdHolders it stamps each domain's
    # AdminSDHolder too (Microsoft's reference).
    $roots = @(Get-SimEntraList -Name 'domains' | ForEach-Object { ConvertTo-SimDomainRoot -Domain $_ })
    $scopes = New-Object -TypeName 'System.Collections.ArrayList'
    if ([string]$Call['ADobjectDN'] -ne '') {
        $null = $scopes.Add([string]$Call['ADobjectDN'])
    }
    else {
        $null = $scopes.AddRange(@($roots))
    }
    if (-not ($Call.ContainsKey('SkipAdminSdHolders') -and [bool]$Call['SkipAdminSdHolders'])) {
        $null = $scopes.AddRange(@($roots | ForEach-Object { 'CN=AdminSDHolder,CN=System,' + $_ }))
    }
    $grants = $script:Sim.Org.groupWritebackPermissions
    foreach ($scope in $scopes) {
        if (@($grants | Where-Object { $_.account -eq $account -and $_.scope -eq $scope }).Count -eq 0) {
            $null = $grants.Add([ordered]@{ account = $account; scope = $scope })
        }
    }
}
