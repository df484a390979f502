#@ run engine-entra: head Test-HybridcAdSyncConfig Import-HybridcAdSyncConfig Get-HybridcConnectorValue Get-HybridcPrincipalName Get-HybridcDnAccount Test-HybridcConnectorForest Get-HybridcEntraRefusal Assert-HybridcEntraConnect Get-HybridcAdminSdHolderSwitch Get-HybridcWritebackSettings Sync-HybridcGroupWritebackPermissions
#@ piece head
# ---------------------------------------------------------------------------
# The Entra Connect server: group writeback permissions (seed 002).

#@ piece Test-HybridcAdSyncConfig
function Test-HybridcAdSyncConfig {
    # Whether Entra Connect's AdSyncConfig module is where its installer puts
    # it. (One Windows path check: hybridc's simulator stands in for the
    # three functions that touch Windows here.)
    param([Parameter(Mandatory = $true)] [string]$Path)
    return (Test-Path -LiteralPath $Path)
}

#@ piece Import-HybridcAdSyncConfig
function Import-HybridcAdSyncConfig {
    # Loads Entra Connect's AdSyncConfig module.
    param([Parameter(Mandatory = $true)] [string]$Path)
    Import-Module -Name $Path -ErrorAction Stop
}

#@ piece Get-HybridcConnectorValue
function Get-HybridcConnectorValue {
    # The first non-empty value among the named properties of an entry of
    # Get-ADSyncADConnectorAccount, or $null when it has none of them.
    param($Connector, [Parameter(Mandatory = $true)] [string[]]$Names)
    foreach ($name in $Names) {
        $property = $Connector.PSObject.Properties[$name]
        if ($null -ne $property -and [string]$property.Value -ne '') {
            return [string]$property.Value
        }
    }
    return $null
}

#@ piece Get-HybridcPrincipalName
function Get-HybridcPrincipalName {
    # The account a DN names as Windows names it, DOMAIN\logon name (its
    # msDS-PrincipalName, which Active Directory constructs on request):
    # the CN is only the object's name. Throws when it cannot be read.
    param([Parameter(Mandatory = $true)] [string]$DN)
    $entry = [adsi]('LDAP://' + $DN.Replace('/', '\/'))
    $entry.RefreshCache(@('msDS-PrincipalName'))
    return [string]$entry.Properties['msDS-PrincipalName'].Value
}

