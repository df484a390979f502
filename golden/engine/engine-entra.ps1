#@ run engine-entra: head Test-HybridcAdSyncConfig Import-HybridcAdSyncConfig Get-HybridcConnectorValue Get-HybridcPrincipalName Get-HybridcDnAccount Test-HybridcConnectorForest Get-HybridcEntraRefusal Assert-HybridcEntraConnect Get-HybridcAdminSdHolderSwitch Get-HybridcWritebackSettings Get-HybridcDomainRoots Get-HybridcDnSid Get-HybridcAccessRules Test-HybridcWritebackAces Get-HybridcWritebackMissing Sync-HybridcGroupWritebackPermissions
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

#@ piece Get-HybridcDomainRoots
function Get-HybridcDomainRoots {
    # The DN of the root of every domain of a forest, as Windows names the
    # forest's domains. (A Windows call: hybridc's simulator stands in.)
    param([Parameter(Mandatory = $true)] [string]$Forest)
    $context = New-Object -TypeName 'System.DirectoryServices.ActiveDirectory.DirectoryContext' -ArgumentList 'Forest', $Forest
    $domains = [System.DirectoryServices.ActiveDirectory.Forest]::GetForest($context).Domains
    return @($domains | ForEach-Object { 'DC=' + (([string]$_.Name -split '\.') -join ',DC=') })
}

#@ piece Get-HybridcDnSid
function Get-HybridcDnSid {
    # The SID of the account a DN names (its objectSid). Throws when Active
    # Directory does not tell. (A Windows call: the simulator stands in.)
    param([Parameter(Mandatory = $true)] [string]$DN)
    $entry = [adsi]('LDAP://' + $DN.Replace('/', '\/'))
    $entry.RefreshCache(@('objectSid'))
    $bytes = [byte[]]$entry.Properties['objectSid'].Value
    return (New-Object -TypeName 'System.Security.Principal.SecurityIdentifier' -ArgumentList $bytes, 0).Value
}

#@ piece Get-HybridcAccessRules
function Get-HybridcAccessRules {
    # The access rules (explicit and inherited) of the AD object a DN names:
    # Sid, Rights (the ActiveDirectoryRights bits), Type (Allow or Deny),
    # ObjectType, InheritedObjectType (GUIDs) and Inheritance (None, All,
    # Descendents, SelfAndChildren, Children). Throws when the object or its
    # security descriptor cannot be read. (Windows: the simulator stands in.)
    param([Parameter(Mandatory = $true)] [string]$DN)
    $entry = [adsi]('LDAP://' + $DN.Replace('/', '\/'))
    $rules = $entry.ObjectSecurity.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier])
    foreach ($rule in $rules) {
        [pscustomobject]@{ Sid = [string]$rule.IdentityReference.Value; Rights = [long]$rule.ActiveDirectoryRights; Type = [string]$rule.AccessControlType; ObjectType = [string]$rule.ObjectType; InheritedObjectType = [string]$rule.InheritedObjectType; Inheritance = [string]$rule.InheritanceType }
    }
}

# What Set-ADSyncUnifiedGroupWritebackPermissions grants the AD DS connector
# account on each object (Microsoft's "Configure AD DS Connector Account
# permissions", Permissions for Group Writeback): Generic Read/Write,
# Create/Delete child and Delete/Delete tree, for object type group and its
# subobjects. Read back as the rights bits that matter: ReadProperty (16)
# and WriteProperty (32), Delete (65536) and DeleteTree (64) on the group
# objects below, CreateChild (1) and DeleteChild (2) of groups here.
$HybridcGroupClass = 'bf967a9c-0de6-11d0-a285-00aa003049e2'
$HybridcNoClass = '00000000-0000-0000-0000-000000000000'

