#@ run engine-mailflow: head ConvertTo-HybridcAddressSpace Find-HybridcSendConnector ConvertTo-HybridcServerName ConvertTo-HybridcSmartHost Get-HybridcSendConnectorView Sync-HybridcSendConnector
#@ run engine-mailflow#2: head Sync-HybridcOnPremisesOrganization
#@ run engine-mailflow#3: head Sync-HybridcAcceptedDomain Sync-HybridcEmailAddressPolicy
#@ run engine-mailflow#4: head Sync-HybridcAcceptedDomain ConvertTo-HybridcAddressSpace Find-HybridcSendConnector ConvertTo-HybridcServerName ConvertTo-HybridcSmartHost Get-HybridcSendConnectorView Sync-HybridcSendConnector
#@ run engine-mailflow#5: head Sync-HybridcOrganizationConfig
#@ run engine-mailflow#6: head Set-HybridcNewRemoteDomain Sync-HybridcRemoteDomain
#@ run engine-mailflow#7: head Sync-HybridcOrganizationConfig#2
#@ run engine-mailflow#8: head Sync-HybridcOnPremisesOrganization#2
#@ piece head
# ---------------------------------------------------------------------------
# Mail flow and organization settings: Set-OrganizationConfig, accepted
# domains, the hybrid send connector (seeds 002 and 003).

#@ piece ConvertTo-HybridcAddressSpace
function ConvertTo-HybridcAddressSpace {
    # The domain of an address space as Exchange shows it (SMTP:x;1).
    param($Value)
    $text = [string]$Value
    if ($text.Contains(':')) {
        $text = $text.Substring($text.IndexOf(':') + 1)
    }
    if ($text.Contains(';')) {
        $text = $text.Substring(0, $text.IndexOf(';'))
    }
    return $text.ToLowerInvariant()
}

