#@ run oauth-between-exchange: head Get-HybridcDeclaredValue Test-HybridcDomainOverlap Update-HybridcVariantConfiguration Sync-HybridcDedicatedApplication
#@ run oauth-between-exchange#2: head Get-HybridcDeclaredValue Test-HybridcDomainOverlap Sync-HybridcIntraOrganizationConnector
#@ run oauth-between-exchange#3: head Get-HybridcDeclaredValue Test-HybridcDomainOverlap Sync-HybridcIntraOrganizationConnector Split-HybridcAuthServerSettings Sync-HybridcAuthServer Update-HybridcVariantConfiguration Sync-HybridcDedicatedApplication
#@ piece head
# ---------------------------------------------------------------------------
# OAuth between Exchange Server and Exchange Online: the intra-organization
# connectors (free/busy, MailTips and photos over OAuth), the on-premises
# auth servers and the setting override of the dedicated Exchange hybrid
# application.

#@ piece Get-HybridcDeclaredValue
function Get-HybridcDeclaredValue {
    # The declared value of one property of a data item, or $null.
    param($Item, [string]$Name)
    foreach ($property in @($Item.Properties)) {
        if ($null -ne $property -and [string]$property.Name -eq $Name) {
            return $property.Value
        }
    }
    return $null
}

#@ piece Test-HybridcDomainOverlap
function Test-HybridcDomainOverlap {
    # Whether any domain of Current is one of Declared (ordinal, ignoring
    # case, as Exchange compares domains).
    param($Current, $Declared)
    foreach ($have in @($Current)) {
        foreach ($want in @($Declared)) {
            if (Test-HybridcSameName -A ([string]$have) -B ([string]$want)) {
                return $true
            }
        }
    }
    return $false
}

#@ piece Update-HybridcVariantConfiguration
function Update-HybridcVariantConfiguration {
    # Makes the server the script runs on read the setting overrides now
    # (the others within about an hour), as Microsoft's "Deploy dedicated
    # Exchange hybrid app" says to after a change.
    $null = Invoke-HybridcCall -Change -Call { Get-ExchangeDiagnosticInfo -Process 'Microsoft.Exchange.Directory.TopologyService' -Component 'VariantConfiguration' -Argument 'Refresh' -ErrorAction Stop }
}

