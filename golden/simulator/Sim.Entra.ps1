# The Microsoft Entra Connect server: the AdSyncConfig module's
# Set-ADSyncUnifiedGroupWritebackPermissions and Get-ADSyncADConnectorAccount
# (behaviour table rows of the same names; parameters from Microsoft's
# ADSyncConfig reference, which the Exchange cmdlet catalog does not cover).
# The state of kind entraConnect: organization (the forest), adConnectors
# (the forests the server's AD connectors synchronize; default: the
# organization), connectorAccountName (the account each connector reports;
# default MSOL_0123456789ab) and connectorAccountDomain (its domain; default:
# the connector's forest), connectorAccountProperties ('forest', the
# default: the four properties Microsoft's troubleshooting article shows;
# 'legacy': no ADConnectorForest, as the 1.x module's source builds it),
# adSyncConfigModule (2, the default: Entra Connect 2.0.3.0 and later,
# -IncludeAdminSdHolders; 1: earlier, -SkipAdminSdHolders), domains (the
# domains of the forest; default: the organization), signedInForest (the
# forest of the administrator's account; default: the organization) and
# groupWritebackPermissions (the grants made).

$script:SimExtraCmdlets = @{
    'Set-ADSyncUnifiedGroupWritebackPermissions' = @{
        env           = @{ entraConnect = $true }
        # AdSyncConfig.psm1 declares it [CmdletBinding(SupportsShouldProcess
        # = $True, ConfirmImpact = "High")]: a module function, it prompts
        # unless -Confirm:$false (the calling script's $ConfirmPreference
        # does not reach it); without a console the prompt fails.
        confirmImpact = 'High'
        params        = @{
            Confirm                  = @{ type = 'SwitchParameter'; switch = $true }
            WhatIf                   = @{ type = 'SwitchParameter'; switch = $true }
            ADConnectorAccountName   = @{ type = 'String' }
            ADConnectorAccountDomain = @{ type = 'String' }
            ADConnectorAccountDN     = @{ type = 'String' }
            ADobjectDN               = @{ type = 'String' }
            # Azure AD Connect 2.0.3.0 release notes: "changed the
            # parameter SkipAdminSdHolders to IncludeAdminSdHolders".
            SkipAdminSdHolders       = @{ type = 'SwitchParameter'; switch = $true; env = @{ entraConnect = $true; module = @('1') } }
            IncludeAdminSdHolders    = @{ type = 'SwitchParameter'; switch = $true; env = @{ entraConnect = $true; module = @('2') } }
        }
        parameterSets = [ordered]@{
            DistinguishedName = @{ params = @{ ADConnectorAccountDN = @{ required = $true }; ADobjectDN = @{}; SkipAdminSdHolders = @{}; IncludeAdminSdHolders = @{} } }
            UserDomain        = @{ params = @{ ADConnectorAccountName = @{ required = $true }; ADConnectorAccountDomain = @{ required = $true }; ADobjectDN = @{}; SkipAdminSdHolders = @{}; IncludeAdminSdHolders = @{} } }
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
    # One entry per AD connector, with the property names of Microsoft's
    # troubleshooting article (the reference names none: unconfirmed);
    # connectorAccountProperties 'legacy' leaves out ADConnectorForest, as
    # the 1.x module's source does.
    $org = $script:Sim.Org
    $name = 'MSOL_0123456789ab'
    if ($org.Contains('connectorAccountName')) {
        $name = [string]$org.connectorAccountName
    }
    foreach ($forest in (Get-SimEntraList -Name 'adConnectors')) {
        $domain = $forest
        if ($org.Contains('connectorAccountDomain')) {
            $domain = [string]$org.connectorAccountDomain
        }
        $entry = [ordered]@{ ADConnectorName = $forest; ADConnectorForest = $forest; ADConnectorAccountName = $name; ADConnectorAccountDomain = $domain }
        if ([string]$org['connectorAccountProperties'] -eq 'legacy') {
            $entry.Remove('ADConnectorForest')
        }
        [pscustomobject]$entry
    }
}

$script:SimHandlers['Set-ADSyncUnifiedGroupWritebackPermissions'] = {
    param($Call)
    Assert-SimHandled -Call $Call -Names @('ADConnectorAccountDN', 'ADobjectDN', 'SkipAdminSdHolders', 'IncludeAdminSdHolders')
    $account = [string]$Call.ADConnectorAccountDN
    if ($account -notmatch '^CN=.+,DC=') {
        throw ('''' + $account + ''' is not a distinguished name of an account.')
    }
    # With -ADobjectDN the module grants on that object only, in both
    # generations (its source: GrantADPermissionsOnADobject); without it at
    # the root of every domain of the forest, and on each domain's
    # AdminSDHolder: by default in the 1.x module unless
    # -SkipAdminSdHolders, only with -IncludeAdminSdHolders from 2.0.3.0.
    $roots = @(Get-SimEntraList -Name 'domains' | ForEach-Object { ConvertTo-SimDomainRoot -Domain $_ })
    $scopes = New-Object -TypeName 'System.Collections.ArrayList'
    $stamp = $false
    if ([string]$Call['ADobjectDN'] -ne '') {
        $null = $scopes.Add([string]$Call['ADobjectDN'])
    }
    else {
        $null = $scopes.AddRange(@($roots))
        if ($script:Sim.Version -eq 'AdSyncConfig 1') {
            $stamp = -not ($Call.ContainsKey('SkipAdminSdHolders') -and [bool]$Call['SkipAdminSdHolders'])
        }
        else {
            $stamp = $Call.ContainsKey('IncludeAdminSdHolders') -and [bool]$Call['IncludeAdminSdHolders']
        }
    }
    if ($stamp) {
        $null = $scopes.AddRange(@($roots | ForEach-Object { 'CN=AdminSDHolder,CN=System,' + $_ }))
    }
    $grants = $script:Sim.Org.groupWritebackPermissions
    foreach ($scope in $scopes) {
        if (@($grants | Where-Object { $_.account -eq $account -and $_.scope -eq $scope }).Count -eq 0) {
            $null = $grants.Add([ordered]@{ account = $account; scope = $scope })
        }
    }
}

function Get-SimProgramFiles {
    # The Program Files folder of the Entra Connect server: the state's
    # programFiles, default C:\Program Files.
    $org = $script:Sim.Org
    if ($org.Contains('programFiles')) {
        return [string]$org.programFiles
    }
    return 'C:\Program Files'
}

function Get-SimPrincipalName {
    # The msDS-PrincipalName of the account a DN names (DOMAIN\logon name),
    # as ADSI reads it: from the state's accountPrincipalNames (DN to
    # DOMAIN\account; a DN it lacks does not exist, ADSI's error) or, when
    # the state has none, the account whose logon name is its CN, in the
    # domain whose NetBIOS name is the first DC= label, upper-cased.
    param([Parameter(Mandatory = $true)] [string]$DN)
    $org = $script:Sim.Org
    if ($org.Contains('accountPrincipalNames')) {
        $names = $org['accountPrincipalNames']
        foreach ($key in @($names.Keys)) {
            if ([string]$key -eq $DN) {
                return [string]$names[$key]
            }
        }
        throw (New-Object -TypeName 'System.Runtime.InteropServices.COMException' -ArgumentList 'There is no such object on the server.', -2147016656)
    }
    if ($DN -notmatch '^CN=([^,]+),.*?DC=([^,]+)') {
        throw (New-Object -TypeName 'System.Runtime.InteropServices.COMException' -ArgumentList 'An invalid dn syntax has been specified.', -2147016654)
    }
    return ($Matches[2].ToUpperInvariant() + '\' + $Matches[1])
}

function Get-SimDnSid {
    # The objectSid of the account a DN names: the state's accountSids (DN to
    # SID) or a SID made from the DN's characters (ignoring case), the same
    # in every run.
    param([Parameter(Mandatory = $true)] [string]$DN)
    $org = $script:Sim.Org
    if ($org.Contains('accountSids')) {
        foreach ($key in @($org['accountSids'].Keys)) {
            if ([string]$key -eq $DN) {
                return [string]$org['accountSids'][$key]
            }
        }
    }
    $sum = 0
    foreach ($char in $DN.ToLowerInvariant().ToCharArray()) {
        $sum = ($sum * 31 + [int]$char) % 1000000007
    }
    return ('S-1-5-21-3623811015-3361044348-30300820-' + $sum)
}

function Get-SimAccessRules {
    # The access rules of an AD object, as the engine's
    # Get-HybridcAccessRules returns them: for each grant of
    # groupWritebackPermissions on the object, the two rules the module
    # writes (Generic Read/Write with Delete and Delete tree, inherited by
    # group objects; Create/Delete child of groups here), then the state's
    # accessRules for it (scope, account, rights, type, objectType,
    # inheritedObjectType, inheritance). The state's aclUnreadable makes the
    # read fail, as a denied read of the security descriptor does.
    param([Parameter(Mandatory = $true)] [string]$DN)
    $org = $script:Sim.Org
    if ($org.Contains('aclUnreadable') -and [bool]$org['aclUnreadable']) {
        throw (New-Object -TypeName 'System.UnauthorizedAccessException' -ArgumentList 'Access is denied.')
    }
    $group = 'bf967a9c-0de6-11d0-a285-00aa003049e2'
    $none = '00000000-0000-0000-0000-000000000000'
    foreach ($grant in @($org.groupWritebackPermissions)) {
        if ($null -eq $grant -or -not [string]::Equals([string]$grant.scope, $DN, [System.StringComparison]::OrdinalIgnoreCase)) {
            continue
        }
        $sid = Get-SimDnSid -DN ([string]$grant.account)
        [pscustomobject]@{ Sid = $sid; Rights = [long]196860; Type = 'Allow'; ObjectType = $none; InheritedObjectType = $group; Inheritance = 'Descendents' }
        [pscustomobject]@{ Sid = $sid; Rights = [long]3; Type = 'Allow'; ObjectType = $group; InheritedObjectType = $none; Inheritance = 'All' }
    }
    if ($org.Contains('accessRules')) {
        foreach ($rule in @($org['accessRules'])) {
            if ([string]::Equals([string]$rule.scope, $DN, [System.StringComparison]::OrdinalIgnoreCase)) {
                [pscustomobject]@{ Sid = (Get-SimDnSid -DN ([string]$rule.account)); Rights = [long]$rule.rights; Type = [string]$rule.type; ObjectType = [string]$rule.objectType; InheritedObjectType = [string]$rule.inheritedObjectType; Inheritance = [string]$rule.inheritance }
            }
        }
    }
}