#@ piece Test-HybridcWritebackAces
function Test-HybridcWritebackAces {
    # Whether the allow rules of an object give a SID what the module
    # grants; a deny rule for the SID on groups counts as missing.
    param($Rules, [Parameter(Mandatory = $true)] [string]$Sid)
    $onGroups = [long]0
    $children = [long]0
    foreach ($rule in @($Rules)) {
        if ($null -eq $rule -or [string]$rule.Sid -ne $Sid) {
            continue
        }
        $object = [string]$rule.ObjectType
        $inherited = [string]$rule.InheritedObjectType
        $forGroups = ($inherited -eq $HybridcGroupClass -or $inherited -eq $HybridcNoClass -or $inherited -eq '')
        $generic = ($object -eq $HybridcNoClass -or $object -eq '')
        if ([string]$rule.Type -ne 'Allow') {
            if ($forGroups -or $object -eq $HybridcGroupClass) {
                return $false
            }
            continue
        }
        if ($generic -and $forGroups -and [string]$rule.Inheritance -ne 'None') {
            $onGroups = $onGroups -bor [long]$rule.Rights
        }
        if ($generic -or $object -eq $HybridcGroupClass) {
            $children = $children -bor [long]$rule.Rights
        }
    }
    $groupBits = [long](16 + 32 + 64 + 65536)
    return ((($onGroups -band $groupBits) -eq $groupBits) -and (($children -band 3) -eq 3))
}

#@ piece Get-HybridcWritebackMissing
function Get-HybridcWritebackMissing {
    # The objects of an item's scope (its writeback OU, or the root of every
    # domain of the forest and, when asked, each domain's AdminSDHolder)
    # whose ACL lacks the writeback grants for the connector account.
    # Throws when Active Directory cannot be read.
    param($Item)
    if ([string](Get-HybridcValue -Object $Item -Name 'WritebackOU') -ne '') {
        $scopes = @([string]$Item.WritebackOU)
    }
    else {
        $roots = @(Get-HybridcDomainRoots -Forest ([string]$HybridcDesired.Forest))
        $scopes = @($roots)
        if (Test-HybridcFlag -Item $Item -Name 'AdminSdHolder') {
            $scopes += @($roots | ForEach-Object { 'CN=AdminSDHolder,CN=System,' + $_ })
        }
    }
    $sid = Get-HybridcDnSid -DN ([string]$Item.ConnectorAccountDN)
    return @($scopes | Where-Object { -not (Test-HybridcWritebackAces -Rules @(Get-HybridcAccessRules -DN $_) -Sid $sid) })
}

#@ piece Sync-HybridcGroupWritebackPermissions
function Sync-HybridcGroupWritebackPermissions {
    # The permissions Entra Connect's AD connector account needs to write
    # groups back (Get-HybridcWritebackSettings), read back from the ACL of
    # each object they go on (Get-HybridcWritebackMissing): in sync when
    # every grant is there, else granted (drifted under -Check). Grants
    # made earlier are never removed.
    param($Items)
    Invoke-HybridcItems -Items $Items -Each {
        param($item)
        try {
            $missing = @(Get-HybridcWritebackMissing -Item $item)
        }
        catch {
            throw ('hybridc cannot read the writeback permissions from Active Directory (' + $_.Exception.Message + '): check that this account can read the ACLs, or check them by hand (runbook).')
        }
        if ($missing.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged' -Detail 'the writeback permissions are granted'
            return
        }
        # A module with neither AdminSDHolder switch cannot be used: a run
        # fails the item, -WhatIf reports what the run would do (skipped).
        try {
            $writeback = Get-HybridcWritebackSettings -Item $item
        }
        catch {
            if ($Check) {
                Add-HybridcResult -Item $item -Status 'drifted' -Detail ('not granted on ' + ($missing -join '; '))
                return
            }
            Skip-HybridcItem -Item $item -Problem $_.Exception.Message
            return
        }
        $settings = $writeback.Settings
        # The module declares it ConfirmImpact High and, being a module
        # function, reads the global $ConfirmPreference, not this script's:
        # without -Confirm:$false it would prompt (and fail without a
        # console) although this script's ShouldProcess already decided.
        $null = Invoke-HybridcChange -Item $item -Action ('Set-ADSyncUnifiedGroupWritebackPermissions on ' + $writeback.Scope + ' (not granted on ' + ($missing -join '; ') + ')') -Done 'updated' -Change {
            Set-ADSyncUnifiedGroupWritebackPermissions @settings -Confirm:$false -ErrorAction Stop
        }
    }
}