#@ piece Sync-HybridcDedicatedApplication
function Sync-HybridcDedicatedApplication {
    # The organization-wide setting override of the dedicated Exchange
    # hybrid application, found by its component and section (Global,
    # ExchangeOnpremAsThirdPartyAppId) whatever its name; its Parameters
    # turn the feature on or off.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcSettingOverrides = @(Invoke-HybridcCall -Call { Get-SettingOverride -ErrorAction Stop })
    } -Each {
        param($item)
        $current = @($script:HybridcSettingOverrides | Where-Object { (Test-HybridcSameName -A $_.ComponentName -B 'Global') -and (Test-HybridcSameName -A $_.SectionName -B 'ExchangeOnpremAsThirdPartyAppId') })
        if ($current.Count -gt 1) {
            throw ('exists as ''' + (@($current | ForEach-Object { [string]$_.Name }) -join ''', ''') + ''': several setting overrides control the dedicated Exchange hybrid application; remove all but one.')
        }
        $parameters = @(Get-HybridcDeclaredValue -Item $item -Name 'Parameters')
        if ($current.Count -eq 0) {
            $null = Invoke-HybridcChange -Item $item -Action ('New-SettingOverride -Component Global -Section ExchangeOnpremAsThirdPartyAppId; Parameters=' + ($parameters -join ', ') + '; refresh the variant configuration') -Done 'created' -Change {
                $null = Invoke-HybridcCall -Change -Call { New-SettingOverride -Name ([string]$item.Name) -Component 'Global' -Section 'ExchangeOnpremAsThirdPartyAppId' -Parameters $parameters -Reason 'Dedicated Exchange hybrid application (hybridc)' -Confirm:$false -ErrorAction Stop }
                Update-HybridcVariantConfiguration
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
        $null = Invoke-HybridcChange -Item $item -Action ('set ' + ($details -join '; ') + '; refresh the variant configuration') -Done 'updated' -Change {
            $null = Invoke-HybridcCall -Change -Call { Set-SettingOverride -Identity $key @drift -Confirm:$false -ErrorAction Stop }
            Update-HybridcVariantConfiguration
        }
    }
}

#@ piece Sync-HybridcIntraOrganizationConnector
function Sync-HybridcIntraOrganizationConnector {
    # Intra-organization connectors, read once, matched by their target
    # address domains: a connector any of whose domains is declared is the
    # declared one (the wizard's "HybridIOC - <GUID>" is adopted, keeping
    # its name); two such connectors are refused. New- takes every setting.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcIntraOrganizationConnectors = @(Invoke-HybridcCall -Call { Get-IntraOrganizationConnector -ErrorAction Stop })
    } -Each {
        param($item)
        $domains = @(Get-HybridcDeclaredValue -Item $item -Name 'TargetAddressDomains')
        $current = @($script:HybridcIntraOrganizationConnectors | Where-Object { Test-HybridcDomainOverlap -Current $_.TargetAddressDomains -Declared $domains })
        if ($current.Count -gt 1) {
            throw ('exists as ''' + (@($current | ForEach-Object { [string]$_.Name }) -join ''', ''') + ''': several intra-organization connectors serve the declared domains; remove all but one.')
        }
        if ($current.Count -eq 0) {
            $settings = ConvertTo-HybridcSplat -Properties $item.Properties
            $shown = @(@($item.Properties) | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_.Name + '=' + (ConvertTo-HybridcText -Value $_.Value) })
            $null = Invoke-HybridcChange -Item $item -Action ('New-IntraOrganizationConnector; ' + ($shown -join '; ')) -Done 'created' -Change {
                $null = Invoke-HybridcCall -Change -Call { New-IntraOrganizationConnector -Name ([string]$item.Name) @settings -Confirm:$false -ErrorAction Stop }
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
            $null = Invoke-HybridcCall -Change -Call { Set-IntraOrganizationConnector -Identity $key @drift -Confirm:$false -ErrorAction Stop }
        }
    }
}

#@ piece Split-HybridcAuthServerSettings
function Split-HybridcAuthServerSettings {
    # ApplicationIdentifier is in another parameter set of New-AuthServer
    # and Set-AuthServer (AppSecret) than AuthMetadataUrl: it is set in a
    # call of its own. Returns the other settings and puts it in AppId.
    param([hashtable]$Settings, [ref]$AppId)
    $rest = @{}
    foreach ($name in @($Settings.Keys)) {
        if ([string]$name -eq 'ApplicationIdentifier') {
            $AppId.Value = $Settings[$name]
        }
        else {
            $rest[$name] = $Settings[$name]
        }
    }
    return $rest
}

#@ piece Sync-HybridcAuthServer
function Sync-HybridcAuthServer {
    # Auth servers, read once, matched by name. New-AuthServer takes the
    # settings but the application identifier; a new one is the tenant's
    # Entra ID (-Type AzureAD). The application identifier, in a parameter
    # set of its own, is set by a Set-AuthServer of its own.
    param($Items)
    Invoke-HybridcStep -Items $Items -Read {
        $script:HybridcAuthServers = @(Invoke-HybridcCall -Call { Get-AuthServer -ErrorAction Stop })
    } -Each {
        param($item)
        $current = @($script:HybridcAuthServers | Where-Object { Test-HybridcSameName -A $_.Name -B $item.Name })
        if ($current.Count -gt 1) {
            throw ('several auth servers are named ' + [string]$item.Name + '; remove all but one.')
        }
        $appId = $null
        if ($current.Count -eq 0) {
            $settings = Split-HybridcAuthServerSettings -Settings (ConvertTo-HybridcSplat -Properties $item.Properties) -AppId ([ref]$appId)
            $shown = @(@($item.Properties) | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_.Name + '=' + (ConvertTo-HybridcText -Value $_.Value) })
            $null = Invoke-HybridcChange -Item $item -Action ('New-AuthServer -Type AzureAD; ' + ($shown -join '; ')) -Done 'created' -Change {
                $created = Select-HybridcFirst -Items (Invoke-HybridcCall -Change -Call { New-AuthServer -Name ([string]$item.Name) -Type 'AzureAD' @settings -Confirm:$false -ErrorAction Stop })
                if ($null -ne $appId) {
                    if ($null -eq $created) {
                        throw 'New-AuthServer returned no object to set the application identifier on.'
                    }
                    $key = Get-HybridcKey -Object $created
                    $null = Invoke-HybridcCall -Change -Call { Set-AuthServer -Identity $key -ApplicationIdentifier $appId -Confirm:$false -ErrorAction Stop }
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
        $rest = Split-HybridcAuthServerSettings -Settings $drift -AppId ([ref]$appId)
        $key = Get-HybridcKey -Object $current[0]
        $null = Invoke-HybridcChange -Item $item -Action ('set ' + ($details -join '; ')) -Done 'updated' -Change {
            if ($rest.Count -gt 0) {
                $null = Invoke-HybridcCall -Change -Call { Set-AuthServer -Identity $key @rest -Confirm:$false -ErrorAction Stop }
            }
            if ($null -ne $appId) {
                $null = Invoke-HybridcCall -Change -Call { Set-AuthServer -Identity $key -ApplicationIdentifier $appId -Confirm:$false -ErrorAction Stop }
            }
        }
    }
}