#@ piece Find-HybridcSendConnector
function Find-HybridcSendConnector {
    # The connector a data item names, or the hybrid connector the wizard
    # made (CloudServicesMailEnabled, or named "Outbound to Office 365 -
    # <GUID>"): with Adopt (the default) that one is managed under its own
    # name; with adopt: false, the item fails naming it.
    param([Parameter(Mandatory = $true)] $Item, $All)
    $named = @($All | Where-Object { Test-HybridcSameName -A $_.Name -B $Item.Name })
    if ($named.Count -gt 0) {
        return $named
    }
    $similar = @($All | Where-Object { (Test-HybridcFlag -Item $_ -Name 'CloudServicesMailEnabled') -or ([string]$_.Name).StartsWith('Outbound to Office 365', [StringComparison]::OrdinalIgnoreCase) })
    if ($similar.Count -eq 0) {
        return
    }
    if ($similar.Count -gt 1) {
        throw ('exists as ''' + (@($similar | ForEach-Object { [string]$_.Name }) -join ''', ''') + ''': several hybrid send connectors; name one in the configuration.')
    }
    if (-not (Test-HybridcFlag -Item $Item -Name 'Adopt')) {
        throw ('exists as ''' + [string]$similar[0].Name + ''' and adopt is false: name it in the configuration, or leave adopt out to manage it under its own name.')
    }
    return $similar
}

#@ piece ConvertTo-HybridcServerName
function ConvertTo-HybridcServerName {
    # A source transport server as its name: Exchange may render the
    # ADObjectId as the name, a canonical name (.../EX01) or a
    # distinguished name (CN=EX01,...); the behaviour table marks the
    # rendering unconfirmed, so each is reduced to the name.
    param($Value)
    $text = [string]$Value
    if ($text -match '^CN=((?:[^,\\]|\\.)+),') {
        return $Matches[1].Replace('\,', ',')
    }
    if ($text.Contains('/')) {
        return $text.Substring($text.LastIndexOf('/') + 1)
    }
    return $text
}

#@ piece ConvertTo-HybridcSmartHost
function ConvertTo-HybridcSmartHost {
    # A smart host as Exchange shows it: an IP address in brackets
    # ([10.0.0.1]), a host name as given; compared without the brackets.
    param($Value)
    return ([string]$Value).Trim().TrimStart('[').TrimEnd(']')
}

#@ piece Get-HybridcSendConnectorView
function Get-HybridcSendConnectorView {
    # The settings of a send connector hybridc compares, normalized as the
    # data declares them (plan --state compares the same way).
    param([Parameter(Mandatory = $true)] $Connector)
    # With DNS routing on, the smart hosts are not used: none count.
    $hosts = @()
    if ([string](Get-HybridcValue -Object $Connector -Name 'DNSRoutingEnabled') -ne 'True') {
        $hosts = @(@(Get-HybridcValue -Object $Connector -Name 'SmartHosts') | Where-Object { $null -ne $_ -and [string]$_ -ne '' } | ForEach-Object { ConvertTo-HybridcSmartHost -Value $_ })
    }
    return [pscustomobject]@{
        SourceTransportServers = @(@(Get-HybridcValue -Object $Connector -Name 'SourceTransportServers') | Where-Object { $null -ne $_ -and [string]$_ -ne '' } | ForEach-Object { ConvertTo-HybridcServerName -Value $_ })
        TlsAuthLevel           = Get-HybridcValue -Object $Connector -Name 'TlsAuthLevel'
        TlsDomain              = Get-HybridcValue -Object $Connector -Name 'TlsDomain'
        RequireTLS             = Get-HybridcValue -Object $Connector -Name 'RequireTLS'
        TlsCertificateName     = Get-HybridcValue -Object $Connector -Name 'TlsCertificateName'
        DNSRoutingEnabled      = Get-HybridcValue -Object $Connector -Name 'DNSRoutingEnabled'
        SmartHosts             = $hosts
    }
}

#@ piece Sync-HybridcSendConnector
function Sync-HybridcSendConnector {
    # The hybrid send connector, read once. Its address spaces are added to,
    # never replaced: other tools (the wizard) manage them too. The declared
    # settings are compared and set: source servers included (exactly with
    # exclusiveSourceServers), RequireTLS with the TLS values, DNS routing
    # off with the smart hosts.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcSendConnectors = @(Invoke-HybridcCall -Call { Get-SendConnector -ErrorAction Stop })
    } -Each {
        param($item)
        # hybridc does not create the hybrid send connector: the Hybrid
        # Configuration Wizard does. -Check reports a missing (or not
        # adopted) one as drift, -WhatIf as skipped, a run as failed.
        try {
            $current = Select-HybridcFirst -Items @(Find-HybridcSendConnector -Item $item -All $script:HybridcSendConnectors)
        }
        catch {
            Skip-HybridcItem -Item $item -Problem $_.Exception.Message
            return
        }
        if ($null -eq $current) {
            Skip-HybridcItem -Item $item -Problem 'missing: run the Hybrid Configuration Wizard first'
            return
        }
        $spaces = @(@(Get-HybridcValue -Object $current -Name 'AddressSpaces') | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ })
        $have = @($spaces | ForEach-Object { ConvertTo-HybridcAddressSpace -Value $_ })
        $missing = @(@($item.AddressSpaces) | Where-Object { $have -notcontains ([string]$_).ToLowerInvariant() })
        $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
        $view = Get-HybridcSendConnectorView -Connector $current
        foreach ($property in @($item.Properties)) {
            # The same certificate rendered with other spacing or case.
            if ($property.Name -eq 'TlsCertificateName' -and [string]$view.TlsCertificateName -ne '' -and (ConvertTo-HybridcCertificateName -Value $view.TlsCertificateName) -eq (ConvertTo-HybridcCertificateName -Value $property.Value)) {
                $view.TlsCertificateName = $property.Value
            }
        }
        $set = Get-HybridcDrift -Current $view -Properties $item.Properties -Details $details
        if ($set.ContainsKey('SmartHosts')) {
            # Smart hosts route only with DNS routing off (same command).
            $set['DNSRoutingEnabled'] = $false
        }
        if ($set['SourceTransportServers'] -is [hashtable]) {
            # Included, not exact: the servers it has and the missing ones
            # (the union, as for the address spaces).
            $set['SourceTransportServers'] = @(@($view.SourceTransportServers) + @($set['SourceTransportServers']['Add']))
        }
        if ($missing.Count -gt 0) {
            $set['AddressSpaces'] = @($spaces) + @($missing)
            $details.Insert(0, 'add address spaces ' + ($missing -join ', '))
        }
        $adopted = ''
        if ([string]$current.Name -ne [string]$item.Name) {
            $adopted = 'exists as ''' + [string]$current.Name + ''': adopted'
        }
        if ($set.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged' -Detail $adopted
            return
        }
        $key = Get-HybridcKey -Object $current
        $on = ' on ''' + [string]$current.Name + ''''
        if ($adopted -ne '') {
            $on = ' (' + $adopted + ')'
        }
        $null = Invoke-HybridcChange -Item $item -Action (($details -join '; ') + $on) -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Set-SendConnector -Identity $key @set -Confirm:$false -ErrorAction Stop }
        }
    }
}
#@ piece Sync-HybridcOnPremisesOrganization
function Sync-HybridcOnPremisesOrganization {
    # The tenant's object for the on-premises organization, found by its
    # OrganizationGuid (one per on-premises organization): an existing one
    # is managed under its own name, whatever the YAML names it (the
    # wizard's is named after the GUID). New-OnPremisesOrganization takes
    # every declared setting.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcOnPremisesOrganizations = @(Invoke-HybridcCall -Call { Get-OnPremisesOrganization -ErrorAction Stop })
    } -Each {
        param($item)
        $current = @($script:HybridcOnPremisesOrganizations | Where-Object { Test-HybridcSameName -A ([string]$_.OrganizationGuid) -B $item.OrganizationGuid })
        if ($current.Count -gt 1) {
            throw ('exists as ''' + (@($current | ForEach-Object { [string]$_.Name }) -join ''', ''') + ''': several on-premises organization objects have the OrganizationGuid ' + [string]$item.OrganizationGuid + '; remove all but one.')
        }
        if ($current.Count -eq 0) {
            $settings = ConvertTo-HybridcSplat -Properties $item.Properties
            $null = Invoke-HybridcChange -Item $item -Action 'New-OnPremisesOrganization' -Done 'created' -Change {
                $null = Invoke-HybridcCall -Change -Call { New-OnPremisesOrganization -Name ([string]$item.Name) -OrganizationGuid ([string]$item.OrganizationGuid) @settings -Confirm:$false -ErrorAction Stop }
            }
            return
        }
        $adopted = ''
        if (-not (Test-HybridcSameName -A ([string]$current[0].Name) -B $item.Name)) {
            $adopted = 'exists as ''' + [string]$current[0].Name + ''''
        }
        $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
        $drift = Get-HybridcDrift -Current $current[0] -Properties $item.Properties -Details $details
        if ($drift.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged' -Detail $adopted
            return
        }
        $key = Get-HybridcKey -Object $current[0]
        $action = 'set ' + ($details -join '; ')
        if ($adopted -ne '') {
            $action = $adopted + '; ' + $action
        }
        $null = Invoke-HybridcChange -Item $item -Action $action -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Set-OnPremisesOrganization -Identity $key @drift -Confirm:$false -ErrorAction Stop }
        }
    }
}

#@ piece Sync-HybridcOnPremisesOrganization#2
function Sync-HybridcOnPremisesOrganization {
    # The tenant's object for the on-premises organization, found by its
    # OrganizationGuid (one per on-premises organization): an existing one
    # is managed under its own name, whatever the YAML names it (the
    # wizard's is named after the GUID). New-OnPremisesOrganization takes
    # every declared setting.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcOnPremisesOrganizations = @(Invoke-HybridcCall -Call { Get-OnPremisesOrganization -ErrorAction Stop })
    } -Each {
        param($item)
        $current = @($script:HybridcOnPremisesOrganizations | Where-Object { Test-HybridcSameName -A ([string]$_.OrganizationGuid) -B $item.OrganizationGuid })
        if ($current.Count -gt 1) {
            throw ('exists as ''' + (@($current | ForEach-Object { [string]$_.Name }) -join ''', ''') + ''': several on-premises organization objects have the OrganizationGuid ' + [string]$item.OrganizationGuid + '; remove all but one.')
        }
        if ($current.Count -eq 0) {
            $settings = ConvertTo-HybridcSplat -Properties $item.Properties
            $null = Invoke-HybridcChange -Item $item -Action 'New-OnPremisesOrganization' -Done 'created' -Change {
                $null = Invoke-HybridcCall -Change -Call { New-OnPremisesOrganization -Name ([string]$item.Name) -OrganizationGuid ([string]$item.OrganizationGuid) @settings -Confirm:$false -ErrorAction Stop }
            }
            return
        }
        $adopted = ''
        if (-not (Test-HybridcSameName -A ([string]$current[0].Name) -B $item.Name)) {
            $adopted = 'exists as ''' + [string]$current[0].Name + ''''
        }
        $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
        $drift = Get-HybridcDrift -Current $current[0] -Properties $item.Properties -Details $details
        if ($drift.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged' -Detail $adopted
            return
        }
        $key = Get-HybridcKey -Object $current[0]
        $action = 'set ' + ($details -join '; ')
        if ($adopted -ne '') {
            $action = $adopted + '; ' + $action
        }
        $null = Invoke-HybridcChange -Item $item -Action $action -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Set-OnPremisesOrganization -Identity $key @drift -Confirm:$false -ErrorAction Stop }
        }
    }
}
#@ piece Sync-HybridcAcceptedDomain
function Sync-HybridcAcceptedDomain {
    # Accepted domains, read once, matched by domain name.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcAcceptedDomains = @(Invoke-HybridcCall -Call { Get-AcceptedDomain -ErrorAction Stop })
    } -Each {
        param($item)
        $current = @($script:HybridcAcceptedDomains | Where-Object { Test-HybridcSameName -A $_.DomainName -B $item.Name })
        if ($current.Count -eq 0) {
            $create = ConvertTo-HybridcSplat -Properties $item.Properties
            $null = Invoke-HybridcChange -Item $item -Action 'New-AcceptedDomain' -Done 'created' -Change {
                $null = Invoke-HybridcCall -Change -Call { New-AcceptedDomain -Name ([string]$item.Name) -DomainName ([string]$item.Name) @create -Confirm:$false -ErrorAction Stop }
            }
            return
        }
        $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
        $drift = Get-HybridcDrift -Current $current[0] -Properties $item.Properties -Details $details
        if ($drift.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $type = [string](Get-HybridcValue -Object $current[0] -Name 'DomainType')
        if ($type -eq 'Authoritative' -and $drift.ContainsKey('DomainType')) {
            # A group domain never turns an existing Authoritative domain
            # (a primary SMTP domain) into a relay of its mail to Exchange
            # Online: with -Check that is drift, otherwise the item fails.
            $refusal = 'is an Authoritative accepted domain; hybridc does not change it to ' + [string]$drift['DomainType'] + ' (its mail would be relayed to Exchange Online): declare a group domain of its own, or change the domain type yourself'
            if ($Check) {
                Add-HybridcResult -Item $item -Status 'drifted' -Detail $refusal
                return
            }
            throw $refusal
        }
        $key = Get-HybridcKey -Object $current[0]
        $null = Invoke-HybridcChange -Item $item -Action ('set ' + ($details -join '; ')) -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Set-AcceptedDomain -Identity $key @drift -Confirm:$false -ErrorAction Stop }
        }
    }
}

#@ piece Sync-HybridcEmailAddressPolicy
function Sync-HybridcEmailAddressPolicy {
    # Email address policies, read once, matched by name. The declared
    # templates are added to the policy's (@{ Add = ... }), the others
    # kept. A policy is never created, and Update-EmailAddressPolicy is
    # never run: it rewrites the addresses of every recipient the policy
    # applies to (the runbook's step).
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcAddressPolicies = @(Invoke-HybridcCall -Call { Get-EmailAddressPolicy -ErrorAction Stop })
    } -Each {
        param($item)
        $current = @($script:HybridcAddressPolicies | Where-Object { Test-HybridcSameName -A $_.Name -B $item.Name })
        if ($current.Count -eq 0) {
            throw ('The email address policy ' + [string]$item.Name + ' does not exist: hybridc adds templates to an existing policy and creates none.')
        }
        $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
        $drift = Get-HybridcDrift -Current $current[0] -Properties $item.Properties -Details $details
        if ($drift.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $key = Get-HybridcKey -Object $current[0]
        $null = Invoke-HybridcChange -Item $item -Action ('set ' + ($details -join '; ')) -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Set-EmailAddressPolicy -Identity $key @drift -Confirm:$false -ErrorAction Stop }
        }
    }
}

#@ piece Sync-HybridcOrganizationConfig
function Sync-HybridcOrganizationConfig {
    # Organization-wide settings, compared with Get-OrganizationConfig.
    param($Items)
    Invoke-HybridcItems -Items $Items -Each {
        param($item)
        $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
        $drift = Get-HybridcDrift -Current $script:HybridcOrganization -Properties $item.Properties -Details $details
        if ($drift.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $null = Invoke-HybridcChange -Item $item -Action ('set ' + ($details -join '; ')) -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Set-OrganizationConfig @drift -Confirm:$false -ErrorAction Stop }
        }
    }
}
#@ piece Sync-HybridcOrganizationConfig#2
function Sync-HybridcOrganizationConfig {
    # Organization-wide settings, compared with Get-OrganizationConfig.
    param($Items)
    Invoke-HybridcItems -Items $Items -Each {
        param($item)
        $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
        $drift = Get-HybridcDrift -Current $script:HybridcOrganization -Properties $item.Properties -Details $details
        if ($drift.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $null = Invoke-HybridcChange -Item $item -Action ('set ' + ($details -join '; ')) -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Set-OrganizationConfig @drift -Confirm:$false -ErrorAction Stop }
        }
    }
}

#@ piece Set-HybridcNewRemoteDomain
function Set-HybridcNewRemoteDomain {
    # Sets a new remote domain's settings. New-RemoteDomain made it with
    # Exchange's defaults (automatic forwarding and replies on), so a Set
    # that fails is no ordinary failure: one that did not find the new
    # object (replication) or failed transiently is tried once more, and
    # a Set that still fails says the domain is more permissive than
    # declared until a run sets it.
    param($Item, $Key, $Settings)
    try {
        $null = Invoke-HybridcCall -Change -Call { Set-RemoteDomain -Identity $Key @Settings -Confirm:$false -ErrorAction Stop }
        return
    }
    catch {
        $failed = $_.Exception
    }
    $kind = [string]$failed.Data['HybridcErrorKind']
    if ($kind -eq 'notFound' -or $kind -eq 'transient') {
        Write-Verbose ('Set-RemoteDomain on the new remote domain ' + [string]$Item.DomainName + ' answered ' + $kind + '; trying again in 5 s: ' + $failed.Message)
        Start-Sleep -Seconds 5
        try {
            $null = Invoke-HybridcCall -Change -Call { Set-RemoteDomain -Identity $Key @Settings -Confirm:$false -ErrorAction Stop }
            return
        }
        catch {
            $failed = $_.Exception
        }
    }
    $message = 'The remote domain ' + [string]$Item.DomainName + ' was created with Exchange''s defaults for a new remote domain (automatic forwarding and replies allowed; online, the outbound spam policy still applies), and its declared settings may not be set: fix the cause below and run the script again before relying on it. ' + $failed.Message
    $failure = New-Object -TypeName 'System.InvalidOperationException' -ArgumentList ($message, $failed)
    $failure.Data['HybridcErrorKind'] = $failed.Data['HybridcErrorKind']
    throw $failure
}

#@ piece Sync-HybridcRemoteDomain
function Sync-HybridcRemoteDomain {
    # Remote domains, read once, matched by domain. New-RemoteDomain takes
    # only the name and the domain: a new one then gets its settings from
    # Set-RemoteDomain, on the object New-RemoteDomain returned (by its key:
    # the name could be a Guid, naming another object).
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcRemoteDomains = @(Invoke-HybridcCall -Call { Get-RemoteDomain -ErrorAction Stop })
    } -Each {
        param($item)
        $current = @($script:HybridcRemoteDomains | Where-Object { Test-HybridcSameName -A $_.DomainName -B $item.DomainName })
        if ($current.Count -gt 1) {
            throw ('exists as ''' + (@($current | ForEach-Object { [string]$_.Name }) -join ''', ''') + ''': several remote domains have the domain ' + [string]$item.DomainName + '; remove all but one.')
        }
        if ($current.Count -eq 0) {
            $settings = ConvertTo-HybridcSplat -Properties $item.Properties
            $shown = @(@($item.Properties) | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_.Name + '=' + (ConvertTo-HybridcText -Value $_.Value) })
            $action = 'New-RemoteDomain'
            if ($shown.Count -gt 0) {
                $action = $action + '; set ' + ($shown -join '; ')
            }
            $null = Invoke-HybridcChange -Item $item -Action $action -Done 'created' -Change {
                $created = Select-HybridcFirst -Items (Invoke-HybridcCall -Change -Call { New-RemoteDomain -Name ([string]$item.Name) -DomainName ([string]$item.DomainName) -Confirm:$false -ErrorAction Stop })
                if ($settings.Count -gt 0) {
                    if ($null -eq $created) {
                        throw 'New-RemoteDomain returned no object to set the settings on.'
                    }
                    Set-HybridcNewRemoteDomain -Item $item -Key (Get-HybridcKey -Object $created) -Settings $settings
                }
            }
            return
        }
        $details = New-Object -TypeName 'System.Collections.Generic.List[string]'
        $drift = Get-HybridcDrift -Current $current[0] -Properties $item.Properties -Details $details
        if ($drift.Count -eq 0) {
            Add-HybridcResult -Item $item -Status 'unchanged'
            return
        }
        $key = Get-HybridcKey -Object $current[0]
        $null = Invoke-HybridcChange -Item $item -Action ('set ' + ($details -join '; ')) -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Set-RemoteDomain -Identity $key @drift -Confirm:$false -ErrorAction Stop }
        }
    }
}