#@ piece Get-HybridcDnAccount
function Get-HybridcDnAccount {
    # The account a DN names: its logon name and NetBIOS domain
    # (Get-HybridcPrincipalName) and the DNS domain of its DC= components.
    # Throws when Active Directory does not tell.
    param([Parameter(Mandatory = $true)] [string]$DN)
    $labels = @([regex]::Matches($DN, '(?i)(?:^|,)\s*DC=([^,]+)') | ForEach-Object { $_.Groups[1].Value.Trim() })
    try {
        $principal = Get-HybridcPrincipalName -DN $DN
    }
    catch {
        throw ('hybridc cannot read the account connectorAccountDN ''' + $DN + ''' names from Active Directory (msDS-PrincipalName: ' + $_.Exception.Message + '), so it cannot tell whether it is the account of the AD connector. Check the DN and that this account can read it, or grant the permissions by hand (runbook).')
    }
    if ($principal -notmatch '^([^\\]+)\\(.+)$') {
        throw ('hybridc cannot read the account connectorAccountDN ''' + $DN + ''' names from Active Directory: msDS-PrincipalName is ''' + $principal + ''', not DOMAIN\account. Grant the permissions by hand (runbook).')
    }
    return @{ Principal = $principal; NetBios = $Matches[1]; Name = $Matches[2]; Domain = ($labels -join '.') }
}

#@ piece Test-HybridcConnectorForest
function Test-HybridcConnectorForest {
    # Whether a connector's forest is the forest the data names: the same
    # name; when hybridc took the name from the DNs (ForestDerived), which
    # may give a child domain, the forest may be a parent of it too.
    param([Parameter(Mandatory = $true)] [string]$Value)
    $forest = [string]$HybridcDesired.Forest
    if (Test-HybridcSameName -A $Value -B $forest) {
        return $true
    }
    return ([bool]$HybridcDesired.ForestDerived -and $forest.EndsWith('.' + $Value, [System.StringComparison]::OrdinalIgnoreCase))
}

#@ piece Get-HybridcEntraRefusal
function Get-HybridcEntraRefusal {
    # Why this server must not be changed, or $null: Entra Connect must
    # synchronize the forest the data names, by the forest property of
    # Get-ADSyncADConnectorAccount (ADConnectorForest; Forest as
    # ADSyncTools names it), never the account's domain nor the connector's
    # name; and connectorAccountDN must name the account of that connector
    # (the logon name and domain, NetBIOS or DNS, Active Directory gives
    # for it: its CN is only the object's name).
    # Neither the signed-in administrator's forest nor the server's own
    # decides: the server may sync a forest it is not in.
    param([Parameter(Mandatory = $true)] [string]$AccountDN)
    $forest = [string]$HybridcDesired.Forest
    $connectors = @(Get-ADSyncADConnectorAccount -ErrorAction Stop | Where-Object { $null -ne $_ })
    if ($connectors.Count -eq 0) {
        return ('This Entra Connect server does not synchronize the forest ''' + $forest + ''' this script is for: it has no AD connector.')
    }
    $seen = New-Object -TypeName 'System.Collections.ArrayList'
    $matching = New-Object -TypeName 'System.Collections.ArrayList'
    foreach ($connector in $connectors) {
        $value = Get-HybridcConnectorValue -Connector $connector -Names @('ADConnectorForest', 'Forest')
        if ($null -eq $value) {
            $names = @($connector.PSObject.Properties | ForEach-Object { $_.Name })
            return ('Get-ADSyncADConnectorAccount reports no forest (ADConnectorForest) for an AD connector, only ' + (ConvertTo-HybridcText -Value $names) + ': hybridc cannot tell which forest this Entra Connect server synchronizes. Update Entra Connect, or grant the permissions by hand (runbook).')
        }
        $null = $seen.Add($value)
        if (Test-HybridcConnectorForest -Value $value) {
            $null = $matching.Add($connector)
        }
    }
    if ($matching.Count -eq 0) {
        return ('This Entra Connect server does not synchronize the forest ''' + $forest + ''' this script is for: its AD connectors synchronize ' + (ConvertTo-HybridcText -Value @($seen)) + '.')
    }
    try {
        $want = Get-HybridcDnAccount -DN $AccountDN
    }
    catch {
        return $_.Exception.Message
    }
    $reported = New-Object -TypeName 'System.Collections.ArrayList'
    foreach ($connector in $matching) {
        # The connector names its account by logon name and domain, NetBIOS
        # (CORP) or DNS (corp.contoso.com).
        $name = [string](Get-HybridcConnectorValue -Connector $connector -Names @('ADConnectorAccountName', 'Username'))
        $domain = [string](Get-HybridcConnectorValue -Connector $connector -Names @('ADConnectorAccountDomain', 'Domain'))
        if ((Test-HybridcSameName -A $name -B $want.Name) -and ((Test-HybridcSameName -A $domain -B $want.NetBios) -or (Test-HybridcSameName -A $domain -B $want.Domain))) {
            return $null
        }
        $null = $reported.Add($domain + '\' + $name)
    }
    return ('connectorAccountDN ''' + $AccountDN + ''' (account ''' + $want.Principal + ''' of ''' + $want.Domain + ''') is not the account of the AD connector for the forest ''' + $forest + ''', which reports ' + (ConvertTo-HybridcText -Value @($reported)) + ': hybridc grants the writeback permissions only to the account Entra Connect uses (the same logon name and domain).')
}

#@ piece Assert-HybridcEntraConnect
function Assert-HybridcEntraConnect {
    # Refuses to change anything unless this is an Entra Connect server with
    # the AdSyncConfig module that synchronizes the forest the data names
    # with the connector account the data names.
    param($Steps)
    # Where Entra Connect's installer puts the module, under the Program
    # Files folder of this Windows ($env:ProgramFiles: not always on C:).
    $modulePath = [string]$env:ProgramFiles + '\Microsoft Azure Active Directory Connect\AdSyncConfig\AdSyncConfig.psm1'
    if (-not (Test-HybridcAdSyncConfig -Path $modulePath)) {
        throw ('Run this script on the Microsoft Entra Connect server: ' + $modulePath + ' was not found. Nothing was changed.')
    }
    Import-HybridcAdSyncConfig -Path $modulePath
    $missing = @($HybridcRequiredCommands | Where-Object { -not (Get-Command -Name $_ -ErrorAction SilentlyContinue) })
    if ($missing.Count -gt 0) {
        $needs = @($missing | ForEach-Object { $_ + ' (' + [string]$HybridcCommandUses[$_] + ')' })
        throw ($HybridcShell + ' is needed; missing cmdlets: ' + ($needs -join ', ') + '. Nothing was changed.')
    }
    foreach ($step in @($Steps)) {
        foreach ($item in @($step.Items)) {
            $refusal = Get-HybridcEntraRefusal -AccountDN ([string](Get-HybridcValue -Object $item -Name 'ConnectorAccountDN'))
            if ($null -ne $refusal) {
                throw ($refusal + ' Nothing was changed.')
            }
        }
    }
}

#@ piece Get-HybridcAdminSdHolderSwitch
function Get-HybridcAdminSdHolderSwitch {
    # The AdminSDHolder switch this AdSyncConfig module has: from Azure AD
    # Connect 2.0.3.0 'IncludeAdminSdHolders' (AdminSDHolder left alone
    # unless given), before it 'SkipAdminSdHolders' (stamped unless given);
    # '' when neither.
    $command = Get-Command -Name 'Set-ADSyncUnifiedGroupWritebackPermissions' -ErrorAction Stop
    foreach ($name in @('IncludeAdminSdHolders', 'SkipAdminSdHolders')) {
        if ($command.Parameters.ContainsKey($name)) {
            return $name
        }
    }
    return ''
}

#@ piece Get-HybridcWritebackSettings
function Get-HybridcWritebackSettings {
    # The parameters of Set-ADSyncUnifiedGroupWritebackPermissions for an
    # item and what they grant: on the writeback OU when the configuration
    # names one (the module never touches AdminSDHolder then), else at the
    # root of every domain of the forest, and on AdminSDHolder only when
    # adminSdHolder: true, with the switch of the module's generation.
    # Throws when the module has neither switch: whether it stamps
    # AdminSDHolder is then unknown.
    param($Item)
    $settings = @{ ADConnectorAccountDN = [string]$Item.ConnectorAccountDN }
    $asked = Test-HybridcFlag -Item $Item -Name 'AdminSdHolder'
    if ([string](Get-HybridcValue -Object $Item -Name 'WritebackOU') -ne '') {
        $settings['ADobjectDN'] = [string]$Item.WritebackOU
        $scope = [string]$Item.WritebackOU
        if ($asked) {
            $scope += ' (AdminSDHolder is not stamped with a writeback OU: the module grants on that OU only)'
        }
        return @{ Settings = $settings; Scope = $scope }
    }
    $switch = Get-HybridcAdminSdHolderSwitch
    if ($switch -eq '') {
        throw 'Set-ADSyncUnifiedGroupWritebackPermissions has neither -IncludeAdminSdHolders nor -SkipAdminSdHolders: hybridc cannot tell whether it stamps AdminSDHolder; declare writebackOU, or grant by hand (runbook)'
    }
    $scope = 'every domain of the forest'
    if ($asked) {
        $scope += ' and AdminSDHolder'
        if ($switch -eq 'IncludeAdminSdHolders') {
            $settings['IncludeAdminSdHolders'] = $true
        }
    }
    elseif ($switch -eq 'SkipAdminSdHolders') {
        $settings['SkipAdminSdHolders'] = $true
    }
    return @{ Settings = $settings; Scope = $scope }
}

#@ piece Sync-HybridcGroupWritebackPermissions
function Sync-HybridcGroupWritebackPermissions {
    # The permissions Entra Connect's AD connector account needs to write
    # groups back (Get-HybridcWritebackSettings). They cannot be read back,
    # so -Check reports them as unknown (exit 2) rather than in sync, and a
    # run applies them again. Grants made earlier are never removed.
    param($Items)
    Invoke-HybridcItems -Items $Items -Each {
        param($item)
        if ($Check) {
            Add-HybridcResult -Item $item -Status 'unknown' -Detail 'cannot be read back; a run applies them again'
            return
        }
        # A module with neither AdminSDHolder switch cannot be used: a run
        # fails the item, -WhatIf reports what the run would do (skipped).
        try {
            $writeback = Get-HybridcWritebackSettings -Item $item
        }
        catch {
            Skip-HybridcItem -Item $item -Problem $_.Exception.Message
            return
        }
        $settings = $writeback.Settings
        # The module declares it ConfirmImpact High and, being a module
        # function, reads the global $ConfirmPreference, not this script's:
        # without -Confirm:$false it would prompt (and fail without a
        # console) although this script's ShouldProcess already decided.
        $null = Invoke-HybridcChange -Item $item -Action ('Set-ADSyncUnifiedGroupWritebackPermissions on ' + $writeback.Scope) -Done 'updated' -Change {
            Set-ADSyncUnifiedGroupWritebackPermissions @settings -Confirm:$false -ErrorAction Stop
        }
    }
}

