# The simulated organization: a state file (the format hybridc export writes,
# schema/state.schema.json) held in memory, with indexes for the identity
# forms Exchange resolves. Dot-sourced by HybridcSimulator.psm1.

function New-SimGuid {
    # A deterministic Guid for a new object: the same run gives the same
    # Guids, so that call logs and states compare byte for byte.
    param([Parameter(Mandatory = $true)] [string]$Seed)
    $script:Sim.GuidCounter++
    $md5 = [System.Security.Cryptography.MD5]::Create()
    $bytes = $md5.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($Seed + '|' + [string]$script:Sim.GuidCounter))
    return ([guid]::new([byte[]]$bytes)).ToString()
}

function New-SimOrganization {
    # An empty organization of the given kind, with what every new
    # organization has: its configuration, the built-in role groups with the
    # running account as member, the default role assignment policy.
    param([Parameter(Mandatory = $true)] [string]$Kind, [Parameter(Mandatory = $true)] [string]$Name)
    if ($Kind -eq 'entraId') {
        # A tenant's Entra ID as Microsoft Graph shows it (Sim.Graph.ps1).
        return [ordered]@{ formatVersion = 1; kind = $Kind; organization = $Name; applications = @(); servicePrincipals = @(); appRoleAssignments = @() }
    }
    $org = [ordered]@{
        formatVersion = 1; kind = $Kind; organization = $Name; folders = @()
        organizationConfig = [ordered]@{ name = $Name }
        federatedDomains = @(); acceptedDomains = @(); organizationRelationships = @()
        availabilityAddressSpaces = @(); sendConnectors = @(); recipients = @(); unifiedGroups = @()
        roleGroups = @(); roleAssignmentPolicies = @(); permissions = @(); messageConfigurations = @()
        remoteDomains = @(); receiveConnectors = @(); inboundConnectors = @(); outboundConnectors = @(); emailAddressPolicies = @(); onPremisesOrganizations = @(); webServicesVirtualDirectories = @(); migrationEndpoints = @(); intraOrganizationConnectors = @(); authServers = @(); settingOverrides = @(); partnerApplications = @()
    }
    if ($Kind -eq 'onPremises') {
        $org.exchangeVersion = 'Version 15.2 (Build 2562.17)'
        $org.organizationConfig.aclableSyncedObjectEnabled = $false
    }
    else {
        $org.organizationConfig.isDehydrated = $false
    }
    return $org
}

function ConvertFrom-SimJson {
    # Parsed JSON as ordered hashtables and arrays (PowerShell 7's
    # ConvertFrom-Json -AsHashtable gives unordered ones).
    # Scalars are copied without a call: a large state holds hundreds of
    # thousands of them.
    param($Value)
    if ($Value -is [System.Collections.IDictionary]) {
        $out = [ordered]@{}
        foreach ($key in $Value.Keys) {
            $entry = $Value[$key]
            if ($entry -is [System.Collections.IDictionary] -or ($entry -is [System.Collections.IList] -and $entry -isnot [string])) {
                $entry = ConvertFrom-SimJson -Value $entry
            }
            $out[$key] = $entry
        }
        return $out
    }
    if ($Value -is [System.Collections.IList] -and $Value -isnot [string]) {
        $list = New-Object -TypeName 'System.Collections.ArrayList'
        foreach ($entry in $Value) {
            if ($entry -is [System.Collections.IDictionary] -or ($entry -is [System.Collections.IList] -and $entry -isnot [string])) {
                $entry = ConvertFrom-SimJson -Value $entry
            }
            $null = $list.Add($entry)
        }
        return , $list
    }
    return $Value
}

function Import-SimState {
    # Reads a state file into the simulator's organization.
    param([Parameter(Mandatory = $true)] [string]$Path)
    $parsed = Get-Content -LiteralPath $Path -Raw -Encoding UTF8 | ConvertFrom-Json -AsHashtable -Depth 64
    $org = ConvertFrom-SimJson -Value $parsed
    if ([string]$org['kind'] -eq 'entraId') {
        return $org
    }
    foreach ($name in @('folders', 'federatedDomains', 'acceptedDomains', 'organizationRelationships', 'availabilityAddressSpaces', 'sendConnectors', 'recipients', 'unifiedGroups', 'roleGroups', 'roleAssignmentPolicies', 'permissions', 'messageConfigurations', 'remoteDomains', 'receiveConnectors', 'inboundConnectors', 'outboundConnectors', 'emailAddressPolicies', 'onPremisesOrganizations', 'webServicesVirtualDirectories', 'migrationEndpoints', 'intraOrganizationConnectors', 'authServers', 'settingOverrides', 'partnerApplications')) {
        if (-not $org.Contains($name) -or $null -eq $org[$name]) {
            $org[$name] = New-Object -TypeName 'System.Collections.ArrayList'
        }
    }
    if (-not $org.Contains('organizationConfig')) {
        $org.organizationConfig = [ordered]@{ name = $org.organization }
    }
    return $org
}

