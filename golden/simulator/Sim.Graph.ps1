# Microsoft Entra ID through the Microsoft Graph PowerShell SDK: the cmdlets
# entra-app.ps1 calls (behaviour table rows of the same names; parameters
# from the SDK's reference, which the Exchange cmdlet catalog does not
# cover). The state of kind entraId: organization (the tenant's initial
# domain), verifiedDomains (default: the organization), scopes (the
# delegated scopes of the session; default: the three entra-app.ps1 asks
# for), connected (false: no Connect-MgGraph), applications,
# servicePrincipals and appRoleAssignments, as Graph names their
# properties; customKeyIdentifier as hexadecimal text (the thumbprint), key
# as Base64 text (the certificate's raw data), returned only when one
# application's keyCredentials are selected (-ApplicationId with -Property);
# an application's owners as {id, userPrincipalName}, read with
# Get-MgApplicationOwner only; account, the signed-in user (default
# admin@<organization>), whom New-MgApplication makes the owner (the
# stricter of the two plausible behaviours).
# Graph replaces requiredResourceAccess and keyCredentials whole on update;
# a kept key credential is named by its keyId and carries no key.

$script:SimGraphWrite = @{ Confirm = @{ type = 'SwitchParameter'; switch = $true }; WhatIf = @{ type = 'SwitchParameter'; switch = $true } }

function New-SimGraphEntry {
    # A catalog entry of a Graph cmdlet: its parameters in one set, or in
    # the sets given; the change cmdlets take -WhatIf and -Confirm.
    param([string[]]$Params = @(), [string[]]$Required = @(), [switch]$Change, $Sets = $null)
    $all = @{}
    foreach ($name in $Params) {
        $all[$name] = @{ type = 'Object' }
        if ($name -eq 'All') {
            $all[$name] = @{ type = 'SwitchParameter'; switch = $true }
        }
    }
    if ($Change) {
        foreach ($name in $script:SimGraphWrite.Keys) {
            $all[$name] = $script:SimGraphWrite[$name]
        }
    }
    if ($null -eq $Sets) {
        $inSet = @{}
        foreach ($name in $Params) {
            $inSet[$name] = @{ required = ($Required -contains $name) }
        }
        $Sets = [ordered]@{ Default = @{ params = $inSet } }
    }
    return @{ env = @{ graph = $true }; params = $all; parameterSets = $Sets }
}

$script:SimExtraCmdlets['Get-MgContext'] = New-SimGraphEntry
$script:SimExtraCmdlets['Get-MgOrganization'] = New-SimGraphEntry
$script:SimExtraCmdlets['Get-MgApplication'] = New-SimGraphEntry -Params @('ApplicationId', 'Filter', 'All') -Sets ([ordered]@{
        List = @{ params = @{ Filter = @{}; All = @{} } }
        Get  = @{ params = @{ ApplicationId = @{ required = $true }; Property = @{} } }
    })
$script:SimExtraCmdlets['Get-MgApplication'].params['Property'] = @{ type = 'Object' }
$script:SimExtraCmdlets['Get-MgApplicationOwner'] = New-SimGraphEntry -Params @('ApplicationId', 'All') -Required @('ApplicationId')
$script:SimExtraCmdlets['New-MgApplication'] = New-SimGraphEntry -Params @('DisplayName', 'SignInAudience', 'RequiredResourceAccess') -Change
$script:SimExtraCmdlets['Update-MgApplication'] = New-SimGraphEntry -Params @('ApplicationId', 'DisplayName', 'RequiredResourceAccess', 'KeyCredentials') -Required @('ApplicationId') -Change
$script:SimExtraCmdlets['Get-MgServicePrincipal'] = New-SimGraphEntry -Params @('ServicePrincipalId', 'Filter', 'All') -Sets ([ordered]@{
        List = @{ params = @{ Filter = @{}; All = @{} } }
        Get  = @{ params = @{ ServicePrincipalId = @{ required = $true } } }
    })
$script:SimExtraCmdlets['New-MgServicePrincipal'] = New-SimGraphEntry -Params @('AppId') -Required @('AppId') -Change
$script:SimExtraCmdlets['Update-MgServicePrincipal'] = New-SimGraphEntry -Params @('ServicePrincipalId', 'KeyCredentials') -Required @('ServicePrincipalId') -Change
$script:SimExtraCmdlets['Get-MgServicePrincipalAppRoleAssignment'] = New-SimGraphEntry -Params @('ServicePrincipalId', 'All') -Required @('ServicePrincipalId')
$script:SimExtraCmdlets['New-MgServicePrincipalAppRoleAssignment'] = New-SimGraphEntry -Params @('ServicePrincipalId', 'PrincipalId', 'ResourceId', 'AppRoleId') -Required @('ServicePrincipalId') -Change

# The first-party service principals every tenant has, with the app roles
# entra-app.ps1 may grant (Microsoft Learn: Microsoft Graph permissions
# reference; Office 365 Exchange Online's full_access_as_app).
$script:SimGraphFirstParty = @(
    [ordered]@{ appId = '00000002-0000-0ff1-ce00-000000000000'; displayName = 'Office 365 Exchange Online'; appRoles = @([ordered]@{ id = 'dc890d15-9560-4a4c-9b7f-a736ec74ec40'; value = 'full_access_as_app' }) },
    [ordered]@{ appId = '00000003-0000-0000-c000-000000000000'; displayName = 'Microsoft Graph'; appRoles = @(
            [ordered]@{ id = 'df021288-bdef-4463-88db-98f22de89214'; value = 'User.Read.All' },
            [ordered]@{ id = '798ee544-9d2d-430c-a058-570e29e34338'; value = 'Calendars.Read' },
            [ordered]@{ id = '40f97065-3a51-4a34-8f45-3a9e3a4e1a4e'; value = 'MailboxSettings.Read' }) }
)

