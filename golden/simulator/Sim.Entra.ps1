# The Microsoft Entra Connect server: the AdSyncConfig module's
# Set-ADSyncUnifiedGroupWritebackPermissions (behaviour table row of the
# same name; parameters from Microsoft's ADSyncConfig reference, which the
# Exchange cmdlet catalog does not cover), and the forest the server syncs.

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
}

$script:SimHandlers['Set-ADSyncUnifiedGroupWritebackPermissions'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('ADConnectorAccountDN', 'ADobjectDN')
    $account = [string]$Call.ADConnectorAccountDN
    if ($account -notmatch '^CN=.+,DC=') {
        throw ('''' + $account + ''' is not a distinguished name of an account.')
    }
    $scope = [string]$Call['ADobjectDN']
    if ($scope -eq '') {
        $scope = ($script:Sim.Org.organization -split '\.' | ForEach-Object { 'DC=' + $_ }) -join ','
    }
    $grants = $script:Sim.Org.groupWritebackPermissions
    foreach ($grant in $grants) {
        if ($grant.account -eq $account -and $grant.scope -eq $scope) {
            return
        }
    }
    $null = $grants.Add([ordered]@{ account = $account; scope = $scope })
}