function Initialize-SimLists {
    # Every list of the organization as an ArrayList, so that handlers add
    # and remove in place.
    foreach ($key in @($script:Sim.Org.Keys)) {
        $value = $script:Sim.Org[$key]
        if ($value -is [array]) {
            $list = New-Object -TypeName 'System.Collections.ArrayList'
            foreach ($entry in $value) {
                $null = $list.Add($entry)
            }
            $script:Sim.Org[$key] = $list
        }
    }
}

function Export-SimState {
    # Writes the organization in the state format: keys starting with '_'
    # are the simulator's own and are left out.
    # A list the state format added later (remoteDomains, the connectors and
    # the other hybrid objects) is left out
    # while empty, as hybridc writes it (omitempty): an organization read
    # without it is written back without it.
    param([Parameter(Mandatory = $true)] [string]$Path)
    $public = ConvertTo-SimPublic -Value $script:Sim.Org
    foreach ($key in @('remoteDomains', 'receiveConnectors', 'inboundConnectors', 'outboundConnectors', 'emailAddressPolicies', 'onPremisesOrganizations', 'webServicesVirtualDirectories', 'migrationEndpoints', 'intraOrganizationConnectors', 'authServers', 'settingOverrides', 'partnerApplications')) {
        if ($public.Contains($key) -and @($public[$key]).Count -eq 0) {
            $public.Remove($key)
        }
    }
    $json = ConvertTo-Json -InputObject $public -Depth 64
    [System.IO.File]::WriteAllText($Path, $json + "`n", (New-Object -TypeName 'System.Text.UTF8Encoding' -ArgumentList $false))
}

function ConvertTo-SimPublic {
    # Scalars are copied without a call, as in ConvertFrom-SimJson.
    param($Value)
    if ($Value -is [System.Collections.IDictionary]) {
        $out = [ordered]@{}
        foreach ($key in $Value.Keys) {
            if (-not ([string]$key).StartsWith('_')) {
                $entry = $Value[$key]
                if ($entry -is [System.Collections.IDictionary] -or ($entry -is [System.Collections.IList] -and $entry -isnot [string])) {
                    $entry = ConvertTo-SimPublic -Value $entry
                }
                $out[$key] = $entry
            }
        }
        return $out
    }
    if ($Value -is [System.Collections.IList] -and $Value -isnot [string]) {
        return , @(foreach ($entry in $Value) {
                if ($entry -is [System.Collections.IDictionary] -or ($entry -is [System.Collections.IList] -and $entry -isnot [string])) {
                    ConvertTo-SimPublic -Value $entry
                }
                else {
                    $entry
                }
            })
    }
    return $Value
}

function Get-SimField {
    # A field of a state record, or $null.
    param($Record, [Parameter(Mandatory = $true)] [string]$Name)
    if ($null -ne $Record -and $Record.Contains($Name)) {
        return $Record[$Name]
    }
    return $null
}

function Get-SimNetbios {
    # The NetBIOS domain the on-premises organization shows in DOMAIN\user:
    # the first DC= part of its distinguished names, in capitals.
    foreach ($recipient in $script:Sim.Org.recipients) {
        $dn = [string](Get-SimField -Record $recipient -Name 'distinguishedName')
        $match = [regex]::Match($dn, '(?i)DC=([^,]+)')
        if ($match.Success) {
            return $match.Groups[1].Value.ToUpperInvariant()
        }
    }
    return 'CONTOSO'
}

function Get-SimRecipientType {
    # RecipientType as Exchange derives it from RecipientTypeDetails.
    param([Parameter(Mandatory = $true)] $Recipient)
    $details = [string](Get-SimField -Record $Recipient -Name 'recipientTypeDetails')
    switch -Regex ($details) {
        '^(UserMailbox|SharedMailbox|RoomMailbox|EquipmentMailbox|DiscoveryMailbox|ArbitrationMailbox)$' { return 'UserMailbox' }
        '^(RemoteUserMailbox|MailUser|RemoteSharedMailbox|GuestMailUser)$' { return 'MailUser' }
        '^GroupMailbox$' { return 'MailUniversalDistributionGroup' }
        '^MailUniversalSecurityGroup$' { return 'MailUniversalSecurityGroup' }
        '^MailUniversalDistributionGroup$' { return 'MailUniversalDistributionGroup' }
        '^(RoleGroup|UniversalSecurityGroup|NonUniversalGroup)$' { return 'Group' }
        '^$' { return 'User' }
    }
    return 'User'
}