function Initialize-SimGraphSeed {
    # An empty tenant: the first-party service principals, the Office 365
    # Exchange Online one holding the declared auth certificates as key
    # credentials (as the Hybrid Configuration Wizard left them) and one
    # credential of its own that is no auth certificate.
    param([Parameter(Mandatory = $true)] $Data)
    $org = $script:Sim.Org
    foreach ($name in @('applications', 'servicePrincipals', 'appRoleAssignments')) {
        if (-not $org.Contains($name)) {
            $org[$name] = New-Object -TypeName 'System.Collections.ArrayList'
        }
    }
    $thumbprints = @()
    foreach ($step in @($Data.Steps)) {
        if ([string]$step.Kind -eq 'hybridKeyCredential') {
            $thumbprints += @($step.Items | ForEach-Object { [string]$_.Thumbprint })
        }
    }
    foreach ($principal in $script:SimGraphFirstParty) {
        $entry = [ordered]@{ id = (New-SimGraphId); appId = $principal.appId; displayName = $principal.displayName; appRoles = $principal.appRoles; keyCredentials = (New-Object -TypeName 'System.Collections.ArrayList') }
        if ($principal.appId -eq '00000002-0000-0ff1-ce00-000000000000') {
            foreach ($thumbprint in ($thumbprints + @('00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF'))) {
                $null = $entry.keyCredentials.Add([ordered]@{ keyId = (New-SimGraphId); customKeyIdentifier = $thumbprint; type = 'AsymmetricX509Cert'; usage = 'Verify' })
            }
        }
        $null = $org.servicePrincipals.Add($entry)
    }
}

function New-SimGraphId {
    # A new object id.
    return [guid]::NewGuid().ToString()
}

function Get-SimGraphList {
    # A list of the tenant, created when missing.
    param([Parameter(Mandatory = $true)] [string]$Name)
    if (-not $script:Sim.Org.Contains($Name) -or $null -eq $script:Sim.Org[$Name]) {
        $script:Sim.Org[$Name] = New-Object -TypeName 'System.Collections.ArrayList'
    }
    return , $script:Sim.Org[$Name]
}

function Select-SimGraphFilter {
    # The entries a -Filter of the form "<property> eq '<value>'" selects
    # (Graph compares ignoring case); any other filter is refused.
    param($Entries, [string]$Filter)
    if ($Filter -eq '') {
        return @($Entries)
    }
    if ($Filter -notmatch "^(appId|displayName) eq '((?:[^']|'')*)'$") {
        throw ('Invalid filter clause: the simulator answers appId eq and displayName eq only, not ' + $Filter)
    }
    $property = $Matches[1]
    $value = $Matches[2].Replace("''", "'")
    return @($Entries | Where-Object { [string]::Equals([string]$_[$property], $value, [System.StringComparison]::OrdinalIgnoreCase) })
}

function ConvertTo-SimGraphBytes {
    # A thumbprint as the bytes the SDK returns for customKeyIdentifier.
    param([string]$Hex)
    $bytes = New-Object -TypeName 'byte[]' -ArgumentList ($Hex.Length / 2)
    for ($i = 0; $i -lt $bytes.Length; $i++) {
        $bytes[$i] = [System.Convert]::ToByte($Hex.Substring(2 * $i, 2), 16)
    }
    return , $bytes
}

function ConvertTo-SimGraphObject {
    # A state entry as the SDK returns it: PascalCase properties,
    # customKeyIdentifier and key as bytes, the key only with IncludeKey
    # (else null, as Graph answers), no owners (a relationship).
    param([Parameter(Mandatory = $true)] $Entry, [switch]$IncludeKey)
    $out = [ordered]@{}
    foreach ($key in @($Entry.Keys)) {
        $name = $key.Substring(0, 1).ToUpperInvariant() + $key.Substring(1)
        $value = $Entry[$key]
        if ($key -eq 'owners') {
            continue
        }
        if ($key -eq 'customKeyIdentifier') {
            $value = ConvertTo-SimGraphBytes -Hex ([string]$value)
        }
        elseif ($key -eq 'key') {
            $value = $null
            if ($IncludeKey) {
                $value = [System.Convert]::FromBase64String([string]$Entry[$key])
            }
        }
        elseif ($value -is [System.Collections.IDictionary]) {
            $value = ConvertTo-SimGraphObject -Entry $value -IncludeKey:$IncludeKey
        }
        elseif ($value -is [System.Collections.IList]) {
            $value = @(foreach ($item in $value) { if ($item -is [System.Collections.IDictionary]) { ConvertTo-SimGraphObject -Entry $item -IncludeKey:$IncludeKey } else { $item } })
        }
        $out[$name] = $value
    }
    return [pscustomobject]$out
}

function Stop-SimGraph {
    # Ends the call as Graph answers a refused request.
    param([Parameter(Mandatory = $true)] [string]$Code, [Parameter(Mandatory = $true)] [string]$Message)
    $exception = New-Object -TypeName 'System.Exception' -ArgumentList ('[' + $Code + '] : ' + $Message)
    $record = New-Object -TypeName 'System.Management.Automation.ErrorRecord' -ArgumentList $exception, ($Code + ',' + $script:Sim.CurrentCmdlet), ([System.Management.Automation.ErrorCategory]::InvalidOperation), $null
    $stop = New-Object -TypeName 'System.InvalidOperationException' -ArgumentList 'simulated Graph error'
    $stop.Data['SimRecord'] = $record
    throw $stop
}
